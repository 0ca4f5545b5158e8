// Shared by the doctors feature's tests: multipart bodies, small real images and PDFs,
// valid identifiers, and an application body per country.
import sharp from 'sharp';
import type { TestHttp, TestResponse } from '../../../../test/support/app.ts';

export function multipart(fields: Record<string, string>, file?: { name: string; type: string; bytes: Buffer }): { payload: Buffer; headers: Record<string, string> } {
  const boundary = `----lotus${Math.random().toString(16).slice(2)}`;
  const parts: Buffer[] = [];
  for (const [name, value] of Object.entries(fields)) {
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`));
  }
  if (file) {
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${file.name}"\r\nContent-Type: ${file.type}\r\n\r\n`));
    parts.push(file.bytes, Buffer.from('\r\n'));
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(parts), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

export function upload(http: TestHttp, kind: string, file: { name: string; type: string; bytes: Buffer }): Promise<TestResponse> {
  const body = multipart({ kind }, file);
  return http.inject({ method: 'POST', url: '/api/doctor/application/documents', payload: body.payload, headers: body.headers });
}

/** A JPEG carrying EXIF with a camera note and GPS coordinates. */
export async function jpegWithExif(): Promise<Buffer> {
  return sharp({ create: { width: 64, height: 48, channels: 3, background: { r: 200, g: 30, b: 30 } } })
    .jpeg()
    .withExif({
      IFD0: { Copyright: 'SECRET-CAMERA-OWNER', Make: 'LotusCam' },
      IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '39/1 54/1 2676/100', GPSLongitudeRef: 'E', GPSLongitude: '116/1 23/1 3000/100' },
    })
    .toBuffer();
}

export async function png(): Promise<Buffer> {
  return sharp({ create: { width: 20, height: 20, channels: 4, background: { r: 0, g: 120, b: 90, alpha: 1 } } }).png().toBuffer();
}

export function pdf(): Buffer {
  return Buffer.from('%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n');
}

export const VALID = {
  npi: '1234567893',
  npi2: '1987654328',
  rpps: '10000000017',
  cnResidentId: '11010519491231002X',
  cnQualificationCert: '200611011110105194912310027'.slice(0, 24),
  cnPracticeCert: '110440100012345',
};

export function usApplication(overrides: Record<string, unknown> = {}) {
  return {
    country: 'US',
    fullName: 'Jane Q. Doe',
    hospital: 'Springfield General',
    department: 'general_practice',
    title: 'Attending physician',
    identifiers: { npi: VALID.npi },
    licenceExpiresAt: '2030-12-31',
    languages: ['en', 'fr'],
    specialties: ['Family medicine'],
    bio: 'Family doctor for twenty years.',
    priceMinor: 2500,
    ...overrides,
  };
}

/** Saves, uploads a licence and an identity document, and submits. */
export async function applyFully(http: TestHttp, body: Record<string, unknown>): Promise<TestResponse> {
  const saved = await http.put('/api/doctor/application', body);
  if (saved.statusCode !== 200) throw new Error(`save failed ${saved.statusCode} ${saved.body}`);
  for (const kind of ['licence', 'identity']) {
    const res = await upload(http, kind, { name: `${kind}.pdf`, type: 'application/pdf', bytes: pdf() });
    if (res.statusCode !== 201) throw new Error(`upload failed ${res.statusCode} ${res.body}`);
  }
  const submitted = await http.post('/api/doctor/application/submit');
  if (submitted.statusCode !== 200) throw new Error(`submit failed ${submitted.statusCode} ${submitted.body}`);
  return submitted;
}
