// Approved doctors for tests of features that need them, made through the real path:
// an account applies with documents, an admin approves. Each gets a fresh valid NPI.
import { cnResidentIdCheckChar, luhnCheckDigit } from '../../src/server/features/doctors/doctors.identifiers.ts';
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

/** Fresh, well-formed identifiers for a doctor licensed in `country`. */
export function nextIdentifiers(country: 'CN' | 'FR' | 'US'): Record<string, string> {
  serial += 7;
  const nine = String(serial).slice(0, 9);
  if (country === 'US') return { npi: nextNpi() };
  if (country === 'FR') return { rpps: `1${nine}` + luhnCheckDigit(`1${nine}`) };
  const first17 = `11010519800115${nine.slice(-3)}`;
  return { cnResidentId: first17 + cnResidentIdCheckChar(first17), cnQualificationCert: `200611${nine}${nine}`, cnPracticeCert: `110${nine}${nine.slice(0, 3)}` };
}

export interface DoctorOptions {
  department?: string;
  priceMinor?: number;
  online?: boolean;
  fullName?: string;
  /** The licence country; the test doctors are US doctors unless said otherwise. */
  country?: 'CN' | 'FR' | 'US';
  languages?: string[];
  usState?: string | null;
  /** US test doctors hold a multi-state licence unless said otherwise, so they may answer US patients of any state. */
  multiState?: boolean;
}

export async function approvedDoctor(t: TestApp, admin: TestUser, options: DoctorOptions = {}): Promise<TestUser> {
  const doctor = await t.user({ displayName: options.fullName ?? 'Dr Test' });
  const country = options.country ?? 'US';
  const submitted = await applyFully(
    doctor.http,
    usApplication({
      country,
      currency: country === 'CN' ? 'CNY' : country === 'FR' ? 'EUR' : 'USD',
      department: options.department ?? 'general_practice',
      identifiers: nextIdentifiers(country),
      priceMinor: options.priceMinor ?? 2500,
      ...(options.fullName ? { fullName: options.fullName } : {}),
      ...(options.languages ? { languages: options.languages } : {}),
      ...(country === 'US' ? { multiState: options.multiState ?? true, usState: options.usState ?? null } : {}),
    }),
  );
  const id = submitted.data.id as string;
  // The registries are not reachable from tests: the reviewer records a manual check first.
  const evidence = await admin.http.post(`/api/admin/doctor-applications/${id}/evidence`, { registry: 'NPPES web lookup', outcome: 'match', note: 'checked by hand in tests' });
  if (evidence.statusCode !== 200) throw new Error(`evidence failed ${evidence.statusCode} ${evidence.body}`);
  const decision = await admin.http.post(`/api/admin/doctor-applications/${id}/decision`, { decision: 'approve', reason: 'checked by hand in tests' });
  if (decision.statusCode !== 200) throw new Error(`approve failed ${decision.statusCode} ${decision.body}`);
  if (options.online ?? true) {
    const online = await doctor.http.post('/api/doctor/status', { online: true });
    if (online.statusCode !== 200) throw new Error(`online failed ${online.statusCode} ${online.body}`);
  }
  return doctor;
}
