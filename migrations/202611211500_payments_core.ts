// Payments: payments and refunds, the inbox of provider events (unique per provider and
// event id, so a notification is applied once however often it arrives), idempotency keys
// of our own API, and the double-entry ledger in integer minor units.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('payments')
    .addColumn('id', 'text', (c) => c.primaryKey()) // also the out_trade_no sent to Alipay and WeChat Pay
    .addColumn('kind', 'text', (c) => c.notNull()) // the payable kind, e.g. consultation
    .addColumn('reference_id', 'text', (c) => c.notNull())
    .addColumn('payer_id', 'text', (c) => c.notNull())
    .addColumn('provider', 'text', (c) => c.notNull())
    .addColumn('amount', 'integer', (c) => c.notNull())
    .addColumn('currency', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('refunded_amount', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('provider_ref', 'text') // checkout session, prepay or QR reference
    .addColumn('provider_txn', 'text') // the provider's transaction id once paid
    .addColumn('action', 'text') // JSON: what the payer does next (QR code or redirect)
    .addColumn('failure_reason', 'text')
    .addColumn('settled', 'integer', (c) => c.notNull().defaultTo(0)) // money moved to earnings and fee
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('paid_at', 'text')
    .execute();
  await db.schema.createIndex('payments_reference').on('payments').columns(['kind', 'reference_id']).execute();
  await db.schema.createIndex('payments_payer').on('payments').columns(['payer_id', 'created_at']).execute();
  await db.schema.createIndex('payments_status').on('payments').columns(['status', 'created_at']).execute();

  await db.schema
    .createTable('payment_refunds')
    .addColumn('id', 'text', (c) => c.primaryKey()) // also out_refund_no / out_request_no
    .addColumn('payment_id', 'text', (c) => c.notNull().references('payments.id'))
    .addColumn('amount', 'integer', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull()) // pending | succeeded | failed
    .addColumn('provider_ref', 'text')
    .addColumn('requested_by', 'text')
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('last_error', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('payment_refunds_payment').on('payment_refunds').column('payment_id').execute();
  await db.schema.createIndex('payment_refunds_status').on('payment_refunds').columns(['status', 'updated_at']).execute();

  await db.schema
    .createTable('payment_events')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('provider', 'text', (c) => c.notNull())
    // The provider's event id for accepted events; refused ones get an id of their own so a
    // forged event can never occupy the id of the genuine one that follows.
    .addColumn('event_id', 'text', (c) => c.notNull())
    .addColumn('claimed_event_id', 'text')
    .addColumn('payment_id', 'text')
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('outcome', 'text', (c) => c.notNull()) // applied | ignored | refused
    .addColumn('reason', 'text')
    .addColumn('deliveries', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('payload', 'text')
    .addColumn('received_at', 'text', (c) => c.notNull())
    .addColumn('last_received_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('payment_events_provider_event').on('payment_events').columns(['provider', 'event_id']).unique().execute();
  await db.schema.createIndex('payment_events_received').on('payment_events').column('received_at').execute();
  await db.schema.createIndex('payment_events_payment').on('payment_events').column('payment_id').execute();

  await db.schema
    .createTable('payment_idempotency_keys')
    .addColumn('scope', 'text', (c) => c.notNull())
    .addColumn('actor_id', 'text', (c) => c.notNull())
    .addColumn('key', 'text', (c) => c.notNull())
    .addColumn('request_hash', 'text', (c) => c.notNull())
    .addColumn('result_id', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('payment_idempotency_keys_pk', ['scope', 'actor_id', 'key'])
    .execute();

  await db.schema
    .createTable('ledger_transactions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    // What this posting is for, unique: a business event is booked once (payment_paid:pay_…).
    .addColumn('posting_key', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('payment_id', 'text')
    .addColumn('memo', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('ledger_transactions_posting_key').on('ledger_transactions').column('posting_key').unique().execute();

  await db.schema
    .createTable('ledger_entries')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('transaction_id', 'text', (c) => c.notNull().references('ledger_transactions.id'))
    .addColumn('account', 'text', (c) => c.notNull())
    .addColumn('amount', 'integer', (c) => c.notNull()) // debit positive, credit negative
    .addColumn('currency', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('ledger_entries_account').on('ledger_entries').columns(['account', 'created_at']).execute();
  await db.schema.createIndex('ledger_entries_transaction').on('ledger_entries').column('transaction_id').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['ledger_entries', 'ledger_transactions', 'payment_idempotency_keys', 'payment_events', 'payment_refunds', 'payments']) {
    await db.schema.dropTable(table).ifExists().execute();
  }
}
