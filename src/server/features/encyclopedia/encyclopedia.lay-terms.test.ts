// What a worried person types finds the medical entry first, in English, French and Chinese,
// on the demo encyclopedia (WordNet, the hand-written entries and the reviewed lay-term table).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../test/support/app.ts';
import { seedEncyclopediaDemo } from './encyclopedia.demo.ts';
import { LAY_TERMS, layTermInputs } from './encyclopedia.lay-terms.ts';
import { treatedConditions } from './encyclopedia.wordnet.ts';

let t: TestApp;

beforeAll(async () => {
  t = await createTestApp();
  await seedEncyclopediaDemo(t.services.encyclopedia, t.services.accounts);
}, 120_000);
afterAll(() => t?.close());

const first = async (q: string, lang?: string) => {
  const res = await t.http().get(`/api/encyclopedia/search?q=${encodeURIComponent(q)}${lang ? `&lang=${lang}` : ''}`);
  expect(res.statusCode).toBe(200);
  return res.data.results[0] as { slug: string; title: string; titleLang: string; lang: string } | undefined;
};

describe('lay terms', () => {
  it('point at entries that exist', async () => {
    const known = await t.services.encyclopedia.store.findSlugs(Object.keys(LAY_TERMS));
    expect(Object.keys(LAY_TERMS).filter((slug) => !known.has(slug))).toEqual([]);
  });

  it.each([
    ['heart attack', undefined, 'myocardial-infarction', 'Myocardial infarction'],
    ['flu', undefined, 'influenza', 'Influenza'],
    ['cold', undefined, 'common-cold', 'Common cold'],
    ['paracetamol', undefined, 'acetaminophen', 'Acetaminophen'],
    ['rhume', 'fr', 'common-cold', 'Rhume'],
    ['crise cardiaque', 'fr', 'myocardial-infarction', 'Infarctus du myocarde'],
    ['mal de tete', 'fr', 'headache', 'Mal de tête'],
    ['咳嗽', 'zh', 'cough', '咳嗽'],
    ['咳', 'zh', 'cough', '咳嗽'],
    ['发烧', 'zh', 'fever', '发热'],
    ['拉肚子', 'zh', 'diarrhea', '腹泻'],
  ])('“%s” (%s) finds %s first, titled “%s”', async (q, lang, slug, title) => {
    expect(await first(q, lang)).toMatchObject({ slug, title });
  });

  it('still puts an entry written in the reader’s language before a translated title', async () => {
    expect(await first('grippe', 'fr')).toMatchObject({ slug: 'grippe', lang: 'fr', title: 'Grippe' });
    expect(await first('糖尿病', 'zh')).toMatchObject({ slug: '糖尿病', lang: 'zh' });
  });

  it('shows the title in the reader’s language and says the text is in English', async () => {
    const res = await t.http().get('/api/encyclopedia/entries/otitis-media?lang=fr');
    expect(res.data).toMatchObject({
      title: 'Otite moyenne',
      originalTitle: 'Otitis media',
      titleLang: 'fr',
      lang: 'en',
      translatedFrom: null,
      titleReview: { status: 'reviewed', source: 'lay-terms', reviewer: 'Hélène Dupont' },
    });
    expect(res.data.terms).toContainEqual({ lang: 'zh', term: '中耳炎', kind: 'title', source: 'lay-terms', status: 'reviewed', reviewer: '李伟' });
  });

  it('gives a French or Chinese reader the hand-written text where there is one', async () => {
    const fr = await t.http().get('/api/encyclopedia/entries/common-cold?lang=fr');
    expect(fr.data).toMatchObject({ title: 'Rhume', originalTitle: 'Common cold', lang: 'fr', translatedFrom: 'en', titleReview: null });
    expect(fr.data.sections.overview).toMatch(/^Le rhume est une infection virale/);
    const zh = await t.http().get('/api/encyclopedia/entries/covid-19?lang=zh');
    expect(zh.data).toMatchObject({ title: '新型冠状病毒感染', lang: 'zh', translatedFrom: 'en' });
    const en = await t.http().get('/api/encyclopedia/entries/covid-19?lang=en');
    expect(en.data).toMatchObject({ title: 'COVID-19', lang: 'en', translatedFrom: null });
    expect(await first('新冠', 'zh')).toMatchObject({ slug: 'covid-19' });
    expect(await first('avc', 'fr')).toMatchObject({ slug: 'stroke' });
  });

  it('writes nothing the second time', async () => {
    expect(await t.services.encyclopedia.setTerms(layTermInputs())).toMatchObject({ written: 0, unknown: [] });
  });
});

describe('depth from WordNet', () => {
  it('links an entry to its kinds and its parts, titled in the reader’s language', async () => {
    const arthritis = await t.http().get('/api/encyclopedia/entries/arthritis');
    expect(arthritis.data.related).toContainEqual({ slug: 'osteoarthritis', title: 'Osteoarthritis', relation: 'kind' });
    expect(arthritis.data.related).toContainEqual({ slug: 'gout', title: 'Gout', relation: 'kind' });
    const fr = await t.http().get('/api/encyclopedia/entries/arthritis?lang=fr');
    expect(fr.data.related).toContainEqual({ slug: 'osteoarthritis', title: 'Arthrose', relation: 'kind' });
    const heart = await t.http().get('/api/encyclopedia/entries/heart');
    expect(heart.data.related.some((r: { relation: string }) => r.relation === 'has_part')).toBe(true);
  });
});

describe('treated by, from WordNet’s definitions of medicines and procedures', () => {
  it('reads what a definition says its medicine treats', () => {
    expect(
      treatedConditions('a drug (trade name Zyloprim) used to treat gout and other conditions in which there is an excessive buildup of uric acid'),
    ).toEqual(['gout']);
    expect(treatedConditions('a diuretic drug (trade name Diuril) used in the treatment of edema and hypertension')).toEqual(['edema', 'hypertension']);
    expect(treatedConditions('an alkylating agent (trade name Leukeran) used to treat some kinds of cancer')).toEqual(['cancer']);
    expect(treatedConditions('an antibiotic used to treat serious infections (especially typhoid fever)')).toEqual(['infections']);
    expect(treatedConditions('a white powder used as a food additive')).toEqual([]);
  });

  it('lists on a condition what treats it, and on the medicine what it treats, in the reader’s language', async () => {
    const gout = await t.http().get('/api/encyclopedia/entries/gout');
    expect(gout.data.related).toContainEqual({ slug: 'allopurinol', title: 'Allopurinol', relation: 'treated_by' });
    expect(gout.data.related).toContainEqual({ slug: 'colchicine', title: 'Colchicine', relation: 'treated_by' });
    const drug = await t.http().get('/api/encyclopedia/entries/allopurinol?lang=fr');
    expect(drug.data.related).toContainEqual({ slug: 'gout', title: 'Goutte', relation: 'treats' });
    const impotence = await t.http().get('/api/encyclopedia/entries/erectile-dysfunction');
    expect(impotence.data.related.filter((r: { relation: string }) => r.relation === 'treated_by').map((r: { slug: string }) => r.slug)).toEqual(
      expect.arrayContaining(['sildenafil', 'tadalafil', 'vardenafil']),
    );
  });
});

describe('entries people look for, in three languages', () => {
  it.each([
    ['bladder cancer', undefined, 'bladder-cancer', 'Bladder cancer'],
    ['cancer de la vessie', 'fr', 'bladder-cancer', 'Cancer de la vessie'],
    ['膀胱癌', 'zh', 'bladder-cancer', '膀胱癌'],
    ['ovarian cancer', undefined, 'ovarian-cancer', 'Ovarian cancer'],
    ['cancer de l’ovaire', 'fr', 'ovarian-cancer', 'Cancer de l’ovaire'],
    ['卵巢癌', 'zh', 'ovarian-cancer', '卵巢癌'],
    ['cancer de l’estomac', 'fr', 'stomach-cancer', 'Cancer de l’estomac'],
    ['胃癌', 'zh', 'stomach-cancer', '胃癌'],
    ['cancer du rein', 'fr', 'kidney-cancer', 'Cancer du rein'],
    ['甲状腺癌', 'zh', 'thyroid-cancer', '甲状腺癌'],
    ['食道癌', 'zh', 'oesophageal-cancer', '食管癌'],
    ['mouth cancer', undefined, 'oral-cancer', 'Oral cancer'],
    ['强迫症', 'zh', 'obsessive-compulsive-disorder', '强迫症'],
  ])('“%s” (%s) finds %s, titled “%s”', async (q, lang, slug, title) => {
    expect(await first(q, lang)).toMatchObject({ slug, title });
  });

  it('gives the French and Chinese reader a text of bladder and ovarian cancer in their language', async () => {
    const texts: Record<string, RegExp> = {
      'bladder-cancer:fr': /^Le cancer de la vessie/,
      'bladder-cancer:zh': /^膀胱癌/,
      'ovarian-cancer:fr': /^Le cancer de l’ovaire/,
      'ovarian-cancer:zh': /^卵巢癌/,
    };
    for (const [key, text] of Object.entries(texts)) {
      const [slug, lang] = key.split(':');
      const res = await t.http().get(`/api/encyclopedia/entries/${slug}?lang=${lang}`);
      expect(res.data).toMatchObject({ lang, translatedFrom: 'en' });
      expect(res.data.sections.overview).toMatch(text);
    }
  });
});

describe('entries without a title in the reader’s language', () => {
  it('are found by their scientific name typed in any language, and say their text is English', async () => {
    const res = await t.http().get('/api/encyclopedia/search?q=m%C3%A9bendazole', { cookie: 'lotus_lang=fr' });
    expect(res.data.results[0]).toMatchObject({ slug: 'mebendazole', title: 'Mebendazole', titleLang: 'en', lang: 'en' });
    const zh = await t.http().get('/api/encyclopedia/search?q=ramipril', { cookie: 'lotus_lang=zh' });
    expect(zh.data.results[0]).toMatchObject({ slug: 'ramipril', title: 'Ramipril', titleLang: 'en', lang: 'en' });
    // Asked for French or Chinese results, where no entry is readable in that language.
    expect(await first('mébendazole', 'fr')).toMatchObject({ slug: 'mebendazole', title: 'Mebendazole', titleLang: 'en', lang: 'en' });
    expect(await first('ramipril', 'zh')).toMatchObject({ slug: 'ramipril', title: 'Ramipril', titleLang: 'en', lang: 'en' });
    // Where French entries do match, they are what a French search shows.
    expect(await first('foie', 'fr')).toMatchObject({ slug: 'liver', titleLang: 'fr' });
    const entry = await t.http().get('/api/encyclopedia/entries/mebendazole?lang=fr');
    expect(entry.data).toMatchObject({ title: 'Mebendazole', titleLang: 'en', lang: 'en', translatedFrom: null, titleReview: null });
  });
});
