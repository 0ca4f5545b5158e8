// Consents through the API: sign-up refuses without the terms and records their versions;
// the first question records the telemedicine consent in the patient's language with
// their country's emergency number; a new version published by an operator is pending
// for everyone until accepted, and asking a doctor says so with a clear code.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp, type TestUser } from '../../../../test/support/app.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t.close();
});

const signUp = (body: Record<string, unknown>) =>
  t.http().post('/api/auth/register', {
    email: `c${Math.random().toString(36).slice(2)}@example.com`,
    password: 'a long enough passphrase',
    displayName: 'Lina Park',
    ...body,
  });
const ask = (who: TestUser, body: Record<string, unknown> = {}) =>
  who.http.post('/api/consultations', { department: 'general_practice', description: 'A dry cough for five days, no fever.', ...body });

describe('consent at sign-up', () => {
  it('refuses to create an account without accepting the terms and the privacy notice', async () => {
    const r = await signUp({});
    expect(r.statusCode).toBe(422);
    expect(r.data.error.code).toBe('terms_not_accepted');
    expect(r.data.error.fields.acceptTerms).toBeTruthy();
    const no = await signUp({ acceptTerms: false });
    expect(no.data.error.code).toBe('terms_not_accepted');
  });

  it('names the terms among other problems when several fields need attention', async () => {
    const r = await signUp({ password: 'short' });
    expect(r.statusCode).toBe(422);
    expect(r.data.error.code).toBe('validation_failed');
    expect(Object.keys(r.data.error.fields).sort()).toEqual(['acceptTerms', 'password']);
  });

  it('records the versions in force and the time of acceptance, listed for the person', async () => {
    const current = (await t.http().get('/api/consents/documents')).data;
    expect(current.terms.version).toBeTruthy();
    const r = await signUp({ acceptTerms: true, locale: 'fr' });
    expect(r.statusCode).toBe(201);
    expect(r.data.user.pendingConsents).toEqual([]);
    const mine = (await t.http(r.data.token).get('/api/me/consents')).data;
    expect(mine.pending).toEqual([]);
    const docs = mine.consents
      .map((c: { document: string; version: string; locale: string; current: boolean }) => [c.document, c.version, c.locale, c.current])
      .sort();
    expect(docs).toEqual([
      ['privacy', current.privacy.version, 'fr', true],
      ['terms', current.terms.version, 'fr', true],
    ]);
    expect(Date.parse(mine.consents[0].acceptedAt)).not.toBeNaN();
  });
});

describe('telemedicine consent on the first question', () => {
  it('asks for it with the text in the patient’s language and emergency number, then records that text', async () => {
    const u = await t.user({ telemedicine: false });
    await u.http.patch('/api/me', { locale: 'fr', country: 'FR' });
    const before = await u.http.get('/api/me/consents/telemedicine');
    expect(before.data.required).toBe(true);
    expect(before.data.text).toContain('pas un diagnostic');
    const refused = await ask(u);
    expect(refused.statusCode).toBe(409);
    expect(refused.data.error.code).toBe('telemedicine_consent_required');
    expect(refused.data.error.consent.text).toContain('15');
    expect(refused.data.error.consent.text).toContain('pas un diagnostic');

    const asked = await ask(u, { acceptTelemedicine: true });
    expect(asked.statusCode).toBe(201);
    const mine = (await u.http.get('/api/me/consents')).data;
    const tele = mine.consents.find((c: { document: string }) => c.document === 'telemedicine');
    expect(tele).toMatchObject({ locale: 'fr', current: true });
    expect(tele.text).toContain('En cas d’urgence, appelez le 15');
    expect((await u.http.get('/api/me/consents/telemedicine')).data.required).toBe(false);
    // Once accepted, the next question needs nothing more.
    expect((await ask(u, { payInstead: true })).statusCode).toBe(201);
  });

  it('shows a Chinese patient the consent in Chinese with 120', async () => {
    const u = await t.user({ telemedicine: false });
    await u.http.patch('/api/me', { locale: 'zh' });
    const r = await ask(u, { country: 'CN' });
    expect(r.data.error.code).toBe('telemedicine_consent_required');
    expect(r.data.error.consent.text).toContain('不是诊断');
    expect(r.data.error.consent.text).toContain('120');
  });
});

describe('a new version', () => {
  it('is published by an operator only, then pending for everyone until accepted; asking says so', async () => {
    const admin = await t.user({ roles: ['admin'] });
    const patient = await t.user();
    const other = await t.user();
    expect((await other.http.post('/api/admin/consents/documents', { document: 'terms', version: '2027-01-15' })).statusCode).toBe(403);
    const published = await admin.http.post('/api/admin/consents/documents', { document: 'terms', version: '2027-01-15' });
    expect(published.statusCode).toBe(201);
    expect((await admin.http.post('/api/admin/consents/documents', { document: 'terms', version: '2027-01-15' })).data.error.code).toBe('version_exists');
    expect((await t.http().get('/api/consents/documents')).data.terms.version).toBe('2027-01-15');

    const me = (await patient.http.get('/api/me')).data;
    expect(me.pendingConsents).toEqual(['terms']);
    const blocked = await ask(patient);
    expect(blocked.statusCode).toBe(409);
    expect(blocked.data.error.code).toBe('consent_required');
    expect(blocked.data.error.documents).toEqual(['terms']);

    const accepted = await patient.http.post('/api/me/consents', { documents: ['terms'] });
    expect(accepted.statusCode).toBe(200);
    expect(accepted.data.pending).toEqual([]);
    const versions = accepted.data.consents
      .filter((c: { document: string }) => c.document === 'terms')
      .map((c: { version: string; current: boolean }) => [c.version, c.current]);
    expect(versions).toContainEqual(['2027-01-15', true]);
    expect(versions.filter(([, current]: [string, boolean]) => !current)).toHaveLength(1);
    expect((await patient.http.get('/api/me')).data.pendingConsents).toEqual([]);
    expect((await ask(patient)).statusCode).toBe(201);
  });

  it('refuses to accept a document that does not exist', async () => {
    const u = await t.user();
    expect((await u.http.post('/api/me/consents', { documents: ['cookies'] })).statusCode).toBe(422);
  });
});
