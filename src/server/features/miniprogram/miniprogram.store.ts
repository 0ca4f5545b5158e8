// The only code that touches mini_hosts, mini_accounts and mini_assertion_ids.
import type { Database } from '../../platform/db/unit-of-work.ts';
import { parseJson } from '../../platform/db/sql-helpers.ts';

export type MiniprogramTables = {
  mini_hosts: {
    id: string;
    name: string;
    origins: string;
    jwks: string | null;
    jwks_url: string | null;
    status: string;
    vouches_phones: number;
    created_by: string | null;
    created_at: string;
    updated_at: string;
  };
  mini_accounts: { host_id: string; host_user_id: string; user_id: string; created_at: string; last_seen_at: string };
  mini_assertion_ids: { host_id: string; jti: string; expires_at: string };
};

export interface Jwk {
  kty: string;
  kid?: string;
  alg?: string;
  use?: string;
  [member: string]: unknown;
}

export interface HostRow {
  id: string;
  name: string;
  origins: string[];
  jwks: { keys: Jwk[] } | null;
  jwksUrl: string | null;
  status: 'active' | 'suspended';
  /** Trusted to vouch for its readers' phone numbers (a verified phone_number claim). */
  vouchesPhones: boolean;
  createdAt: string;
  updatedAt: string;
}

const hostColumns = ['id', 'name', 'origins', 'jwks', 'jwks_url', 'status', 'vouches_phones', 'created_at', 'updated_at'] as const;

function toHost(r: Pick<MiniprogramTables['mini_hosts'], (typeof hostColumns)[number]>): HostRow {
  return {
    id: r.id,
    name: r.name,
    origins: parseJson<string[]>(r.origins, []),
    jwks: parseJson<{ keys: Jwk[] } | null>(r.jwks, null),
    jwksUrl: r.jwks_url,
    status: r.status === 'active' ? 'active' : 'suspended',
    vouchesPhones: r.vouches_phones === 1,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

export class MiniprogramStore {
  constructor(private readonly db: Database) {}
  private q() {
    return this.db.withTables<MiniprogramTables>();
  }

  async insertHost(host: {
    id: string;
    name: string;
    origins: string[];
    jwks: { keys: Jwk[] } | null;
    jwksUrl: string | null;
    status: string;
    vouchesPhones: boolean;
    createdBy: string;
    now: string;
  }): Promise<void> {
    await this.q()
      .insertInto('mini_hosts')
      .values({
        id: host.id,
        name: host.name,
        origins: JSON.stringify(host.origins),
        jwks: host.jwks ? JSON.stringify(host.jwks) : null,
        jwks_url: host.jwksUrl,
        status: host.status,
        vouches_phones: host.vouchesPhones ? 1 : 0,
        created_by: host.createdBy,
        created_at: host.now,
        updated_at: host.now,
      })
      .execute();
  }

  async updateHost(
    id: string,
    patch: { name?: string; origins?: string[]; jwks?: { keys: Jwk[] } | null; jwksUrl?: string | null; status?: string; vouchesPhones?: boolean },
    now: string,
  ): Promise<void> {
    const values: Partial<MiniprogramTables['mini_hosts']> = { updated_at: now };
    if (patch.name !== undefined) values.name = patch.name;
    if (patch.origins !== undefined) values.origins = JSON.stringify(patch.origins);
    if (patch.jwks !== undefined) values.jwks = patch.jwks ? JSON.stringify(patch.jwks) : null;
    if (patch.jwksUrl !== undefined) values.jwks_url = patch.jwksUrl;
    if (patch.status !== undefined) values.status = patch.status;
    if (patch.vouchesPhones !== undefined) values.vouches_phones = patch.vouchesPhones ? 1 : 0;
    await this.q().updateTable('mini_hosts').set(values).where('id', '=', id).execute();
  }

  async findHost(id: string): Promise<HostRow | null> {
    const row = await this.q().selectFrom('mini_hosts').select(hostColumns).where('id', '=', id).executeTakeFirst();
    return row ? toHost(row) : null;
  }

  async listHosts(): Promise<HostRow[]> {
    const rows = await this.q().selectFrom('mini_hosts').select(hostColumns).orderBy('created_at').execute();
    return rows.map(toHost);
  }

  async activeOrigins(): Promise<string[]> {
    const rows = await this.q().selectFrom('mini_hosts').select('origins').where('status', '=', 'active').execute();
    return [...new Set(rows.flatMap((r) => parseJson<string[]>(r.origins, [])))];
  }

  /** Records an assertion id; false when the host already used it (a replay). The
   * primary key decides, so two concurrent exchanges of one assertion cannot both win. */
  async claimAssertionId(hostId: string, jti: string, expiresAt: string, now: string): Promise<boolean> {
    const result = await this.q()
      .insertInto('mini_assertion_ids')
      .values({ host_id: hostId, jti, expires_at: expiresAt })
      .onConflict((oc) => oc.columns(['host_id', 'jti']).doNothing())
      .executeTakeFirst();
    // Forget ids whose assertions could no longer be accepted anyway.
    await this.q().deleteFrom('mini_assertion_ids').where('expires_at', '<', now).execute();
    return Number(result.numInsertedOrUpdatedRows ?? 0) === 1;
  }

  async findLinkedUser(hostId: string, hostUserId: string): Promise<string | null> {
    const row = await this.q()
      .selectFrom('mini_accounts')
      .select('user_id')
      .where('host_id', '=', hostId)
      .where('host_user_id', '=', hostUserId)
      .executeTakeFirst();
    return row?.user_id ?? null;
  }

  async link(hostId: string, hostUserId: string, userId: string, now: string): Promise<void> {
    await this.q()
      .insertInto('mini_accounts')
      .values({ host_id: hostId, host_user_id: hostUserId, user_id: userId, created_at: now, last_seen_at: now })
      .execute();
  }

  async touch(hostId: string, hostUserId: string, now: string): Promise<void> {
    await this.q().updateTable('mini_accounts').set({ last_seen_at: now }).where('host_id', '=', hostId).where('host_user_id', '=', hostUserId).execute();
  }

  async usersOfHost(hostId: string): Promise<string[]> {
    const rows = await this.q().selectFrom('mini_accounts').select('user_id').where('host_id', '=', hostId).execute();
    return rows.map((r) => r.user_id);
  }

  async hostOfUser(userId: string): Promise<string | null> {
    const row = await this.q().selectFrom('mini_accounts').select('host_id').where('user_id', '=', userId).executeTakeFirst();
    return row?.host_id ?? null;
  }
}
