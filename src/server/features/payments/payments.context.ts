// What the parts of the payments feature share: its store and ledger, the payables
// registry, the configured providers and the clock. Built once by PaymentsService.
import type { Clock } from '../../platform/clock.ts';
import type { AuditLog } from '../../platform/audit/audit.ts';
import { AppError } from '../../platform/http/errors.ts';
import type { PaymentsConfig } from './payments.config.ts';
import type { Ledger } from './payments.ledger.ts';
import type { Payables, PaymentSnapshot } from './payments.payables.ts';
import type { PaymentProvider, ProviderName, ProviderPayment } from './payments.provider.ts';
import type { PaymentRow, PaymentsStore } from './payments.store.ts';
import type { Database } from '../../platform/db/unit-of-work.ts';

export interface PaymentsLogger {
  info(obj: unknown, msg?: string): void;
  warn(obj: unknown, msg?: string): void;
  error(obj: unknown, msg?: string): void;
}

export const silentLogger: PaymentsLogger = { info: () => undefined, warn: () => undefined, error: () => undefined };

export interface PaymentsContext {
  /** The unit of work: transactions and effects after their commit. */
  db: Database;
  store: PaymentsStore;
  ledger: Ledger;
  payables: Payables;
  providers: Map<ProviderName, PaymentProvider>;
  clock: Clock;
  audit: AuditLog;
  config: PaymentsConfig;
  /** The public address, read when needed (it may be known only once the server listens). */
  publicUrl: () => string;
  log: PaymentsLogger;
}

export function providerOf(ctx: PaymentsContext, name: ProviderName): PaymentProvider {
  const provider = ctx.providers.get(name);
  if (!provider)
    throw new AppError(422, 'provider_unavailable', `Payments with ${name} are not available here.`, { provider: 'is not configured on this server' });
  return provider;
}

export function providerPayment(p: PaymentRow): ProviderPayment {
  return {
    id: p.id,
    amount: p.amount,
    currency: p.currency,
    description: p.description,
    createdAt: p.createdAt,
    expiresAt: p.expiresAt,
    providerRef: p.providerRef,
    providerTxn: p.providerTxn,
  };
}

export function snapshot(p: PaymentRow): PaymentSnapshot {
  return {
    id: p.id,
    kind: p.kind,
    referenceId: p.referenceId,
    payerId: p.payerId,
    provider: p.provider,
    amount: p.amount,
    currency: p.currency,
    status: p.status,
    refundedAmount: p.refundedAmount,
  };
}
