// The only code that touches the encyclopedia's tables (the search index aside, which
// lives behind SearchIndex). Rows are shaped here; nothing leaves as it is stored.
import type { Database } from '../../platform/db/unit-of-work.ts';
import { parseJson, toBool } from '../../platform/db/sql-helpers.ts';
import type { Lang, Relation, RevisionContent, Sections } from './encyclopedia.schema.ts';

export type EncyclopediaTables = {
  encyclopedia_categories: { code: string; name_en: string; name_zh: string; name_fr: string; sort_order: number };
  encyclopedia_entries: {
    id: string;
    slug: string;
    status: string;
    lang: string;
    category: string;
    title: string;
    title_sort: string;
    initial: string;
    department: string | null;
    synonyms: string;
    sections: string;
    related: string;
    revision: number;
    last_revision: number;
    reviewer_id: string | null;
    reviewer_name: string | null;
    reviewed_at: string | null;
    source: string;
    synthetic: number;
    created_at: string;
    updated_at: string;
  };
  encyclopedia_revisions: {
    id: string;
    entry_id: string;
    revision: number;
    base_revision: number;
    status: string;
    content: string;
    summary: string | null;
    author_id: string | null;
    author_name: string;
    created_at: string;
    decided_by_id: string | null;
    decided_by_name: string | null;
    decided_at: string | null;
    decision_note: string | null;
  };
};

export interface CategoryRow {
  code: string;
  names: { en: string; zh: string; fr: string };
  sortOrder: number;
}

export interface EntryRow {
  id: string;
  slug: string;
  status: 'published' | 'draft';
  lang: Lang;
  category: string;
  title: string;
  department: string | null;
  synonyms: string[];
  sections: Sections;
  related: Array<{ slug: string; relation: Relation }>;
  revision: number;
  lastRevision: number;
  reviewerName: string | null;
  reviewedAt: string | null;
  source: string;
  synthetic: boolean;
  updatedAt: string;
}

export interface RevisionRow {
  id: string;
  entryId: string;
  revision: number;
  baseRevision: number;
  status: 'published' | 'pending' | 'rejected';
  content: RevisionContent;
  summary: string | null;
  authorName: string;
  createdAt: string;
  decidedByName: string | null;
  decidedAt: string | null;
  note: string | null;
}

/** What a published revision writes onto its entry row. */
export interface PublishedState {
  content: RevisionContent;
  titleSort: string;
  initial: string;
  revision: number;
  reviewerId: string | null;
  reviewerName: string | null;
  reviewedAt: string | null;
  now: string;
}

export interface NewEntryRow {
  id: string;
  slug: string;
  source: string;
  synthetic: boolean;
  now: string;
  lastRevision: number;
  /** Null while the entry's only revision waits for review. */
  published: PublishedState | null;
  /** For a draft: its content, so browse and counts have a title and category. */
  draft: RevisionContent;
}

export interface NewRevisionRow {
  id: string;
  entryId: string;
  revision: number;
  baseRevision: number;
  status: 'published' | 'pending';
  content: RevisionContent;
  summary: string | null;
  authorId: string | null;
  authorName: string;
  now: string;
  decidedById: string | null;
  decidedByName: string | null;
}

const entryColumns = [
  'id',
  'slug',
  'status',
  'lang',
  'category',
  'title',
  'department',
  'synonyms',
  'sections',
  'related',
  'revision',
  'last_revision',
  'reviewer_name',
  'reviewed_at',
  'source',
  'synthetic',
  'updated_at',
] as const;

const revisionColumns = [
  'id',
  'entry_id',
  'revision',
  'base_revision',
  'status',
  'content',
  'summary',
  'author_name',
  'created_at',
  'decided_by_name',
  'decided_at',
  'decision_note',
] as const;

type EntrySelect = Pick<EncyclopediaTables['encyclopedia_entries'], (typeof entryColumns)[number]>;
type RevisionSelect = Pick<EncyclopediaTables['encyclopedia_revisions'], (typeof revisionColumns)[number]>;

function toEntry(r: EntrySelect): EntryRow {
  return {
    id: r.id,
    slug: r.slug,
    status: r.status as EntryRow['status'],
    lang: r.lang as Lang,
    category: r.category,
    title: r.title,
    department: r.department,
    synonyms: parseJson<string[]>(r.synonyms, []),
    sections: parseJson<Sections>(r.sections, { overview: '' }),
    related: parseJson<EntryRow['related']>(r.related, []),
    revision: Number(r.revision),
    lastRevision: Number(r.last_revision),
    reviewerName: r.reviewer_name,
    reviewedAt: r.reviewed_at,
    source: r.source,
    synthetic: toBool(r.synthetic),
    updatedAt: r.updated_at,
  };
}

function toRevision(r: RevisionSelect): RevisionRow {
  return {
    id: r.id,
    entryId: r.entry_id,
    revision: Number(r.revision),
    baseRevision: Number(r.base_revision),
    status: r.status as RevisionRow['status'],
    content: parseJson<RevisionContent>(r.content, {
      title: '',
      lang: 'en',
      category: '',
      synonyms: [],
      department: null,
      sections: { overview: '' },
      related: [],
    }),
    summary: r.summary,
    authorName: r.author_name,
    createdAt: r.created_at,
    decidedByName: r.decided_by_name,
    decidedAt: r.decided_at,
    note: r.decision_note,
  };
}

function publishedColumns(p: PublishedState) {
  return {
    lang: p.content.lang,
    category: p.content.category,
    title: p.content.title,
    title_sort: p.titleSort,
    initial: p.initial,
    department: p.content.department,
    synonyms: JSON.stringify(p.content.synonyms),
    sections: JSON.stringify(p.content.sections),
    related: JSON.stringify(p.content.related),
    revision: p.revision,
    reviewer_id: p.reviewerId,
    reviewer_name: p.reviewerName,
    reviewed_at: p.reviewedAt,
    updated_at: p.now,
  };
}

/** Rows per multi-row insert: under SQLite's bound-variable limit, and few round trips on PostgreSQL. */
const CHUNK = 400;
function chunks<T>(items: T[], size = CHUNK): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

export class EncyclopediaStore {
  constructor(private readonly db: Database) {}

  q() {
    return this.db.withTables<EncyclopediaTables>();
  }

  // Categories

  async listCategories(): Promise<CategoryRow[]> {
    const rows = await this.q()
      .selectFrom('encyclopedia_categories')
      .select(['code', 'name_en', 'name_zh', 'name_fr', 'sort_order'])
      .orderBy('sort_order')
      .orderBy('code')
      .execute();
    return rows.map((r) => ({ code: r.code, names: { en: r.name_en, zh: r.name_zh, fr: r.name_fr }, sortOrder: Number(r.sort_order) }));
  }

  async insertCategory(c: CategoryRow): Promise<void> {
    await this.q()
      .insertInto('encyclopedia_categories')
      .values({ code: c.code, name_en: c.names.en, name_zh: c.names.zh, name_fr: c.names.fr, sort_order: c.sortOrder })
      .execute();
  }

  async updateCategory(c: CategoryRow): Promise<boolean> {
    const result = await this.q()
      .updateTable('encyclopedia_categories')
      .set({ name_en: c.names.en, name_zh: c.names.zh, name_fr: c.names.fr, sort_order: c.sortOrder })
      .where('code', '=', c.code)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  }

  async deleteCategory(code: string): Promise<void> {
    await this.q().deleteFrom('encyclopedia_categories').where('code', '=', code).execute();
  }

  async countByCategory(onlyPublished = true): Promise<Record<string, number>> {
    let query = this.q()
      .selectFrom('encyclopedia_entries')
      .select(['category', (eb) => eb.fn.countAll<number>().as('n')])
      .groupBy('category');
    if (onlyPublished) query = query.where('status', '=', 'published');
    const rows = await query.execute();
    return Object.fromEntries(rows.map((r) => [r.category, Number(r.n)]));
  }

  // Entries

  async findBySlug(slug: string): Promise<EntryRow | null> {
    const row = await this.q().selectFrom('encyclopedia_entries').select(entryColumns).where('slug', '=', slug).executeTakeFirst();
    return row ? toEntry(row) : null;
  }

  async findByIds(ids: string[]): Promise<EntryRow[]> {
    if (ids.length === 0) return [];
    const rows = await this.q().selectFrom('encyclopedia_entries').select(entryColumns).where('id', 'in', ids).execute();
    return rows.map(toEntry);
  }

  /** Id, title and status of entries by slug (related links, imports). */
  async findSlugs(slugs: string[]): Promise<Map<string, { id: string; title: string; lang: string; status: string; lastRevision: number; revision: number }>> {
    const out = new Map<string, { id: string; title: string; lang: string; status: string; lastRevision: number; revision: number }>();
    for (const part of chunks([...new Set(slugs)], 500)) {
      const rows = await this.q()
        .selectFrom('encyclopedia_entries')
        .select(['id', 'slug', 'title', 'lang', 'status', 'last_revision', 'revision'])
        .where('slug', 'in', part)
        .execute();
      for (const r of rows)
        out.set(r.slug, { id: r.id, title: r.title, lang: r.lang, status: r.status, lastRevision: Number(r.last_revision), revision: Number(r.revision) });
    }
    return out;
  }

  /** Slugs already taken among `base`, `base-2`, `base-3`, …  */
  async slugsLike(base: string): Promise<Set<string>> {
    const rows = await this.q()
      .selectFrom('encyclopedia_entries')
      .select('slug')
      .where((eb) => eb.or([eb('slug', '=', base), eb('slug', 'like', `${base.replace(/[%_\\]/g, '')}-%`)]))
      .execute();
    return new Set(rows.map((r) => r.slug));
  }

  async insertEntries(rows: NewEntryRow[]): Promise<void> {
    for (const part of chunks(rows, 200)) {
      await this.q()
        .insertInto('encyclopedia_entries')
        .values(
          part.map((r) => {
            const p = r.published;
            const c = p?.content ?? r.draft;
            return {
              id: r.id,
              slug: r.slug,
              status: p ? 'published' : 'draft',
              ...publishedColumns(
                p ?? { content: c, titleSort: '', initial: '#', revision: 0, reviewerId: null, reviewerName: null, reviewedAt: null, now: r.now },
              ),
              title_sort: p?.titleSort ?? c.title.toLowerCase(),
              last_revision: r.lastRevision,
              source: r.source,
              synthetic: r.synthetic ? 1 : 0,
              created_at: r.now,
              updated_at: r.now,
            };
          }),
        )
        .execute();
    }
  }

  async publish(entryId: string, state: PublishedState): Promise<void> {
    await this.q()
      .updateTable('encyclopedia_entries')
      .set({ ...publishedColumns(state), status: 'published' })
      .where('id', '=', entryId)
      .execute();
  }

  /** Claims the next revision number; the unique (entry, revision) index settles races. */
  async bumpLastRevision(entryId: string, revision: number, now: string): Promise<void> {
    await this.q().updateTable('encyclopedia_entries').set({ last_revision: revision, updated_at: now }).where('id', '=', entryId).execute();
  }

  async browse(filter: { category?: string; lang?: string; letter?: string; limit: number; offset: number }) {
    let query = this.q().selectFrom('encyclopedia_entries').where('status', '=', 'published');
    if (filter.category) query = query.where('category', '=', filter.category);
    if (filter.lang) query = query.where('lang', '=', filter.lang);
    if (filter.letter) query = query.where('initial', '=', filter.letter.toLowerCase());
    const [rows, count] = await Promise.all([
      query.select(['slug', 'title', 'category', 'lang']).orderBy('title_sort').orderBy('slug').limit(filter.limit).offset(filter.offset).execute(),
      query.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
    ]);
    return { total: Number(count.n), results: rows.map((r) => ({ slug: r.slug, title: r.title, category: r.category, lang: r.lang as Lang })) };
  }

  async countEntries(): Promise<number> {
    const row = await this.q()
      .selectFrom('encyclopedia_entries')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('status', '=', 'published')
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  async countBySource(source: string): Promise<number> {
    const row = await this.q()
      .selectFrom('encyclopedia_entries')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('source', '=', source)
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  /** Published entries whose whole (normalised) title is `titleSort`: they head search results. */
  async findExactTitles(titleSort: string, filter: { category?: string; lang?: string }): Promise<string[]> {
    let query = this.q().selectFrom('encyclopedia_entries').select('id').where('title_sort', '=', titleSort).where('status', '=', 'published');
    if (filter.category) query = query.where('category', '=', filter.category);
    if (filter.lang) query = query.where('lang', '=', filter.lang);
    return (await query.orderBy('id').limit(5).execute()).map((r) => r.id);
  }

  /** Titles and synonyms of published entries: the did-you-mean vocabulary. */
  async vocabularySource(): Promise<Array<{ title: string; synonyms: string[] }>> {
    const rows = await this.q().selectFrom('encyclopedia_entries').select(['title', 'synonyms']).where('status', '=', 'published').execute();
    return rows.map((r) => ({ title: r.title, synonyms: parseJson<string[]>(r.synonyms, []) }));
  }

  // Revisions

  async insertRevisions(rows: NewRevisionRow[]): Promise<void> {
    for (const part of chunks(rows, 300)) {
      await this.q()
        .insertInto('encyclopedia_revisions')
        .values(
          part.map((r) => ({
            id: r.id,
            entry_id: r.entryId,
            revision: r.revision,
            base_revision: r.baseRevision,
            status: r.status,
            content: JSON.stringify(r.content),
            summary: r.summary,
            author_id: r.authorId,
            author_name: r.authorName,
            created_at: r.now,
            decided_by_id: r.decidedById,
            decided_by_name: r.decidedByName,
            decided_at: r.decidedById || r.decidedByName ? r.now : null,
            decision_note: null,
          })),
        )
        .execute();
    }
  }

  async listRevisions(entryId: string): Promise<RevisionRow[]> {
    const rows = await this.q()
      .selectFrom('encyclopedia_revisions')
      .select(revisionColumns)
      .where('entry_id', '=', entryId)
      .orderBy('revision', 'desc')
      .execute();
    return rows.map(toRevision);
  }

  async findRevision(entryId: string, revision: number): Promise<RevisionRow | null> {
    const row = await this.q()
      .selectFrom('encyclopedia_revisions')
      .select(revisionColumns)
      .where('entry_id', '=', entryId)
      .where('revision', '=', revision)
      .executeTakeFirst();
    return row ? toRevision(row) : null;
  }

  async decideRevision(
    id: string,
    decision: { status: 'published' | 'rejected'; byId: string; byName: string; at: string; note: string | null },
  ): Promise<boolean> {
    const result = await this.q()
      .updateTable('encyclopedia_revisions')
      .set({ status: decision.status, decided_by_id: decision.byId, decided_by_name: decision.byName, decided_at: decision.at, decision_note: decision.note })
      .where('id', '=', id)
      .where('status', '=', 'pending')
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  async pendingRevisions(limit = 100) {
    const rows = await this.q()
      .selectFrom('encyclopedia_revisions as r')
      .innerJoin('encyclopedia_entries as e', 'e.id', 'r.entry_id')
      .select([
        'e.slug',
        'e.title',
        'e.revision as published_revision',
        'r.revision',
        'r.base_revision',
        'r.author_name',
        'r.created_at',
        'r.summary',
        'r.content',
      ])
      .where('r.status', '=', 'pending')
      .orderBy('r.created_at')
      .limit(limit)
      .execute();
    return rows.map((r) => ({
      slug: r.slug,
      title: parseJson<RevisionContent | null>(r.content, null)?.title ?? r.title,
      revision: Number(r.revision),
      baseRevision: Number(r.base_revision),
      author: r.author_name,
      createdAt: r.created_at,
      summary: r.summary,
      isNewEntry: Number(r.published_revision) === 0,
    }));
  }
}
