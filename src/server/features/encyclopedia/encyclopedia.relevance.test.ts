// Ranking a person would agree with: the graded relevance set (test/fixtures/search-relevance,
// 150+ queries: lay words, symptom phrases, misspellings, brand names, one- and two-character
// Chinese) over the demo encyclopedia, through the public search API. Fails when nDCG@5 or
// MRR of a reader language falls under its floor, set just below the figures measured when
// the set was written (see `npm run bench -- relevance`), so ranking cannot silently regress.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, testDb, type TestApp } from '../../../../test/support/app.ts';
import { evaluate, loadRelevanceSet, READER_LANGS, type LangScore } from '../../../../test/support/relevance.ts';
import { seedEncyclopediaDemo } from './encyclopedia.demo.ts';

const FLOORS: Record<string, { ndcg5: number; mrr: number }> = {
  en: { ndcg5: 0.95, mrr: 0.95 },
  fr: { ndcg5: 0.95, mrr: 0.95 },
  zh: { ndcg5: 0.95, mrr: 0.95 },
};

let t: TestApp;
let scores: LangScore[];

beforeAll(async () => {
  t = await createTestApp();
  await seedEncyclopediaDemo(t.services.encyclopedia, t.services.accounts);
  scores = await evaluate(async (q, lang) => {
    const res = await t.http().get(`/api/encyclopedia/search?q=${encodeURIComponent(q)}&lang=${lang}&limit=10`);
    if (res.statusCode !== 200) throw new Error(`search “${q}”: ${res.statusCode} ${res.body}`);
    return (res.data.results as Array<{ slug: string }>).map((r) => r.slug);
  });
}, 180_000);
afterAll(() => t?.close());

describe(`search relevance on ${testDb}`, () => {
  it('has at least 50 graded queries per reader language', () => {
    const set = loadRelevanceSet();
    for (const lang of READER_LANGS) expect(set.filter((j) => j.lang === lang).length).toBeGreaterThanOrEqual(50);
  });

  it.each(READER_LANGS)('keeps nDCG@5 and MRR in %s above the floor', (lang) => {
    const score = scores.find((s) => s.lang === lang)!;
    const detail = `${lang}: nDCG@5 ${score.ndcg5.toFixed(3)}, MRR ${score.mrr.toFixed(3)}; not first: ${score.misses.map((m) => `“${m.q}” → ${m.got.slice(0, 3).join(', ') || 'nothing'}`).join('; ')}`;
    expect(score.ndcg5, detail).toBeGreaterThanOrEqual(FLOORS[lang]!.ndcg5);
    expect(score.mrr, detail).toBeGreaterThanOrEqual(FLOORS[lang]!.mrr);
    console.log(detail);
  });
});

describe(`the entries people look for first, on ${testDb}`, () => {
  const mostSearched = readFileSync(new URL('../../../../test/fixtures/search-relevance/most-searched.tsv', import.meta.url), 'utf8')
    .split('\n')
    .filter((l) => l && !l.startsWith('#') && !l.startsWith('query\t'))
    .map((l) => l.split('\t') as [string, string]);

  it('exist, each found first by what a reader types', async () => {
    expect(mostSearched.length).toBeGreaterThanOrEqual(190);
    const wrong: string[] = [];
    for (const [q, slug] of mostSearched) {
      const res = await t.http().get(`/api/encyclopedia/search?q=${encodeURIComponent(q)}&lang=en&limit=3`);
      const first = res.data.results[0]?.slug;
      if (first !== slug) wrong.push(`“${q}” → ${first ?? 'nothing'} (want ${slug})`);
    }
    expect(wrong).toEqual([]);
  }, 120_000);
});
