// Search as a person uses it: normalise what they typed, ask the index, build highlighted
// snippets, and when nothing matches, try the closest known words ("did you mean").
// Answers are cached per normalised query until the encyclopedia changes: people search
// for the same few hundred things, and a write anywhere clears the cache.
import { invalid } from '../../platform/http/errors.ts';
import type { Lang, SearchAnswerT } from './encyclopedia.schema.ts';
import { SECTION_KEYS } from './encyclopedia.schema.ts';
import { prefixFlags } from './encyclopedia.search.ts';
import type { EncyclopediaService } from './encyclopedia.service.ts';
import type { EntryRow } from './encyclopedia.store.ts';
import { termKey, titleIn, type Term } from './encyclopedia.terms.ts';
import { normalise, queryTokens, snippet } from './encyclopedia.text.ts';
import { Vocabulary } from './encyclopedia.vocabulary.ts';

export interface SearchParams {
  q: string;
  category?: string;
  lang?: Lang;
  limit?: number;
  offset?: number;
  /** The reader's language: titles are shown in it where an entry has one. */
  locale?: Lang;
}

const CACHE_SIZE = 5000;
const ROW_CACHE_SIZE = 5000;

export class EncyclopediaSearch {
  private readonly cache = new Map<string, SearchAnswerT>();
  private readonly jsonCache = new Map<string, string>();
  private rows = new Map<string, { row: EntryRow; terms: Term[] }>();
  private olderRows = new Map<string, { row: EntryRow; terms: Term[] }>();
  private readonly suggestCache = new Map<string, Array<{ slug: string; title: string; category: string; lang: Lang }>>();
  private vocabulary: Promise<Vocabulary> | null = null;
  /** Off only in the benchmark's uncached run. */
  caching = true;

  constructor(private readonly encyclopedia: EncyclopediaService) {
    encyclopedia.onChange(() => this.forget());
  }

  /** Forgets every cached answer and entry (on change; the benchmark, between runs). */
  forget(): void {
    this.cache.clear();
    this.jsonCache.clear();
    this.suggestCache.clear();
    this.rows = new Map();
    this.olderRows = new Map();
    this.vocabulary = null;
  }

  private words(): Promise<Vocabulary> {
    this.vocabulary ??= this.encyclopedia.store.vocabularySource().then(Vocabulary.build, (error) => {
      this.vocabulary = null;
      throw error;
    });
    return this.vocabulary;
  }

  private async checkCategory(category: string | undefined): Promise<void> {
    if (category && !(await this.encyclopedia.categories()).some((c) => c.code === category)) {
      throw invalid({ category: 'is not an encyclopedia category' }, 'There is no such category.');
    }
  }

  private remember<T>(cache: Map<string, T>, key: string, value: T, generation: number): void {
    if (!this.caching || generation !== this.encyclopedia.generation) return;
    if (cache.size >= CACHE_SIZE) cache.delete(cache.keys().next().value!);
    cache.set(key, value);
  }

  /** The index's ranking, with entries whose whole title, or one of whose words (any language, lay terms), is the query moved to the top of the first page. */
  private async ranked(
    tokens: string[],
    prefix: boolean[],
    exact: string,
    filter: { category?: string; lang?: string; limit: number; offset: number },
    reader?: Lang,
  ) {
    const [hits, exactIds] = await Promise.all([
      this.encyclopedia.index.search({ tokens, prefix, ...filter }),
      this.encyclopedia.index.exact(exact, termKey(exact), { category: filter.category, lang: filter.lang, reader: reader ?? filter.lang }, () =>
        this.encyclopedia.terms.exact(exact, termKey(exact), { category: filter.category, lang: filter.lang, reader: reader ?? filter.lang }),
      ),
    ]);
    if (exactIds.length === 0 || hits.total === 0) return hits;
    const rest = hits.entryIds.filter((id) => !exactIds.includes(id));
    const entryIds = filter.offset === 0 ? [...exactIds, ...rest].slice(0, filter.limit) : rest;
    return { total: hits.total, entryIds };
  }

  /**
   * The entries and terms a page of results shows, read once per entry until the encyclopedia
   * changes: different queries keep finding the same entries, and a page needs twenty of them.
   */
  private async resultRows(ids: string[]): Promise<{ byId: Map<string, EntryRow>; termsOf: Map<string, Term[]> }> {
    const byId = new Map<string, EntryRow>();
    const termsOf = new Map<string, Term[]>();
    const missing: string[] = [];
    for (const id of ids) {
      let known = this.rows.get(id);
      if (!known && (known = this.olderRows.get(id))) this.keepRow(id, known);
      if (known) {
        byId.set(id, known.row);
        termsOf.set(id, known.terms);
      } else missing.push(id);
    }
    if (missing.length === 0) return { byId, termsOf };
    const generation = this.encyclopedia.generation;
    const [rows, terms] = await Promise.all([this.encyclopedia.store.findByIds(missing), this.encyclopedia.terms.ofEntries(missing)]);
    for (const row of rows) {
      const entryTerms = terms.get(row.id) ?? [];
      byId.set(row.id, row);
      termsOf.set(row.id, entryTerms);
      if (generation === this.encyclopedia.generation) this.keepRow(row.id, { row, terms: entryTerms });
    }
    return { byId, termsOf };
  }

  /** Two generations instead of an LRU list: the recent ones stay, a full generation is let go at once. */
  private keepRow(id: string, value: { row: EntryRow; terms: Term[] }): void {
    if (this.rows.size >= ROW_CACHE_SIZE) {
      this.olderRows = this.rows;
      this.rows = new Map();
    }
    this.rows.set(id, value);
  }

  private keyOf(params: SearchParams): { q: string; key: string } {
    const q = this.encyclopedia.assertQueryLength(params.q);
    return { q, key: JSON.stringify([queryTokens(q), params.category ?? '', params.lang ?? '', params.limit ?? 20, params.offset ?? 0, params.locale ?? '']) };
  }

  /** The answer as JSON text, as the route sends it: a hot query costs a map lookup. */
  async searchJson(params: SearchParams): Promise<string> {
    const { key } = this.keyOf(params);
    const cached = this.caching ? this.jsonCache.get(key) : undefined;
    if (cached) return cached;
    const generation = this.encyclopedia.generation;
    const json = JSON.stringify(await this.search(params));
    this.remember(this.jsonCache, key, json, generation);
    return json;
  }

  async search(params: SearchParams): Promise<SearchAnswerT> {
    const { q, key } = this.keyOf(params);
    await this.checkCategory(params.category);
    const limit = params.limit ?? 20;
    const offset = params.offset ?? 0;
    let tokens = queryTokens(q);
    const cached = this.caching ? this.cache.get(key) : undefined;
    if (cached) return cached;
    const generation = this.encyclopedia.generation;

    const run = (t: string[], exact: string) =>
      this.ranked(t, prefixFlags(t, false), exact, { category: params.category, lang: params.lang, limit, offset }, params.locale);
    let hits = tokens.length > 0 ? await run(tokens, normalise(q).replace(/\s+/g, ' ')) : { total: 0, entryIds: [] };
    let suggestion: string | null = null;
    let corrected = false;
    if (hits.total === 0 && tokens.length > 0) {
      const better = (await this.words()).correct(tokens);
      if (better) {
        suggestion = better.join(' ');
        const retry = await run(better, suggestion);
        if (retry.total > 0) {
          hits = retry;
          tokens = better;
          corrected = true;
        }
      }
    }
    if (hits.total === 0 && tokens.length > 0 && params.lang && !corrected) {
      // Nothing readable in the reader's language: an entry still without a French or Chinese
      // title is found by its scientific or English name, and shown as it is (in English).
      hits = await this.ranked(
        tokens,
        prefixFlags(tokens, false),
        normalise(q).replace(/\s+/g, ' '),
        { category: params.category, limit, offset },
        params.locale ?? params.lang,
      );
    }
    const reader = params.locale ?? params.lang;
    const { byId, termsOf } = await this.resultRows(hits.entryIds);
    const results = hits.entryIds.flatMap((id) => {
      const r = byId.get(id);
      if (!r) return [];
      const terms = termsOf.get(id) ?? [];
      const local = reader && reader !== r.lang ? titleIn(terms, reader) : null;
      const texts = [...SECTION_KEYS.map((k) => r.sections[k] ?? ''), [...r.synonyms, ...terms.map((t) => t.term)].join(' · ')];
      return [
        {
          slug: r.slug,
          title: local?.term ?? r.title,
          titleLang: local ? reader! : r.lang,
          category: r.category,
          lang: r.lang,
          snippet: snippet(texts, tokens),
        },
      ];
    });
    const answer: SearchAnswerT = { total: hits.total, results, suggestion, corrected };
    this.remember(this.cache, key, answer, generation);
    return answer;
  }

  /** As-you-type suggestions: titles matching every word, the last one as a prefix. */
  async suggest(params: { q: string; lang?: Lang; category?: string; locale?: Lang }) {
    const q = this.encyclopedia.assertQueryLength(params.q);
    await this.checkCategory(params.category);
    const tokens = queryTokens(q);
    if (tokens.length === 0) return { suggestions: [] };
    const key = JSON.stringify([tokens, params.lang ?? '', params.category ?? '', params.locale ?? '']);
    const cached = this.caching ? this.suggestCache.get(key) : undefined;
    if (cached) return { suggestions: cached };
    const generation = this.encyclopedia.generation;
    const suggestFor = (lang?: string) =>
      this.ranked(
        tokens,
        prefixFlags(tokens, true),
        normalise(q).replace(/\s+/g, ' '),
        { lang, category: params.category, limit: 8, offset: 0 },
        params.locale ?? params.lang,
      );
    let hits = await suggestFor(params.lang);
    // As in search: nothing readable in the reader's language, the English entries.
    if (hits.total === 0 && params.lang) hits = await suggestFor();
    const reader = params.locale ?? params.lang;
    const { byId, termsOf } = await this.resultRows(hits.entryIds);
    const suggestions = hits.entryIds.flatMap((id) => {
      const r = byId.get(id);
      if (!r) return [];
      const local = reader && reader !== r.lang ? titleIn(termsOf.get(id) ?? [], reader) : null;
      return [{ slug: r.slug, title: local?.term ?? r.title, category: r.category, lang: r.lang }];
    });
    this.remember(this.suggestCache, key, suggestions, generation);
    return { suggestions };
  }
}
