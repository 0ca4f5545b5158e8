// SQLite: an FTS5 table (unicode61 over our space-separated tokens) whose rowid is the
// integer key of encyclopedia_fts_map; title weighs ten times the body in bm25; equal
// scores in rowid order, so the in-memory copy (encyclopedia.search-memory.ts) can agree.
import { sql } from 'kysely';
import type { Database } from '../../platform/db/unit-of-work.ts';
import { safeToken } from './encyclopedia.text.ts';
import { bumpSearchVersion } from './encyclopedia.search-fast.ts';
import type { SearchDocument, SearchHits, SearchIndex, SearchQuery } from './encyclopedia.search.ts';

type FtsTables = {
  encyclopedia_fts_map: { doc: number; entry_id: string };
};

/** An FTS5 MATCH expression from tokens: each one a quoted string, never syntax. */
export function ftsMatch(tokens: string[], prefix: boolean[]): string {
  return tokens
    .map((t, i) => `"${safeToken(t)}"${prefix[i] ? '*' : ''}`)
    .filter((t) => t !== '""' && t !== '""*')
    .join(' AND ');
}

export class SqliteSearchIndex implements SearchIndex {
  constructor(private readonly db: Database) {}

  async upsert(documents: SearchDocument[]): Promise<void> {
    if (documents.length === 0) return;
    await bumpSearchVersion(this.db);
    const q = this.db.withTables<FtsTables>();
    for (let i = 0; i < documents.length; i += 300) {
      const batch = documents.slice(i, i + 300);
      const existing = await q
        .selectFrom('encyclopedia_fts_map')
        .select(['doc', 'entry_id'])
        .where(
          'entry_id',
          'in',
          batch.map((d) => d.entryId),
        )
        .execute();
      const docOf = new Map(existing.map((r) => [r.entry_id, Number(r.doc)]));
      if (existing.length > 0) await sql`delete from encyclopedia_fts where rowid in (${sql.join(existing.map((r) => Number(r.doc)))})`.execute(this.db);
      const fresh = batch.filter((d) => !docOf.has(d.entryId));
      if (fresh.length > 0) {
        const inserted = await q
          .insertInto('encyclopedia_fts_map')
          .values(fresh.map((d) => ({ entry_id: d.entryId }) as never))
          .returning(['doc', 'entry_id'])
          .execute();
        for (const r of inserted) docOf.set(r.entry_id, Number(r.doc));
      }
      const values = batch.map((d) => sql`(${docOf.get(d.entryId)!}, ${d.titleTokens.join(' ')}, ${d.bodyTokens.join(' ')})`);
      await sql`insert into encyclopedia_fts (rowid, title, body) values ${sql.join(values)}`.execute(this.db);
    }
  }

  async search(query: SearchQuery): Promise<SearchHits> {
    const match = ftsMatch(query.tokens, query.prefix);
    if (!match) return { total: 0, entryIds: [] };
    // Only published entries are ever indexed, so without filters the FTS table answers alone,
    // and only the page of hits is joined to find their entries.
    if (!query.category && !query.lang) {
      const rows = await sql<{ entry_id: string }>`
        select m.entry_id
        from (select rowid as doc, bm25(encyclopedia_fts, 10.0, 1.0) as score from encyclopedia_fts
              where encyclopedia_fts match ${match} order by score, doc limit ${query.limit} offset ${query.offset}) h
        join encyclopedia_fts_map m on m.doc = h.doc
        order by h.score, h.doc`.execute(this.db);
      let total = rows.rows.length + query.offset;
      if (rows.rows.length === query.limit || (rows.rows.length === 0 && query.offset > 0)) {
        const count = await sql<{ n: number }>`select count(*) as n from encyclopedia_fts where encyclopedia_fts match ${match}`.execute(this.db);
        total = Number(count.rows[0]?.n ?? 0);
      }
      return { total, entryIds: rows.rows.map((r) => r.entry_id) };
    }
    const filters = [sql`true`];
    if (query.category) filters.push(sql`e.category = ${query.category}`);
    // Readable in the language: written in it, or with a title or word in it (encyclopedia.terms.ts).
    if (query.lang)
      filters.push(sql`(e.lang = ${query.lang} or exists (select 1 from encyclopedia_terms t where t.entry_id = e.id and t.lang = ${query.lang}))`);
    const where = sql.join(filters, sql` and `);
    const rows = await sql<{ entry_id: string }>`
      select m.entry_id
      from encyclopedia_fts f
      join encyclopedia_fts_map m on m.doc = f.rowid
      join encyclopedia_entries e on e.id = m.entry_id
      where encyclopedia_fts match ${match} and ${where}
      order by bm25(encyclopedia_fts, 10.0, 1.0), f.rowid
      limit ${query.limit} offset ${query.offset}`.execute(this.db);
    let total = rows.rows.length + query.offset;
    if (rows.rows.length === query.limit || (rows.rows.length === 0 && query.offset > 0)) {
      const count = await sql<{ n: number }>`
        select count(*) as n
        from encyclopedia_fts f
        join encyclopedia_fts_map m on m.doc = f.rowid
        join encyclopedia_entries e on e.id = m.entry_id
        where encyclopedia_fts match ${match} and ${where}`.execute(this.db);
      total = Number(count.rows[0]?.n ?? 0);
    }
    return { total, entryIds: rows.rows.map((r) => r.entry_id) };
  }
}
