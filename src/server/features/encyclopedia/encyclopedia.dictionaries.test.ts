// Dictionary-matched titles: the committed file is what the import derives from the
// dictionaries (same input, same file), running it again changes nothing, and nothing
// machine-matched ever replaces a word a doctor reviewed, in the file or in the database.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../test/support/app.ts';
import { seedEncyclopediaDemo } from './encyclopedia.demo.ts';
import { compoundTerms } from './encyclopedia.dictionaries-compounds.ts';
import {
  chineseTerms,
  deriveTermsFile,
  dictionariesAvailable,
  DICTIONARY_TERMS_FILE,
  frenchTerms,
  glossKey,
  loadDictionaryTerms,
  parseTermsFile,
  termsFile,
  type CedictEntry,
  type DictEntry,
} from './encyclopedia.dictionaries.ts';
import type { TermInput } from './encyclopedia.terms.ts';

const machine = (slug: string, lang: 'fr' | 'zh', term: string, kind: 'title' | 'synonym' = 'title'): TermInput => ({
  slug,
  lang,
  term,
  kind,
  source: lang === 'fr' ? 'freedict-eng-fra' : 'cc-cedict',
  status: 'machine_matched',
  reviewer: null,
});

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
    const text = termsFile([machine('common-cold', 'fr', 'rhume'), machine('common-cold', 'fr', 'coryza'), machine('common-cold', 'zh', '感冒')], previous, [
      'test',
    ]);
    const rows = parseTermsFile(text);
    expect(rows).toEqual([previous[0], machine('common-cold', 'fr', 'coryza', 'synonym'), machine('common-cold', 'zh', '感冒')]);
    expect(
      termsFile([machine('common-cold', 'fr', 'rhume'), machine('common-cold', 'fr', 'coryza'), machine('common-cold', 'zh', '感冒')], rows, ['test']),
    ).toBe(text);
  });

  it('takes only nouns that translate back, or words with one sense', () => {
    const engFra: DictEntry[] = [{ headword: 'cold', pos: null, senses: [['froid'], ['rhume']] }];
    const fraEng: DictEntry[] = [
      { headword: 'froid', pos: 'adj', senses: [['cold', 'chilly']] },
      { headword: 'rhume', pos: 'n', senses: [['cold', 'catarrh']] },
    ];
    const reverse = new Map([['cold', ['froid', 'rhume']]]);
    const index = (entries: DictEntry[]) => new Map(entries.map((e) => [e.headword, [e]]));
    const found = frenchTerms(
      ['common cold', 'cold'],
      {
        senses: new Map([
          ['cold', 3],
          ['common cold', 1],
        ]),
      },
      index(engFra),
      index(fraEng),
      reverse,
    );
    expect(found.map((t) => t.term)).toEqual(['rhume']);
  });
});

describe('matching Chinese through CC-CEDICT’s English glosses', () => {
  const byGloss = (entries: CedictEntry[]) => {
    const map = new Map<string, CedictEntry[]>();
    for (const e of entries) for (const g of e.glosses) map.set(g, [...(map.get(g) ?? []), e]);
    return map;
  };
  const ovary = '05522938';
  const crop = '01976696';

  it('takes a one-sense Chinese word written with a medical character, where the English word most often means this', () => {
    const dictionary = byGloss([
      { simplified: '卵巢', glosses: ['ovary'], medical: false, senseCount: 1 },
      { simplified: '子房', glosses: ['ovary', 'ovary botany'], medical: false, senseCount: 1 },
    ]);
    const inputs = { senses: new Map([['ovary', 2]]), firstSense: new Map([['ovary', ovary]]) };
    expect(chineseTerms(['Ovary', 'ovary'], inputs, dictionary, ovary).map((t) => t.term)).toEqual(['卵巢']);
    // The same word for the plant's ovary (not its usual sense) takes nothing.
    expect(chineseTerms(['Ovary', 'ovary'], inputs, dictionary, '11699086')).toEqual([]);
  });

  it('never takes an everyday word for a polysemous English one ("crop" is not 作物 in a bird)', () => {
    const dictionary = byGloss([{ simplified: '作物', glosses: ['crop'], medical: false, senseCount: 1 }]);
    expect(
      chineseTerms(
        ['Craw', 'craw', 'crop'],
        {
          senses: new Map([
            ['crop', 6],
            ['craw', 1],
          ]),
          firstSense: new Map([
            ['crop', '13106624'],
            ['craw', crop],
          ]),
        },
        dictionary,
        crop,
      ),
    ).toEqual([]);
  });

  it('compares glosses with hyphens as spaces and British spellings as American', () => {
    expect(glossKey('Oesophagus')).toBe(glossKey('esophagus'));
    expect(glossKey('haemorrhage')).toBe('hemorrhage');
    expect(glossKey('diarrhoea')).toBe('diarrhea');
    expect(glossKey('X-ray')).toBe('x ray');
    expect(glossKey('shoes')).toBe('shoes');
  });
});

describe('compounds of matched parts', () => {
  const gender = () => null;
  it('fills an entry only when the pattern rebuilds what the dictionary says for the others', () => {
    const words = [
      ['gastritis'],
      ['chronic gastritis'],
      ['bronchitis'],
      ['chronic bronchitis'],
      ['pain'],
      ['chronic pain'],
      ['disease'],
      ['chronic disease'],
      ['glaucoma'],
      ['chronic glaucoma'],
    ];
    const direct = [
      { zh: ['胃炎'] },
      {},
      { zh: ['支气管炎'] },
      { zh: ['慢性支气管炎'] },
      { zh: ['疼痛'] },
      { zh: ['慢性疼痛'] },
      { zh: ['疾病'] },
      { zh: ['慢性疾病'] },
      { zh: ['青光眼'] },
      {},
    ];
    const { terms, report } = compoundTerms({ words, direct, gender });
    expect(report.find((r) => r.id === 'zh-chronic')).toMatchObject({ examples: 3, agree: 3, used: true, added: 2 });
    expect(terms).toEqual([
      { index: 1, lang: 'zh', term: '慢性胃炎', source: 'cc-cedict-compound' },
      { index: 9, lang: 'zh', term: '慢性青光眼', source: 'cc-cedict-compound' },
    ]);
  });

  it('leaves a pattern unused when the dictionary disagrees with it', () => {
    // 肝脏 + 癌 is not how Chinese says liver cancer (肝癌): the pattern fails its check.
    const words = [['liver'], ['liver cancer'], ['skin'], ['skin cancer'], ['breast'], ['breast cancer'], ['bladder'], ['bladder cancer']];
    const direct = [{ zh: ['肝脏'] }, { zh: ['肝癌'] }, { zh: ['皮肤'] }, { zh: ['皮肤癌'] }, { zh: ['乳房'] }, { zh: ['乳腺癌'] }, { zh: ['膀胱'] }, {}];
    const { terms, report } = compoundTerms({ words, direct, gender });
    expect(report.find((r) => r.id === 'zh-cancer')).toMatchObject({ examples: 3, agree: 1, used: false, added: 0 });
    expect(terms).toEqual([]);
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
    expect(res.data).toMatchObject({
      title: 'foie',
      originalTitle: 'Liver',
      titleLang: 'fr',
      lang: 'en',
      titleReview: { status: 'machine_matched', source: 'freedict-eng-fra', reviewer: null },
    });
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
