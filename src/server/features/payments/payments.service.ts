// The payments rules: create a payment for a payable, read it (the payer or an admin),
// refund it (automatically or by an admin), and the ledger operations the consultations
// feature calls (a free consultation's subsidy, a paid one's settlement). Provider events go
// through the inbox; stale pending payments through the reconciler.
import { createHash } from 'node:crypto';
import QRCode from 'qrcode';
import { hasRole, type Actor } from '../../platform/auth/actor.ts';
import type { AuditLog } from '../../platform/audit/audit.ts';
import type { Clock } from '../../platform/clock.ts';
import { isUniqueViolation } from '../../platform/db/db.ts';
import type { Database } from '../../platform/db/unit-of-work.ts';
import { AppError, conflict, notFound } from '../../platform/http/errors.ts';
import { newId } from '../../platform/ids.ts';
import type { PaymentsConfig } from './payments.config.ts';
import { providerOf, providerPayment, silentLogger, type PaymentsContext, type PaymentsLogger } from './payments.context.ts';
import { PaymentInbox } from './payments.inbox.ts';
import { doctorAccount, Ledger } from './payments.ledger.ts';
import { Payables } from './payments.payables.ts';
import { PROVIDERS, type IncomingNotification, type PaymentProvider, type ProviderName } from './payments.provider.ts';
import { SandboxProvider } from './payments.provider-sandbox.ts';
import { Reconciler, type ReconcileReport } from './payments.reconcile.ts';
import { RefundDesk } from './payments.refunds.ts';
import { PaymentsStore, type PaymentRow, type RefundRow } from './payments.store.ts';
import type { AdminRefund, Ledger as LedgerSummary, Payment as PaymentView, Refund as RefundView } from '../../../shared/contracts/payments.ts';


export interface PaymentsDeps {
  db: Database;
  clock: Clock;
  audit: AuditLog;
  config: PaymentsConfig;
  publicUrl: () => string;
  /** Providers built elsewhere (tests); by default from config. */
  providers?: PaymentProvider[];
  log?: PaymentsLogger;
}

const refundView = (r: RefundRow): RefundView => ({
  id: r.id,
  paymentId: r.paymentId,
  amount: r.amount,
  reason: r.reason,
  status: r.status,
  requestedBy: r.requestedBy,
  attempts: r.attempts,
  lastError: r.lastError,
  createdAt: r.createdAt,
  updatedAt: r.updatedAt,
});

const hash = (value: unknown) => createHash('sha256').update(JSON.stringify(value)).digest('hex');
const isAdmin = (actor: Actor) => hasRole(actor, 'admin');

export class PaymentsService {
  readonly payables = new Payables();
  readonly ledger: Ledger;
  private readonly store: PaymentsStore;
  private readonly ctx: PaymentsContext;
  private readonly refunds: RefundDesk;
  readonly inbox: PaymentInbox;
  readonly reconciler: Reconciler;

  constructor(deps: PaymentsDeps, buildProviders: (config: PaymentsConfig) => PaymentProvider[] = () => []) {
    this.store = new PaymentsStore(deps.db);
    this.ledger = new Ledger(deps.db);
    const providers = new Map<ProviderName, PaymentProvider>();
    for (const provider of deps.providers ?? buildProviders(deps.config)) providers.set(provider.name, provider);
    if (deps.config.sandbox && !providers.has('sandbox')) providers.set('sandbox', new SandboxProvider());
    if (!deps.config.sandbox) providers.delete('sandbox');
    this.ctx = {
      db: deps.db,
      store: this.store,
      ledger: this.ledger,
      payables: this.payables,
      providers,
      clock: deps.clock,
      audit: deps.audit,
      config: deps.config,
      publicUrl: deps.publicUrl,
      log: deps.log ?? silentLogger,
    };
    this.refunds = new RefundDesk(this.ctx);
    this.inbox = new PaymentInbox(this.ctx, this.refunds);
    this.reconciler = new Reconciler(this.ctx, this.inbox, this.refunds);
  }

  /** The providers offered at checkout, in a stable order. */
  availableProviders(): ProviderName[] {
    return PROVIDERS.filter((p) => this.ctx.providers.has(p));
  }

  get sandboxEnabled(): boolean {
    return this.ctx.providers.has('sandbox');
  }

  async view(p: PaymentRow, forAdmin = false): Promise<PaymentView> {
    let action: PaymentView['action'] = null;
    if (p.status === 'pending' && p.action) {
      action = { ...p.action };
      if (p.action.type === 'qr') {
        const svg = await QRCode.toString(p.action.url, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
        action.qrImage = `data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}`;
      }
    }
    return {
      id: p.id,
      kind: p.kind,
      referenceId: p.referenceId,
      status: p.status,
      amount: p.amount,
      currency: p.currency,
      provider: p.provider,
      description: p.description,
      refundedAmount: p.refundedAmount,
      action,
      createdAt: p.createdAt,
      expiresAt: p.expiresAt,
      paidAt: p.paidAt,
      ...(forAdmin ? { payerId: p.payerId, failureReason: p.failureReason, refunds: (await this.store.refundsOf(p.id)).map(refundView) } : {}),
    };
  }

  /** Starts paying for a payable. Same Idempotency-Key and parameters → the same payment. */
  async create(actor: Actor, input: { kind: string; referenceId: string; provider: ProviderName }, idempotencyKey: string | null): Promise<PaymentView> {
    const payable = this.payables.get(input.kind);
    const scope = 'create_payment';
    const requestHash = hash(input);
    if (idempotencyKey) {
      const previous = await this.store.findIdempotencyKey(scope, actor.userId, idempotencyKey);
      if (previous) return this.replay(previous, requestHash, (id) => this.store.findPayment(id));
    }
    const provider = providerOf(this.ctx, input.provider);
    const now = this.ctx.clock.now();
    const id = newId('pay', now.getTime());
    let payment: PaymentRow;
    try {
      payment = await this.store.transaction(async () => {
        const order = await payable.describe(input.referenceId, actor);
        if (order.payerId !== actor.userId) throw notFound(input.kind.charAt(0).toUpperCase() + input.kind.slice(1).replace(/_/g, ' '), `${input.kind}_not_found`);
        if (!Number.isSafeInteger(order.amountMinor) || order.amountMinor <= 0) throw new AppError(409, 'nothing_to_pay', 'There is nothing to pay for this.');
        const paid = await this.store.latestPaymentFor(input.kind, input.referenceId);
        if (paid && paid.status !== 'refunded') throw conflict('already_paid', 'This has already been paid.');
        const currency = order.currency.toUpperCase();
        if ((input.provider === 'alipay' || input.provider === 'wechatpay') && currency !== 'CNY') {
          throw new AppError(422, 'currency_not_supported', `${input.provider === 'alipay' ? 'Alipay' : 'WeChat Pay'} takes payments in CNY only.`, { provider: 'does not take this currency' });
        }
        const at = now.toISOString();
        const row = {
          id,
          kind: input.kind,
          reference_id: input.referenceId,
          payer_id: actor.userId,
          provider: input.provider,
          amount: order.amountMinor,
          currency,
          description: order.description.slice(0, 120),
          status: 'pending',
          refunded_amount: 0,
          provider_ref: null,
          provider_txn: null,
          action: null,
          failure_reason: null,
          settled: 0,
          created_at: at,
          updated_at: at,
          expires_at: new Date(now.getTime() + this.ctx.config.expiryMinutes * 60_000).toISOString(),
          paid_at: null,
        };
        await this.store.insertPayment(row);
        if (idempotencyKey) {
          await this.store.insertIdempotencyKey({ scope, actor_id: actor.userId, key: idempotencyKey, request_hash: requestHash, result_id: id, created_at: at });
        }
        return (await this.store.findPayment(id))!;
      });
    } catch (error) {
      // Two requests with one key at once: the second finds the first's result.
      if (idempotencyKey && isUniqueViolation(error)) {
        const previous = await this.store.findIdempotencyKey(scope, actor.userId, idempotencyKey);
        if (previous) return this.replay(previous, requestHash, (pid) => this.store.findPayment(pid));
      }
      throw error;
    }

    const base = this.ctx.publicUrl();
    try {
      const started = await provider.start(providerPayment(payment), {
        notifyUrl: `${base}/api/payments/webhooks/${input.provider}`,
        returnUrl: `${base}/pay/return/${payment.id}`,
      });
      await this.store.updatePayment(payment.id, { action: JSON.stringify(started.action), provider_ref: started.providerRef, updated_at: this.ctx.clock.now().toISOString() });
    } catch (error) {
      this.ctx.log.error({ err: error, paymentId: payment.id, provider: input.provider }, 'provider refused to start a payment');
      await this.store.updatePayment(payment.id, { status: 'failed', failure_reason: 'provider_unavailable', updated_at: this.ctx.clock.now().toISOString() });
      if (idempotencyKey) await this.store.deleteIdempotencyKey(scope, actor.userId, idempotencyKey);
      throw new AppError(502, 'provider_unavailable', 'The payment provider could not be reached. Please try again or choose another way to pay.');
    }
    return this.view((await this.store.findPayment(payment.id))!);
  }

  private async replay(previous: { requestHash: string; resultId: string }, requestHash: string, load: (id: string) => Promise<PaymentRow | null>): Promise<PaymentView> {
    if (previous.requestHash !== requestHash) {
      throw conflict('idempotency_key_reused', 'This Idempotency-Key was used before with other parameters. Use a new key for a new request.');
    }
    const payment = await load(previous.resultId);
    if (!payment) throw notFound('The payment');
    return this.view(payment);
  }

  private async readable(actor: Actor, id: string): Promise<PaymentRow> {
    const payment = await this.store.findPayment(id);
    if (!payment || (payment.payerId !== actor.userId && !isAdmin(actor))) throw notFound('The payment', 'payment_not_found');
    return payment;
  }

  async get(actor: Actor, id: string): Promise<PaymentView> {
    const payment = await this.readable(actor, id);
    const admin = payment.payerId !== actor.userId;
    if (admin) await this.ctx.audit.record({ actorId: actor.userId, action: 'payment.read_by_admin', resourceType: 'payment', resourceId: id });
    return this.view(payment, admin);
  }

  /** The sandbox's "complete" button: the same path as a provider's paid notification. */
  async completeSandbox(actor: Actor, id: string): Promise<PaymentView> {
    const sandbox = this.ctx.providers.get('sandbox');
    if (!(sandbox instanceof SandboxProvider)) throw notFound('The sandbox payment', 'payment_not_found');
    const payment = await this.readable(actor, id);
    if (payment.provider !== 'sandbox') throw notFound('The sandbox payment', 'payment_not_found');
    await this.inbox.apply('sandbox', sandbox.completion(providerPayment(payment)));
    return this.view((await this.store.findPayment(id))!);
  }

  async receiveNotification(provider: ProviderName, input: IncomingNotification) {
    return this.inbox.receive(provider, input);
  }

  /** An admin refunds all or part of a payment. Same Idempotency-Key and amount → the same refund. */
  async refundByAdmin(actor: Actor, paymentId: string, input: { amount?: number; reason?: string }, idempotencyKey: string | null): Promise<RefundView> {
    if (!isAdmin(actor)) throw notFound('The payment', 'payment_not_found');
    const scope = `refund:${paymentId}`;
    const requestHash = hash({ amount: input.amount ?? null, reason: input.reason ?? null });
    if (idempotencyKey) {
      const previous = await this.store.findIdempotencyKey(scope, actor.userId, idempotencyKey);
      if (previous) {
        if (previous.requestHash !== requestHash) throw conflict('idempotency_key_reused', 'This Idempotency-Key was used before with other parameters. Use a new key for a new request.');
        const refund = await this.store.findRefund(previous.resultId);
        if (!refund) throw notFound('The refund');
        return refundView(refund);
      }
    }
    let refund: RefundRow;
    try {
      refund = await this.store.transaction(async () => {
        const payment = await this.store.lockPayment(paymentId);
        if (!payment) throw notFound('The payment', 'payment_not_found');
        const booked = await this.refunds.book(payment, input.amount ?? payment.amount - payment.refundedAmount, input.reason?.trim() || 'refund_by_admin', actor.userId);
        if (idempotencyKey) {
          await this.store.insertIdempotencyKey({ scope, actor_id: actor.userId, key: idempotencyKey, request_hash: requestHash, result_id: booked.id, created_at: booked.createdAt });
        }
        await this.ctx.audit.record({ actorId: actor.userId, action: 'payment.refunded_by_admin', resourceType: 'payment', resourceId: paymentId, detail: { refundId: booked.id, amount: booked.amount } });
        return booked;
      });
    } catch (error) {
      if (idempotencyKey && isUniqueViolation(error)) return this.refundByAdmin(actor, paymentId, input, idempotencyKey);
      throw error;
    }
    return refundView((await this.refunds.push(refund.id)) ?? refund);
  }

  /**
   * Refunds whatever is left of a payment, once per reason: consultations call it when the
   * reply-time promise is missed. Returns null when nothing is left to refund.
   */
  async refundInFull(paymentId: string, reason: string): Promise<RefundView | null> {
    // Inside a caller's transaction the provider is asked by reconciliation once it commits.
    const joined = this.ctx.db.inTransaction;
    const booked = await this.ctx.db.transaction(async () => {
      const payment = await this.store.lockPayment(paymentId);
      if (!payment) throw notFound('The payment', 'payment_not_found');
      if (payment.status !== 'paid' && payment.status !== 'partially_refunded') return null;
      return this.refunds.book(payment, payment.amount - payment.refundedAmount, reason, null);
    });
    if (!booked) return null;
    if (joined) return refundView(booked);
    return refundView((await this.refunds.push(booked.id)) ?? booked);
  }

  /**
   * Refunds part of a payment (at most what is left) inside the caller's transaction; the
   * provider is asked by reconciliation once it commits. Consultations call it when a
   * follow-up question's reply deadline is missed. Null when nothing is left to refund.
   */
  async refundPart(paymentId: string, amount: number, reason: string): Promise<RefundView | null> {
    const payment = await this.store.lockPayment(paymentId);
    if (!payment || (payment.status !== 'paid' && payment.status !== 'partially_refunded')) return null;
    const value = Math.min(amount, payment.amount - payment.refundedAmount);
    if (value <= 0) return null;
    return refundView(await this.refunds.book(payment, value, reason, null));
  }

  /** The payment that paid for a payable (paid, partly or wholly refunded), if any. */
  async paymentFor(kind: string, referenceId: string): Promise<PaymentView | null> {
    const payment = await this.store.latestPaymentFor(kind, referenceId);
    return payment ? this.view(payment) : null;
  }

  /** A free consultation: the platform pays the doctor's fee. Booked once per payable. */
  async recordSubsidy(input: { kind: string; referenceId: string; doctorId: string; amountMinor: number; currency: string }): Promise<boolean> {
    return this.ctx.db.transaction(() =>
      this.ledger.post(
        {
          postingKey: `subsidy:${input.kind}:${input.referenceId}`,
          kind: 'subsidy',
          memo: `${input.kind} ${input.referenceId}`,
          currency: input.currency.toUpperCase(),
          entries: [
            { account: 'platform_subsidy', amount: input.amountMinor },
            { account: doctorAccount(input.doctorId), amount: -input.amountMinor },
          ],
        },
        this.ctx.clock.now().toISOString(),
      ),
    );
  }

  /** A doctor's part of what a patient pays: the amount less the platform fee, as settle books it. */
  doctorShare(amountMinor: number): number {
    return amountMinor - Math.round((amountMinor * this.ctx.config.platformFeePercent) / 100);
  }

  /**
   * A paid consultation was delivered: what the patient paid (less refunds) moves to the
   * doctor's earnings and the platform fee. Booked once; false when there was nothing to move.
   */
  async settle(input: { kind: string; referenceId: string; doctorId: string }): Promise<boolean> {
    return this.ctx.db.transaction(async () => {
      const found = await this.store.latestPaymentFor(input.kind, input.referenceId);
      if (!found) return false;
      const payment = (await this.store.lockPayment(found.id))!;
      if (payment.settled) return false;
      const held = payment.amount - payment.refundedAmount;
      const fee = Math.round((held * this.ctx.config.platformFeePercent) / 100);
      await this.store.updatePayment(payment.id, { settled: 1, updated_at: this.ctx.clock.now().toISOString() });
      return this.ledger.post(
        {
          postingKey: `settle:${payment.id}`,
          kind: 'settlement',
          paymentId: payment.id,
          currency: payment.currency,
          entries: [
            { account: 'patient_funds', amount: held },
            { account: doctorAccount(input.doctorId), amount: -(held - fee) },
            { account: 'platform_fee', amount: -fee },
          ],
        },
        this.ctx.clock.now().toISOString(),
      );
    });
  }

  /** A doctor's earnings per UTC day over the last `days` days. */
  async earningsByDay(doctorId: string, days: number): Promise<Array<{ day: string; currency: string; amount: number }>> {
    const since = new Date(this.ctx.clock.now().getTime() - days * 86_400_000).toISOString().slice(0, 10);
    return this.ledger.creditsByDay(doctorAccount(doctorId), since);
  }

  async ledgerSummary(): Promise<LedgerSummary> {
    const rows = await this.ledger.balances();
    const accounts: Record<string, number> = {};
    const byCurrency: Record<string, { accounts: Record<string, number>; total: number }> = {};
    for (const r of rows) {
      accounts[r.account] = (accounts[r.account] ?? 0) + r.balance;
      const c = (byCurrency[r.currency] ??= { accounts: {}, total: 0 });
      c.accounts[r.account] = r.balance;
      c.total += r.balance;
    }
    const total = Object.values(accounts).reduce((s, v) => s + v, 0);
    return { accounts, total, byCurrency, unbalanced: await this.ledger.unbalancedTransactions() };
  }

  // Admin console

  /** A payer's own payments, for their data export. */
  async paymentsOf(payerId: string): Promise<PaymentRow[]> {
    return this.store.listPayments({ payerId, limit: 1000 });
  }

  async listPayments(filter: { status?: string; provider?: string; limit?: number }): Promise<PaymentView[]> {
    const rows = await this.store.listPayments({ ...filter, limit: Math.min(filter.limit ?? 50, 200) });
    return Promise.all(rows.map((p) => this.view(p, true)));
  }

  async listRefunds(filter: { status?: string; limit?: number }): Promise<AdminRefund[]> {
    const rows = await this.store.listRefunds({ ...filter, limit: Math.min(filter.limit ?? 50, 200) });
    const currencies = new Map<string, string>();
    for (const id of new Set(rows.map((r) => r.paymentId))) currencies.set(id, (await this.store.findPayment(id))?.currency ?? '');
    return rows.map((r) => ({ ...refundView(r), currency: currencies.get(r.paymentId) ?? '' }));
  }

  async listEvents(filter: { outcome?: string; provider?: string; paymentId?: string; limit?: number }) {
    return this.store.listEvents({ ...filter, limit: Math.min(filter.limit ?? 50, 200) });
  }

  async eventPayload(id: string): Promise<string | null> {
    return this.store.eventPayload(id);
  }

  async reconcile(): Promise<ReconcileReport> {
    return this.reconciler.run();
  }
}
