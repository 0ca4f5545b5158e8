// Consultation pairs for the chat benchmark, made through the services (and app.inject for
// the doctors' application path): a handful of approved doctors each accept many free first
// consultations, each its own conversation with one patient and one doctor.
import type { InjectOptions } from 'fastify';
import { buildApp } from '../src/server/app.ts';
import type { Config } from '../src/server/config.ts';
import { applyFully, usApplication } from '../src/server/features/doctors/doctors.test-helpers.ts';
import type { TestHttp, TestResponse } from '../test/support/app.ts';
import { nextNpi } from '../test/support/doctors.ts';

export interface Pair {
  conversationId: string;
  patient: { id: string; token: string };
  doctor: { id: string; token: string };
  /** The conversation's last seq when the pair was made (the doctor's "has joined" notice). */
  lastSeq: number;
}

/** Registry lookups that fail at once (nothing listens on port 9): applications go to the reviewer. */
export const offlineRegistryEnv = { LOTUS_NPPES_URL: 'http://127.0.0.1:9/', LOTUS_ANNUAIRE_SANTE_URL: 'http://127.0.0.1:9/', LOTUS_REGISTRY_TIMEOUT_MS: '300' };

async function inParallel<T>(count: number, width: number, task: (i: number) => Promise<T>): Promise<T[]> {
  const out: T[] = new Array(count);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(width, count) }, async () => {
      for (let i = next++; i < count; i = next++) out[i] = await task(i);
    }),
  );
  return out;
}

export async function seedPairs(config: Config, pairs: number, log: (line: string) => void): Promise<Pair[]> {
  const lotus = await buildApp(config);
  await lotus.app.ready();
  const { accounts, consultations } = lotus.services;
  const http = (token?: string): TestHttp => {
    const send = async (opts: InjectOptions): Promise<TestResponse> => {
      const response = await lotus.app.inject({ ...opts, headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(opts.headers as Record<string, string>) } });
      let data: unknown = null;
      try {
        data = response.body ? JSON.parse(response.body) : null;
      } catch {
        data = null;
      }
      return Object.assign(response, { data }) as TestResponse;
    };
    const withBody = (method: 'POST' | 'PUT' | 'PATCH') => (url: string, payload?: unknown) => send({ method, url, ...(payload !== undefined ? { payload: payload as object } : {}) });
    return { get: (url) => send({ method: 'GET', url }), delete: (url) => send({ method: 'DELETE', url }), post: withBody('POST'), put: withBody('PUT'), patch: withBody('PATCH'), inject: send };
  };
  const person = (name: string, i: number) => accounts.register({ email: `${name}${i}.${Date.now().toString(36)}@bench.example`, password: 'a long enough passphrase', displayName: `${name} ${i}`, acceptTerms: true });

  try {
    const started = performance.now();
    const admin = await person('admin', 0);
    await accounts.grantRole(admin.user.id, 'admin', null);
    const doctorCount = Math.max(1, Math.min(20, Math.ceil(pairs / 100)));
    const doctors = await inParallel(doctorCount, 4, async (i) => {
      const doctor = await person('doctor', i);
      const submitted = await applyFully(http(doctor.token), usApplication({ fullName: `Dr Bench ${i}`, identifiers: { npi: nextNpi() }, multiState: true }));
      await http(admin.token).post(`/api/admin/doctor-applications/${submitted.data.id}/evidence`, { outcome: 'match', note: 'benchmark' });
      const decision = await http(admin.token).post(`/api/admin/doctor-applications/${submitted.data.id}/decision`, { decision: 'approve', reason: 'benchmark' });
      if (decision.statusCode !== 200) throw new Error(`approve failed ${decision.statusCode} ${decision.body}`);
      await http(doctor.token).post('/api/doctor/status', { online: true });
      return { id: doctor.user.id, token: doctor.token, actor: (await accounts.authenticate(doctor.token, 'bearer'))! };
    });
    const made = await inParallel(pairs, 8, async (i): Promise<Pair> => {
      const patient = await person('patient', i);
      const actor = (await accounts.authenticate(patient.token, 'bearer'))!;
      const asked = await consultations.create(actor, { department: 'general_practice', description: `Benchmark question ${i}: a sore throat for two days.`, acceptTelemedicine: true }, { locale: 'en' });
      const doctor = doctors[i % doctors.length]!;
      await consultations.accept(doctor.actor, asked.id);
      if ((i + 1) % 250 === 0) log(`  ${i + 1}/${pairs} pairs`);
      return { conversationId: asked.conversationId, patient: { id: patient.user.id, token: patient.token }, doctor: { id: doctor.id, token: doctor.token }, lastSeq: 1 };
    });
    log(`  ${pairs} pairs with ${doctors.length} doctors in ${((performance.now() - started) / 1000).toFixed(1)} s`);
    return made;
  } finally {
    await lotus.app.close();
  }
}
