// Document uploads: type by content, 415 for anything else, 413 past 10 MB, images
// re-encoded without EXIF or GPS, encrypted at rest, readable by the applicant and
// reviewers only, never cached, every access audited.
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp, type TestUser } from '../../../../test/support/app.ts';
import { jpegWithExif, pdf, png, upload, usApplication } from './doctors.test-helpers.ts';

let t: TestApp;
let applicant: TestUser;

beforeAll(async () => {
  // No registry is reachable here: checks come back flagged, which uploads do not mind.
  t = await createTestApp({ env: { LOTUS_NPPES_URL: 'http://127.0.0.1:9/', LOTUS_REGISTRY_TIMEOUT_MS: '200' } });
  applicant = await t.user();
  const saved = await applicant.http.put('/api/doctor/application', usApplication());
  expect(saved.statusCode).toBe(200);
  expect(saved.data.checks.find((c: { code: string }) => c.code === 'registry')).toMatchObject({ status: 'flagged', registry: { outcome: 'unreachable' } });
});
afterAll(async () => {
  await t.close();
});

async function allBlobFiles(): Promise<string[]> {
  const root = path.join(t.config.dataDir, 'blobs');
  const out: string[] = [];
  for (const dir of await readdir(root).catch(() => [])) for (const f of await readdir(path.join(root, dir))) out.push(path.join(root, dir, f));
  return out;
}

describe('document uploads', () => {
  it('re-encodes a JPEG without EXIF or GPS, stores it encrypted, and serves it to the applicant uncached', async () => {
    const original = await jpegWithExif();
    expect((await sharp(original).metadata()).exif).toBeDefined();
    expect(original.includes(Buffer.from('SECRET-CAMERA-OWNER'))).toBe(true);
    const res = await upload(applicant.http, 'licence', { name: 'licence.jpg', type: 'image/jpeg', bytes: original });
    expect(res.statusCode).toBe(201);
    expect(res.data).toMatchObject({ kind: 'licence', mime: 'image/jpeg', url: `/api/doctor/documents/${res.data.id}` });

    const served = await applicant.http.inject({ method: 'GET', url: res.data.url });
    expect(served.statusCode).toBe(200);
    expect(served.headers['content-type']).toBe('image/jpeg');
    expect(served.headers['cache-control']).toBe('no-store');
    const bytes = served.rawPayload;
    const meta = await sharp(bytes).metadata();
    expect(meta.exif).toBeUndefined();
    expect(meta.width).toBe(64);
    expect(bytes.includes(Buffer.from('SECRET-CAMERA-OWNER'))).toBe(false);
    expect(bytes.includes(Buffer.from('LotusCam'))).toBe(false);

    // At rest: encrypted, nothing of the image readable in the file.
    const files = await allBlobFiles();
    expect(files.length).toBeGreaterThan(0);
    for (const file of files) {
      const raw = await readFile(file);
      expect(raw.subarray(0, 4).equals(bytes.subarray(0, 4))).toBe(false);
      expect(raw.includes(bytes.subarray(100, 140))).toBe(false);
    }
    expect(files.every((f) => !f.includes('dist'))).toBe(true);
  });

  it('decides the type by content: a PNG named .pdf is a PNG; HTML named .jpg is refused with 415', async () => {
    const disguisedPng = await upload(applicant.http, 'identity', { name: 'passport.pdf', type: 'application/pdf', bytes: await png() });
    expect(disguisedPng.statusCode).toBe(201);
    expect(disguisedPng.data.mime).toBe('image/png');
    const html = await upload(applicant.http, 'identity', { name: 'id.jpg', type: 'image/jpeg', bytes: Buffer.from('<html><script>alert(1)</script></html>') });
    expect(html.statusCode).toBe(415);
    expect(html.data.error.code).toBe('unsupported_document_type');
    const gif = await upload(applicant.http, 'identity', { name: 'id.gif', type: 'image/gif', bytes: Buffer.from('GIF89a\x01\x00\x01\x00\x00\x00\x00;') });
    expect(gif.statusCode).toBe(415);
    // A JPEG header followed by junk is not an image.
    const fakeJpeg = await upload(applicant.http, 'identity', { name: 'x.jpg', type: 'image/jpeg', bytes: Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.from('not really an image at all')]) });
    expect(fakeJpeg.statusCode).toBe(415);
  });

  it('accepts a PDF as it is', async () => {
    const res = await upload(applicant.http, 'qualification', { name: 'diploma.pdf', type: 'application/pdf', bytes: pdf() });
    expect(res.statusCode).toBe(201);
    const served = await applicant.http.inject({ method: 'GET', url: res.data.url });
    expect(served.rawPayload.equals(pdf())).toBe(true);
    expect(served.headers['content-disposition']).toMatch(/^attachment/);
  });

  it('answers 413 in the error shape past 10 MB', async () => {
    const big = Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(10 * 1024 * 1024 + 10, 0x20), Buffer.from('%%EOF')]);
    const res = await upload(applicant.http, 'licence', { name: 'big.pdf', type: 'application/pdf', bytes: big });
    expect(res.statusCode).toBe(413);
    expect(res.data.error.code).toBe('payload_too_large');
  });

  it('refuses an unknown kind and a missing file with 422', async () => {
    expect((await upload(applicant.http, 'selfie', { name: 'a.pdf', type: 'application/pdf', bytes: pdf() })).data.error.fields.kind).toBeDefined();
    const noFile = await applicant.http.inject({ method: 'POST', url: '/api/doctor/application/documents', payload: '--b\r\nContent-Disposition: form-data; name="kind"\r\n\r\nlicence\r\n--b--\r\n', headers: { 'content-type': 'multipart/form-data; boundary=b' } });
    expect(noFile.statusCode).toBe(422);
  });

  it('serves documents to reviewers but not to other people (404), and audits every read', async () => {
    const app = (await applicant.http.get('/api/doctor/application')).data;
    const doc = app.documents[0];
    const stranger = await t.user();
    const patientDoctor = await t.user({ roles: ['doctor'] });
    expect((await stranger.http.get(doc.url)).statusCode).toBe(404);
    expect((await patientDoctor.http.get(doc.url)).statusCode).toBe(404);
    expect((await t.http().get(doc.url)).statusCode).toBe(401);
    const reviewer = await t.user({ roles: ['admin'] });
    const read = await reviewer.http.get(doc.url);
    expect(read.statusCode).toBe(200);
    const audit = await t.platform.audit.list({ resourceType: 'doctor_document', resourceId: doc.id });
    const reads = audit.filter((a) => a.action === 'doctor_document.read');
    expect(reads.map((a) => a.actorId)).toContain(reviewer.id);
    expect(reads.map((a) => a.actorId)).toContain(applicant.id);
    expect(reads.map((a) => a.actorId)).not.toContain(stranger.id);
  });

  it('refuses uploads before there is an application', async () => {
    const u = await t.user();
    const res = await upload(u.http, 'licence', { name: 'l.pdf', type: 'application/pdf', bytes: pdf() });
    expect(res.statusCode).toBe(409);
    expect(res.data.error.code).toBe('no_application');
  });
});
