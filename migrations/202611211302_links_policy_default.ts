// The first link policy: external links in one-to-one chats (direct, consultation),
// none in group chats, an empty blocklist. Operators change it in the admin console.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  const rules = {
    kinds: {
      direct: { mode: 'allow_all', domains: [] },
      consultation: { mode: 'allow_all', domains: [] },
      group: { mode: 'deny_all', domains: [] },
    },
    blocklist: [],
  };
  await db
    .insertInto('link_policy_versions')
    .values({ version: 1, rules: JSON.stringify(rules), note: 'Initial policy: links in one-to-one chats, none in groups.', created_by: null, created_at: '2026-11-21T00:00:00.000Z' })
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.deleteFrom('link_policy_versions').where('version', '=', 1).execute();
}
