// Search's in-memory fast path gives the database's answers: on a fixed corpus (the demo
// encyclopedia with its lay words, dictionary titles and translations, plus generated
// entries in three languages), random queries drawn from the corpus' own words (one or two
// words, misspelt words, one or two Chinese characters, with and without filters, and as-you-
// type suggestions) get byte-identical answers through the public API with the fast path on
// and off. And it stays correct when the encyclopedia changes: at once after a change this
// process makes, and within a second after one whose event it never heard.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../platform/clock.ts';
import { createTestApp, testDb, type TestApp, type TestUser } from '../../../../test/support/app.ts';
import { generateInto } from './encyclopedia.cli.ts';
import { seedEncyclopediaDemo } from './encyclopedia.demo.ts';
import { syntheticEntry } from './encyclopedia.generate.ts';
import { searchDocument } from './encyclopedia.service.ts';

let t: TestApp;
let doctor: TestUser;
const clock = new ManualClock('2026-12-02T00:00:00.000Z');
const words: string[] = [];
const hanzi: string[] = [];
/** The corpus' texts as word sequences: neighbouring words make two-word queries that match. */
const sentences: string[][] = [];

beforeAll(async () => {
  t = await createTestApp({ clock });
  doctor = await t.user({ roles: ['doctor'], displayName: 'Dr. Wen Hua' });
  const encyclopedia = t.services.encyclopedia;
  await seedEncyclopediaDemo(encyclopedia, t.services.accounts);
  for (const lang of ['en', 'fr', 'zh'] as const) await generateInto(encyclopedia, 400, lang);
  // Every answer computed afresh: the answer cache would hide the index.
  t.services.encyclopediaSearch.caching = false;

  const vocabulary = new Set<string>();
  const characters = new Set<string>();
  const texts = (await encyclopedia.store.vocabularySource()).flatMap((e) => [e.title, ...e.synonyms]);
  for (const lang of ['en', 'fr', 'zh'] as const) for (let i = 0; i < 60; i++) texts.push(...Object.values(syntheticEntry(i, lang).sections));
  for (const text of texts) {
    const sequence = text
      .toLowerCase()
      .split(/[^\p{L}\p{N}]+/u)
      .filter((w) => w.length >= 2 && !/\p{Script=Han}/u.test(w));
    if (sequence.length >= 2) sentences.push(sequence);
    for (const w of text.toLowerCase().split(/[^\p{L}\p{N}]+/u)) if (w.length >= 3 && !/\p{Script=Han}/u.test(w)) vocabulary.add(w);
    for (const c of text.match(/\p{Script=Han}/gu) ?? []) characters.add(c);
  }
  words.push(...[...vocabulary].sort());
  hanzi.push(...[...characters].sort());
  expect(await encyclopedia.index.ready()).toBe(true);
}, 240_000);
afterAll(() => t?.close());

const misspell = (word: string, at: number, kind: number): string => {
  const i = at % word.length;
  if (kind === 0) return word.slice(0, i) + word.slice(i + 1);
  if (kind === 1 && i + 1 < word.length) return word.slice(0, i) + word[i + 1] + word[i] + word.slice(i + 2);
  return word.slice(0, i) + 'e' + word.slice(i + 1);
};

const query = () =>
  fc.oneof(
    fc.nat().map((i) => words[i % words.length]!),
    fc.tuple(fc.nat(), fc.nat()).map(([i, j]) => `${words[i % words.length]} ${words[j % words.length]}`),
    fc.tuple(fc.nat(), fc.nat()).map(([i, j]) => {
      const sequence = sentences[i % sentences.length]!;
      const at = j % (sequence.length - 1);
      return `${sequence[at]} ${sequence[at + 1]}`;
    }),
    fc.tuple(fc.nat(), fc.nat(), fc.nat({ max: 2 })).map(([i, at, kind]) => misspell(words[i % words.length]!, at, kind)),
    fc.nat().map((i) => hanzi[i % hanzi.length]!),
    fc.tuple(fc.nat(), fc.nat()).map(([i, j]) => hanzi[i % hanzi.length]! + hanzi[j % hanzi.length]!),
    fc.nat().map((i) => {
      // Two neighbouring characters of a real Chinese title: a word that is there.
      const titles = hanzi.join('');
      const at = i % Math.max(1, titles.length - 1);
      return titles.slice(at, at + 2);
    }),
  );

const params = () =>
  fc.record({
    q: query(),
    lang: fc.constantFrom(undefined, undefined, undefined, 'en', 'fr', 'zh'),
    category: fc.constantFrom(undefined, undefined, undefined, 'disease', 'symptom'),
    offset: fc.constantFrom(0, 0, 0, 10),
    locale: fc.constantFrom('en', 'fr', 'zh'),
  });

async function answer(path: string, locale: string, inMemory: boolean) {
  t.services.encyclopedia.index.enabled = inMemory;
  const res = await t.http().get(path, { 'accept-language': locale });
  expect(res.statusCode, res.body).toBe(200);
  return res.body;
}

describe(`search's in-memory fast path on ${testDb}`, () => {
  it('answers random queries from the corpus vocabulary exactly as the database does (slugs, order, titles, snippets, totals)', async () => {
    const before = { ...t.services.encyclopedia.index.served };
    let nonEmpty = 0;
    await fc.assert(
      fc.asyncProperty(params(), async (p) => {
        const search = new URLSearchParams({ q: p.q, limit: '10', offset: String(p.offset) });
        if (p.lang) search.set('lang', p.lang);
        if (p.category) search.set('category', p.category);
        const path = `/api/encyclopedia/search?${search}`;
        const fromDatabase = await answer(path, p.locale, false);
        const fromMemory = await answer(path, p.locale, true);
        expect(fromMemory, path).toBe(fromDatabase);
        if (JSON.parse(fromDatabase).total > 0) nonEmpty += 1;
        // As-you-type: the last word as a prefix.
        const typing = `/api/encyclopedia/suggest?q=${encodeURIComponent(p.q.slice(0, Math.max(1, p.q.length - 2)))}${p.lang ? `&lang=${p.lang}` : ''}`;
        expect(await answer(typing, p.locale, true), typing).toBe(await answer(typing, p.locale, false));
      }),
      { numRuns: 400, seed: 20261202 },
    );
    // The property says something: a good share of queries find entries, and the memory side really answered.
    expect(nonEmpty).toBeGreaterThan(100);
    expect(t.services.encyclopedia.index.served.memory - before.memory).toBeGreaterThanOrEqual(800);
  }, 240_000);

  it('answers broad queries (thousands of matches, ties) in the database order', async () => {
    for (const q of ['pain', 'the', 'of', 'and pain', 'chronic', 'de la', '性', '炎', '慢性', 'syndrome in children', 'douleur chronique']) {
      for (const offset of [0, 20, 380]) {
        const path = `/api/encyclopedia/search?q=${encodeURIComponent(q)}&limit=20&offset=${offset}`;
        expect(await answer(path, 'en', true), path).toBe(await answer(path, 'en', false));
      }
    }
  });

  it('finds a change made in this process in the very next answer, and serves it from memory once rebuilt', async () => {
    const index = t.services.encyclopedia.index;
    index.enabled = true;
    const builds = index.builds;
    const created = await doctor.http.post('/api/encyclopedia/entries', {
      title: 'Quillworth syndrome',
      lang: 'en',
      category: 'disease',
      department: 'neurology',
      synonyms: [],
      sections: { overview: 'Quillworth syndrome is a made-up condition for this test.' },
    });
    expect(created.statusCode, created.body).toBe(201);
    const first = JSON.parse(await answer('/api/encyclopedia/search?q=quillworth', 'en', true));
    expect(first.results.map((r: { slug: string }) => r.slug)).toEqual([created.data.slug]);
    expect(await index.ready()).toBe(true);
    expect(index.builds).toBeGreaterThan(builds);
    const served = index.served.memory;
    const again = JSON.parse(await answer('/api/encyclopedia/search?q=quillworth', 'en', true));
    expect(again.results.map((r: { slug: string }) => r.slug)).toEqual([created.data.slug]);
    expect(index.served.memory).toBe(served + 1);
  });

  it('catches up within a second with a change whose event it never heard (another process, a lost bus message)', async () => {
    const encyclopedia = t.services.encyclopedia;
    const index = encyclopedia.index;
    index.enabled = true;
    expect(await index.ready()).toBe(true);
    // Another process re-indexes an entry with a new word and its event is lost: only the
    // database (and its version stamp) knows.
    const entry = (await encyclopedia.store.findBySlug('quillworth-syndrome'))!;
    const content = {
      title: entry.title,
      lang: entry.lang,
      category: entry.category,
      synonyms: ['zarnivex'],
      department: entry.department,
      sections: entry.sections,
      related: [],
    };
    await t.platform.database.transaction(() => index.upsert([searchDocument(entry.id, content)]));
    clock.advance(1001);
    const slugs = async () =>
      (JSON.parse(await answer('/api/encyclopedia/search?q=zarnivex', 'en', true)).results as Array<{ slug: string }>).map((r) => r.slug);
    expect(await slugs()).toEqual(['quillworth-syndrome']);
    expect(await index.ready()).toBe(true);
    const served = index.served.memory;
    expect(await slugs()).toEqual(['quillworth-syndrome']);
    expect(index.served.memory).toBe(served + 1);
  });

  it('LOTUS_SEARCH_INDEX=off keeps every search on the database', async () => {
    const off = await createTestApp({ env: { LOTUS_SEARCH_INDEX: 'off' } });
    try {
      expect(off.services.encyclopedia.index.enabled).toBe(false);
      expect(await off.services.encyclopedia.index.ready()).toBe(false);
      expect((await off.http().get('/api/encyclopedia/search?q=anything')).statusCode).toBe(200);
      expect(off.services.encyclopedia.index.served).toEqual({ memory: 0, database: 1 });
    } finally {
      await off.close();
    }
  });
});
