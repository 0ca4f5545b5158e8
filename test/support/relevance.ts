// The graded search relevance set (test/fixtures/search-relevance/) and its measures:
// nDCG@5 (gains 2^grade − 1, the ideal order from the judged grades) and MRR (the rank of
// the first entry graded 3, or else the first graded at all). Shared by the floor test and
// `npm run bench -- relevance`.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export type ReaderLang = 'en' | 'fr' | 'zh';
export const READER_LANGS: ReaderLang[] = ['en', 'fr', 'zh'];

export interface Judgement {
  q: string;
  lang: ReaderLang;
  kind: string;
  relevant: Record<string, number>;
}

const DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'fixtures', 'search-relevance');

export function loadRelevanceSet(): Judgement[] {
  return READER_LANGS.flatMap((lang) =>
    readFileSync(path.join(DIR, `${lang}.jsonl`), 'utf8')
      .split('\n')
      .filter((l) => l.trim())
      .map((l) => JSON.parse(l) as Judgement),
  );
}

const dcg = (gains: number[]) => gains.reduce((sum, g, i) => sum + (2 ** g - 1) / Math.log2(i + 2), 0);

export function ndcgAt(ranked: string[], relevant: Record<string, number>, k = 5): number {
  const ideal = dcg(Object.values(relevant).sort((a, b) => b - a).slice(0, k));
  return ideal === 0 ? 0 : dcg(ranked.slice(0, k).map((slug) => relevant[slug] ?? 0)) / ideal;
}

export function reciprocalRank(ranked: string[], relevant: Record<string, number>): number {
  const top = Math.max(...Object.values(relevant));
  const i = ranked.findIndex((slug) => (relevant[slug] ?? 0) === top);
  const j = i >= 0 ? i : ranked.findIndex((slug) => (relevant[slug] ?? 0) > 0);
  return j >= 0 ? 1 / (j + 1) : 0;
}

export interface LangScore {
  lang: ReaderLang;
  queries: number;
  ndcg5: number;
  mrr: number;
  /** Queries whose best entry is not first, for the person tuning the ranking. */
  misses: Array<{ q: string; got: string[] }>;
}

/** Runs every query through `search` (slugs, best first) and scores each reader language. */
export async function evaluate(search: (q: string, lang: ReaderLang) => Promise<string[]>, set = loadRelevanceSet()): Promise<LangScore[]> {
  const scores: LangScore[] = [];
  for (const lang of READER_LANGS) {
    const queries = set.filter((j) => j.lang === lang);
    let ndcg = 0;
    let rr = 0;
    const misses: LangScore['misses'] = [];
    for (const j of queries) {
      const ranked = await search(j.q, lang);
      ndcg += ndcgAt(ranked, j.relevant);
      const r = reciprocalRank(ranked, j.relevant);
      rr += r;
      if (r < 1) misses.push({ q: j.q, got: ranked.slice(0, 5) });
    }
    scores.push({ lang, queries: queries.length, ndcg5: ndcg / queries.length, mrr: rr / queries.length, misses });
  }
  return scores;
}
