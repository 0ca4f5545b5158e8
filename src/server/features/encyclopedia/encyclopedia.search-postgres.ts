// PostgreSQL: a tsvector built from our own tokens (title and synonyms at weight A,
// body at D) written as a tsvector literal, and a tsquery literal of quoted tokens, so
// no text search parser, dictionary or extension decides anything: the result is the
// same whatever the database's locale (ties in byte order of the entry id, whatever the collation).
import { sql } from 'kysely';
import type { Database } from '../../platform/db/unit-of-work.ts';
import { safeToken } from './encyclopedia.text.ts';
import { bumpSearchVersion } from './encyclopedia.search-fast.ts';
import type { SearchDocument, SearchHits, SearchIndex, SearchQuery } from './encyclopedia.search.ts';

const MAX_POSITION = 16383;

/** `'tok':1,2A 'other':3` — positions give ts_rank its counts, weights rank the title first. */
export function tsvectorLiteral(titleTokens: string[], bodyTokens: string[]): string {
  const positions = new Map<string, string[]>();
  let position = 0;
  const add = (tokens: string[], weight: string) => {
    for (const raw of tokens) {
      const token = safeToken(raw);
      if (!token || position >= MAX_POSITION) continue;
      position += 1;
      const list = positions.get(token) ?? [];
      if (list.length < 255) list.push(`${position}${weight}`);
      positions.set(token, list);
    }
  };
  add(titleTokens, 'A');
  add(bodyTokens, '');
  return [...positions].map(([token, list]) => `'${token}':${list.join(',')}`).join(' ');
}

export function tsqueryLiteral(tokens: string[], prefix: boolean[]): string {
  return tokens
    .map((t, i) => [safeToken(t), prefix[i]] as const)
    .filter(([t]) => t !== '')
    .map(([t, p]) => `'${t}'${p ? ':*' : ''}`)
    .join(' & ');
}

export class PostgresSearchIndex implements SearchIndex {
  constructor(private readonly db: Database) {}

  async upsert(documents: SearchDocument[]): Promise<void> {
    if (documents.length === 0) return;
    await bumpSearchVersion(this.db);
    for (let i = 0; i < documents.length; i += 500) {
      const batch = documents.slice(i, i + 500);
      const values = batch.map((d) => sql`(${d.entryId}, ${d.lang}, ${d.category}, ${tsvectorLiteral(d.titleTokens, d.bodyTokens)}::tsvector)`);
      await sql`
        insert into encyclopedia_search (entry_id, lang, category, document)
        values ${sql.join(values)}
        on conflict (entry_id) do update set lang = excluded.lang, category = excluded.category, document = excluded.document`.execute(this.db);
    }
  }

  async search(query: SearchQuery): Promise<SearchHits> {
    const tsquery = tsqueryLiteral(query.tokens, query.prefix);
    if (!tsquery) return { total: 0, entryIds: [] };
    // Only published entries are ever indexed: the search table answers alone.
    const filters = [sql`document @@ ${tsquery}::tsquery`];
    if (query.category) filters.push(sql`category = ${query.category}`);
    // Readable in the language: written in it, or with a title or word in it (encyclopedia.terms.ts).
    if (query.lang)
      filters.push(
        sql`(lang = ${query.lang} or exists (select 1 from encyclopedia_terms t where t.entry_id = encyclopedia_search.entry_id and t.lang = ${query.lang}))`,
      );
    const where = sql.join(filters, sql` and `);
    const rows = await sql<{ entry_id: string; total: number }>`
      select entry_id, count(*) over () as total
      from encyclopedia_search
      where ${where}
      order by ts_rank(document, ${tsquery}::tsquery) desc, entry_id collate "C"
      limit ${query.limit} offset ${query.offset}`.execute(this.db);
    let total = Number(rows.rows[0]?.total ?? 0);
    if (rows.rows.length === 0 && query.offset > 0) {
      const count = await sql<{ n: number }>`select count(*) as n from encyclopedia_search where ${where}`.execute(this.db);
      total = Number(count.rows[0]?.n ?? 0);
    }
    return { total, entryIds: rows.rows.map((r) => r.entry_id) };
  }
}
