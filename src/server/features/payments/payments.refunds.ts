// Refunds in two steps. First, inside the transaction that decides it, the refund is booked:
// the payment's refunded amount and state, the ledger, the payable's callback, and a refund
// row whose id is the refund number sent to the provider. Then, after commit, the provider
// is asked to send the money back. Providers treat a repeated refund number as the same
// refund, so a refund the provider did not confirm is simply asked again (reconciliation)
// until it is: the money goes back once, through the provider that took it.
import { AppError } from '../../platform/http/errors.ts';
import { newId } from '../../platform/ids.ts';
import { providerOf, providerPayment, snapshot, type PaymentsContext } from './payments.context.ts';
import { cashAccount } from './payments.ledger.ts';
import type { PaymentRow, RefundRow } from './payments.store.ts';

export class RefundDesk {
  constructor(private readonly ctx: PaymentsContext) {}

  /** Books a refund of `amount` on a payment read with lockPayment in `trx`. */
  async book(payment: PaymentRow, amount: number, reason: string, requestedBy: string | null): Promise<RefundRow> {
    if (payment.status !== 'paid' && payment.status !== 'partially_refunded') {
      throw new AppError(409, 'not_refundable', `This payment is ${payment.status.replace('_', ' ')} and cannot be refunded.`);
    }
    const refundable = payment.amount - payment.refundedAmount;
    if (!Number.isSafeInteger(amount) || amount <= 0)
      throw new AppError(422, 'validation_failed', 'The refund amount must be a positive whole number of minor units.', { amount: 'must be at least 1' });
    if (amount > refundable) {
      throw new AppError(422, 'refund_too_large', `At most ${refundable} can still be refunded on this payment.`, { amount: `must be at most ${refundable}` });
    }
    const now = this.ctx.clock.now().toISOString();
    const refund: RefundRow = {
      id: newId('rfd'),
      paymentId: payment.id,
      amount,
      reason,
      status: 'pending',
      providerRef: null,
      requestedBy,
      attempts: 0,
      lastError: null,
      createdAt: now,
      updatedAt: now,
    };
    await this.ctx.store.insertRefund({
      id: refund.id,
      payment_id: payment.id,
      amount,
      reason,
      status: 'pending',
      provider_ref: null,
      requested_by: requestedBy,
      attempts: 0,
      last_error: null,
      created_at: now,
      updated_at: now,
    });
    const refundedAmount = payment.refundedAmount + amount;
    const status = refundedAmount === payment.amount ? 'refunded' : 'partially_refunded';
    await this.ctx.store.updatePayment(payment.id, { refunded_amount: refundedAmount, status, updated_at: now });
    // Before the consultation is delivered the money is still the patient's; after, it was
    // earned, and the platform bears the refund.
    await this.ctx.ledger.post(
      {
        postingKey: `refund:${refund.id}`,
        kind: 'refund',
        paymentId: payment.id,
        memo: reason,
        currency: payment.currency,
        entries: [
          { account: payment.settled ? 'refunds' : 'patient_funds', amount },
          { account: cashAccount(payment.provider), amount: -amount },
        ],
      },
      now,
    );
    const after = { ...payment, refundedAmount, status } satisfies PaymentRow;
    await this.ctx.payables.find(payment.kind)?.onRefunded?.(payment.referenceId, snapshot(after), { id: refund.id, amount, reason });
    return refund;
  }

  /** Asks the provider to send a booked refund; safe to repeat. Never throws. */
  async push(refundId: string): Promise<RefundRow | null> {
    const refund = await this.ctx.store.findRefund(refundId);
    if (!refund || refund.status === 'succeeded') return refund;
    const payment = await this.ctx.store.findPayment(refund.paymentId);
    if (!payment) return refund;
    const now = () => this.ctx.clock.now().toISOString();
    try {
      const result = await providerOf(this.ctx, payment.provider).refund(providerPayment(payment), {
        id: refund.id,
        amount: refund.amount,
        reason: refund.reason,
      });
      await this.ctx.store.updateRefund(refund.id, {
        status: result.status,
        provider_ref: result.providerRef,
        attempts: refund.attempts + 1,
        last_error: null,
        updated_at: now(),
      });
    } catch (error) {
      this.ctx.log.warn({ err: error, refundId }, 'refund not confirmed by the provider; it will be asked again');
      await this.ctx.store.updateRefund(refund.id, {
        status: 'failed',
        attempts: refund.attempts + 1,
        last_error: error instanceof Error ? error.message.slice(0, 500) : String(error).slice(0, 500),
        updated_at: now(),
      });
    }
    return this.ctx.store.findRefund(refund.id);
  }
}
