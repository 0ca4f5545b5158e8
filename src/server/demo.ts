// Demo data for `npm start` on an empty database (LOTUS_DEMO, on by default outside
// production) and for `lotus seed`. Every step is idempotent. Each feature that has demo
// data adds its step here, in dependency order.
import type { LotusApp } from './app.ts';
import { seedMessagingDemo } from './features/messaging/messaging.demo.ts';
import { seedCommunityDemo } from './features/community/community.demo.ts';
import { seedEncyclopediaDemo } from './features/encyclopedia/encyclopedia.demo.ts';
import { seedDemoHost } from './features/miniprogram/miniprogram.demo-host.ts';
import { DEMO_DOCTOR_PASSWORD, DEMO_DOCTORS, seedDemoDoctors } from './features/doctors/doctors.demo.ts';

export interface DemoAccount {
  role: string;
  login: string;
  password: string;
  note: string;
}

/** Printed at start and listed in README.md; keep the three in step. */
export const DEMO_ACCOUNTS: DemoAccount[] = [
  { role: 'patient', login: 'patient@lotus.demo', password: 'lotus-patient-demo', note: 'a patient with no consultation yet (the first one is free)' },
  { role: 'admin', login: 'admin@lotus.demo', password: 'lotus-admin-demo', note: 'reviewer, moderator and operator in the admin console' },
  { role: 'doctor', login: 'dr.li@lotus.demo', password: DEMO_DOCTOR_PASSWORD, note: 'verified general practitioner in China (also dr.wang, dr.dupont, dr.smith)' },
  { role: 'applicant', login: 'applicant@lotus.demo', password: DEMO_DOCTOR_PASSWORD, note: 'a doctor application waiting in the admin review queue' },
];

export async function seedDemo({ services, platform }: LotusApp): Promise<void> {
  const patientId = await services.accounts.ensureAccount({ email: 'patient@lotus.demo', phone: '+8613910000001', password: 'lotus-patient-demo', displayName: 'Mei Chen', roles: ['patient'] });
  // The demo patient's phone is verified, so the free first consultation works at once.
  await services.phones.markVerified(patientId, '+8613910000001');
  // Her Chinese mobile number places her in China, where the demo's general practitioner and paediatrician are licensed.
  const adminId = await services.accounts.ensureAccount({ email: 'admin@lotus.demo', password: 'lotus-admin-demo', displayName: 'Lotus Admin', roles: ['patient', 'admin', 'moderator', 'editor'] });
  const admin = { userId: adminId, displayName: 'Lotus Admin', roles: ['admin' as const], sessionId: 'demo-seed', via: 'bearer' as const, scope: 'full' as const, locale: 'en' as const };

  await seedDemoDoctors({ doctors: services.doctors, accounts: services.accounts, blobs: platform.blobs, now: () => platform.clock.now(), reviewerId: adminId });

  // WordNet's medical entries, and hand-written ones reviewed by the demo doctors above.
  await seedEncyclopediaDemo(services.encyclopedia, services.accounts);

  // The demo partner "Daily Headlines" at /demo/host, with its own key pair.
  await seedDemoHost(services.miniprogram, platform.config.dataDir, platform.config.publicUrl, admin);
  await seedMessagingDemo(services.messaging, admin, patientId);

  // A dozen forums' worth of threads in three languages, answered by the demo doctors.
  await seedCommunityDemo(services.community, services.accounts, patientId);

  // The demo's people (fictional) have accepted the terms and the privacy notice in force,
  // so signing in to try the demo shows no prompt; the telemedicine consent is still asked
  // on the first question, as it is of everyone.
  for (const email of [...DEMO_ACCOUNTS.map((a) => a.login), ...DEMO_DOCTORS.map((d) => d.email), 'dr.community@lotus.demo']) {
    const id = await services.accounts.idByEmail(email);
    if (id) await services.consents.acceptSiteDocuments(id, 'en');
  }
}
