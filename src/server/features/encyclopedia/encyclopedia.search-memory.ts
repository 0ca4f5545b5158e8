// The search index held in memory: the same documents the database indexes, read back
// from the database (FTS5's title/body text on SQLite, the tsvector on PostgreSQL), ranked
// by the same formula the database applies (FTS5's bm25 with title weight 10, or
// PostgreSQL's ts_rank with its float4 arithmetic), with the same tie order, so answers
// are the database's answers without a query per search. Postings are typed arrays:
// per token the documents holding it and, on SQLite, its weighted count there, on
// PostgreSQL its positions. The database stays the source of truth: this is only ever
// built from it (encyclopedia.search-fast.ts decides when).
import { sql } from 'kysely';
import { dialectOf, type Db } from '../../platform/db/db.ts';
import type { Database } from '../../platform/db/unit-of-work.ts';
import type { SearchHits, SearchQuery } from './encyclopedia.search.ts';
import { safeToken } from './encyclopedia.text.ts';

/** Code point order: UTF-8 byte order, which both databases sort and compare lexemes by. */
export function compareCodePoints(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x === y) continue;
    // Surrogates (astral code points) sort after the rest of the BMP in code point order.
    const sx = x >= 0xd800 && x <= 0xdfff;
    const sy = y >= 0xd800 && y <= 0xdfff;
    if (sx !== sy) return sx ? 1 : -1;
    return x - y;
  }
  return a.length - b.length;
}

/** A growable column of numbers, frozen into a typed array of its exact length. */
class Column<T extends Int32Array | Uint32Array | Uint16Array> {
  length = 0;
  constructor(
    public data: T,
    private readonly make: (n: number) => T,
  ) {}
  push(v: number): void {
    if (this.length === this.data.length) {
      const bigger = this.make(this.data.length * 2);
      bigger.set(this.data);
      this.data = bigger;
    }
    this.data[this.length++] = v;
  }
  freeze(): T {
    return this.data.slice(0, this.length) as T;
  }
}

interface Postings {
  docs: Int32Array;
  /** SQLite: 10 × occurrences in the title + occurrences in the body. PostgreSQL: start of the document's positions in `positions` (one more entry than docs). */
  values: Uint32Array;
  /** PostgreSQL only: position | weight << 14, as in a tsvector. */
  positions: Uint16Array | null;
}

interface Matcher {
  lists: Postings[];
  /** One token: its postings, and the cursor's place in them. */
  single: Postings | null;
  at: number;
  /** A prefix: document → (index in lists, place in that list's postings) pairs, in byte order of the tokens. */
  multi: Map<number, number[]> | null;
}

/** The place of `doc` in the matcher's postings at or after its cursor (documents asked in increasing order), or -1. */
function seek(m: Matcher, doc: number): number {
  const docs = m.single!.docs;
  let lo = m.at;
  if (lo >= docs.length) return -1;
  if (docs[lo]! < doc) {
    // Gallop, then binary search.
    let step = 1;
    let hi = lo + 1;
    while (hi < docs.length && docs[hi]! < doc) {
      lo = hi;
      step *= 2;
      hi = lo + step;
    }
    if (hi > docs.length) hi = docs.length;
    lo += 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (docs[mid]! < doc) lo = mid + 1;
      else hi = mid;
    }
  }
  m.at = lo;
  return lo < docs.length && docs[lo] === doc ? lo : -1;
}

interface TermRef {
  doc: number;
  rank: number;
}

export interface MemoryIndexStats {
  documents: number;
  tokens: number;
  postings: number;
  bytes: number;
}

const BM25_K1 = 1.2;
const BM25_B = 0.75;
const TITLE_WEIGHT = 10;
/** ts_rank's default weights for D, C, B, A, as float4. */
const PG_WEIGHTS = [Math.fround(0.1), Math.fround(0.2), Math.fround(0.4), Math.fround(1.0)];
const f32 = Math.fround;
const MAX_DISTANCE = 100;
/**
 * ts_rank's weight of two positions `dist` apart with weights a and b: sqrt(wa · wb ·
 * word_distance(dist)) in float4, for every pair of weights and distance, worked out once
 * (the same arithmetic as PostgreSQL's calc_rank_and, indexed [a << 2 | b][dist]).
 */
const PAIR_WEIGHT: Float64Array[] = (() => {
  const wordDistance = (dist: number) => (dist > MAX_DISTANCE ? f32(1e-30) : f32(1.0 / (1.005 + 0.05 * Math.exp(dist / 1.5 - 2))));
  const table: Float64Array[] = [];
  for (let a = 0; a < 4; a++) {
    for (let b = 0; b < 4; b++) {
      const row = new Float64Array(MAX_DISTANCE + 2);
      for (let dist = 1; dist <= MAX_DISTANCE + 1; dist++) row[dist] = f32(Math.sqrt(f32(f32(PG_WEIGHTS[a]! * PG_WEIGHTS[b]!) * wordDistance(dist))));
      table.push(row);
    }
  }
  return table;
})();

/** The matches of one query token: the index tokens it stands for (one, or every token with that prefix). */
interface Phrase {
  tokens: number[];
  count: number;
}

export class MemorySearchIndex {
  private constructor(
    private readonly dialect: 'sqlite' | 'postgres',
    /** Per document: the entry, its tie-break key (SQLite rowid), its length in tokens (SQLite). */
    private readonly entryIds: string[],
    private readonly rowids: Float64Array,
    private readonly lengths: Uint32Array,
    private readonly langOf: Uint8Array,
    private readonly categoryOf: Uint16Array,
    /** Bit per language code: the entry has a term (title, synonym, lay word) in that language. */
    private readonly termLangs: Uint32Array,
    private readonly langCodes: Map<string, number>,
    private readonly categoryCodes: Map<string, number>,
    private readonly tokenIds: Map<string, number>,
    /** Token strings in code point order, for prefixes. */
    private readonly sortedTokens: string[],
    private readonly sortedTokenIds: Int32Array,
    private readonly postings: Postings[],
    private readonly averageLength: number,
    private readonly titles: Map<string, number[]>,
    private readonly termKeys: Map<string, TermRef[]>,
    readonly stats: MemoryIndexStats,
  ) {}

  /** Reads every indexed document from the database in pages (the event loop keeps serving between them). */
  static async build(db: Db | Database): Promise<MemorySearchIndex> {
    const dialect = dialectOf(db) === 'postgres' ? 'postgres' : 'sqlite';
    const entryIds: string[] = [];
    const rowids: number[] = [];
    const lengths: number[] = [];
    const langs: number[] = [];
    const categories: number[] = [];
    const langCodes = new Map<string, number>();
    const categoryCodes = new Map<string, number>();
    const code = (map: Map<string, number>, value: string) => {
      let c = map.get(value);
      if (c === undefined) map.set(value, (c = map.size));
      return c;
    };
    const tokenIds = new Map<string, number>();
    const builders: Array<{ docs: Column<Int32Array>; values: Column<Uint32Array>; positions: Column<Uint16Array> | null }> = [];
    const builderOf = (token: string) => {
      let id = tokenIds.get(token);
      if (id === undefined) {
        id = builders.length;
        tokenIds.set(token, id);
        builders.push({
          docs: new Column(new Int32Array(4), (n) => new Int32Array(n)),
          values: new Column(new Uint32Array(dialect === 'postgres' ? 5 : 4), (n) => new Uint32Array(n)),
          positions: dialect === 'postgres' ? new Column(new Uint16Array(8), (n) => new Uint16Array(n)) : null,
        });
      }
      return builders[id]!;
    };
    let totalTokens = 0;
    const PAGE = 2000;

    if (dialect === 'sqlite') {
      let after = -1;
      const counts = new Map<string, number>();
      for (;;) {
        const page = await sql<{ doc: number; title: string; body: string; entry_id: string; lang: string; category: string }>`
          select m.doc, f.title, f.body, m.entry_id, e.lang, e.category
          from encyclopedia_fts_map m
          join encyclopedia_fts f on f.rowid = m.doc
          join encyclopedia_entries e on e.id = m.entry_id
          where m.doc > ${after} order by m.doc limit ${PAGE}`.execute(db);
        for (const row of page.rows) {
          const doc = entryIds.length;
          entryIds.push(row.entry_id);
          rowids.push(Number(row.doc));
          langs.push(code(langCodes, row.lang));
          categories.push(code(categoryCodes, row.category));
          counts.clear();
          let length = 0;
          for (const [text, weight] of [
            [row.title, TITLE_WEIGHT],
            [row.body, 1],
          ] as const) {
            for (const token of text.split(' ')) {
              if (!token) continue;
              length += 1;
              counts.set(token, (counts.get(token) ?? 0) + weight);
            }
          }
          lengths.push(length);
          totalTokens += length;
          for (const [token, freq] of counts) {
            const b = builderOf(token);
            b.docs.push(doc);
            b.values.push(freq);
          }
          after = Number(row.doc);
        }
        if (page.rows.length < PAGE) break;
      }
    } else {
      let after = '';
      const lexeme = /'((?:[^']|'')*)'(?::([0-9A-D,]+))?/g;
      for (;;) {
        const page = await sql<{ entry_id: string; lang: string; category: string; document: string }>`
          select entry_id, lang, category, document::text as document
          from encyclopedia_search
          where entry_id > ${after} order by entry_id limit ${PAGE}`.execute(db);
        for (const row of page.rows) {
          const doc = entryIds.length;
          entryIds.push(row.entry_id);
          rowids.push(0);
          langs.push(code(langCodes, row.lang));
          categories.push(code(categoryCodes, row.category));
          lengths.push(0);
          for (const m of row.document.matchAll(lexeme)) {
            const b = builderOf(m[1]!.replace(/''/g, "'"));
            b.docs.push(doc);
            const positions = b.positions!;
            if (b.values.length === 0) b.values.push(0);
            for (const p of (m[2] ?? '16383').split(',')) {
              const weight = p.endsWith('A') ? 3 : p.endsWith('B') ? 2 : p.endsWith('C') ? 1 : 0;
              positions.push(parseInt(p, 10) | (weight << 14));
            }
            b.values.push(positions.length);
          }
          after = row.entry_id;
        }
        if (page.rows.length < PAGE) break;
      }
    }

    const documents = entryIds.length;
    const docOf = new Map(entryIds.map((id, doc) => [id, doc]));
    const termLangs = new Uint32Array(documents);
    const termKeys = new Map<string, TermRef[]>();
    const terms = await sql<{ entry_id: string; lang: string; term_key: string; kind: string; status: string }>`
      select entry_id, lang, term_key, kind, status from encyclopedia_terms`.execute(db);
    for (const t of terms.rows) {
      const doc = docOf.get(t.entry_id);
      if (doc === undefined) continue;
      termLangs[doc]! |= 1 << Math.min(31, code(langCodes, t.lang));
      const rank = t.status === 'reviewed' ? (t.kind === 'title' ? 0 : t.kind === 'lay' ? 1 : 3) : t.kind === 'title' ? 4 : t.kind === 'lay' ? 5 : 6;
      const list = termKeys.get(t.term_key) ?? [];
      list.push({ doc, rank });
      termKeys.set(t.term_key, list);
    }
    const titles = new Map<string, number[]>();
    let afterId = '';
    for (;;) {
      const page = await sql<{ id: string; title_sort: string }>`
        select id, title_sort from encyclopedia_entries
        where status = 'published' and id > ${afterId} order by id limit ${PAGE * 5}`.execute(db);
      for (const r of page.rows) {
        const doc = docOf.get(r.id);
        if (doc !== undefined) {
          const list = titles.get(r.title_sort) ?? [];
          list.push(doc);
          titles.set(r.title_sort, list);
        }
        afterId = r.id;
      }
      if (page.rows.length < PAGE * 5) break;
    }

    const postings: Postings[] = builders.map((b) => ({ docs: b.docs.freeze(), values: b.values.freeze(), positions: b.positions?.freeze() ?? null }));
    const sortedTokens = [...tokenIds.keys()].sort(compareCodePoints);
    let bytes = documents * (8 + 4 + 1 + 2 + 4 + 60);
    let postingCount = 0;
    for (const p of postings) {
      postingCount += p.docs.length;
      bytes += p.docs.byteLength + p.values.byteLength + (p.positions?.byteLength ?? 0) + 64;
    }
    for (const t of sortedTokens) bytes += 2 * t.length + 40;
    return new MemorySearchIndex(
      dialect,
      entryIds,
      Float64Array.from(rowids),
      Uint32Array.from(lengths),
      Uint8Array.from(langs),
      Uint16Array.from(categories),
      termLangs,
      langCodes,
      categoryCodes,
      tokenIds,
      sortedTokens,
      Int32Array.from(sortedTokens.map((t) => tokenIds.get(t)!)),
      postings,
      documents > 0 ? totalTokens / documents : 0,
      titles,
      termKeys,
      { documents, tokens: tokenIds.size, postings: postingCount, bytes },
    );
  }

  private phrase(token: string, prefix: boolean): Phrase {
    if (!prefix) {
      const id = this.tokenIds.get(token);
      return id === undefined ? { tokens: [], count: 0 } : { tokens: [id], count: this.postings[id]!.docs.length };
    }
    let lo = 0;
    let hi = this.sortedTokens.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (compareCodePoints(this.sortedTokens[mid]!, token) < 0) lo = mid + 1;
      else hi = mid;
    }
    const tokens: number[] = [];
    let count = 0;
    for (let i = lo; i < this.sortedTokens.length && this.sortedTokens[i]!.startsWith(token); i++) {
      const id = this.sortedTokenIds[i]!;
      tokens.push(id);
      count += this.postings[id]!.docs.length;
    }
    return { tokens, count };
  }

  private readable(doc: number, category: number | undefined, lang: number | undefined): boolean {
    if (category !== undefined && this.categoryOf[doc] !== category) return false;
    if (lang !== undefined && this.langOf[doc] !== lang && (lang > 31 || (this.termLangs[doc]! & (1 << lang)) === 0)) return false;
    return true;
  }

  /** One query token's documents: a cursor over one token's postings, or, for a prefix, every document with the (token, place) pairs it holds. */
  private matcher(phrase: Phrase): Matcher {
    if (phrase.tokens.length === 1) return { lists: [this.postings[phrase.tokens[0]!]!], single: this.postings[phrase.tokens[0]!]!, at: 0, multi: null };
    const lists = phrase.tokens.map((t) => this.postings[t]!);
    const multi = new Map<number, number[]>();
    lists.forEach((p, which) => {
      const docs = p.docs;
      for (let at = 0; at < docs.length; at++) {
        const d = docs[at]!;
        const pairs = multi.get(d);
        if (pairs) pairs.push(which, at);
        else multi.set(d, [which, at]);
      }
    });
    return { lists, single: null, at: 0, multi };
  }

  search(query: SearchQuery): SearchHits {
    const items: Array<{ token: string; prefix: boolean }> = [];
    query.tokens.forEach((raw, i) => {
      const token = safeToken(raw);
      if (token !== '') items.push({ token, prefix: query.prefix[i] ?? false });
    });
    if (items.length === 0) return { total: 0, entryIds: [] };
    const category = query.category === undefined ? undefined : (this.categoryCodes.get(query.category) ?? -1);
    if (category === -1) return { total: 0, entryIds: [] };
    const lang = query.lang === undefined ? undefined : (this.langCodes.get(query.lang) ?? 99);

    const phrases = items.map((it) => this.phrase(it.token, it.prefix));
    if (phrases.some((p) => p.tokens.length === 0)) return { total: 0, entryIds: [] };
    const matchers = phrases.map((p) => this.matcher(p));
    const score = this.dialect === 'sqlite' ? this.bm25Scorer(matchers) : this.tsRankScorer(items, matchers);

    // The rarest token drives; the others are looked up with forward-only cursors.
    let driver = 0;
    const sizeOf = (m: Matcher) => (m.single ? m.single.docs.length : m.multi!.size);
    for (let i = 1; i < matchers.length; i++) if (sizeOf(matchers[i]!) < sizeOf(matchers[driver]!)) driver = i;
    const lead = matchers[driver]!;
    const docs = lead.single ? lead.single.docs : Int32Array.from(lead.multi!.keys()).sort();

    // Bounded top-k: the best offset + limit by score, ties in the database's own order.
    const k = query.offset + query.limit;
    const topDocs: number[] = [];
    const topScores: number[] = [];
    let total = 0;
    const ats = new Array<number>(matchers.length).fill(-1);
    outer: for (let n = 0; n < docs.length; n++) {
      const doc = docs[n]!;
      for (let i = 0; i < matchers.length; i++) {
        const m = matchers[i]!;
        if (m.single) {
          if (i === driver) ats[i] = n;
          else if ((ats[i] = seek(m, doc)) < 0) continue outer;
        } else if (!m.multi!.has(doc)) continue outer;
      }
      if (!this.readable(doc, category, lang)) continue;
      total += 1;
      if (k === 0) continue;
      const s = score(doc, ats);
      const full = topDocs.length === k;
      if (full && !this.before(s, doc, topScores[k - 1]!, topDocs[k - 1]!)) continue;
      let i = full ? k - 1 : topDocs.length;
      if (!full) {
        topDocs.push(doc);
        topScores.push(s);
      }
      while (i > 0 && this.before(s, doc, topScores[i - 1]!, topDocs[i - 1]!)) {
        topDocs[i] = topDocs[i - 1]!;
        topScores[i] = topScores[i - 1]!;
        i -= 1;
      }
      topDocs[i] = doc;
      topScores[i] = s;
    }
    return { total, entryIds: topDocs.slice(query.offset).map((d) => this.entryIds[d]!) };
  }

  /** SQLite orders by bm25 ascending then rowid; PostgreSQL by ts_rank descending then entry id (byte order). */
  private before(s: number, doc: number, t: number, other: number): boolean {
    if (this.dialect === 'sqlite') return s < t || (s === t && this.rowids[doc]! < this.rowids[other]!);
    return s > t || (s === t && this.entryIds[doc]! < this.entryIds[other]!);
  }

  /** FTS5's bm25(): idf from the number of rows matching each phrase, k1 = 1.2, b = 0.75, over the row's length in tokens. */
  private bm25Scorer(matchers: Matcher[]): (doc: number, ats: number[]) => number {
    const rows = this.entryIds.length;
    const idf = matchers.map((m) => {
      const hits = m.single ? m.single.docs.length : m.multi!.size;
      const v = Math.log((rows - hits + 0.5) / (hits + 0.5));
      return v <= 0 ? 1e-6 : v;
    });
    const avgdl = this.averageLength;
    return (doc, ats) => {
      const D = this.lengths[doc]!;
      let score = 0;
      for (let i = 0; i < matchers.length; i++) {
        const m = matchers[i]!;
        let freq = 0;
        if (m.single) freq = m.single.values[ats[i]!]!;
        else {
          const pairs = m.multi!.get(doc)!;
          for (let j = 0; j < pairs.length; j += 2) freq += m.lists[pairs[j]!]!.values[pairs[j + 1]!]!;
        }
        score += idf[i]! * ((freq * (BM25_K1 + 1.0)) / (freq + BM25_K1 * (1 - BM25_B + (BM25_B * D) / avgdl)));
      }
      return -1.0 * score;
    };
  }

  /** PostgreSQL's ts_rank(document, query) with default weights and no normalisation, in float4 as it computes. */
  private tsRankScorer(items: Array<{ token: string; prefix: boolean }>, matchers: Matcher[]): (doc: number, ats: number[]) => number {
    // SortAndUniqItems: operands in byte order, duplicates dropped; a prefix operand's lexemes are in byte order too.
    const order = items.map((_, i) => i).sort((a, b) => compareCodePoints(items[a]!.token, items[b]!.token));
    const unique = order.filter((i, n) => n === 0 || items[i]!.token !== items[order[n - 1]!]!.token);
    const size = unique.length;
    const and = items.length >= 2 && size >= 2;
    // The position ranges of each lexeme an operand matches in the document, in byte order.
    // One token: one range, written into the same arrays each time (nothing kept past a document).
    const singles = matchers.map((m) => (m.single ? [[m.single.positions!, 0, 0] as [Uint16Array, number, number]] : []));
    const ranges = (doc: number, ats: number[], i: number): Array<[Uint16Array, number, number]> => {
      const m = matchers[i]!;
      if (m.single) {
        const one = singles[i]!;
        one[0]![1] = m.single.values[ats[i]!]!;
        one[0]![2] = m.single.values[ats[i]! + 1]!;
        return one;
      }
      const pairs = m.multi!.get(doc)!;
      const out: Array<[Uint16Array, number, number]> = [];
      for (let j = 0; j < pairs.length; j += 2) {
        const p = m.lists[pairs[j]!]!;
        out.push([p.positions!, p.values[pairs[j + 1]!]!, p.values[pairs[j + 1]! + 1]!]);
      }
      return out;
    };
    const rankOr = (doc: number, ats: number[]): number => {
      let res = 0;
      for (const i of unique) {
        for (const [pos, from, to] of ranges(doc, ats, i)) {
          let resj = 0;
          let wjm = -1;
          let jm = 0;
          for (let j = 0; j < to - from; j++) {
            const w = PG_WEIGHTS[pos[from + j]! >> 14]!;
            resj = f32(resj + f32(w / ((j + 1) * (j + 1))));
            if (w > wjm) {
              wjm = w;
              jm = j;
            }
          }
          res = f32(res + f32(f32(wjm + resj) - f32(wjm / ((jm + 1) * (jm + 1)))) / 1.64493406685);
        }
      }
      if (size > 0) res = f32(res / size);
      return res;
    };
    const rankAnd = (doc: number, ats: number[]): number => {
      let res = -1;
      const last: Array<[Uint16Array, number, number] | null> = unique.map(() => null);
      for (let i = 0; i < size; i++) {
        for (const mine of ranges(doc, ats, unique[i]!)) {
          last[i] = mine;
          const [pos, from, to] = mine;
          for (let k = 0; k < i; k++) {
            const other = last[k];
            if (!other) continue;
            const [opos, ofrom, oto] = other;
            for (let l = from; l < to; l++) {
              const a = pos[l]!;
              for (let q = ofrom; q < oto; q++) {
                const b = opos[q]!;
                const dist = Math.abs((a & 0x3fff) - (b & 0x3fff));
                if (dist === 0) continue;
                const curw = PAIR_WEIGHT[((a >> 14) << 2) | (b >> 14)]![dist > MAX_DISTANCE ? MAX_DISTANCE + 1 : dist]!;
                res = res < 0 ? curw : f32(1.0 - (1.0 - res) * (1.0 - curw));
              }
            }
          }
        }
      }
      return res;
    };
    return (doc, ats) => {
      let res = and ? rankAnd(doc, ats) : rankOr(doc, ats);
      if (res < 0) res = f32(1e-20);
      return res;
    };
  }

  /**
   * The entries whose title (normalised) or one of whose terms is exactly the query, best
   * first, as EncyclopediaTerms.exact answers it from the tables.
   */
  exact(titleSort: string, key: string, filter: { category?: string; lang?: string; reader?: string }): string[] {
    const category = filter.category === undefined ? undefined : (this.categoryCodes.get(filter.category) ?? -1);
    if (category === -1) return [];
    const lang = filter.lang === undefined ? undefined : (this.langCodes.get(filter.lang) ?? 99);
    const reader = filter.reader === undefined ? undefined : (this.langCodes.get(filter.reader) ?? 99);
    const best = new Map<string, number>();
    const add = (doc: number, rank: number) => {
      if (!this.readable(doc, category, lang)) return;
      const id = this.entryIds[doc]!;
      const r = rank + (reader !== undefined && this.langOf[doc] !== reader ? 10 : 0);
      best.set(id, Math.min(r, best.get(id) ?? Infinity));
    };
    for (const doc of this.titles.get(titleSort) ?? []) add(doc, 2);
    for (const t of this.termKeys.get(key) ?? []) add(t.doc, t.rank);
    return [...best]
      .sort((a, b) => a[1] - b[1] || (a[0] < b[0] ? -1 : 1))
      .slice(0, 5)
      .map(([id]) => id);
  }
}
