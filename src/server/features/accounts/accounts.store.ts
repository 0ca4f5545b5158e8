// The only code that touches users, user_roles and sessions.
import type { Database } from '../../platform/db/unit-of-work.ts';
import type { Role } from '../../platform/auth/actor.ts';
import type { Locale } from '../../../shared/locales.ts';

export type AccountsTables = {
  users: {
    id: string;
    email: string | null;
    phone: string | null;
    password_hash: string | null;
    display_name: string;
    locale: string;
    /** ISO 3166-1 alpha-2, chosen by the person (emergency numbers, prices); null until they do. */
    country: string | null;
    status: string;
    created_at: string;
    updated_at: string;
    deleted_at: string | null;
  };
  user_roles: { user_id: string; role: string; granted_at: string; granted_by: string | null };
  sessions: {
    id: string;
    user_id: string;
    scope: string;
    user_agent: string | null;
    created_at: string;
    last_seen_at: string;
    expires_at: string;
    revoked_at: string | null;
  };
};

export interface UserRow {
  id: string;
  email: string | null;
  phone: string | null;
  displayName: string;
  locale: Locale;
  country: string | null;
  status: string;
  createdAt: string;
  roles: Role[];
}

export interface SessionRow {
  id: string;
  userId: string;
  scope: 'full' | 'mini';
  expiresAt: string;
  lastSeenAt: string;
}

const userColumns = ['id', 'email', 'phone', 'display_name', 'locale', 'country', 'status', 'created_at'] as const;

export class AccountsStore {
  constructor(private readonly db: Database) {}

  private q() {
    return this.db.withTables<AccountsTables>();
  }

  private async withRoles(
    rows: Array<{
      id: string;
      email: string | null;
      phone: string | null;
      display_name: string;
      locale: string;
      country: string | null;
      status: string;
      created_at: string;
    }>,
  ): Promise<UserRow[]> {
    if (rows.length === 0) return [];
    const roles = await this.q()
      .selectFrom('user_roles')
      .select(['user_id', 'role'])
      .where(
        'user_id',
        'in',
        rows.map((r) => r.id),
      )
      .execute();
    return rows.map((r) => ({
      id: r.id,
      email: r.email,
      phone: r.phone,
      displayName: r.display_name,
      locale: r.locale as Locale,
      country: r.country,
      status: r.status,
      createdAt: r.created_at,
      roles: roles
        .filter((x) => x.user_id === r.id)
        .map((x) => x.role as Role)
        .sort(),
    }));
  }

  async findById(id: string): Promise<UserRow | null> {
    const row = await this.q().selectFrom('users').select(userColumns).where('id', '=', id).where('deleted_at', 'is', null).executeTakeFirst();
    return row ? (await this.withRoles([row]))[0]! : null;
  }

  async findByIds(ids: string[]): Promise<UserRow[]> {
    if (ids.length === 0) return [];
    const rows = await this.q().selectFrom('users').select(userColumns).where('id', 'in', ids).execute();
    return this.withRoles(rows);
  }

  /** For sign-in only: the one place a password hash is read. */
  async findCredentials(login: { email?: string; phone?: string }): Promise<{ id: string; passwordHash: string | null; status: string } | null> {
    let query = this.q().selectFrom('users').select(['id', 'password_hash', 'status']).where('deleted_at', 'is', null);
    if (login.email) query = query.where('email', '=', login.email);
    else if (login.phone) query = query.where('phone', '=', login.phone);
    else return null;
    const row = await query.executeTakeFirst();
    return row ? { id: row.id, passwordHash: row.password_hash, status: row.status } : null;
  }

  async existsWith(field: 'email' | 'phone', value: string): Promise<boolean> {
    const row = await this.q().selectFrom('users').select('id').where(field, '=', value).executeTakeFirst();
    return Boolean(row);
  }

  async insertUser(user: {
    id: string;
    email: string | null;
    phone: string | null;
    passwordHash: string | null;
    displayName: string;
    locale: Locale;
    now: string;
    roles: Role[];
  }): Promise<void> {
    await this.q()
      .insertInto('users')
      .values({
        id: user.id,
        email: user.email,
        phone: user.phone,
        password_hash: user.passwordHash,
        display_name: user.displayName,
        locale: user.locale,
        country: null,
        status: 'active',
        created_at: user.now,
        updated_at: user.now,
        deleted_at: null,
      })
      .execute();
    await this.q()
      .insertInto('user_roles')
      .values(user.roles.map((role) => ({ user_id: user.id, role, granted_at: user.now, granted_by: null })))
      .execute();
  }

  async updateProfile(id: string, patch: { displayName?: string; locale?: Locale; country?: string }, now: string): Promise<void> {
    const values: Partial<AccountsTables['users']> = { updated_at: now };
    if (patch.country !== undefined) values.country = patch.country;
    if (patch.displayName !== undefined) values.display_name = patch.displayName;
    if (patch.locale !== undefined) values.locale = patch.locale;
    await this.q().updateTable('users').set(values).where('id', '=', id).execute();
  }

  async updateStatus(id: string, status: 'active' | 'suspended' | 'banned', now: string): Promise<void> {
    await this.q().updateTable('users').set({ status, updated_at: now }).where('id', '=', id).execute();
  }

  /** Deleting an account erases what identifies the person (email, phone, name, password)
   * but keeps the row, so records others rely on (consultations) keep their references. */
  async anonymise(id: string, now: string): Promise<void> {
    await this.db.transaction(async () => {
      await this.q()
        .updateTable('users')
        .set({
          email: null,
          phone: null,
          country: null,
          password_hash: null,
          display_name: 'Deleted account',
          status: 'deleted',
          deleted_at: now,
          updated_at: now,
        })
        .where('id', '=', id)
        .execute();
      await this.q().updateTable('sessions').set({ revoked_at: now }).where('user_id', '=', id).where('revoked_at', 'is', null).execute();
      await this.q().deleteFrom('user_roles').where('user_id', '=', id).execute();
    });
  }

  async findPasswordHash(id: string): Promise<string | null> {
    const row = await this.q().selectFrom('users').select('password_hash').where('id', '=', id).executeTakeFirst();
    return row?.password_hash ?? null;
  }

  async grantRole(userId: string, role: Role, grantedBy: string | null, now: string): Promise<void> {
    await this.q()
      .insertInto('user_roles')
      .values({ user_id: userId, role, granted_at: now, granted_by: grantedBy })
      .onConflict((oc) => oc.columns(['user_id', 'role']).doNothing())
      .execute();
  }

  async revokeRole(userId: string, role: Role): Promise<void> {
    await this.q().deleteFrom('user_roles').where('user_id', '=', userId).where('role', '=', role).execute();
  }

  async countUsers(): Promise<number> {
    const row = await this.q()
      .selectFrom('users')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  async insertSession(session: {
    id: string;
    userId: string;
    scope: 'full' | 'mini';
    userAgent: string | null;
    now: string;
    expiresAt: string;
  }): Promise<void> {
    await this.q()
      .insertInto('sessions')
      .values({
        id: session.id,
        user_id: session.userId,
        scope: session.scope,
        user_agent: session.userAgent,
        created_at: session.now,
        last_seen_at: session.now,
        expires_at: session.expiresAt,
        revoked_at: null,
      })
      .execute();
  }

  async findLiveSession(id: string, now: string): Promise<SessionRow | null> {
    const row = await this.q()
      .selectFrom('sessions')
      .select(['id', 'user_id', 'scope', 'expires_at', 'last_seen_at'])
      .where('id', '=', id)
      .where('revoked_at', 'is', null)
      .where('expires_at', '>', now)
      .executeTakeFirst();
    return row ? { id: row.id, userId: row.user_id, scope: row.scope as 'full' | 'mini', expiresAt: row.expires_at, lastSeenAt: row.last_seen_at } : null;
  }

  async touchSession(id: string, now: string): Promise<void> {
    await this.q().updateTable('sessions').set({ last_seen_at: now }).where('id', '=', id).execute();
  }

  async revokeSession(id: string, now: string): Promise<void> {
    await this.q().updateTable('sessions').set({ revoked_at: now }).where('id', '=', id).where('revoked_at', 'is', null).execute();
  }

  async revokeSessionsOfUser(userId: string, now: string, scope?: 'full' | 'mini'): Promise<void> {
    let query = this.q().updateTable('sessions').set({ revoked_at: now }).where('user_id', '=', userId).where('revoked_at', 'is', null);
    if (scope) query = query.where('scope', '=', scope);
    await query.execute();
  }
}
