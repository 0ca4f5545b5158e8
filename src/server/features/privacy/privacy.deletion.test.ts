// Deleting an account removes the photos the person sent in chats from the blob store and
// the images they put in community posts from the image store, not only the account row.
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
    const c = (
      await patient.http.post('/api/consultations', {
        department: 'general_practice',
        description: 'A red patch on my arm for a week, itchy at night.',
        age: 40,
      })
    ).data;
    await doctor.http.post(`/api/consultations/${c.id}/accept`);
    const jpeg = await sharp({ create: { width: 40, height: 30, channels: 3, background: '#c33' } })
      .jpeg()
      .toBuffer();
    const form = new FormData();
    form.append('file', new Blob([jpeg], { type: 'image/jpeg' }), 'arm.jpg');
    const upload = await patient.http.inject({ method: 'POST', url: `/api/conversations/${c.conversationId}/attachments`, payload: form as never });
    expect(upload.statusCode).toBe(201);
    const sent = await patient.http.post(`/api/conversations/${c.conversationId}/messages`, { clientId: 'photo', text: '', attachmentIds: [upload.data.id] });
    const url = sent.data.attachments[0].url as string;
    expect((await doctor.http.get(url)).statusCode).toBe(200);
    const key = (await (t.platform.db as any).selectFrom('message_attachments').select('blob_key').where('id', '=', upload.data.id).executeTakeFirst())
      .blob_key as string;
    expect((await t.platform.blobs.get(key)).length).toBeGreaterThan(0);

    const deleted = await patient.http.inject({ method: 'DELETE', url: '/api/me', payload: { password: 'a long enough passphrase' } });
    expect(deleted.statusCode).toBe(204);
    await expect(t.platform.blobs.get(key)).rejects.toThrow();
    expect((await doctor.http.get(url)).statusCode).toBe(404);
  });

  it('leaves none of the person’s community images behind, and keeps other people’s', async () => {
    const png = await sharp({ create: { width: 30, height: 20, channels: 3, background: '#3c3' } })
      .png()
      .toBuffer();
    const upload = async (who: TestUser) => {
      const form = new FormData();
      form.append('file', new Blob([png], { type: 'image/png' }), 'rash.png');
      const r = await who.http.inject({ method: 'POST', url: '/api/community/images', payload: form as never });
      expect(r.statusCode).toBe(201);
      return r.data as { id: string; url: string };
    };
    const leaving = await t.user();
    const staying = await t.user();
    const mine = [await upload(leaving), await upload(leaving)];
    const theirs = await upload(staying);
    for (const image of [...mine, theirs]) expect((await t.http().get(image.url)).statusCode).toBe(200);

    const deleted = await leaving.http.inject({ method: 'DELETE', url: '/api/me', payload: { password: 'a long enough passphrase' } });
    expect(deleted.statusCode).toBe(204);
    const left = await (t.platform.db as any).selectFrom('community_images').select('id').where('uploader_id', '=', leaving.id).execute();
    expect(left).toEqual([]);
    for (const image of mine) expect((await t.http().get(image.url)).statusCode).toBe(404);
    expect((await t.http().get(theirs.url)).statusCode).toBe(200);
  });
});
