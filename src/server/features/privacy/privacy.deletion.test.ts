// Deleting an account removes the photos the person sent in chats from the blob store,
// not only the account row.
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp, type TestUser } from '../../../../test/support/app.ts';
import { approvedDoctor, offlineRegistries } from '../../../../test/support/doctors.ts';

let t: TestApp;
let admin: TestUser;
let doctor: TestUser;

beforeAll(async () => {
  t = await createTestApp({ env: { ...offlineRegistries } });
  admin = await t.user({ roles: ['admin'] });
  doctor = await approvedDoctor(t, admin, { department: 'general_practice', fullName: 'Dr Alice Grant' });
});
afterAll(() => t.close());

describe('account deletion', () => {
  it('leaves no blob of the person’s chat photos behind', async () => {
    const patient = await t.user();
    const c = (await patient.http.post('/api/consultations', { department: 'general_practice', description: 'A red patch on my arm for a week, itchy at night.', age: 40 })).data;
    await doctor.http.post(`/api/consultations/${c.id}/accept`);
    const jpeg = await sharp({ create: { width: 40, height: 30, channels: 3, background: '#c33' } }).jpeg().toBuffer();
    const form = new FormData();
    form.append('file', new Blob([jpeg], { type: 'image/jpeg' }), 'arm.jpg');
    const upload = await patient.http.inject({ method: 'POST', url: `/api/conversations/${c.conversationId}/attachments`, payload: form as never });
    expect(upload.statusCode).toBe(201);
    const sent = await patient.http.post(`/api/conversations/${c.conversationId}/messages`, { clientId: 'photo', text: '', attachmentIds: [upload.data.id] });
    const url = sent.data.attachments[0].url as string;
    expect((await doctor.http.get(url)).statusCode).toBe(200);
    const key = (await (t.platform.db as any).selectFrom('message_attachments').select('blob_key').where('id', '=', upload.data.id).executeTakeFirst()).blob_key as string;
    expect((await t.platform.blobs.get(key)).length).toBeGreaterThan(0);

    const deleted = await patient.http.inject({ method: 'DELETE', url: '/api/me', payload: { password: 'a long enough passphrase' } });
    expect(deleted.statusCode).toBe(204);
    await expect(t.platform.blobs.get(key)).rejects.toThrow();
    expect((await doctor.http.get(url)).statusCode).toBe(404);
  });
});
