// The search index behind one small interface, with one implementation per dialect
// (FTS5 on SQLite, tsvector + GIN on PostgreSQL). Both receive tokens already
// normalised by encyclopedia.text.ts and never see a user's raw query, so query syntax
// typed by a person (quotes, OR, *, NEAR) is plain text on both.
import { ConfigError } from '../../config.ts';
import { dialectOf } from '../../platform/db/db.ts';
import type { Database } from '../../platform/db/unit-of-work.ts';
import { isCjkToken } from './encyclopedia.text.ts';
import { FastSearchIndex } from './encyclopedia.search-fast.ts';
import { PostgresSearchIndex } from './encyclopedia.search-postgres.ts';
import { SqliteSearchIndex } from './encyclopedia.search-sqlite.ts';

export interface SearchDocument {
  entryId: string;
  lang: string;
  category: string;
  /** Title and synonyms: ranked above body text. */
  titleTokens: string[];
  bodyTokens: string[];
}

export interface SearchQuery {
  /** Every token must match (AND). */
  tokens: string[];
  /** Tokens that match as prefixes (the word being typed, a single CJK character). */
  prefix: boolean[];
  category?: string;
  lang?: string;
  limit: number;
  offset: number;
}

export interface SearchHits {
  total: number;
  entryIds: string[];
}

export interface SearchIndex {
  upsert(documents: SearchDocument[]): Promise<void>;
  search(query: SearchQuery): Promise<SearchHits>;
}

/** The database's index, answered from memory while that copy is current (encyclopedia.search-fast.ts) unless `inMemory` is false. */
export function createSearchIndex(db: Database, inMemory = true, now: () => number = Date.now): FastSearchIndex {
  return new FastSearchIndex(db, dialectOf(db) === 'postgres' ? new PostgresSearchIndex(db) : new SqliteSearchIndex(db), inMemory, now);
}

/** LOTUS_SEARCH_INDEX: `on` (default) answers searches from the in-memory copy of the index, `off` always from the database. */
export function searchIndexInMemory(raw: Record<string, string | undefined>): boolean {
  const value = raw.LOTUS_SEARCH_INDEX?.trim().toLowerCase();
  if (!value || value === 'on') return true;
  if (value === 'off') return false;
  throw new ConfigError('LOTUS_SEARCH_INDEX', `must be "on" or "off", got "${value}"`);
}

/** A single CJK character only ever matches as a prefix of the indexed bigrams. */
export function prefixFlags(tokens: string[], lastIsPrefix: boolean): boolean[] {
  return tokens.map((t, i) => (Array.from(t).length === 1 && isCjkToken(t)) || (lastIsPrefix && i === tokens.length - 1));
}
