import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp, type TestUser } from '../../../../test/support/app.ts';

let t: TestApp;
let doctor: TestUser;
let editor: TestUser;
let admin: TestUser;
let patient: TestUser;

const entry = (title: string, overview: string, extra: Record<string, unknown> = {}) => ({
  title,
  lang: 'en',
  category: 'disease',
  sections: { overview },
  ...extra,
});

beforeAll(async () => {
  t = await createTestApp();
  doctor = await t.user({ roles: ['doctor'], displayName: 'Dr. Li Na' });
  editor = await t.user({ roles: ['editor'], displayName: 'Eddie Editor' });
  admin = await t.user({ roles: ['admin'], displayName: 'Ada Admin' });
  patient = await t.user({ displayName: 'Pat Patient' });

  const write = async (body: unknown) => {
    const res = await doctor.http.post('/api/encyclopedia/entries', body);
    if (res.statusCode !== 201) throw new Error(`create failed: ${res.statusCode} ${res.body}`);
    return res.data as { slug: string };
  };
  await write(
    entry('Diabetes', 'Diabetes is a long-term condition in which the blood sugar level stays too high.', {
      synonyms: ['diabetes mellitus'],
      department: 'endocrinology',
      sections: {
        overview: 'Diabetes is a long-term condition in which the blood sugar level stays too high.',
        symptoms: 'Thirst, passing urine often, tiredness.',
        whenToSeeADoctor: 'See a doctor if you are always thirsty.',
      },
    }),
  );
  await write({ ...entry('Diabète', 'Le diabète est une maladie chronique où le taux de sucre dans le sang reste trop élevé.'), lang: 'fr', department: 'endocrinology' });
  await write({ ...entry('感冒', '感冒是由病毒引起的上呼吸道感染，常见症状有流鼻涕、打喷嚏和咽喉痛。'), lang: 'zh', department: 'respiratory' });
  await write({ ...entry('高血糖', '高血糖是指血液中的葡萄糖含量高于正常水平，是糖尿病的主要特征。'), lang: 'zh', category: 'symptom' });
  await write(entry('Myocardial infarction', 'Death of heart muscle when its blood supply is blocked.', { synonyms: ['heart attack', 'MI'], department: 'cardiology' }));
  await write(entry('Angina', 'Chest pain caused by reduced blood flow to the heart; it can come before a heart attack.', { department: 'cardiology' }));
  await write(entry('Thirst', 'Wanting to drink. Lasting thirst can be a sign of diabetes.', { category: 'symptom' }));
});
afterAll(async () => {
  await t.close();
});

const search = (q: string, extra = '') => t.http().get(`/api/encyclopedia/search?q=${encodeURIComponent(q)}${extra}`);
const slugs = (res: { data: { results: Array<{ slug: string }> } }) => res.data.results.map((r) => r.slug);

describe('writing entries', () => {
  it('publishes a doctor’s entry at once, naming the doctor as its reviewer', async () => {
    const res = await t.http().get('/api/encyclopedia/entries/diabetes');
    expect(res.statusCode).toBe(200);
    expect(res.data).toMatchObject({
      slug: 'diabetes',
      title: 'Diabetes',
      lang: 'en',
      category: 'disease',
      synonyms: ['diabetes mellitus'],
      department: 'endocrinology',
      departmentName: 'Endocrinology and diabetes',
      revision: 1,
      review: { reviewer: 'Dr. Li Na' },
    });
    expect(res.data.sections.whenToSeeADoctor).toMatch(/thirsty/);
    expect(Date.parse(res.data.review.reviewedAt)).not.toBeNaN();
  });

  it('answers 404 for an unknown entry', async () => {
    const res = await t.http().get('/api/encyclopedia/entries/no-such-entry');
    expect(res.statusCode).toBe(404);
    expect(res.data.error.code).toBe('not_found');
  });

  it('refuses a patient with 403 and an anonymous visitor with 401', async () => {
    const body = entry('Gout', 'A kind of arthritis.');
    expect((await patient.http.post('/api/encyclopedia/entries', body)).statusCode).toBe(403);
    expect((await t.http().post('/api/encyclopedia/entries', body)).statusCode).toBe(401);
    expect((await patient.http.put('/api/encyclopedia/entries/diabetes', body)).statusCode).toBe(403);
  });

  it('reports field problems with 422 and writes nothing', async () => {
    const res = await doctor.http.post('/api/encyclopedia/entries', { title: ' ', lang: 'en', category: 'nonsense', department: 'nowhere', sections: { overview: '' } });
    expect(res.statusCode).toBe(422);
    expect(Object.keys(res.data.error.fields).sort()).toEqual(['category', 'department', 'sections.overview', 'title']);
    const wrongLang = await doctor.http.post('/api/encyclopedia/entries', { ...entry('X', 'y'), lang: 'de' });
    expect(wrongLang.statusCode).toBe(422);
  });

  it('gives a second entry with the same title its own slug', async () => {
    const res = await admin.http.post('/api/encyclopedia/entries', entry('Angina', 'Another meaning of angina: a sore throat (angina tonsillaris).'));
    expect(res.statusCode).toBe(201);
    expect(res.data).toEqual({ slug: 'angina-2', revision: 1, status: 'published' });
    const again = await t.http().get('/api/encyclopedia/entries/angina-2');
    expect(again.data.review).toEqual({ reviewer: 'Ada Admin', reviewedAt: expect.any(String) });
  });
});

describe('search', () => {
  it('finds accented French entries from a query typed without accents', async () => {
    const res = await search('diabete');
    expect(res.statusCode).toBe(200);
    expect(slugs(res)).toContain('diabete');
    const fr = res.data.results.find((r: { slug: string }) => r.slug === 'diabete');
    expect(fr).toMatchObject({ title: 'Diabète', lang: 'fr', category: 'disease' });
    expect(fr.snippet).toContain('<mark>diabète</mark>');
  });

  it('finds Chinese entries from a two-character query, in titles and in body text', async () => {
    const cold = await search('感冒');
    expect(slugs(cold)).toEqual(['感冒']);
    const sugar = await search('血糖');
    expect(slugs(sugar)).toContain('高血糖');
    expect(sugar.data.results[0].snippet).toContain('<mark>血糖</mark>');
    const inBody = await search('呼吸');
    expect(slugs(inBody)).toEqual(['感冒']);
    const oneCharacter = await search('糖');
    expect(slugs(oneCharacter)).toContain('高血糖');
  });

  it('corrects a misspelt English query and says so', async () => {
    const res = await search('diabetis');
    expect(res.statusCode).toBe(200);
    expect(res.data.suggestion).toBe('diabetes');
    expect(res.data.corrected).toBe(true);
    expect(slugs(res)[0]).toBe('diabetes');
  });

  it('finds an entry by its synonym, ranked above entries that only mention the words', async () => {
    const res = await search('heart attack');
    expect(slugs(res)[0]).toBe('myocardial-infarction');
    expect(slugs(res)).toContain('angina');
  });

  it('ranks title matches above body matches', async () => {
    const res = await search('diabetes', '&lang=en');
    expect(slugs(res)[0]).toBe('diabetes');
    expect(slugs(res)).toContain('thirst');
    expect(res.data.total).toBe(res.data.results.length);
  });

  it('treats search syntax as text, never as an error', async () => {
    for (const q of ['"diabetes', 'diabetes OR thirst', 'diab*', 'NEAR(diabetes thirst)', '"', '*', 'AND', '()', "'; drop table x; --", '\\', ':*', '!&|']) {
      const res = await search(q);
      expect(res.statusCode, q).toBe(200);
      expect(Array.isArray(res.data.results), q).toBe(true);
    }
    expect(slugs(await search('"diabetes"'))[0]).toBe('diabetes');
  });

  it('filters by category and language, and pages', async () => {
    const symptoms = await search('diabetes', '&category=symptom');
    expect(slugs(symptoms)).toEqual(['thirst']);
    const french = await search('diabete', '&lang=fr');
    expect(slugs(french)).toEqual(['diabete']);
    const page = await search('heart', '&limit=1&offset=1');
    expect(page.data.results).toHaveLength(1);
    expect(page.data.total).toBeGreaterThanOrEqual(2);
  });

  it('answers 422 for an empty or over-long query and an unknown category', async () => {
    expect((await search('')).statusCode).toBe(422);
    expect((await search('   ')).statusCode).toBe(422);
    expect((await search('a'.repeat(201))).statusCode).toBe(422);
    expect((await search('a'.repeat(200))).statusCode).toBe(200);
    expect((await t.http().get('/api/encyclopedia/search')).statusCode).toBe(422);
    expect((await search('diabetes', '&category=nope')).statusCode).toBe(422);
  });

  it('escapes HTML in snippets and marks only what matched', async () => {
    await doctor.http.post('/api/encyclopedia/entries', entry('Scurvy', 'Lack of vitamin C <script>alert(1)</script> causes scurvy.'));
    const res = await search('scurvy');
    const snippet: string = res.data.results[0].snippet;
    expect(snippet).not.toContain('<script>');
    expect(snippet).toContain('&lt;script&gt;');
    expect(snippet).toContain('<mark>scurvy</mark>');
  });

  it('suggests titles as a person types', async () => {
    const res = await t.http().get('/api/encyclopedia/suggest?q=myoc');
    expect(res.statusCode).toBe(200);
    expect(res.data.suggestions[0]).toMatchObject({ slug: 'myocardial-infarction', title: 'Myocardial infarction' });
  });
});

describe('revisions and review', () => {
  it('keeps an editor’s edit pending until a doctor approves it, then names the doctor', async () => {
    const current = (await t.http().get('/api/encyclopedia/entries/thirst')).data;
    const edit = await editor.http.put('/api/encyclopedia/entries/thirst', {
      title: 'Thirst',
      lang: 'en',
      category: 'symptom',
      sections: { overview: 'Wanting to drink. Thirst that lasts for days can be a sign of diabetes or dehydration.' },
      summary: 'Mention dehydration',
    });
    expect(edit.statusCode).toBe(200);
    expect(edit.data).toEqual({ slug: 'thirst', revision: 2, status: 'pending' });

    const still = await t.http().get('/api/encyclopedia/entries/thirst');
    expect(still.data.revision).toBe(1);
    expect(still.data.sections.overview).toBe(current.sections.overview);
    expect(slugs(await search('dehydration'))).toEqual([]);

    const publicHistory = await t.http().get('/api/encyclopedia/entries/thirst/revisions');
    expect(publicHistory.data.map((r: { revision: number }) => r.revision)).toEqual([1]);
    const staffHistory = await editor.http.get('/api/encyclopedia/entries/thirst/revisions');
    expect(staffHistory.data.map((r: { revision: number; status: string }) => [r.revision, r.status])).toEqual([
      [2, 'pending'],
      [1, 'published'],
    ]);
    expect(staffHistory.data[0]).toMatchObject({ author: 'Eddie Editor', summary: 'Mention dehydration', current: false });

    expect((await editor.http.get('/api/encyclopedia/reviews')).statusCode).toBe(403);
    const queue = await doctor.http.get('/api/encyclopedia/reviews');
    expect(queue.data).toEqual([expect.objectContaining({ slug: 'thirst', revision: 2, author: 'Eddie Editor', isNewEntry: false })]);

    const selfApprove = await editor.http.post('/api/encyclopedia/entries/thirst/revisions/2/review', { decision: 'approve' });
    expect(selfApprove.statusCode).toBe(403);
    const approve = await doctor.http.post('/api/encyclopedia/entries/thirst/revisions/2/review', { decision: 'approve' });
    expect(approve.statusCode).toBe(200);
    expect(approve.data.status).toBe('published');
    const again = await doctor.http.post('/api/encyclopedia/entries/thirst/revisions/2/review', { decision: 'approve' });
    expect(again.statusCode).toBe(409);

    const published = await t.http().get('/api/encyclopedia/entries/thirst');
    expect(published.data.revision).toBe(2);
    expect(published.data.review.reviewer).toBe('Dr. Li Na');
    expect(slugs(await search('dehydration'))).toEqual(['thirst']);
    expect((await doctor.http.get('/api/encyclopedia/reviews')).data).toEqual([]);
  });

  it('lists every revision with author and date, and diffs any two', async () => {
    const revisions = await t.http().get('/api/encyclopedia/entries/thirst/revisions');
    expect(revisions.statusCode).toBe(200);
    expect(revisions.data).toHaveLength(2);
    for (const r of revisions.data) {
      expect(r.author).toBeTruthy();
      expect(Date.parse(r.createdAt)).not.toBeNaN();
    }
    expect(revisions.data[0]).toMatchObject({ revision: 2, current: true, author: 'Eddie Editor', reviewer: 'Dr. Li Na' });

    const diff = await t.http().get('/api/encyclopedia/entries/thirst/diff?from=1&to=2');
    expect(diff.statusCode).toBe(200);
    const overview = diff.data.changes.find((c: { field: string }) => c.field === 'sections.overview');
    expect(overview.parts.filter((p: { added: boolean }) => p.added).map((p: { value: string }) => p.value).join('')).toMatch(/dehydration/);
    expect(overview.parts.filter((p: { removed: boolean }) => p.removed).map((p: { value: string }) => p.value).join('')).toMatch(/Lasting/);
    expect(diff.data.changes.some((c: { field: string }) => c.field === 'title')).toBe(false);

    const one = await t.http().get('/api/encyclopedia/entries/thirst/revisions/1');
    expect(one.data.content.sections.overview).toMatch(/^Wanting to drink. Lasting thirst/);
    expect((await t.http().get('/api/encyclopedia/entries/thirst/diff?from=1&to=9')).statusCode).toBe(404);
  });

  it('lets a doctor reject an edit with a reason; the entry stays as it was', async () => {
    const edit = await editor.http.put('/api/encyclopedia/entries/angina', entry('Angina', 'Wrong text.', { department: 'cardiology' }));
    expect(edit.data.status).toBe('pending');
    const noReason = await doctor.http.post(`/api/encyclopedia/entries/angina/revisions/${edit.data.revision}/review`, { decision: 'reject' });
    expect(noReason.statusCode).toBe(422);
    const reject = await doctor.http.post(`/api/encyclopedia/entries/angina/revisions/${edit.data.revision}/review`, { decision: 'reject', note: 'Not accurate.' });
    expect(reject.data.status).toBe('rejected');
    const entryNow = await t.http().get('/api/encyclopedia/entries/angina');
    expect(entryNow.data.sections.overview).toMatch(/Chest pain/);
    const history = await editor.http.get('/api/encyclopedia/entries/angina/revisions');
    expect(history.data[0]).toMatchObject({ status: 'rejected', note: 'Not accurate.', reviewer: 'Dr. Li Na' });
  });

  it('keeps a new entry by an editor out of sight until it is reviewed', async () => {
    const res = await editor.http.post('/api/encyclopedia/entries', entry('Chilblains', 'Small itchy swellings on the skin after cold.'));
    expect(res.statusCode).toBe(201);
    expect(res.data).toEqual({ slug: 'chilblains', revision: 1, status: 'pending' });
    expect((await t.http().get('/api/encyclopedia/entries/chilblains')).statusCode).toBe(404);
    expect((await t.http().get('/api/encyclopedia/entries/chilblains/revisions')).statusCode).toBe(404);
    expect(slugs(await search('chilblains'))).toEqual([]);
    const queue = await admin.http.get('/api/encyclopedia/reviews');
    expect(queue.data).toEqual([expect.objectContaining({ slug: 'chilblains', isNewEntry: true })]);
    await admin.http.post('/api/encyclopedia/entries/chilblains/revisions/1/review', { decision: 'approve' });
    const published = await t.http().get('/api/encyclopedia/entries/chilblains');
    expect(published.statusCode).toBe(200);
    expect(published.data.review.reviewer).toBe('Ada Admin');
    expect(slugs(await search('chilblains'))).toEqual(['chilblains']);
  });

  it('publishes a doctor’s edit at once as a new revision', async () => {
    const res = await doctor.http.put('/api/encyclopedia/entries/myocardial-infarction', entry('Myocardial infarction', 'Death of heart muscle when a coronary artery is blocked.', { synonyms: ['heart attack', 'MI'], related: ['angina'] }));
    expect(res.data).toEqual({ slug: 'myocardial-infarction', revision: 2, status: 'published' });
    const now = await t.http().get('/api/encyclopedia/entries/myocardial-infarction');
    expect(now.data.revision).toBe(2);
    expect(now.data.related).toEqual([{ slug: 'angina', title: 'Angina', relation: 'see_also' }]);
  });
});

describe('browsing, categories and stats', () => {
  it('browses by category and first letter', async () => {
    const d = await t.http().get('/api/encyclopedia/entries?letter=d');
    expect(d.data.results.map((r: { slug: string }) => r.slug)).toEqual(['diabete', 'diabetes']);
    const symptoms = await t.http().get('/api/encyclopedia/entries?category=symptom');
    expect(symptoms.data.results.map((r: { slug: string }) => r.slug).sort()).toEqual(['thirst', '高血糖']);
    const others = await t.http().get('/api/encyclopedia/entries?letter=%23');
    expect(others.data.results.map((r: { slug: string }) => r.slug).sort()).toEqual(['感冒', '高血糖']);
  });

  it('counts published entries by category', async () => {
    const res = await t.http().get('/api/encyclopedia/stats');
    expect(res.statusCode).toBe(200);
    const total = Object.values(res.data.byCategory as Record<string, number>).reduce((a, b) => a + b, 0);
    expect(res.data.entries).toBe(total);
    expect(res.data.byCategory.symptom).toBe(2);
    expect(res.data.byCategory.drug).toBe(0);
  });

  it('lets admins manage categories, and nobody else', async () => {
    const body = { code: 'vaccine', names: { en: 'Vaccines', zh: '疫苗', fr: 'Vaccins' } };
    expect((await editor.http.post('/api/encyclopedia/categories', body)).statusCode).toBe(403);
    expect((await admin.http.post('/api/encyclopedia/categories', body)).statusCode).toBe(204);
    expect((await admin.http.post('/api/encyclopedia/categories', body)).statusCode).toBe(409);
    const zh = await t.http().get('/api/encyclopedia/categories?lang=zh', { 'accept-language': 'zh-CN' });
    expect(zh.data.find((c: { code: string }) => c.code === 'vaccine').name).toBe('疫苗');
    expect((await admin.http.put('/api/encyclopedia/categories/vaccine', { names: { en: 'Vaccination', zh: '疫苗', fr: 'Vaccination' } })).statusCode).toBe(204);
    const created = await doctor.http.post('/api/encyclopedia/entries', { ...entry('MMR vaccine', 'Protects against measles, mumps and rubella.'), category: 'vaccine' });
    expect(created.statusCode).toBe(201);
    expect((await admin.http.delete('/api/encyclopedia/categories/vaccine')).statusCode).toBe(409);
    expect((await admin.http.delete('/api/encyclopedia/categories/healthy_living')).statusCode).toBe(204);
    expect((await admin.http.delete('/api/encyclopedia/categories/healthy_living')).statusCode).toBe(404);
  });
});

describe('the entry page', () => {
  it('serves Open Graph tags for an entry', async () => {
    const res = await t.http().get('/encyclopedia/myocardial-infarction', { accept: 'text/html' });
    if (!t.platform.web.built) {
      expect(res.statusCode).toBe(503);
      return;
    }
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('<meta property="og:title" content="Myocardial infarction">');
    expect(res.body).toContain('<meta property="og:type" content="article">');
    expect(res.body).toMatch(/<meta property="og:url" content="[^"]*\/encyclopedia\/myocardial-infarction">/);
    expect(res.body).toContain('og:description" content="Death of heart muscle');
    const missing = await t.http().get('/encyclopedia/nothing-here', { accept: 'text/html' });
    expect(missing.statusCode).toBe(404);
  });
});
