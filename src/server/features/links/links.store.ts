// The only code that touches link_policy_versions, link_refusals, link_previews and
// link_preview_images.
import type { Database } from '../../platform/db/unit-of-work.ts';
import { parseJson } from '../../platform/db/sql-helpers.ts';
import type { PolicyRules } from './links.policy.ts';

export type LinksTables = {
  link_policy_versions: { version: number; rules: string; note: string | null; created_by: string | null; created_at: string };
  link_refusals: {
    id: string;
    conversation_id: string;
    conversation_kind: string;
    sender_id: string;
    policy_version: number;
    urls: string;
    reason: string;
    created_at: string;
  };
  link_previews: {
    url: string;
    status: string;
    title: string | null;
    description: string | null;
    image_id: string | null;
    site_name: string | null;
    fetched_at: string;
    expires_at: string;
  };
  link_preview_images: { id: string; source_url: string; content_type: string; data: string; created_at: string };
};

export interface PolicyVersion {
  version: number;
  rules: PolicyRules;
  note: string | null;
  createdBy: string | null;
  createdAt: string;
}

export interface RefusalRow {
  id: string;
  conversationId: string;
  conversationKind: string;
  senderId: string;
  policyVersion: number;
  urls: string[];
  reason: string;
  createdAt: string;
}

export interface CachedPreview {
  url: string;
  status: 'ok' | 'refused' | 'failed';
  title: string | null;
  description: string | null;
  imageId: string | null;
  siteName: string | null;
  expiresAt: string;
}

const versionColumns = ['version', 'rules', 'note', 'created_by', 'created_at'] as const;
const toVersion = (r: { version: number; rules: string; note: string | null; created_by: string | null; created_at: string }): PolicyVersion => ({
  version: Number(r.version),
  rules: parseJson<PolicyRules>(r.rules, {
    kinds: { direct: { mode: 'allow_all', domains: [] }, consultation: { mode: 'allow_all', domains: [] }, group: { mode: 'deny_all', domains: [] } },
    blocklist: [],
  }),
  note: r.note,
  createdBy: r.created_by,
  createdAt: r.created_at,
});

export class LinksStore {
  constructor(private readonly db: Database) {}

  private q() {
    return this.db.withTables<LinksTables>();
  }

  async currentPolicy(): Promise<PolicyVersion | null> {
    const row = await this.q().selectFrom('link_policy_versions').select(versionColumns).orderBy('version', 'desc').limit(1).executeTakeFirst();
    return row ? toVersion(row) : null;
  }

  async listPolicies(limit: number): Promise<PolicyVersion[]> {
    const rows = await this.q().selectFrom('link_policy_versions').select(versionColumns).orderBy('version', 'desc').limit(limit).execute();
    return rows.map(toVersion);
  }

  /** Inserts version `version`; the primary key refuses a second writer of the same number. */
  async insertPolicy(version: number, rules: PolicyRules, note: string | null, createdBy: string, now: string): Promise<void> {
    await this.q()
      .insertInto('link_policy_versions')
      .values({ version, rules: JSON.stringify(rules), note, created_by: createdBy, created_at: now })
      .execute();
  }

  async insertRefusal(row: RefusalRow): Promise<void> {
    await this.q()
      .insertInto('link_refusals')
      .values({
        id: row.id,
        conversation_id: row.conversationId,
        conversation_kind: row.conversationKind,
        sender_id: row.senderId,
        policy_version: row.policyVersion,
        urls: JSON.stringify(row.urls),
        reason: row.reason,
        created_at: row.createdAt,
      })
      .execute();
  }

  async listRefusals(limit: number, conversationId?: string): Promise<RefusalRow[]> {
    let query = this.q()
      .selectFrom('link_refusals')
      .select(['id', 'conversation_id', 'conversation_kind', 'sender_id', 'policy_version', 'urls', 'reason', 'created_at'])
      .orderBy('created_at', 'desc')
      .orderBy('id', 'desc')
      .limit(limit);
    if (conversationId) query = query.where('conversation_id', '=', conversationId);
    const rows = await query.execute();
    return rows.map((r) => ({
      id: r.id,
      conversationId: r.conversation_id,
      conversationKind: r.conversation_kind,
      senderId: r.sender_id,
      policyVersion: Number(r.policy_version),
      urls: parseJson<string[]>(r.urls, []),
      reason: r.reason,
      createdAt: r.created_at,
    }));
  }

  async findPreview(url: string): Promise<CachedPreview | null> {
    const row = await this.q()
      .selectFrom('link_previews')
      .select(['url', 'status', 'title', 'description', 'image_id', 'site_name', 'expires_at'])
      .where('url', '=', url)
      .executeTakeFirst();
    return row
      ? {
          url: row.url,
          status: row.status as CachedPreview['status'],
          title: row.title,
          description: row.description,
          imageId: row.image_id,
          siteName: row.site_name,
          expiresAt: row.expires_at,
        }
      : null;
  }

  async savePreview(preview: CachedPreview, now: string): Promise<void> {
    const values = {
      status: preview.status,
      title: preview.title,
      description: preview.description,
      image_id: preview.imageId,
      site_name: preview.siteName,
      fetched_at: now,
      expires_at: preview.expiresAt,
    };
    await this.q()
      .insertInto('link_previews')
      .values({ url: preview.url, ...values })
      .onConflict((oc) => oc.column('url').doUpdateSet(values))
      .execute();
  }

  async insertImage(id: string, sourceUrl: string, contentType: string, data: Buffer, now: string): Promise<void> {
    await this.q()
      .insertInto('link_preview_images')
      .values({ id, source_url: sourceUrl, content_type: contentType, data: data.toString('base64'), created_at: now })
      .execute();
  }

  async findImage(id: string): Promise<{ contentType: string; data: Buffer } | null> {
    const row = await this.q().selectFrom('link_preview_images').select(['content_type', 'data']).where('id', '=', id).executeTakeFirst();
    return row ? { contentType: row.content_type, data: Buffer.from(row.data, 'base64') } : null;
  }
}
