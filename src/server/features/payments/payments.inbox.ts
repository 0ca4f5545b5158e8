// The inbox of provider events. A verified event is claimed by its (provider, event id) in
// the same transaction as the payment's state change, the ledger postings and the payable's
// callback: a repeated delivery finds its id taken and changes nothing, and an event that
// fails half-way leaves nothing behind (the provider delivers it again). Events that cannot
// be trusted or matched (bad signature, unknown order, wrong amount, currency, app or
// merchant) are refused and recorded for review under an id of their own.
import { newId } from '../../platform/ids.ts';
import { snapshot, type PaymentsContext } from './payments.context.ts';
import { cashAccount } from './payments.ledger.ts';
import { NotificationRefused, type Acknowledgement, type IncomingNotification, type ProviderName, type VerifiedNotification } from './payments.provider.ts';
import type { RefundDesk } from './payments.refunds.ts';
import type { PaymentRow } from './payments.store.ts';

export type InboxOutcome = 'applied' | 'ignored' | 'duplicate';

const MAX_PAYLOAD = 16 * 1024;

function payloadText(payload: unknown): string | null {
  if (payload === undefined || payload === null) return null;
  const text = typeof payload === 'string' ? payload : JSON.stringify(payload);
  return text.length > MAX_PAYLOAD ? text.slice(0, MAX_PAYLOAD) : text;
}

export class PaymentInbox {
  constructor(
    private readonly ctx: PaymentsContext,
    private readonly refunds: RefundDesk,
  ) {}

  /** A webhook: verify, apply once, and answer the way the provider expects. */
  async receive(providerName: ProviderName, input: IncomingNotification): Promise<Acknowledgement> {
    const provider = this.ctx.providers.get(providerName);
    if (!provider)
      return {
        status: 404,
        contentType: 'application/json',
        body: JSON.stringify({ error: { code: 'provider_unavailable', message: `Payments with ${providerName} are not configured here.` } }),
      };
    try {
      const verified = await provider.verifyNotification(input, this.ctx.clock.now());
      await this.apply(providerName, verified);
      return provider.acknowledge(true);
    } catch (error) {
      if (error instanceof NotificationRefused) {
        if (error.detail.record !== false) await this.recordRefused(providerName, error, input.rawBody);
        this.ctx.log.warn({ provider: providerName, reason: error.reason }, 'payment notification refused');
        return provider.acknowledge(false, error.message);
      }
      this.ctx.log.error({ err: error, provider: providerName }, 'payment notification failed; the provider will deliver it again');
      const ack = provider.acknowledge(false, 'Temporary failure.');
      return { ...ack, status: 500 };
    }
  }

  /** Applies a verified event once. Throws NotificationRefused when it does not match our records. */
  async apply(providerName: ProviderName, event: VerifiedNotification): Promise<InboxOutcome> {
    let payment: PaymentRow | null = null;
    if (event.kind === 'payment') {
      payment = await this.ctx.store.findPayment(event.paymentId);
      const claim = { claimedEventId: event.eventId, paymentId: event.paymentId, type: event.type, payload: event.payload };
      if (!payment) throw new NotificationRefused('unknown_order', `No payment ${event.paymentId} is known here.`, claim);
      if (payment.provider !== providerName)
        throw new NotificationRefused('provider_mismatch', `Payment ${payment.id} was not made with ${providerName}.`, claim);
      if (event.outcome === 'paid') {
        if (event.amount !== payment.amount)
          throw new NotificationRefused('amount_mismatch', `The amount ${event.amount} does not match the payment's ${payment.amount}.`, claim);
        if (event.currency !== null && event.currency.toUpperCase() !== payment.currency) {
          throw new NotificationRefused('currency_mismatch', `The currency ${event.currency} does not match the payment's ${payment.currency}.`, claim);
        }
      }
    }
    const now = this.ctx.clock.now().toISOString();
    const pushes: string[] = [];
    const outcome = await this.ctx.store.transaction(async () => {
      const claimed = await this.ctx.store.claimEvent({
        id: newId('pev'),
        provider: providerName,
        event_id: event.eventId,
        claimed_event_id: event.eventId,
        payment_id: event.paymentId,
        type: event.type,
        outcome: 'applied',
        reason: null,
        deliveries: 1,
        payload: payloadText(event.payload),
        received_at: now,
        last_received_at: now,
      });
      if (!claimed) return 'duplicate' as const;
      const result = await this.change(event, pushes, now);
      if (result.outcome !== 'applied') await this.ctx.store.setEventOutcome(providerName, event.eventId, { outcome: 'ignored', reason: result.reason });
      return result.outcome;
    });
    if (outcome === 'duplicate') await this.ctx.store.countRedelivery(providerName, event.eventId, now);
    for (const id of pushes) await this.refunds.push(id);
    return outcome;
  }

  private async change(event: VerifiedNotification, pushes: string[], now: string): Promise<{ outcome: 'applied' | 'ignored'; reason: string | null }> {
    if (event.kind === 'other') return { outcome: 'ignored', reason: 'not an event that changes a payment' };
    if (event.kind === 'refund') {
      const refund = await this.ctx.store.findRefund(event.refundId);
      if (!refund) return { outcome: 'ignored', reason: 'unknown refund' };
      if (refund.status === event.outcome) return { outcome: 'ignored', reason: `refund already ${refund.status}` };
      if (refund.status === 'succeeded') return { outcome: 'ignored', reason: 'refund already succeeded' };
      await this.ctx.store.updateRefund(refund.id, { status: event.outcome, updated_at: now });
      return { outcome: 'applied', reason: null };
    }
    const payment = (await this.ctx.store.lockPayment(event.paymentId))!;
    switch (event.outcome) {
      case 'paid':
        return this.markPaid(payment, event.providerTxn, pushes, now);
      case 'failed':
        if (payment.status !== 'pending') return { outcome: 'ignored', reason: `payment already ${payment.status}` };
        await this.ctx.store.updatePayment(payment.id, { status: 'failed', failure_reason: event.type, updated_at: now });
        await this.ctx.payables.find(payment.kind)?.onExpired?.(payment.referenceId, snapshot({ ...payment, status: 'failed' }));
        return { outcome: 'applied', reason: null };
      case 'closed':
        return this.markExpired(payment, now);
      default:
        return { outcome: 'ignored', reason: 'the payment is still waiting for the payer' };
    }
  }

  /** pending → paid, once. Money that arrives for an expired or failed payment, or for a payable
   * already paid by another payment, is booked and refunded in full. */
  async markPaid(
    payment: PaymentRow,
    providerTxn: string | null,
    pushes: string[],
    now: string,
  ): Promise<{ outcome: 'applied' | 'ignored'; reason: string | null }> {
    if (payment.status !== 'pending' && payment.status !== 'expired' && payment.status !== 'failed') {
      return { outcome: 'ignored', reason: `payment already ${payment.status}` };
    }
    const wasOpen = payment.status === 'pending';
    await this.ctx.store.updatePayment(payment.id, { status: 'paid', paid_at: now, provider_txn: providerTxn ?? payment.providerTxn, updated_at: now });
    await this.ctx.ledger.post(
      {
        postingKey: `paid:${payment.id}`,
        kind: 'payment',
        paymentId: payment.id,
        memo: payment.description,
        currency: payment.currency,
        entries: [
          { account: cashAccount(payment.provider), amount: payment.amount },
          { account: 'patient_funds', amount: -payment.amount },
        ],
      },
      now,
    );
    const paid: PaymentRow = { ...payment, status: 'paid', paidAt: now, providerTxn: providerTxn ?? payment.providerTxn };
    let refundReason: string | null = null;
    if (!wasOpen) refundReason = `paid_after_${payment.status === 'expired' ? 'expiry' : 'failure'}`;
    else if ((await this.ctx.store.paidPaymentsFor(payment.kind, payment.referenceId, payment.id)).length > 0) refundReason = 'duplicate_payment';
    else {
      const payable = this.ctx.payables.find(payment.kind);
      const answer = payable ? await payable.onPaid(payment.referenceId, snapshot(paid)) : { refund: 'nothing_to_deliver' };
      if (answer && 'refund' in answer) refundReason = answer.refund;
    }
    if (refundReason) {
      const refund = await this.refunds.book(paid, paid.amount, refundReason, null);
      pushes.push(refund.id);
    }
    return { outcome: 'applied', reason: null };
  }

  /** pending → expired, once; the payable hears of it. */
  async markExpired(payment: PaymentRow, now: string): Promise<{ outcome: 'applied' | 'ignored'; reason: string | null }> {
    if (payment.status !== 'pending') return { outcome: 'ignored', reason: `payment already ${payment.status}` };
    await this.ctx.store.updatePayment(payment.id, { status: 'expired', updated_at: now });
    await this.ctx.payables.find(payment.kind)?.onExpired?.(payment.referenceId, snapshot({ ...payment, status: 'expired' }));
    return { outcome: 'applied', reason: null };
  }

  private async recordRefused(provider: ProviderName, error: NotificationRefused, rawBody: string): Promise<void> {
    const now = this.ctx.clock.now().toISOString();
    try {
      await this.ctx.store.insertRefusedEvent({
        id: newId('pev'),
        provider,
        event_id: `refused:${newId('pev')}`,
        claimed_event_id: error.detail.claimedEventId ?? null,
        payment_id: error.detail.paymentId ?? null,
        type: error.detail.type ?? 'unknown',
        outcome: 'refused',
        reason: `${error.reason}: ${error.message}`.slice(0, 500),
        deliveries: 1,
        payload: payloadText(rawBody),
        received_at: now,
        last_received_at: now,
      });
    } catch (recordError) {
      this.ctx.log.error({ err: recordError }, 'could not record a refused payment notification');
    }
  }
}
