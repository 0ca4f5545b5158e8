// Doctor onboarding through the HTTP API, against local registry fakes: the applicant's
// path, the reviewer's decisions, and every rule the server enforces.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../platform/clock.ts';
import { createTestApp, type TestApp, type TestUser } from '../../../../test/support/app.ts';
import { startRegistryFakes, type RegistryFakes } from '../../../../test/fixtures/registries/registry-fakes.ts';
import { applyFully, pdf, upload, usApplication, VALID } from './doctors.test-helpers.ts';
import { nextNpi } from '../../../../test/support/doctors.ts';

let t: TestApp;
let fakes: RegistryFakes;
let admin: TestUser;
const clock = new ManualClock('2026-03-01T08:00:00.000Z');
const DAY = 86_400_000;
/** A number the registry fake knows and no other test gives. */
const UNSHARED_NPI = nextNpi();

beforeAll(async () => {
  fakes = await startRegistryFakes({
    nppes: { [VALID.npi]: { first: 'Jane', middle: 'Quinn', last: 'Doe' }, [VALID.npi2]: { first: 'Robert', last: 'Smith' }, [UNSHARED_NPI]: { first: 'Robin', last: 'Hart' } },
    annuaire: { [VALID.rpps]: { first: 'Hélène', last: 'Dupont-Martin' } },
  });
  t = await createTestApp({
    clock,
    env: { LOTUS_NPPES_URL: fakes.nppesUrl, LOTUS_ANNUAIRE_SANTE_URL: fakes.annuaireUrl, LOTUS_ANNUAIRE_SANTE_API_KEY: fakes.apiKey, LOTUS_REGISTRY_TIMEOUT_MS: '500' },
  });
  admin = await t.user({ roles: ['admin'], displayName: 'Rita Reviewer' });
});
afterAll(async () => {
  await t?.close();
  await fakes?.close();
});

/** Sessions last 30 days: after moving the clock far, sign in again. */
async function signInAgain(user: TestUser): Promise<TestUser> {
  const res = await t.http().post('/api/auth/login', { login: user.email, password: 'a long enough passphrase' });
  return { ...user, token: res.data.token, http: t.http(res.data.token) };
}

const decide = (id: string, decision: string, reason?: string, who: TestUser = admin) =>
  who.http.post(`/api/admin/doctor-applications/${id}/decision`, { decision, ...(reason ? { reason } : {}) });
/** A reviewer's manual check, recorded before approving an application whose automatic checks were flagged. */
const recordMatch = (id: string, registry = 'NPPES web lookup', note = 'The registry page lists this number under this name, active.') =>
  admin.http.post(`/api/admin/doctor-applications/${id}/evidence`, { registry, outcome: 'match', note });

describe('the application', () => {
  it('saves a US application, checks the NPI against NPPES and matches the name despite the middle initial', async () => {
    const u = await t.user();
    const res = await u.http.put('/api/doctor/application', usApplication());
    expect(res.statusCode).toBe(200);
    expect(res.data).toMatchObject({ status: 'draft', country: 'US', fullName: 'Jane Q. Doe', currency: 'USD', priceMinor: 2500, identifiers: { npi: VALID.npi } });
    const registry = res.data.checks.find((c: { code: string }) => c.code === 'registry');
    expect(registry).toMatchObject({ status: 'passed', registry: { name: 'NPPES', outcome: 'match', registeredName: 'JANE DOE' } });
    expect(res.data.missing).toEqual(['documents.licence', 'documents.identity']);
    // Each check carries the key and parameters of its sentence, so the console writes it in its reader's language.
    expect(registry).toMatchObject({ key: 'registry_match', params: { registry: 'NPPES', identifier: 'npi', name: 'JANE DOE' } });
    expect(res.data.checks.find((c: { code: string }) => c.code === 'identifiers')).toMatchObject({ status: 'passed', key: 'identifiers_complete', params: {} });
    expect(res.data.checks.find((c: { code: string }) => c.code === 'documents')).toMatchObject({ status: 'missing', key: 'documents_missing', params: { documents: ['licence', 'identity'] } });
    // Evidence: what was asked, what came back, when.
    expect(res.data.evidence[0].request.url).toContain(`number=${VALID.npi}`);
    expect(res.data.evidence[0].request.url).toContain('version=2.1');
    expect(res.data.evidence[0].response.body).toContain('"result_count":1');
    expect(res.data.evidence[0].checkedAt).toBe(clock.now().toISOString());
  });

  it('answers 422 naming the identifier and why', async () => {
    const u = await t.user();
    const bad = await u.http.put('/api/doctor/application', usApplication({ identifiers: { npi: '1234567890' } }));
    expect(bad.statusCode).toBe(422);
    expect(bad.data.error.fields['identifiers.npi']).toMatch(/check digit/);
    const cn = await u.http.put('/api/doctor/application', { ...usApplication(), country: 'CN', identifiers: { cnResidentId: '110105194902310021', cnPracticeCert: '12345' } });
    expect(cn.statusCode).toBe(422);
    expect(cn.data.error.fields['identifiers.cnResidentId']).toMatch(/birth date/);
    expect(cn.data.error.fields['identifiers.cnPracticeCert']).toMatch(/15 digits/);
    const fr = await u.http.put('/api/doctor/application', { ...usApplication(), country: 'FR', identifiers: { rpps: '10000000018' } });
    expect(fr.data.error.fields['identifiers.rpps']).toMatch(/check key/);
    const past = await u.http.put('/api/doctor/application', usApplication({ licenceExpiresAt: '2025-01-01', department: 'astrology' }));
    expect(past.data.error.fields).toMatchObject({ licenceExpiresAt: expect.stringMatching(/past/), department: expect.any(String) });
    expect((await u.http.get('/api/doctor/application')).data).toBeNull();
  });

  it('flags a name mismatch, an unknown number and an unreachable registry for the reviewer, never deciding alone', async () => {
    const mismatch = await (await t.user()).http.put('/api/doctor/application', usApplication({ identifiers: { npi: VALID.npi2 } }));
    expect(mismatch.statusCode).toBe(200);
    expect(mismatch.data.checks.find((c: { code: string }) => c.code === 'registry')).toMatchObject({
      status: 'flagged',
      key: 'registry_name_mismatch',
      params: { registry: 'NPPES', identifier: 'npi', name: 'ROBERT SMITH' },
      registry: { outcome: 'name_mismatch', registeredName: 'ROBERT SMITH' },
    });
    expect(mismatch.data.status).toBe('draft');
    const unknown = await (await t.user()).http.put('/api/doctor/application', usApplication({ identifiers: { npi: '1000000004' } }));
    expect(unknown.data.checks.find((c: { code: string }) => c.code === 'registry').registry.outcome).toBe('not_found');
  });

  it('checks a French RPPS in the Annuaire Santé with the API key, tolerating accents, case and order', async () => {
    const u = await t.user();
    const res = await u.http.put('/api/doctor/application', { ...usApplication(), country: 'FR', fullName: 'DUPONT-MARTIN Helene', identifiers: { rpps: VALID.rpps }, currency: undefined });
    expect(res.statusCode).toBe(200);
    expect(res.data.currency).toBe('EUR');
    expect(res.data.checks.find((c: { code: string }) => c.code === 'registry')).toMatchObject({ status: 'passed', registry: { name: 'Annuaire Santé (RPPS)', outcome: 'match' } });
    const asked = fakes.requests.find((r) => r.path.includes(VALID.rpps))!;
    expect(asked.headers['esante-api-key']).toBe(fakes.apiKey);
    // The key is never kept in the evidence.
    expect(JSON.stringify(res.data.evidence)).not.toContain(fakes.apiKey);
  });

  it('asks for manual evidence in China unless the offline registry knows the number', async () => {
    const cnBody = { ...usApplication(), country: 'CN', fullName: '李伟', identifiers: { cnResidentId: VALID.cnResidentId, cnQualificationCert: VALID.cnQualificationCert, cnPracticeCert: VALID.cnPracticeCert } };
    const manual = await (await t.user()).http.put('/api/doctor/application', cnBody);
    expect(manual.data.checks.find((c: { code: string }) => c.code === 'registry')).toMatchObject({ status: 'flagged', registry: { outcome: 'manual_required', name: 'NHC manual check' } });
    const imported = await t.services.doctors.importRegistry(`country,registry,identifier_kind,identifier,full_name,licence_expires_at\nCN,NHC practice register (offline),cnPracticeCert,${VALID.cnPracticeCert},李 伟,2030-01-01\n`, 'test.csv');
    expect(imported).toEqual({ imported: 1, errors: [] });
    const other = await (await t.user()).http.put('/api/doctor/application', { ...cnBody, identifiers: { ...cnBody.identifiers } });
    expect(other.data.checks.find((c: { code: string }) => c.code === 'registry')).toMatchObject({ status: 'passed', registry: { name: 'NHC practice register (offline)', outcome: 'match' } });
    // …and the second account giving the same numbers is flagged as a duplicate.
    expect(other.data.checks.some((c: { code: string; status: string }) => c.code === 'duplicate_identifier' && c.status === 'flagged')).toBe(true);
  });

  it('reports an import file with errors line by line and imports nothing', async () => {
    const result = await t.services.doctors.importRegistry('country,registry,identifier_kind,identifier,full_name,licence_expires_at\nCN,NHC,cnPracticeCert,123,Li,\nXX,NHC,npi,1234567893,A B,\n', 'bad.csv');
    expect(result.imported).toBe(0);
    expect(result.errors).toEqual([expect.stringMatching(/^line 2: identifier must be 15 digits/), expect.stringMatching(/^line 3: country/)]);
  });

  it('refuses to submit while something is missing, naming it', async () => {
    const u = await t.user();
    await u.http.put('/api/doctor/application', usApplication());
    await upload(u.http, 'licence', { name: 'l.pdf', type: 'application/pdf', bytes: pdf() });
    const res = await u.http.post('/api/doctor/application/submit');
    expect(res.statusCode).toBe(422);
    expect(res.data.error.code).toBe('application_incomplete');
    expect(Object.keys(res.data.error.fields)).toEqual(['documents.identity']);
  });
});

describe('review and the doctor role', () => {
  let doctor: TestUser;
  let applicationId: string;

  it('queues a submitted application for reviewers only, and locks it while under review', async () => {
    doctor = await t.user({ displayName: 'Jane Doe' });
    const submitted = await applyFully(doctor.http, usApplication());
    applicationId = submitted.data.id;
    expect(submitted.data.status).toBe('submitted');
    const queue = await admin.http.get('/api/admin/doctor-applications?status=submitted');
    expect(queue.statusCode).toBe(200);
    expect(queue.data.find((a: { id: string }) => a.id === applicationId)).toMatchObject({ userId: doctor.id, fullName: 'Jane Q. Doe', status: 'submitted' });
    expect((await doctor.http.get('/api/admin/doctor-applications')).statusCode).toBe(403);
    expect((await doctor.http.put('/api/doctor/application', usApplication({ hospital: 'Elsewhere' }))).statusCode).toBe(409);
  });

  it('is not in the directory and cannot go online before approval', async () => {
    expect((await t.http().get('/api/doctors')).data.map((d: { userId: string }) => d.userId)).not.toContain(doctor.id);
    expect((await t.http().get(`/api/doctors/${doctor.id}`)).statusCode).toBe(404);
    const online = await doctor.http.post('/api/doctor/status', { online: true });
    expect(online.statusCode).toBe(403);
    expect(online.data.error.code).toBe('not_verified');
  });

  it('forbids approving one’s own application', async () => {
    const selfReviewer = await t.user({ roles: ['admin'] });
    const own = await applyFully(selfReviewer.http, usApplication({ identifiers: { npi: '1543210987' } }));
    const res = await decide(own.data.id, 'approve', undefined, selfReviewer);
    expect(res.statusCode).toBe(403);
    expect(res.data.error.code).toBe('own_application');
    expect((await t.services.doctors.store.findById(own.data.id))!.status).toBe('submitted');
  });

  it('approves: grants the doctor role, records reviewer, time and reason, lists the doctor with a masked badge', async () => {
    // Another account's draft gives the same NPI: flagged, so the reviewer records what they checked.
    expect((await decide(applicationId, 'approve')).data.error.code).toBe('evidence_required');
    await recordMatch(applicationId, 'NPPES', 'NPPES lists this NPI for JANE DOE; the other account is an abandoned draft.');
    const res = await decide(applicationId, 'approve', 'NPPES match, licence checked');
    expect(res.statusCode).toBe(200);
    expect(res.data.status).toBe('approved');
    expect(res.data.decisions.at(-1)).toMatchObject({ action: 'approve', fromStatus: 'submitted', toStatus: 'approved', reason: 'NPPES match, licence checked', at: clock.now().toISOString(), reviewerId: admin.id, reviewerName: 'Rita Reviewer' });
    expect((await doctor.http.get('/api/me')).data.roles).toContain('doctor');
    const list = await t.http().get('/api/doctors?department=general_practice&lang=fr');
    const listed = list.data.find((d: { userId: string }) => d.userId === doctor.id);
    expect(listed.badge).toEqual({ registry: 'NPPES', checkedBy: 'reviewer', identifier: '••••••7893', verifiedAt: clock.now().toISOString(), nextCheckDue: expect.any(String) });
    expect(JSON.stringify(list.data)).not.toContain(VALID.npi);
    expect((await t.http().get('/api/doctors?lang=zh')).data.map((d: { userId: string }) => d.userId)).not.toContain(doctor.id);
    expect((await t.http().get('/api/doctors?department=cardiology')).data.map((d: { userId: string }) => d.userId)).not.toContain(doctor.id);
    const profile = await t.http().get(`/api/doctors/${doctor.id}`);
    expect(profile.data).toMatchObject({ userId: doctor.id, fullName: 'Jane Q. Doe', title: 'Attending physician', priceMinor: 2500, currency: 'USD', online: false });
    expect(await t.services.doctors.isPractising(doctor.id, 'general_practice')).toBe(true);
    expect(await t.services.doctors.isPractising(doctor.id, 'cardiology')).toBe(false);
    // The applicant sees the decision but not who made it.
    const mine = await doctor.http.get('/api/doctor/application');
    expect(mine.data.decisions.at(-1)).not.toHaveProperty('reviewerId');
  });

  it('lets the approved doctor go online and offline', async () => {
    expect((await doctor.http.post('/api/doctor/status', { online: true })).data).toEqual({ online: true });
    expect((await t.services.doctors.onlineDoctors('general_practice')).map((d) => d.userId)).toEqual([doctor.id]);
    expect((await t.http().get(`/api/doctors/${doctor.id}`)).data.online).toBe(true);
  });

  it('never approves a second account with the same identifier', async () => {
    const twin = await t.user();
    const submitted = await applyFully(twin.http, usApplication());
    expect(submitted.data.checks.find((c: { code: string }) => c.code === 'duplicate_identifier')).toMatchObject({ status: 'flagged', message: expect.stringMatching(/already approved/), key: 'duplicate_identifier_approved', params: { identifier: 'npi', count: 3 } });
    expect((await decide(submitted.data.id, 'approve')).data.error.code).toBe('evidence_required');
    await recordMatch(submitted.data.id);
    const res = await decide(submitted.data.id, 'approve');
    expect(res.statusCode).toBe(409);
    expect(res.data.error.code).toBe('identifier_already_approved');
    expect((await twin.http.get('/api/me')).data.roles).not.toContain('doctor');
    expect((await t.services.doctors.store.findById(submitted.data.id))!.status).toBe('submitted');
  });

  it('suspends with a reason (role revoked, offline, out of the directory) and reinstates', async () => {
    expect((await decide(applicationId, 'suspend')).statusCode).toBe(422);
    const res = await decide(applicationId, 'suspend', 'Complaint under investigation');
    expect(res.statusCode).toBe(200);
    expect(res.data).toMatchObject({ status: 'suspended', online: false, statusReason: 'Complaint under investigation' });
    expect((await doctor.http.get('/api/me')).data.roles).not.toContain('doctor');
    expect((await t.http().get(`/api/doctors/${doctor.id}`)).statusCode).toBe(404);
    expect((await doctor.http.post('/api/doctor/status', { online: true })).statusCode).toBe(403);
    expect(await t.services.doctors.practitioner(doctor.id)).toBeNull();
    const back = await decide(applicationId, 'approve', 'Investigation closed');
    expect(back.data.status).toBe('approved');
    expect(back.data.decisions.at(-1).action).toBe('reinstate');
    expect((await doctor.http.get('/api/me')).data.roles).toContain('doctor');
  });

  it('asks for more information; the applicant sees why, edits and resubmits', async () => {
    const u = await t.user();
    const sub = await applyFully(u.http, usApplication({ identifiers: { npi: '1999999992' }, fullName: 'Sam Lee' }));
    expect((await decide(sub.data.id, 'needs_info')).statusCode).toBe(422);
    const res = await decide(sub.data.id, 'needs_info', 'The licence scan is unreadable');
    expect(res.statusCode).toBe(200);
    expect(res.data.status).toBe('needs_info');
    const mine = await u.http.get('/api/doctor/application');
    expect(mine.data).toMatchObject({ status: 'needs_info', statusReason: 'The licence scan is unreadable' });
    expect(mine.data.decisions.at(-1)).toMatchObject({ action: 'needs_info', reason: 'The licence scan is unreadable' });
    expect((await upload(u.http, 'licence', { name: 'l2.pdf', type: 'application/pdf', bytes: pdf() })).statusCode).toBe(201);
    expect((await u.http.put('/api/doctor/application', usApplication({ identifiers: { npi: '1999999992' }, fullName: 'Sam Lee', bio: 'Updated' }))).data.status).toBe('needs_info');
    const again = await u.http.post('/api/doctor/application/submit');
    expect(again.data.status).toBe('submitted');
    const rejected = await decide(sub.data.id, 'reject', 'Not a physician licence');
    expect(rejected.data.status).toBe('rejected');
  });

  it('rejects after approval: the role and the identifier go with it', async () => {
    const u = await t.user();
    const sub = await applyFully(u.http, usApplication({ identifiers: { npi: '1000000004' }, fullName: 'Pat Kim' }));
    await recordMatch(sub.data.id);
    expect((await decide(sub.data.id, 'approve')).statusCode).toBe(200);
    expect((await u.http.get('/api/me')).data.roles).toContain('doctor');
    await decide(sub.data.id, 'reject', 'Licence revoked by the state board');
    expect((await u.http.get('/api/me')).data.roles).not.toContain('doctor');
    expect((await t.services.doctors.store.holdersOf({ npi: '1000000004' }, 'nobody')).every((h) => !h.approved)).toBe(true);
  });

  it('records manual evidence, which becomes the badge’s registry', async () => {
    const u = await t.user();
    const sub = await applyFully(u.http, { ...usApplication(), country: 'CN', fullName: '王芳', identifiers: { cnResidentId: '440306197506123453', cnQualificationCert: '200611011144030619750612', cnPracticeCert: '440440100012345' } });
    const ev = await admin.http.post(`/api/admin/doctor-applications/${sub.data.id}/evidence`, { outcome: 'match', note: 'NHC lookup shows 王芳, practice certificate valid, Shenzhen.' });
    expect(ev.statusCode).toBe(200);
    expect(ev.data.evidence[0]).toMatchObject({ registry: 'NHC manual check', outcome: 'match', recordedBy: admin.id });
    expect((await decide(sub.data.id, 'approve')).statusCode).toBe(200);
    expect((await t.http().get(`/api/doctors/${u.id}`)).data.badge).toMatchObject({ registry: 'NHC manual check', checkedBy: 'reviewer', identifier: '•••••••2345' });
    const audit = await t.platform.audit.list({ resourceType: 'doctor_application', resourceId: sub.data.id });
    expect(audit.map((a) => a.action)).toEqual(expect.arrayContaining(['doctor_application.evidence', 'doctor_application.approve', 'doctor_application.read']));
  });
});

describe('no approval without evidence', () => {
  const approve = (id: string) => decide(id, 'approve');

  it('refuses to approve when the registry has no such number, until a reviewer records a match', async () => {
    const u = await t.user();
    const sub = await applyFully(u.http, usApplication({ identifiers: { npi: '1111111112' }, fullName: 'Lee Park' }));
    expect(sub.data.checks.find((c: { code: string }) => c.code === 'registry')).toMatchObject({ status: 'flagged', registry: { outcome: 'not_found' } });
    const refused = await approve(sub.data.id);
    expect(refused.statusCode).toBe(409);
    expect(refused.data.error).toMatchObject({ code: 'evidence_required', message: expect.stringMatching(/Record what you checked/), checks: ['registry'] });
    expect((await u.http.get('/api/me')).data.roles).not.toContain('doctor');
    expect((await t.services.doctors.store.findById(sub.data.id))!.status).toBe('submitted');

    // A check that did not find the doctor is recorded, but does not allow approval.
    expect((await admin.http.post(`/api/admin/doctor-applications/${sub.data.id}/evidence`, { registry: 'NPPES web lookup', outcome: 'not_found', note: 'No result for this NPI.' })).statusCode).toBe(200);
    expect((await approve(sub.data.id)).data.error.code).toBe('evidence_required');

    clock.advance(1000);
    const ev = await recordMatch(sub.data.id, 'NPPES web lookup', 'The NPPES page lists NPI 1111111112 for LEE PARK, active, family medicine.');
    expect(ev.statusCode).toBe(200);
    expect(ev.data.evidence[0]).toMatchObject({ registry: 'NPPES web lookup', outcome: 'match', recordedBy: admin.id, note: expect.stringMatching(/LEE PARK/) });
    const approved = await approve(sub.data.id);
    expect(approved.statusCode).toBe(200);
    expect(approved.data.badge).toMatchObject({ registry: 'NPPES web lookup', checkedBy: 'reviewer', verifiedAt: clock.now().toISOString() });
    expect((await t.http().get(`/api/doctors/${u.id}`)).data.badge).toMatchObject({ registry: 'NPPES web lookup', checkedBy: 'reviewer' });
  });

  it('asks for evidence on a name mismatch in France, with the reviewer’s own source by default “Manual check”', async () => {
    const u = await t.user();
    const sub = await applyFully(u.http, { ...usApplication(), country: 'FR', fullName: 'Claire Martin', identifiers: { rpps: VALID.rpps } });
    expect(sub.data.checks.find((c: { code: string }) => c.code === 'registry')).toMatchObject({ status: 'flagged', registry: { outcome: 'name_mismatch' } });
    expect((await approve(sub.data.id)).data.error.code).toBe('evidence_required');
    const ev = await admin.http.post(`/api/admin/doctor-applications/${sub.data.id}/evidence`, { outcome: 'match', note: 'Married name: the Annuaire Santé page lists Claire Dupont-Martin, same RPPS.' });
    expect(ev.data.evidence[0]).toMatchObject({ registry: 'Manual check', outcome: 'match' });
    expect((await approve(sub.data.id)).data.badge).toMatchObject({ registry: 'Manual check', checkedBy: 'reviewer' });
  });

  it('asks for evidence for China’s manual check', async () => {
    const u = await t.user();
    const sub = await applyFully(u.http, { ...usApplication(), country: 'CN', fullName: '张敏', identifiers: { cnResidentId: '110101199003074514', cnQualificationCert: '201011011111010119900307', cnPracticeCert: '110110100099999' } });
    expect(sub.data.checks.find((c: { code: string }) => c.code === 'registry')).toMatchObject({ status: 'flagged', registry: { outcome: 'manual_required' } });
    expect((await approve(sub.data.id)).data.error.code).toBe('evidence_required');
  });

  it('approves a registry match without asking, and the badge names the registry', async () => {
    const u = await t.user();
    const sub = await applyFully(u.http, usApplication({ identifiers: { npi: UNSHARED_NPI }, fullName: 'Robin Hart' }));
    const res = await approve(sub.data.id);
    expect(res.statusCode).toBe(200);
    expect(res.data.badge).toMatchObject({ registry: 'NPPES', checkedBy: 'registry' });
  });
});

describe('licence expiry', () => {
  it('requests re-verification before expiry, accepts a reviewed renewal, and stops practice once a licence expires', async () => {
    let u = await t.user();
    const expires = new Date(clock.now().getTime() + 60 * DAY).toISOString().slice(0, 10);
    const sub = await applyFully(u.http, usApplication({ identifiers: { npi: '1234567000' }, fullName: 'Ann Lee', licenceExpiresAt: expires }));
    await recordMatch(sub.data.id);
    const approved = await decide(sub.data.id, 'approve');
    expect(approved.data.nextCheckDue).toBe(new Date(Date.parse(`${expires}T23:59:59.999Z`) - 30 * DAY).toISOString());
    await u.http.post('/api/doctor/status', { online: true });

    expect(await t.services.doctors.review.checkLicences()).toEqual({ reverificationRequested: 0, expired: 0 });
    clock.advance(35 * DAY);
    expect(await t.services.doctors.review.checkLicences()).toMatchObject({ reverificationRequested: 1 });
    u = await signInAgain(u);
    admin = await signInAgain(admin);
    const mine = await u.http.get('/api/doctor/application');
    expect(mine.data.reverificationRequestedAt).toBe(clock.now().toISOString());
    expect(mine.data.decisions.at(-1)).toMatchObject({ action: 'reverification_requested', reason: expect.stringMatching(/expires on/) });
    expect(await t.services.doctors.isPractising(u.id)).toBe(true);
    // Asked once only.
    expect((await t.services.doctors.review.checkLicences()).reverificationRequested).toBe(0);

    // The renewal waits for review: the new date does not extend practice on its own.
    const renewed = await u.http.put('/api/doctor/application', usApplication({ identifiers: { npi: '1234567000' }, fullName: 'Ann Lee', licenceExpiresAt: '2031-06-30' }));
    expect(renewed.data).toMatchObject({ status: 'approved', licenceExpiresAt: `${expires}T23:59:59.999Z`, pendingLicenceExpiresAt: '2031-06-30T23:59:59.999Z' });
    expect((await u.http.put('/api/doctor/application', usApplication({ identifiers: { npi: '1234567000' }, fullName: 'Someone Else' }))).data.error.code).toBe('identity_locked');
    expect((await u.http.post('/api/doctor/application/submit')).data.renewalSubmittedAt).toBe(clock.now().toISOString());
    expect((await admin.http.get('/api/admin/doctor-applications?status=renewal')).data.map((a: { id: string }) => a.id)).toContain(sub.data.id);

    // Not reviewed in time: the licence expires and practice stops.
    clock.advance(30 * DAY);
    expect(await t.services.doctors.review.checkLicences()).toMatchObject({ expired: 1 });
    u = await signInAgain(u);
    admin = await signInAgain(admin);
    const after = await u.http.get('/api/doctor/application');
    expect(after.data).toMatchObject({ status: 'needs_info', online: false, statusReason: expect.stringMatching(/expired/) });
    expect(after.data.decisions.at(-1)).toMatchObject({ action: 'licence_expired', toStatus: 'needs_info' });
    expect((await u.http.get('/api/me')).data.roles).not.toContain('doctor');
    expect((await t.http().get(`/api/doctors/${u.id}`)).statusCode).toBe(404);
    expect((await u.http.post('/api/doctor/status', { online: true })).statusCode).toBe(403);

    // Resubmitted with the renewed licence, approved again.
    expect((await u.http.post('/api/doctor/application/submit')).data.status).toBe('submitted');
    // The details did not change, so the reviewer's earlier check still stands.
    const back = await decide(sub.data.id, 'approve', 'Renewed licence checked');
    expect(back.data).toMatchObject({ status: 'approved', licenceExpiresAt: '2031-06-30T23:59:59.999Z' });
    expect(await t.services.doctors.isPractising(u.id)).toBe(true);
  });

  it('runs the expiry check from the app’s job runner', () => {
    expect(t.platform.jobs.names).toContain('doctor-licences');
  });
});

describe('the profile page', () => {
  it('serves Open Graph tags for a practising doctor', async () => {
    const profiles = await t.http().get('/api/doctors');
    const one = profiles.data[0];
    const page = await t.http().get(`/doctors/${one.userId}`, { accept: 'text/html' });
    if (page.statusCode === 503) return expect(page.body).toMatch(/not been built/);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain(`<meta property="og:title" content="${one.fullName}`);
    expect(page.body).toContain('og:type" content="profile"');
    const missing = await t.http().get('/doctors/usr_nobody', { accept: 'text/html' });
    expect(missing.statusCode).toBe(404);
  });
});

describe('demo data', () => {
  it('adds four practising demo doctors with badges and one application in the queue, idempotently', async () => {
    // A fresh server: the demo's identifiers must not meet this file's test doctors.
    const fresh = await createTestApp();
    try {
      const { seedDemoDoctors } = await import('./doctors.demo.ts');
      const reviewer = await fresh.user({ roles: ['admin'] });
      const deps = { doctors: fresh.services.doctors, accounts: fresh.services.accounts, blobs: fresh.platform.blobs, now: () => new Date(), reviewerId: reviewer.id };
      await seedDemoDoctors(deps);
      await seedDemoDoctors(deps);
      await checkDemo(fresh, reviewer);
    } finally {
      await fresh.close();
    }
  });
});

async function checkDemo(t: TestApp, admin: TestUser): Promise<void> {
  {
    const directory = (await t.http().get('/api/doctors')).data as Array<{ fullName: string; badge: { registry: string }; photoUrl: string | null; department: string }>;
    const demo = directory.filter((d) => ['李伟', '王芳', 'Hélène Dupont', 'John Smith'].includes(d.fullName));
    expect(demo.map((d) => d.badge.registry).sort()).toEqual(['Annuaire Santé (RPPS)', 'NHC manual check', 'NHC manual check', 'NPPES']);
    // Each demo approval rests on evidence: a registry match, or China's check recorded by a reviewer.
    expect(Object.fromEntries(demo.map((d) => [d.fullName, (d.badge as { checkedBy?: string }).checkedBy]))).toEqual({ 李伟: 'reviewer', 王芳: 'reviewer', 'Hélène Dupont': 'registry', 'John Smith': 'registry' });
    expect(new Set(demo.map((d) => d.department)).size).toBe(4);
    const photo = await t.http().get(demo[0]!.photoUrl!);
    expect(photo.headers['content-type']).toBe('image/png');
    const queue = (await admin.http.get('/api/admin/doctor-applications')).data as Array<{ fullName: string }>;
    const waiting = (queue as Array<{ fullName: string; id: string }>).filter((a) => a.fullName === 'Maria Garcia');
    expect(waiting).toHaveLength(1);
    // The applicant's registry check could not be made: the demo admin has to record a check first.
    const refused = await admin.http.post(`/api/admin/doctor-applications/${waiting[0]!.id}/decision`, { decision: 'approve' });
    expect(refused.data.error.code).toBe('evidence_required');
    const login = await t.http().post('/api/auth/login', { login: 'dr.li@lotus.demo', password: 'lotus-doctor-demo' });
    expect(login.data.user.roles).toContain('doctor');
  }
}
