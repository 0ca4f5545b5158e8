// SQLite: an FTS5 table (unicode61 over our space-separated tokens) whose rowid is the
// integer key of encyclopedia_fts_map; title weighs ten times the body in bm25.
import { sql } from 'kysely';
import type { Db, Tx } from '../../platform/db/db.ts';
import { safeToken } from './encyclopedia.text.ts';
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
  constructor(private readonly db: Db) {}

  async upsert(executor: Db | Tx, documents: SearchDocument[]): Promise<void> {
    if (documents.length === 0) return;
    const q = executor.withTables<FtsTables>();
    const existing = await q
      .selectFrom('encyclopedia_fts_map')
      .select(['doc', 'entry_id'])
      .where('entry_id', 'in', documents.map((d) => d.entryId))
      .execute();
    const docOf = new Map(existing.map((r) => [r.entry_id, Number(r.doc)]));
    for (const d of documents) {
      let doc = docOf.get(d.entryId);
      if (doc === undefined) {
        const result = await q.insertInto('encyclopedia_fts_map').values({ entry_id: d.entryId } as never).executeTakeFirst();
        doc = Number(result.insertId);
      } else {
        await sql`delete from encyclopedia_fts where rowid = ${doc}`.execute(executor);
      }
      await sql`insert into encyclopedia_fts (rowid, title, body) values (${doc}, ${d.titleTokens.join(' ')}, ${d.bodyTokens.join(' ')})`.execute(executor);
    }
  }

  async search(query: SearchQuery): Promise<SearchHits> {
    const match = ftsMatch(query.tokens, query.prefix);
    if (!match) return { total: 0, entryIds: [] };
    const filters = [sql`e.status = 'published'`];
    if (query.category) filters.push(sql`e.category = ${query.category}`);
    if (query.lang) filters.push(sql`e.lang = ${query.lang}`);
    const where = sql.join(filters, sql` and `);
    const rows = await sql<{ entry_id: string }>`
      select m.entry_id
      from encyclopedia_fts f
      join encyclopedia_fts_map m on m.doc = f.rowid
      join encyclopedia_entries e on e.id = m.entry_id
      where encyclopedia_fts match ${match} and ${where}
      order by (e.title_sort = ${query.exact ?? ''}) desc, bm25(encyclopedia_fts, 10.0, 1.0), e.title_sort
      limit ${query.limit} offset ${query.offset}`.execute(this.db);
    let total = rows.rows.length + query.offset;
    if (rows.rows.length === query.limit || query.offset > 0) {
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
