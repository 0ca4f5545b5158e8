import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../test/support/app.ts';
import { syntheticEntries, syntheticEntry } from './encyclopedia.generate.ts';
import { importLines, readLines } from './encyclopedia.import.ts';
import { ftsMatch } from './encyclopedia.search-sqlite.ts';
import { tsqueryLiteral, tsvectorLiteral } from './encyclopedia.search-postgres.ts';
import { highlight, matchRanges, queryTokens, slugify, snippet, tokenize } from './encyclopedia.text.ts';
import { medicalSynsets, parseDataNoun, wordnetEntries } from './encyclopedia.wordnet.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t.close();
});

const line = (value: unknown) => JSON.stringify(value);
const good = (title: string, overview: string, extra: Record<string, unknown> = {}) => line({ title, lang: 'en', category: 'disease', sections: { overview }, ...extra });

describe('import from JSON Lines', () => {
  it('reports every bad line by number and reason, and imports nothing', async () => {
    const lines = [
      good('Gout', 'A kind of arthritis caused by uric acid crystals.'),
      '{"title": "Broken',
      line({ title: 'Rickets', lang: 'de', category: 'disease', sections: { overview: 'Soft bones.' } }),
      line({ title: 'Mumps', lang: 'en', category: 'disease', sections: {} }),
      line({ title: 'Measles', lang: 'en', category: 'sickness', department: 'nowhere', sections: { overview: 'A viral infection.' } }),
      '',
      '[1, 2]',
      good('Croup', 'A cough like a bark.', { slug: 'Not A Slug!' }),
      good('Scabies', 'Itchy mites.', { colour: 'red' }),
    ];
    const report = await importLines(lines, t.services.encyclopedia);
    expect(report.imported).toBe(false);
    expect(report.problems.map((p) => p.line)).toEqual([2, 3, 4, 5, 7, 8, 9]);
    const reason = (n: number) => report.problems.find((p) => p.line === n)!.reason;
    expect(reason(2)).toMatch(/not valid JSON/);
    expect(reason(3)).toMatch(/lang must be "en", "fr" or "zh"/);
    expect(reason(4)).toMatch(/sections\.overview is required/);
    expect(reason(5)).toMatch(/category must be one of/);
    expect(reason(5)).toMatch(/department is not a known department/);
    expect(reason(7)).toMatch(/one JSON object/);
    expect(reason(8)).toMatch(/slug/);
    expect(reason(9)).toMatch(/unknown field colour/);
    expect((await t.http().get('/api/encyclopedia/entries/gout')).statusCode).toBe(404);
  });

  it('imports the good lines when asked to skip the bad ones', async () => {
    const report = await importLines([good('Gout', 'A kind of arthritis.'), 'nonsense'], t.services.encyclopedia, { skipInvalid: true });
    expect(report).toMatchObject({ imported: true, created: 1, revised: 0 });
    expect(report.problems).toEqual([{ line: 2, reason: expect.stringMatching(/not valid JSON/) }]);
  });

  it('makes a new revision, never a duplicate, when a slug comes again, in batches', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'lotus-enc-import-'));
    const file = path.join(dir, 'entries.jsonl');
    const rows = [
      good('Gout', 'Gout is arthritis caused by crystals of uric acid in a joint.', { slug: 'gout', synonyms: ['podagra'] }),
      good('Bunion', 'A bony bump at the base of the big toe.'),
      good('Bunion', 'A bony bump at the base of the big toe, often from tight shoes.'),
      ...Array.from({ length: 7 }, (_, i) => good(`Imported condition ${i}`, `Entry number ${i}.`)),
    ];
    writeFileSync(file, rows.join('\n') + '\n');
    const progress: Array<[number, number]> = [];
    const report = await importLines(readLines(file), t.services.encyclopedia, { batchSize: 3, onProgress: (d, n) => progress.push([d, n]) });
    expect(report).toMatchObject({ imported: true, created: 8, revised: 1, lines: 10 });
    expect(progress.at(-1)).toEqual([10, 10]);
    expect(progress.length).toBeGreaterThan(3);

    const gout = await t.http().get('/api/encyclopedia/entries/gout');
    expect(gout.data.revision).toBe(2);
    expect(gout.data.synonyms).toEqual(['podagra']);
    expect(gout.data.review).toBeNull();
    const bunion = await t.http().get('/api/encyclopedia/entries/bunion/revisions');
    expect(bunion.data.map((r: { revision: number }) => r.revision)).toEqual([2, 1]);
    expect((await t.http().get('/api/encyclopedia/entries/bunion')).data.sections.overview).toMatch(/tight shoes/);
    const search = await t.http().get('/api/encyclopedia/search?q=podagra');
    expect(search.data.results.map((r: { slug: string }) => r.slug)).toEqual(['gout']);
    expect((await t.http().get('/api/encyclopedia/search?q=bunion')).data.total).toBe(1);
  });
});

describe('synthetic corpus', () => {
  it('is deterministic, marked synthetic, and has unique titles and slugs', () => {
    expect(syntheticEntry(41, 'fr')).toEqual(syntheticEntry(41, 'fr'));
    for (const lang of ['en', 'fr', 'zh'] as const) {
      const entries = [...syntheticEntries(5000, lang)];
      expect(new Set(entries.map((e) => e.title)).size).toBe(5000);
      expect(new Set(entries.map((e) => e.slug)).size).toBe(5000);
      expect(entries.every((e) => e.synthetic && /synth|合成|synthétique/.test(e.sections.overview))).toBe(true);
    }
  });
});

describe('WordNet', () => {
  const data = [
    '  1 This software and database is being provided to you, the LICENSEE, by',
    '14085287 26 n 04 illness 0 unwellness 0 malady 0 sickness 0 002 @ 14075528 n 0000 ~ 14093842 n 0000 | impairment of normal physiological function affecting part or all of an organism',
    '14093842 26 n 01 disease 0 002 @ 14085287 n 0000 ~ 14100000 n 0000 | an impairment of health or a condition of abnormality',
    '14100000 26 n 02 diabetes 0 diabetes_mellitus 0 002 @ 14093842 n 0000 #p 05227735 n 0000 | a metabolic disorder; marked by thirst; "she has diabetes"',
    '05227735 08 n 01 body_part 0 001 ~ 05300000 n 0000 | any part of an organism such as an organ or extremity',
    '05300000 08 n 01 heart 0 001 @ 05227735 n 0000 | the hollow muscular organ',
    '09999999 08 n 01 teapot 0 000 | not medical at all',
  ].join('\n');

  it('maps the synsets under medical roots to entries with synonyms and relations', () => {
    const chosen = medicalSynsets(parseDataNoun(data), [
      { offset: '14085287', what: 'illness' },
      { offset: '05227735', what: 'body part' },
    ]);
    const items = wordnetEntries(chosen);
    expect(items.map((i) => i.slug).sort()).toEqual(['body-part', 'diabetes', 'disease', 'heart', 'illness']);
    const diabetes = items.find((i) => i.slug === 'diabetes')!;
    expect(diabetes.content).toMatchObject({ title: 'Diabetes', lang: 'en', category: 'disease', synonyms: ['diabetes mellitus'] });
    expect(diabetes.content.sections.overview).toBe('A metabolic disorder; marked by thirst. For example: “she has diabetes”.');
    expect(diabetes.content.related).toEqual([
      { slug: 'disease', relation: 'is_a' },
      { slug: 'body-part', relation: 'part_of' },
    ]);
    expect(items.find((i) => i.slug === 'heart')!.content.category).toBe('body_part');
  });

  it('imports a slice as entries that are not yet medically reviewed', async () => {
    const items = wordnetEntries(medicalSynsets(parseDataNoun(data), [{ offset: '14085287', what: 'illness' }]));
    await t.services.encyclopedia.importEntries(items, { name: 'WordNet 3.1', source: 'wordnet' });
    const res = await t.http().get('/api/encyclopedia/entries/diabetes');
    expect(res.data.review).toBeNull();
    expect(res.data.source).toBe('wordnet');
    expect(res.data.related).toEqual([{ slug: 'disease', title: 'Disease', relation: 'is_a' }]);
  });
});

describe('text normalisation', () => {
  it('folds accents and case, and cuts Chinese into bigrams', () => {
    expect(tokenize('Diabète SUCRÉ')).toEqual(['diabete', 'sucre']);
    expect(tokenize('高血糖 test')).toEqual(['高血', '血糖', '糖', 'test']);
    expect(queryTokens('高血糖')).toEqual(['高血', '血糖']);
    expect(queryTokens('"heart" OR attack* NEAR(')).toEqual(['heart', 'or', 'attack', 'near']);
    expect(slugify('Diabète sucré (type 2)')).toBe('diabete-sucre-type-2');
  });

  it('builds index queries that contain nothing but quoted tokens, whatever is typed', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 60 }), (typed) => {
        const tokens = queryTokens(typed);
        const prefix = tokens.map(() => false);
        const fts = ftsMatch(tokens, prefix);
        expect(fts.replace(/"[\p{L}\p{N}]+"\*?/gu, '').replace(/ AND /g, '')).toBe('');
        const tsq = tsqueryLiteral(tokens, prefix);
        expect(tsq.replace(/'[\p{L}\p{N}]+'(:\*)?/gu, '').replace(/ & /g, '')).toBe('');
        expect(tsvectorLiteral(tokens, tokens)).not.toMatch(/\\/);
      }),
    );
  });

  it('highlights safely: the only tags in a snippet are <mark> and </mark>', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 80 }), fc.string({ maxLength: 10 }), (text, typed) => {
        const html = snippet([text], queryTokens(typed));
        expect(html.replace(/<\/?mark>/g, '')).not.toMatch(/[<>]/);
        expect(highlight(text, matchRanges(text, queryTokens(typed))).replace(/<\/?mark>/g, '')).not.toMatch(/[<>"]/);
      }),
    );
  });
});
