// Approved doctors for tests of features that need them, made through the real path:
// an account applies with documents, an admin approves. Each gets a fresh valid NPI.
import { applyFully, usApplication } from '../../src/server/features/doctors/doctors.test-helpers.ts';
import type { TestApp, TestUser } from './app.ts';

// NPIs start with 1 or 2: keep the 9-digit base within 100000000–199999999.
let serial = 100_000_000 + Math.floor(Math.random() * 90_000_000);

/** A valid NPI: 9 digits and a Luhn check digit computed over "80840" + those digits. */
export function nextNpi(): string {
  serial += 7;
  const base = String(serial).slice(0, 9);
  const digits = `80840${base}`.split('').map(Number);
  let sum = 0;
  for (let i = digits.length - 1, double = true; i >= 0; i--, double = !double) {
    let d = digits[i]!;
    if (double) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return base + String((10 - (sum % 10)) % 10);
}

/** Registry settings that fail fast (nothing listens on port 9): applications are flagged
 * for the reviewer instead of waiting on the public registries. */
export const offlineRegistries = { LOTUS_NPPES_URL: 'http://127.0.0.1:9/', LOTUS_ANNUAIRE_SANTE_URL: 'http://127.0.0.1:9/', LOTUS_REGISTRY_TIMEOUT_MS: '300' };

export async function approvedDoctor(t: TestApp, admin: TestUser, options: { department?: string; priceMinor?: number; online?: boolean; fullName?: string } = {}): Promise<TestUser> {
  const doctor = await t.user({ displayName: options.fullName ?? 'Dr Test' });
  const submitted = await applyFully(
    doctor.http,
    usApplication({ department: options.department ?? 'general_practice', identifiers: { npi: nextNpi() }, priceMinor: options.priceMinor ?? 2500, ...(options.fullName ? { fullName: options.fullName } : {}) }),
  );
  const id = submitted.data.id as string;
  const decision = await admin.http.post(`/api/admin/doctor-applications/${id}/decision`, { decision: 'approve', reason: 'checked by hand in tests' });
  if (decision.statusCode !== 200) throw new Error(`approve failed ${decision.statusCode} ${decision.body}`);
  if (options.online ?? true) {
    const online = await doctor.http.post('/api/doctor/status', { online: true });
    if (online.statusCode !== 200) throw new Error(`online failed ${online.statusCode} ${online.body}`);
  }
  return doctor;
}
