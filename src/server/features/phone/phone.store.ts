// The only code that touches phone_codes and verified_phones.
import type { Kysely } from 'kysely';
import type { Database } from '../../platform/db/unit-of-work.ts';

export interface PhoneTables {
  phone_codes: { id: string; user_id: string; phone: string; code_hash: string; ip: string; attempts: number; created_at: string; expires_at: string; used_at: string | null; purpose?: 'verify' | 'sign_in' };
  verified_phones: { user_id: string; phone: string; phone_key: string; verified_at: string };
}

export interface PhoneCode {
  id: string;
  phone: string;
  codeHash: string;
  attempts: number;
  expiresAt: string;
}

export class PhoneStore {
  constructor(private readonly db: Database) {}

  private q() {
    return this.db.q as unknown as Kysely<PhoneTables>;
  }

  async countSince(column: 'user_id' | 'phone' | 'ip', value: string, since: string): Promise<number> {
    const row = await this.q()
      .selectFrom('phone_codes')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where(column, '=', value)
      .where('created_at', '>=', since)
      .executeTakeFirst();
    return Number(row?.n ?? 0);
  }

  async insertCode(row: PhoneTables['phone_codes']): Promise<void> {
    await this.q().insertInto('phone_codes').values(row).execute();
  }

  /** The account's newest unused code. */
  async latestCode(userId: string): Promise<PhoneCode | null> {
    const row = await this.q()
      .selectFrom('phone_codes')
      .select(['id', 'phone', 'code_hash', 'attempts', 'expires_at'])
      .where('user_id', '=', userId)
      .where('purpose', '=', 'verify')
      .where('used_at', 'is', null)
      .orderBy('created_at', 'desc')
      .orderBy('id', 'desc')
      .limit(1)
      .executeTakeFirst();
    return row ? { id: row.id, phone: row.phone, codeHash: row.code_hash, attempts: row.attempts, expiresAt: row.expires_at } : null;
  }

  /** The newest unused sign-in code sent to this number (user_id is '' when no account has it). */
  async latestSignInCode(phone: string): Promise<(PhoneCode & { userId: string }) | null> {
    const row = await this.q()
      .selectFrom('phone_codes')
      .select(['id', 'user_id', 'phone', 'code_hash', 'attempts', 'expires_at'])
      .where('phone', '=', phone)
      .where('purpose', '=', 'sign_in')
      .where('used_at', 'is', null)
      .orderBy('created_at', 'desc')
      .orderBy('id', 'desc')
      .limit(1)
      .executeTakeFirst();
    return row ? { id: row.id, userId: row.user_id, phone: row.phone, codeHash: row.code_hash, attempts: row.attempts, expiresAt: row.expires_at } : null;
  }

  async markSignInUsed(phone: string, now: string): Promise<void> {
    await this.q().updateTable('phone_codes').set({ used_at: now }).where('phone', '=', phone).where('purpose', '=', 'sign_in').where('used_at', 'is', null).execute();
  }

  /** The account that verified this number most recently, if any. */
  async accountWithVerified(phone: string): Promise<string | null> {
    const row = await this.q().selectFrom('verified_phones').select('user_id').where('phone', '=', phone).orderBy('verified_at', 'desc').limit(1).executeTakeFirst();
    return row?.user_id ?? null;
  }

  async countAttempt(id: string): Promise<void> {
    await this.q()
      .updateTable('phone_codes')
      .set((eb) => ({ attempts: eb('attempts', '+', 1) }))
      .where('id', '=', id)
      .execute();
  }

  async markUsed(userId: string, now: string): Promise<void> {
    // One code verifies once; the account's other pending codes die with it.
    await this.q().updateTable('phone_codes').set({ used_at: now }).where('user_id', '=', userId).where('purpose', '=', 'verify').where('used_at', 'is', null).execute();
  }

  async setVerified(userId: string, phone: string, phoneKey: string, now: string): Promise<void> {
    await this.q().deleteFrom('verified_phones').where('user_id', '=', userId).execute();
    await this.q().insertInto('verified_phones').values({ user_id: userId, phone, phone_key: phoneKey, verified_at: now }).execute();
  }

  async verified(userId: string): Promise<{ phone: string; phoneKey: string; verifiedAt: string } | null> {
    const row = await this.q().selectFrom('verified_phones').select(['phone', 'phone_key', 'verified_at']).where('user_id', '=', userId).executeTakeFirst();
    return row ? { phone: row.phone, phoneKey: row.phone_key, verifiedAt: row.verified_at } : null;
  }

  /** On account deletion: the number and its codes go; free-consultation claims stay. */
  async forget(userId: string): Promise<void> {
    await this.q().deleteFrom('verified_phones').where('user_id', '=', userId).execute();
    await this.q().deleteFrom('phone_codes').where('user_id', '=', userId).execute();
  }
}
