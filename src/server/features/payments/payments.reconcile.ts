// Reconciliation: a notification can be lost, so payments still pending after N minutes are
// asked about at their provider and settled from its answer; those past their expiry are
// closed at the provider and expired here; refunds the provider has not confirmed are asked
// again. Time comes from the injected clock. Idempotent: every change goes through the
// same transactions (and the same inbox) as a notification would.
import { providerOf, providerPayment, type PaymentsContext } from './payments.context.ts';
import type { PaymentInbox } from './payments.inbox.ts';
import type { RefundDesk } from './payments.refunds.ts';

export interface ReconcileReport {
  checked: number;
  paid: number;
  expired: number;
  failed: number;
  refundsRetried: number;
  errors: number;
}

const BATCH = 100;

export class Reconciler {
  constructor(
    private readonly ctx: PaymentsContext,
    private readonly inbox: PaymentInbox,
    private readonly refunds: RefundDesk,
  ) {}

  async run(): Promise<ReconcileReport> {
    const report: ReconcileReport = { checked: 0, paid: 0, expired: 0, failed: 0, refundsRetried: 0, errors: 0 };
    const now = this.ctx.clock.now();
    const threshold = new Date(now.getTime() - this.ctx.config.reconcileAfterMinutes * 60_000).toISOString();
    for (const payment of await this.ctx.store.pendingOlderThan(threshold, BATCH)) {
      report.checked += 1;
      try {
        const provider = providerOf(this.ctx, payment.provider);
        const status = await provider.query(providerPayment(payment));
        if (status.status === 'paid') {
          const outcome = await this.inbox.apply(payment.provider, {
            kind: 'payment',
            eventId: `reconcile:${payment.id}:paid`,
            type: 'reconcile.paid',
            paymentId: payment.id,
            outcome: 'paid',
            amount: status.amount,
            currency: status.currency,
            providerTxn: status.providerTxn,
            payload: status,
          });
          if (outcome === 'applied') report.paid += 1;
        } else if (status.status === 'failed') {
          const outcome = await this.inbox.apply(payment.provider, {
            kind: 'payment',
            eventId: `reconcile:${payment.id}:failed`,
            type: 'reconcile.failed',
            paymentId: payment.id,
            outcome: 'failed',
            amount: null,
            currency: null,
            providerTxn: null,
            payload: status,
          });
          if (outcome === 'applied') report.failed += 1;
        } else if (status.status === 'closed' || payment.expiresAt <= now.toISOString()) {
          // Close at the provider first so no money can arrive; if it still does, the inbox
          // sees "paid after expiry" and refunds it.
          if (status.status !== 'closed') await provider.close(providerPayment(payment)).catch((error: unknown) => this.ctx.log.warn({ err: error, paymentId: payment.id }, 'could not close an expired payment at its provider'));
          const outcome = await this.inbox.apply(payment.provider, {
            kind: 'payment',
            eventId: `reconcile:${payment.id}:expired`,
            type: 'reconcile.expired',
            paymentId: payment.id,
            outcome: 'closed',
            amount: null,
            currency: null,
            providerTxn: null,
            payload: status,
          });
          if (outcome === 'applied') report.expired += 1;
        }
      } catch (error) {
        report.errors += 1;
        this.ctx.log.warn({ err: error, paymentId: payment.id }, 'reconciliation of a payment failed; it will be tried again');
      }
    }
    for (const refund of await this.ctx.store.unfinishedRefunds(threshold, BATCH)) {
      report.refundsRetried += 1;
      await this.refunds.push(refund.id);
    }
    return report;
  }
}
