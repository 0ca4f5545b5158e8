// The only code that touches payments, payment_refunds, payment_events and
// payment_idempotency_keys. Explicit column lists; rows are mapped before they leave.
import { dialectOf } from '../../platform/db/db.ts';
import type { Database } from '../../platform/db/unit-of-work.ts';
import { parseJson } from '../../platform/db/sql-helpers.ts';
import type { PaymentAction, ProviderName } from './payments.provider.ts';

export type PaymentsTables = {
  payments: {
    id: string;
    kind: string;
    reference_id: string;
    payer_id: string;
    provider: string;
    amount: number;
    currency: string;
    description: string;
    status: string;
    refunded_amount: number;
    provider_ref: string | null;
    provider_txn: string | null;
    action: string | null;
    failure_reason: string | null;
    settled: number;
    created_at: string;
    updated_at: string;
    expires_at: string;
    paid_at: string | null;
  };
  payment_refunds: {
    id: string;
    payment_id: string;
    amount: number;
    reason: string;
    status: string;
    provider_ref: string | null;
    requested_by: string | null;
    attempts: number;
    last_error: string | null;
    created_at: string;
    updated_at: string;
  };
  payment_events: {
    id: string;
    provider: string;
    event_id: string;
    claimed_event_id: string | null;
    payment_id: string | null;
    type: string;
    outcome: string;
    reason: string | null;
    deliveries: number;
    payload: string | null;
    received_at: string;
    last_received_at: string;
  };
  payment_idempotency_keys: {
    scope: string;
    actor_id: string;
    key: string;
    request_hash: string;
    result_id: string;
    created_at: string;
  };
};

export type PaymentStatus = 'pending' | 'paid' | 'partially_refunded' | 'refunded' | 'failed' | 'expired';

export interface PaymentRow {
  id: string;
  kind: string;
  referenceId: string;
  payerId: string;
  provider: ProviderName;
  amount: number;
  currency: string;
  description: string;
  status: PaymentStatus;
  refundedAmount: number;
  providerRef: string | null;
  providerTxn: string | null;
  action: PaymentAction | null;
  failureReason: string | null;
  settled: boolean;
  createdAt: string;
  updatedAt: string;
  expiresAt: string;
  paidAt: string | null;
}

export interface RefundRow {
  id: string;
  paymentId: string;
  amount: number;
  reason: string;
  status: 'pending' | 'succeeded' | 'failed';
  providerRef: string | null;
  requestedBy: string | null;
  attempts: number;
  lastError: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface EventRow {
  id: string;
  provider: string;
  eventId: string;
  claimedEventId: string | null;
  paymentId: string | null;
  type: string;
  outcome: 'applied' | 'ignored' | 'refused';
  reason: string | null;
  deliveries: number;
  receivedAt: string;
  lastReceivedAt: string;
}

const paymentColumns = [
  'id',
  'kind',
  'reference_id',
  'payer_id',
  'provider',
  'amount',
  'currency',
  'description',
  'status',
  'refunded_amount',
  'provider_ref',
  'provider_txn',
  'action',
  'failure_reason',
  'settled',
  'created_at',
  'updated_at',
  'expires_at',
  'paid_at',
] as const;

const refundColumns = [
  'id',
  'payment_id',
  'amount',
  'reason',
  'status',
  'provider_ref',
  'requested_by',
  'attempts',
  'last_error',
  'created_at',
  'updated_at',
] as const;
const eventColumns = [
  'id',
  'provider',
  'event_id',
  'claimed_event_id',
  'payment_id',
  'type',
  'outcome',
  'reason',
  'deliveries',
  'received_at',
  'last_received_at',
] as const;

type PaymentRecord = Pick<PaymentsTables['payments'], (typeof paymentColumns)[number]>;

function toPayment(r: PaymentRecord): PaymentRow {
  return {
    id: r.id,
    kind: r.kind,
    referenceId: r.reference_id,
    payerId: r.payer_id,
    provider: r.provider as ProviderName,
    amount: Number(r.amount),
    currency: r.currency,
    description: r.description,
    status: r.status as PaymentStatus,
    refundedAmount: Number(r.refunded_amount),
    providerRef: r.provider_ref,
    providerTxn: r.provider_txn,
    action: parseJson<PaymentAction | null>(r.action, null),
    failureReason: r.failure_reason,
    settled: Number(r.settled) === 1,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    expiresAt: r.expires_at,
    paidAt: r.paid_at,
  };
}

function toRefund(r: Pick<PaymentsTables['payment_refunds'], (typeof refundColumns)[number]>): RefundRow {
  return {
    id: r.id,
    paymentId: r.payment_id,
    amount: Number(r.amount),
    reason: r.reason,
    status: r.status as RefundRow['status'],
    providerRef: r.provider_ref,
    requestedBy: r.requested_by,
    attempts: Number(r.attempts),
    lastError: r.last_error,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

function toEvent(r: Pick<PaymentsTables['payment_events'], (typeof eventColumns)[number]>): EventRow {
  return {
    id: r.id,
    provider: r.provider,
    eventId: r.event_id,
    claimedEventId: r.claimed_event_id,
    paymentId: r.payment_id,
    type: r.type,
    outcome: r.outcome as EventRow['outcome'],
    reason: r.reason,
    deliveries: Number(r.deliveries),
    receivedAt: r.received_at,
    lastReceivedAt: r.last_received_at,
  };
}

export class PaymentsStore {
  constructor(private readonly db: Database) {}

  private q() {
    return this.db.withTables<PaymentsTables>();
  }

  transaction<T>(work: () => Promise<T>): Promise<T> {
    return this.db.transaction(work);
  }

  async insertPayment(row: PaymentsTables['payments']): Promise<void> {
    await this.q().insertInto('payments').values(row).execute();
  }

  async findPayment(id: string): Promise<PaymentRow | null> {
    const row = await this.q().selectFrom('payments').select(paymentColumns).where('id', '=', id).executeTakeFirst();
    return row ? toPayment(row) : null;
  }

  /** Reads a payment for a state change: locked until the transaction ends (PostgreSQL;
   * SQLite runs one writing transaction at a time). */
  async lockPayment(id: string): Promise<PaymentRow | null> {
    let query = this.q().selectFrom('payments').select(paymentColumns).where('id', '=', id);
    if (this.db.dialect === 'postgres') query = query.forUpdate();
    const row = await query.executeTakeFirst();
    return row ? toPayment(row) : null;
  }

  async updatePayment(id: string, patch: Partial<PaymentsTables['payments']>): Promise<void> {
    await this.q().updateTable('payments').set(patch).where('id', '=', id).execute();
  }

  /** Payments of one payable that hold money (paid and not fully refunded), other than `exceptId`. */
  async paidPaymentsFor(kind: string, referenceId: string, exceptId: string): Promise<string[]> {
    const rows = await this.q()
      .selectFrom('payments')
      .select('id')
      .where('kind', '=', kind)
      .where('reference_id', '=', referenceId)
      .where('id', '!=', exceptId)
      .where('status', 'in', ['paid', 'partially_refunded'])
      .execute();
    return rows.map((r) => r.id);
  }

  async latestPaymentFor(kind: string, referenceId: string): Promise<PaymentRow | null> {
    const row = await this.q()
      .selectFrom('payments')
      .select(paymentColumns)
      .where('kind', '=', kind)
      .where('reference_id', '=', referenceId)
      .where('status', 'in', ['paid', 'partially_refunded', 'refunded'])
      .orderBy('created_at', 'desc')
      .orderBy('id', 'desc')
      .executeTakeFirst();
    return row ? toPayment(row) : null;
  }

  async pendingOlderThan(createdBefore: string, limit: number): Promise<PaymentRow[]> {
    const rows = await this.q()
      .selectFrom('payments')
      .select(paymentColumns)
      .where('status', '=', 'pending')
      .where('created_at', '<', createdBefore)
      .orderBy('created_at')
      .limit(limit)
      .execute();
    return rows.map(toPayment);
  }

  async listPayments(filter: { status?: string; provider?: string; payerId?: string; limit: number; before?: string }): Promise<PaymentRow[]> {
    let query = this.q().selectFrom('payments').select(paymentColumns).orderBy('created_at', 'desc').orderBy('id', 'desc').limit(filter.limit);
    if (filter.status) query = query.where('status', '=', filter.status);
    if (filter.provider) query = query.where('provider', '=', filter.provider);
    if (filter.payerId) query = query.where('payer_id', '=', filter.payerId);
    if (filter.before) query = query.where('created_at', '<', filter.before);
    return (await query.execute()).map(toPayment);
  }

  // Refunds

  async insertRefund(row: PaymentsTables['payment_refunds']): Promise<void> {
    await this.q().insertInto('payment_refunds').values(row).execute();
  }

  async findRefund(id: string): Promise<RefundRow | null> {
    const row = await this.q().selectFrom('payment_refunds').select(refundColumns).where('id', '=', id).executeTakeFirst();
    return row ? toRefund(row) : null;
  }

  async updateRefund(id: string, patch: Partial<PaymentsTables['payment_refunds']>): Promise<void> {
    await this.q().updateTable('payment_refunds').set(patch).where('id', '=', id).execute();
  }

  async refundsOf(paymentId: string): Promise<RefundRow[]> {
    const rows = await this.q()
      .selectFrom('payment_refunds')
      .select(refundColumns)
      .where('payment_id', '=', paymentId)
      .orderBy('created_at')
      .orderBy('id')
      .execute();
    return rows.map(toRefund);
  }

  async listRefunds(filter: { status?: string; limit: number }): Promise<RefundRow[]> {
    let query = this.q().selectFrom('payment_refunds').select(refundColumns).orderBy('created_at', 'desc').orderBy('id', 'desc').limit(filter.limit);
    if (filter.status) query = query.where('status', '=', filter.status);
    return (await query.execute()).map(toRefund);
  }

  async unfinishedRefunds(updatedBefore: string, limit: number): Promise<RefundRow[]> {
    const rows = await this.q()
      .selectFrom('payment_refunds')
      .select(refundColumns)
      .where('status', 'in', ['pending', 'failed'])
      // Never asked yet (booked inside another feature's transaction), or asked a while ago.
      .where((eb) => eb.or([eb('updated_at', '<', updatedBefore), eb('attempts', '=', 0)]))
      .orderBy('updated_at')
      .limit(limit)
      .execute();
    return rows.map(toRefund);
  }

  // The inbox of provider events

  /** Records an event once per (provider, event id); false when it was already there. */
  async claimEvent(row: PaymentsTables['payment_events']): Promise<boolean> {
    const result = await this.q()
      .insertInto('payment_events')
      .values(row)
      .onConflict((oc) => oc.columns(['provider', 'event_id']).doNothing())
      .executeTakeFirst();
    return Number(result.numInsertedOrUpdatedRows ?? 0n) === 1;
  }

  async setEventOutcome(provider: string, eventId: string, patch: { outcome: string; reason: string | null; payment_id?: string | null }): Promise<void> {
    await this.q().updateTable('payment_events').set(patch).where('provider', '=', provider).where('event_id', '=', eventId).execute();
  }

  /** A repeated delivery of an event already handled: counted, nothing else. */
  async countRedelivery(provider: string, eventId: string, at: string): Promise<void> {
    await this.q()
      .updateTable('payment_events')
      .set((eb) => ({ deliveries: eb('deliveries', '+', 1), last_received_at: at }))
      .where('provider', '=', provider)
      .where('event_id', '=', eventId)
      .execute();
  }

  async insertRefusedEvent(row: PaymentsTables['payment_events']): Promise<void> {
    await this.q().insertInto('payment_events').values(row).execute();
  }

  async listEvents(filter: { outcome?: string; provider?: string; paymentId?: string; limit: number }): Promise<EventRow[]> {
    let query = this.q().selectFrom('payment_events').select(eventColumns).orderBy('received_at', 'desc').orderBy('id', 'desc').limit(filter.limit);
    if (filter.outcome) query = query.where('outcome', '=', filter.outcome);
    if (filter.provider) query = query.where('provider', '=', filter.provider);
    if (filter.paymentId) query = query.where('payment_id', '=', filter.paymentId);
    return (await query.execute()).map(toEvent);
  }

  async eventPayload(id: string): Promise<string | null> {
    const row = await this.q().selectFrom('payment_events').select('payload').where('id', '=', id).executeTakeFirst();
    return row?.payload ?? null;
  }

  // Idempotency keys of our own API

  async findIdempotencyKey(scope: string, actorId: string, key: string): Promise<{ requestHash: string; resultId: string } | null> {
    const row = await this.q()
      .selectFrom('payment_idempotency_keys')
      .select(['request_hash', 'result_id'])
      .where('scope', '=', scope)
      .where('actor_id', '=', actorId)
      .where('key', '=', key)
      .executeTakeFirst();
    return row ? { requestHash: row.request_hash, resultId: row.result_id } : null;
  }

  async insertIdempotencyKey(row: PaymentsTables['payment_idempotency_keys']): Promise<void> {
    await this.q().insertInto('payment_idempotency_keys').values(row).execute();
  }

  async deleteIdempotencyKey(scope: string, actorId: string, key: string): Promise<void> {
    await this.q().deleteFrom('payment_idempotency_keys').where('scope', '=', scope).where('actor_id', '=', actorId).where('key', '=', key).execute();
  }
}
