// The only code that touches reports, the moderation log, word lists, sanctions and
// uploaded images of the community.
import type { Database } from '../../platform/db/unit-of-work.ts';

export type ModerationTables = {
  community_reports: {
    id: string;
    post_id: string;
    reporter_id: string;
    reason: string;
    status: string;
    created_at: string;
    resolved_at: string | null;
    resolved_by: string | null;
  };
  community_moderation_actions: {
    id: string;
    moderator_id: string;
    action: string;
    target_type: string;
    target_id: string;
    reason: string;
    created_at: string;
  };
  community_word_terms: { id: string; list: string; term: string; created_at: string; created_by: string | null };
  community_sanctions: {
    id: string;
    user_id: string;
    kind: string;
    reason: string;
    until: string | null;
    created_by: string;
    created_at: string;
    lifted_at: string | null;
  };
  community_images: { id: string; uploader_id: string; mime: string; width: number; height: number; bytes: number; data: string; created_at: string };
  community_posts: { id: string; status: string; created_at: string };
};

export type WordList = 'advertising' | 'misinformation';

export interface ReportRow {
  id: string;
  postId: string;
  reason: string;
  createdAt: string;
}

export interface ModerationActionRow {
  id: string;
  moderatorId: string;
  action: string;
  targetType: string;
  targetId: string;
  reason: string;
  createdAt: string;
}

export interface WordTermRow {
  id: string;
  list: WordList;
  term: string;
  createdAt: string;
}

export interface SanctionRow {
  id: string;
  userId: string;
  kind: 'warning' | 'suspension' | 'ban';
  reason: string;
  until: string | null;
  createdAt: string;
}

export class ModerationStore {
  constructor(private readonly db: Database) {}

  private q() {
    return this.db.withTables<ModerationTables>();
  }

  // Reports

  /** One open report per person and post; a second report by the same person is a no-op. */
  async insertReport(row: ModerationTables['community_reports']): Promise<boolean> {
    const result = await this.q()
      .insertInto('community_reports')
      .values(row)
      .onConflict((oc) => oc.columns(['post_id', 'reporter_id']).doNothing())
      .executeTakeFirst();
    return Number(result.numInsertedOrUpdatedRows ?? 0) === 1;
  }

  async openReports(postIds: string[]): Promise<ReportRow[]> {
    if (postIds.length === 0) return [];
    const rows = await this.q()
      .selectFrom('community_reports')
      .select(['id', 'post_id', 'reason', 'created_at'])
      .where('status', '=', 'open')
      .where('post_id', 'in', postIds)
      .orderBy('created_at')
      .execute();
    return rows.map((r) => ({ id: r.id, postId: r.post_id, reason: r.reason, createdAt: r.created_at }));
  }

  async resolveReports(postId: string, by: string, now: string): Promise<void> {
    await this.q()
      .updateTable('community_reports')
      .set({ status: 'resolved', resolved_at: now, resolved_by: by })
      .where('post_id', '=', postId)
      .where('status', '=', 'open')
      .execute();
  }

  /** Posts needing a moderator: reported ones (open reports) and held ones (pending), oldest first. */
  async queuePostIds(limit: number): Promise<string[]> {
    const reported = await this.q()
      .selectFrom('community_reports')
      .select(['post_id'])
      .select((eb) => eb.fn.min('created_at').as('first_at'))
      .where('status', '=', 'open')
      .groupBy('post_id')
      .orderBy('first_at')
      .limit(limit)
      .execute();
    const held = await this.q()
      .selectFrom('community_posts')
      .select(['id', 'created_at'])
      .where('status', '=', 'pending')
      .orderBy('created_at')
      .limit(limit)
      .execute();
    const merged = [...reported.map((r) => ({ id: r.post_id, at: String(r.first_at) })), ...held.map((h) => ({ id: h.id, at: h.created_at }))];
    merged.sort((a, b) => a.at.localeCompare(b.at));
    return [...new Set(merged.map((m) => m.id))].slice(0, limit);
  }

  // The moderation log

  async insertAction(row: ModerationTables['community_moderation_actions']): Promise<void> {
    await this.q().insertInto('community_moderation_actions').values(row).execute();
  }

  async listActions(limit: number): Promise<ModerationActionRow[]> {
    const rows = await this.q()
      .selectFrom('community_moderation_actions')
      .select(['id', 'moderator_id', 'action', 'target_type', 'target_id', 'reason', 'created_at'])
      .orderBy('created_at', 'desc')
      .orderBy('id', 'desc')
      .limit(limit)
      .execute();
    return rows.map((r) => ({
      id: r.id,
      moderatorId: r.moderator_id,
      action: r.action,
      targetType: r.target_type,
      targetId: r.target_id,
      reason: r.reason,
      createdAt: r.created_at,
    }));
  }

  // Word lists

  async listTerms(): Promise<WordTermRow[]> {
    const rows = await this.q().selectFrom('community_word_terms').select(['id', 'list', 'term', 'created_at']).orderBy('list').orderBy('term').execute();
    return rows.map((r) => ({ id: r.id, list: r.list as WordList, term: r.term, createdAt: r.created_at }));
  }

  async insertTerm(row: ModerationTables['community_word_terms']): Promise<void> {
    await this.q().insertInto('community_word_terms').values(row).execute();
  }

  async deleteTerm(id: string): Promise<WordTermRow | null> {
    const row = await this.q().selectFrom('community_word_terms').select(['id', 'list', 'term', 'created_at']).where('id', '=', id).executeTakeFirst();
    if (!row) return null;
    await this.q().deleteFrom('community_word_terms').where('id', '=', id).execute();
    return { id: row.id, list: row.list as WordList, term: row.term, createdAt: row.created_at };
  }

  // Sanctions

  async insertSanction(row: ModerationTables['community_sanctions']): Promise<void> {
    await this.q().insertInto('community_sanctions').values(row).execute();
  }

  async sanctionsOf(userId: string): Promise<SanctionRow[]> {
    const rows = await this.q()
      .selectFrom('community_sanctions')
      .select(['id', 'user_id', 'kind', 'reason', 'until', 'created_at'])
      .where('user_id', '=', userId)
      .orderBy('created_at', 'desc')
      .execute();
    return rows.map((r) => ({ id: r.id, userId: r.user_id, kind: r.kind as SanctionRow['kind'], reason: r.reason, until: r.until, createdAt: r.created_at }));
  }

  /** Suspensions whose time is up and that nobody lifted yet. */
  async expiredSuspensions(now: string): Promise<SanctionRow[]> {
    const rows = await this.q()
      .selectFrom('community_sanctions')
      .select(['id', 'user_id', 'kind', 'reason', 'until', 'created_at'])
      .where('kind', '=', 'suspension')
      .where('lifted_at', 'is', null)
      .where('until', 'is not', null)
      .where('until', '<=', now)
      .execute();
    return rows.map((r) => ({ id: r.id, userId: r.user_id, kind: 'suspension', reason: r.reason, until: r.until, createdAt: r.created_at }));
  }

  async liftSanctions(userId: string, now: string): Promise<void> {
    await this.q()
      .updateTable('community_sanctions')
      .set({ lifted_at: now })
      .where('user_id', '=', userId)
      .where('kind', 'in', ['suspension', 'ban'])
      .where('lifted_at', 'is', null)
      .execute();
  }

  // Images

  async insertImage(row: ModerationTables['community_images']): Promise<void> {
    await this.q().insertInto('community_images').values(row).execute();
  }

  /** On account deletion: every image the person uploaded goes (posts then show none). */
  async deleteImagesOf(uploaderId: string): Promise<number> {
    const result = await this.q().deleteFrom('community_images').where('uploader_id', '=', uploaderId).executeTakeFirst();
    return Number(result.numDeletedRows ?? 0);
  }

  async findImage(id: string): Promise<{ mime: string; data: Buffer } | null> {
    const row = await this.q().selectFrom('community_images').select(['mime', 'data']).where('id', '=', id).executeTakeFirst();
    return row ? { mime: row.mime, data: Buffer.from(row.data, 'base64') } : null;
  }

  async countImagesSince(uploaderId: string, since: string): Promise<number> {
    const row = await this.q()
      .selectFrom('community_images')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('uploader_id', '=', uploaderId)
      .where('created_at', '>', since)
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }
}
