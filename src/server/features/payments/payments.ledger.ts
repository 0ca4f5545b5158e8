// The double-entry ledger, in integer minor units. Every posting is a transaction whose
// entries sum to zero (debits positive, credits negative), written in the caller's database
// transaction and booked once per business event (its unique posting key). Balances are
// never stored: they are sums over the entries, so they can always be recomputed.
//
// Accounts:
//   cash:<provider>          money held for us by a provider (Alipay, WeChat Pay, card, sandbox)
//   patient_funds            what patients paid for consultations not yet delivered
//   platform_subsidy         what the platform paid doctors for free consultations
//   doctor_earnings:<id>     what we owe each doctor
//   platform_fee             the platform's share of paid consultations
//   refunds                  money sent back to patients after it had been earned
import { sql } from 'kysely';
import type { Database } from '../../platform/db/unit-of-work.ts';
import { isUniqueViolation } from '../../platform/db/db.ts';
import { newId } from '../../platform/ids.ts';

export type LedgerTables = {
  ledger_transactions: {
    id: string;
    posting_key: string;
    kind: string;
    payment_id: string | null;
    memo: string | null;
    created_at: string;
  };
  ledger_entries: {
    id: string;
    transaction_id: string;
    account: string;
    amount: number;
    currency: string;
    created_at: string;
  };
};

export interface Posting {
  postingKey: string;
  kind: 'payment' | 'refund' | 'settlement' | 'subsidy';
  paymentId?: string | null;
  memo?: string;
  currency: string;
  entries: Array<{ account: string; amount: number }>;
}

export class UnbalancedPosting extends Error {}

export const doctorAccount = (doctorId: string) => `doctor_earnings:${doctorId}`;
export const cashAccount = (provider: string) => `cash:${provider}`;

export class Ledger {
  constructor(private readonly db: Database) {}

  private q() {
    return this.db.withTables<LedgerTables>();
  }

  /** Books a posting once; false when its posting key was booked before. Must run in a transaction. */
  async post(posting: Posting, at: string): Promise<boolean> {
    const entries = posting.entries.filter((e) => e.amount !== 0);
    const sum = entries.reduce((s, e) => s + e.amount, 0);
    if (sum !== 0 || entries.some((e) => !Number.isSafeInteger(e.amount))) {
      throw new UnbalancedPosting(`posting ${posting.postingKey} does not balance (${sum})`);
    }
    const existing = await this.q().selectFrom('ledger_transactions').select('id').where('posting_key', '=', posting.postingKey).executeTakeFirst();
    if (existing) return false;
    const id = newId('ltx');
    try {
      await this.q()
        .insertInto('ledger_transactions')
        .values({ id, posting_key: posting.postingKey, kind: posting.kind, payment_id: posting.paymentId ?? null, memo: posting.memo ?? null, created_at: at })
        .execute();
    } catch (error) {
      if (isUniqueViolation(error)) return false;
      throw error;
    }
    if (entries.length > 0) {
      await this.q()
        .insertInto('ledger_entries')
        .values(
          entries.map((e) => ({ id: newId('lent'), transaction_id: id, account: e.account, amount: e.amount, currency: posting.currency, created_at: at })),
        )
        .execute();
    }
    return true;
  }

  async isPosted(postingKey: string): Promise<boolean> {
    const row = await this.q().selectFrom('ledger_transactions').select('id').where('posting_key', '=', postingKey).executeTakeFirst();
    return Boolean(row);
  }

  /** Balance of every account, summed from the entries. */
  async balances(): Promise<Array<{ account: string; currency: string; balance: number }>> {
    const rows = await this.q()
      .selectFrom('ledger_entries')
      .select(['account', 'currency', (eb) => eb.fn.sum<number>('amount').as('balance')])
      .groupBy(['account', 'currency'])
      .orderBy('account')
      .execute();
    return rows.map((r) => ({ account: r.account, currency: r.currency, balance: Number(r.balance) }));
  }

  /** Transactions whose entries do not sum to zero (there should never be any). */
  async unbalancedTransactions(): Promise<string[]> {
    const rows = await this.q()
      .selectFrom('ledger_entries')
      .select(['transaction_id', (eb) => eb.fn.sum<number>('amount').as('total')])
      .groupBy('transaction_id')
      .having((eb) => eb.fn.sum('amount'), '!=', 0)
      .execute();
    return rows.map((r) => r.transaction_id);
  }

  /** Money credited to one account per UTC day (e.g. a doctor's earnings), from `since`. */
  async creditsByDay(account: string, since: string): Promise<Array<{ day: string; currency: string; amount: number }>> {
    const day = sql<string>`substr(created_at, 1, 10)`;
    const rows = await this.q()
      .selectFrom('ledger_entries')
      .select([day.as('day'), 'currency', (eb) => eb.fn.sum<number>('amount').as('amount')])
      .where('account', '=', account)
      .where('created_at', '>=', since)
      .groupBy([day, 'currency'])
      .orderBy(day)
      .execute();
    return rows.map((r) => ({ day: r.day, currency: r.currency, amount: -Number(r.amount) }));
  }
}
