// Dictionary-matched titles: the committed file is what the import derives from the
// dictionaries (same input, same file), running it again changes nothing, and nothing
// machine-matched ever replaces a word a doctor reviewed, in the file or in the database.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../test/support/app.ts';
import { seedEncyclopediaDemo } from './encyclopedia.demo.ts';
import { deriveTermsFile, dictionariesAvailable, DICTIONARY_TERMS_FILE, frenchTerms, loadDictionaryTerms, parseTermsFile, termsFile, type DictEntry } from './encyclopedia.dictionaries.ts';
import type { TermInput } from './encyclopedia.terms.ts';

const machine = (slug: string, lang: 'fr' | 'zh', term: string, kind: 'title' | 'synonym' = 'title'): TermInput => ({ slug, lang, term, kind, source: lang === 'fr' ? 'freedict-eng-fra' : 'cc-cedict', status: 'machine_matched', reviewer: null });

describe('the dictionary terms file', () => {
  // CI installs FreeDict (.ci/run); elsewhere the check runs where the dictionaries are.
  if (dictionariesAvailable() || process.env.CI === 'true') {
    it('is exactly what the import derives from the dictionaries, and deriving again changes nothing', () => {
      const committed = readFileSync(DICTIONARY_TERMS_FILE, 'utf8');
      const once = deriveTermsFile({ previous: committed }).text;
      expect(once).toBe(committed);
      expect(deriveTermsFile({ previous: once }).text).toBe(once);
    }, 60_000);
  }

  it('keeps a row a doctor reviewed and makes the machine title a synonym beside it', () => {
    const previous = [{ ...machine('common-cold', 'fr', 'Rhume'), source: 'freedict-eng-fra', status: 'reviewed' as const, reviewer: 'Hélène Dupont' }];
    const text = termsFile([machine('common-cold', 'fr', 'rhume'), machine('common-cold', 'fr', 'coryza'), machine('common-cold', 'zh', '感冒')], previous, ['test']);
    const rows = parseTermsFile(text);
    expect(rows).toEqual([
      previous[0],
      machine('common-cold', 'fr', 'coryza', 'synonym'),
      machine('common-cold', 'zh', '感冒'),
    ]);
    expect(termsFile([machine('common-cold', 'fr', 'rhume'), machine('common-cold', 'fr', 'coryza'), machine('common-cold', 'zh', '感冒')], rows, ['test'])).toBe(text);
  });

  it('takes only nouns that translate back, or words with one sense', () => {
    const engFra: DictEntry[] = [{ headword: 'cold', pos: null, senses: [['froid'], ['rhume']] }];
    const fraEng: DictEntry[] = [
      { headword: 'froid', pos: 'adj', senses: [['cold', 'chilly']] },
      { headword: 'rhume', pos: 'n', senses: [['cold', 'catarrh']] },
    ];
    const reverse = new Map([['cold', ['froid', 'rhume']]]);
    const index = (entries: DictEntry[]) => new Map(entries.map((e) => [e.headword, [e]]));
    const found = frenchTerms(['common cold', 'cold'], { senses: new Map([['cold', 3], ['common cold', 1]]) }, index(engFra), index(fraEng), reverse);
    expect(found.map((t) => t.term)).toEqual(['rhume']);
  });
});

describe('dictionary terms in the encyclopedia', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
    await seedEncyclopediaDemo(t.services.encyclopedia, t.services.accounts);
  }, 120_000);
  afterAll(() => t?.close());

  it('shows a French reader the matched title and says it awaits review', async () => {
    const res = await t.http().get('/api/encyclopedia/entries/liver?lang=fr');
    expect(res.data).toMatchObject({ title: 'foie', originalTitle: 'Liver', titleLang: 'fr', lang: 'en', titleReview: { status: 'machine_matched', source: 'freedict-eng-fra', reviewer: null } });
    const search = await t.http().get('/api/encyclopedia/search?q=foie&lang=fr');
    expect(search.data.results[0]).toMatchObject({ slug: 'liver', title: 'foie', titleLang: 'fr', lang: 'en' });
  });

  it('imports again without writing anything, and never over a reviewed word', async () => {
    expect(await t.services.encyclopedia.setTerms(loadDictionaryTerms())).toMatchObject({ written: 0, unknown: [] });
    const outcome = await t.services.encyclopedia.setTerms([machine('otitis-media', 'fr', 'Otite moyenne')]);
    expect(outcome).toMatchObject({ written: 0, kept: 1 });
    const res = await t.http().get('/api/encyclopedia/entries/otitis-media?lang=fr');
    expect(res.data.titleReview).toMatchObject({ status: 'reviewed', reviewer: 'Hélène Dupont' });
  });
});
