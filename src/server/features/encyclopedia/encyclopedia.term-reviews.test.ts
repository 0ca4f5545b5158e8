// A doctor reviews the French and Chinese words matched by machine for the entries of their
// specialty: confirms, corrects or rejects each; the entry then names the doctor, the decision
// is in the audit log, and importing the dictionaries again changes none of it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp, type TestUser } from '../../../../test/support/app.ts';
import { approvedDoctor } from '../../../../test/support/doctors.ts';
import { seedEncyclopediaDemo } from './encyclopedia.demo.ts';
import { loadDictionaryTerms } from './encyclopedia.dictionaries.ts';

let t: TestApp;
let cardiologist: TestUser;
let dermatologist: TestUser;

beforeAll(async () => {
  t = await createTestApp();
  await seedEncyclopediaDemo(t.services.encyclopedia, t.services.accounts);
  const admin = await t.user({ roles: ['admin'] });
  cardiologist = await approvedDoctor(t, admin, { department: 'cardiology', fullName: 'Dr Claire Cardio', online: false });
  dermatologist = await approvedDoctor(t, admin, { department: 'dermatology', fullName: 'Dr Derek Derm', online: false });
}, 180_000);
afterAll(() => t?.close());

type Item = { slug: string; entryTitle: string; lang: string; term: string; kind: string; source: string };
const queue = async (user: TestUser, query = '') => {
  const res = await user.http.get(`/api/doctor/encyclopedia/terms?limit=100${query}`);
  expect(res.statusCode).toBe(200);
  return res.data as { department: string; departmentName: string; total: number; items: Item[] };
};
const decide = (user: TestUser, body: Record<string, string>) => user.http.post('/api/doctor/encyclopedia/terms/decisions', body);

describe('the review queue of machine-matched words', () => {
  it('lists a doctor the French and Chinese words of their specialty only', async () => {
    const mine = await queue(cardiologist);
    expect(mine.department).toBe('cardiology');
    expect(mine.items).toContainEqual({
      slug: 'atrial-fibrillation',
      entryTitle: 'Atrial fibrillation',
      lang: 'zh',
      term: '心房颤动',
      kind: 'title',
      source: 'cc-cedict',
    });
    expect(mine.items.some((i) => i.slug === 'chestnut')).toBe(false);
    expect(mine.items.every((i) => i.lang === 'fr' || i.lang === 'zh')).toBe(true);
    const derm = await queue(dermatologist, '&lang=fr');
    expect(derm.items).toContainEqual({ slug: 'chestnut', entryTitle: 'Chestnut', lang: 'fr', term: 'châtaigne', kind: 'title', source: 'freedict-eng-fra' });
    expect(derm.items.every((i) => i.lang === 'fr')).toBe(true);
  });

  it('is for practising doctors', async () => {
    expect((await t.http().get('/api/doctor/encyclopedia/terms')).statusCode).toBe(401);
    const patient = await t.user();
    const res = await patient.http.get('/api/doctor/encyclopedia/terms');
    expect(res.statusCode).toBe(403);
    expect(res.data.error.code).toBe('forbidden');
    const refused = await decide(patient, { slug: 'atrial-fibrillation', lang: 'zh', term: '心房颤动', decision: 'confirm' });
    expect(refused.statusCode).toBe(403);
  });
});

describe('deciding', () => {
  it('confirms a title: the entry shows it as checked by the doctor, and the decision is audited', async () => {
    const res = await decide(cardiologist, { slug: 'atrial-fibrillation', lang: 'zh', term: '心房颤动', decision: 'confirm' });
    expect(res.statusCode).toBe(200);
    expect(res.data).toEqual({ slug: 'atrial-fibrillation', lang: 'zh', term: '心房颤动', kind: 'title', status: 'reviewed', reviewer: 'Dr Claire Cardio' });
    const entry = await t.http().get('/api/encyclopedia/entries/atrial-fibrillation?lang=zh');
    expect(entry.data).toMatchObject({ title: '心房颤动', titleReview: { status: 'reviewed', reviewer: 'Dr Claire Cardio' } });
    expect(entry.data.terms).toContainEqual({
      lang: 'zh',
      term: '心房颤动',
      kind: 'title',
      source: 'cc-cedict',
      status: 'reviewed',
      reviewer: 'Dr Claire Cardio',
    });
    expect((await queue(cardiologist)).items.some((i) => i.term === '心房颤动')).toBe(false);
    const audit = await t.platform.audit.list({ resourceType: 'encyclopedia_entry' });
    expect(audit).toContainEqual(expect.objectContaining({ actorId: cardiologist.id, action: 'encyclopedia.term_confirmed' }));

    const again = await decide(cardiologist, { slug: 'atrial-fibrillation', lang: 'zh', term: '心房颤动', decision: 'confirm' });
    expect(again.statusCode).toBe(409);
    expect(again.data.error).toMatchObject({ code: 'already_reviewed', message: expect.stringContaining('Dr Claire Cardio') });
  });

  it('corrects a title: the doctor’s word replaces it and the machine word is gone', async () => {
    const res = await decide(cardiologist, { slug: 'cardiac-arrhythmia', lang: 'zh', term: '心律不整', decision: 'correct', correction: '心律失常' });
    expect(res.statusCode).toBe(200);
    expect(res.data).toMatchObject({ term: '心律失常', kind: 'title', status: 'reviewed' });
    const entry = await t.http().get('/api/encyclopedia/entries/cardiac-arrhythmia?lang=zh');
    expect(entry.data).toMatchObject({ title: '心律失常', titleReview: { status: 'reviewed', reviewer: 'Dr Claire Cardio' } });
    expect(entry.data.terms.some((x: { term: string }) => x.term === '心律不整')).toBe(false);
    const search = await t.http().get(`/api/encyclopedia/search?q=${encodeURIComponent('心律失常')}&lang=zh`);
    expect(search.data.results[0]).toMatchObject({ slug: 'cardiac-arrhythmia', title: '心律失常' });
    const empty = await decide(cardiologist, { slug: 'cardiac-arrhythmia', lang: 'zh', term: '心律不齐', decision: 'correct', correction: '  ' });
    expect(empty.statusCode).toBe(422);
    expect(empty.data.error.fields).toHaveProperty('correction');
  });

  it('rejects a wrong title: it is shown and searched no more', async () => {
    // WordNet's "chestnut" here is a horse's callosity, not the nut.
    const other = await decide(cardiologist, { slug: 'chestnut', lang: 'fr', term: 'châtaigne', decision: 'reject' });
    expect(other.statusCode).toBe(403);
    expect(other.data.error.code).toBe('not_your_specialty');
    const res = await decide(dermatologist, { slug: 'chestnut', lang: 'fr', term: 'châtaigne', decision: 'reject' });
    expect(res.statusCode).toBe(200);
    expect(res.data).toMatchObject({ term: null, status: 'rejected', reviewer: 'Dr Derek Derm' });
    const entry = await t.http().get('/api/encyclopedia/entries/chestnut?lang=fr');
    expect(entry.data.title).not.toBe('châtaigne');
    expect(entry.data.terms.some((x: { term: string }) => x.term === 'châtaigne')).toBe(false);
    const search = await t.http().get(`/api/encyclopedia/search?q=${encodeURIComponent('châtaigne')}&lang=fr`);
    expect(search.data.results.map((r: { slug: string }) => r.slug)).not.toContain('chestnut');
    const unknown = await decide(dermatologist, { slug: 'chestnut', lang: 'fr', term: 'noix', decision: 'reject' });
    expect(unknown.statusCode).toBe(404);
  });

  it('keeps every decision when the dictionaries are imported again', async () => {
    const outcome = await t.services.encyclopedia.setTerms(loadDictionaryTerms());
    expect(outcome.kept).toBeGreaterThanOrEqual(3);
    const af = await t.http().get('/api/encyclopedia/entries/atrial-fibrillation?lang=zh');
    expect(af.data.titleReview).toMatchObject({ status: 'reviewed', reviewer: 'Dr Claire Cardio' });
    const arrhythmia = await t.http().get('/api/encyclopedia/entries/cardiac-arrhythmia?lang=zh');
    expect(arrhythmia.data.title).toBe('心律失常');
    expect(arrhythmia.data.terms.some((x: { term: string }) => x.term === '心律不整')).toBe(false);
    const chestnut = await t.http().get('/api/encyclopedia/entries/chestnut?lang=fr');
    expect(chestnut.data.terms.some((x: { term: string }) => x.term === 'châtaigne')).toBe(false);
    expect((await queue(dermatologist)).items.some((i) => i.term === 'châtaigne')).toBe(false);
  });
});
