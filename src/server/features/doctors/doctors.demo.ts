// Demo doctors for `npm start` and `lotus seed`: four approved practitioners in China,
// France and the United States across departments, each with valid identifiers and the
// evidence a reviewer would have (registry answers recorded for the demo, or a manual NHC
// check), and one submitted application waiting in the admin's queue. Idempotent: an
// account that already has an application is left alone. No registry is called.
import sharp from 'sharp';
import type { AccountsService } from '../accounts/accounts.service.ts';
import { newId } from '../../platform/ids.ts';
import type { BlobStore } from '../../platform/storage/blob-store.ts';
import type { Country, Identifiers } from './doctors.identifiers.ts';
import type { DoctorsService } from './doctors.service.ts';
import { nextCheckDue } from './doctors.views.ts';

export const DEMO_DOCTOR_PASSWORD = 'lotus-doctor-demo';

interface DemoDoctor {
  email: string;
  fullName: string;
  country: Country;
  department: string;
  title: string;
  hospital: string;
  languages: string[];
  specialties: string[];
  bio: string;
  priceMinor: number;
  identifiers: Identifiers;
  registry: string;
  approved: boolean;
  usState?: string;
  multiState?: boolean;
  colour: { r: number; g: number; b: number };
}

export const DEMO_DOCTORS: DemoDoctor[] = [
  {
    email: 'dr.li@lotus.demo', fullName: '李伟', country: 'CN', department: 'general_practice', title: '主治医师 Attending physician', hospital: '北京协和医院 Peking Union Medical College Hospital',
    languages: ['zh', 'en'], specialties: ['Chronic disease management', 'Hypertension'], bio: 'General practitioner with fifteen years in community and hospital care.', priceMinor: 3000,
    identifiers: { cnResidentId: '110108197803152010', cnQualificationCert: '200211011111010819780315', cnPracticeCert: '110110100023456' }, registry: 'NHC manual check', approved: true, colour: { r: 15, g: 118, b: 110 },
  },
  {
    email: 'dr.wang@lotus.demo', fullName: '王芳', country: 'CN', department: 'paediatrics', title: '副主任医师 Associate chief physician', hospital: '上海儿童医学中心 Shanghai Children’s Medical Center',
    languages: ['zh'], specialties: ['Childhood asthma', 'Neonatal care'], bio: 'Paediatrician caring for children from birth to adolescence.', priceMinor: 4000,
    identifiers: { cnResidentId: '310104198507223028', cnQualificationCert: '200931011131010419850722', cnPracticeCert: '310310100045678' }, registry: 'NHC manual check', approved: true, colour: { r: 180, g: 83, b: 9 },
  },
  {
    email: 'dr.dupont@lotus.demo', fullName: 'Hélène Dupont', country: 'FR', department: 'dermatology', title: 'Dermatologue', hospital: 'Hôpital Saint-Louis, Paris',
    languages: ['fr', 'en'], specialties: ['Eczema', 'Skin cancer screening'], bio: 'Dermatologue hospitalière, consultations en français et en anglais.', priceMinor: 3500,
    identifiers: { rpps: '10101010105' }, registry: 'Annuaire Santé (RPPS)', approved: true, colour: { r: 30, g: 64, b: 175 },
  },
  {
    email: 'dr.smith@lotus.demo', fullName: 'John Smith', country: 'US', department: 'cardiology', title: 'Cardiologist, MD', hospital: 'Springfield Heart Center',
    languages: ['en', 'es'], specialties: ['Heart failure', 'Arrhythmia'], bio: 'Board-certified cardiologist focused on prevention.', priceMinor: 6000,
    identifiers: { npi: '1234567893' }, registry: 'NPPES', approved: true, usState: 'IL', multiState: true, colour: { r: 185, g: 28, b: 28 },
  },
  {
    email: 'applicant@lotus.demo', fullName: 'Maria Garcia', country: 'US', department: 'dermatology', title: 'Dermatologist, MD', hospital: 'Lakeside Skin Clinic',
    languages: ['en', 'es'], specialties: ['Acne', 'Psoriasis'], bio: 'Waiting for review in the admin console.', priceMinor: 4500,
    identifiers: { npi: '1543210987' }, registry: 'NPPES', approved: false, colour: { r: 107, g: 33, b: 168 },
  },
];

const demoPdf = (title: string) => Buffer.from(`%PDF-1.4\n% ${title} (demo document)\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n`);

export async function seedDemoDoctors(deps: { doctors: DoctorsService; accounts: AccountsService; blobs: BlobStore; now: () => Date; reviewerId: string }): Promise<void> {
  const { doctors, accounts, blobs } = deps;
  const store = doctors.store;
  for (const d of DEMO_DOCTORS) {
    const userId = await accounts.ensureAccount({ email: d.email, password: DEMO_DOCTOR_PASSWORD, displayName: d.fullName, roles: ['patient'], locale: d.country === 'CN' ? 'zh' : d.country === 'FR' ? 'fr' : 'en' });
    if (await store.findByUser(userId)) continue;
    const now = deps.now();
    const at = now.toISOString();
    const id = newId('dap');
    const licence = new Date(now.getTime() + 3 * 365 * 86_400_000).toISOString();
    await store.insert({
      id, user_id: userId, status: d.approved ? 'approved' : 'submitted', country: d.country, full_name: d.fullName, hospital: d.hospital, department: d.department, title: d.title,
      specialties: JSON.stringify(d.specialties), languages: JSON.stringify(d.languages), bio: d.bio, photo_document_id: null, price_minor: d.priceMinor,
      currency: d.country === 'CN' ? 'CNY' : d.country === 'FR' ? 'EUR' : 'USD', licence_expires_at: licence, pending_licence_expires_at: null, online: d.approved ? 1 : 0,
      checks: JSON.stringify(d.approved ? [{ code: 'registry', status: 'passed', message: `${d.registry}: the name matches (demo data).`, registry: { name: d.registry, identifierKind: Object.keys(d.identifiers).at(-1), outcome: 'match', registeredName: d.fullName, checkedAt: at } }] : [{ code: 'registry', status: 'flagged', message: 'NPPES could not be reached. A reviewer will check by hand.', registry: { name: 'NPPES', identifierKind: 'npi', outcome: 'unreachable', registeredName: null, checkedAt: at } }]),
      checks_key: null, submitted_at: at, decided_at: d.approved ? at : null, verified_at: d.approved ? at : null, verified_registry: d.approved ? d.registry : null,
      us_state: d.usState ?? null, multi_state: d.multiState ? 1 : 0,
      verified_method: d.approved ? (d.registry === 'NHC manual check' ? 'reviewer' : 'registry') : null,
      next_check_due: d.approved ? nextCheckDue(now, licence) : null, reverification_requested_at: null, renewal_submitted_at: null, status_reason: null, created_at: at, updated_at: at,
    });
    await store.replaceIdentifiers(id, userId, d.identifiers);
    const kind = d.country === 'US' ? 'npi' : d.country === 'FR' ? 'rpps' : 'cnPracticeCert';
    await store.insertEvidence({
      id: newId('rev'), application_id: id, registry: d.approved ? d.registry : 'NPPES', identifier_kind: kind, identifier: d.identifiers[kind]!, outcome: d.approved ? 'match' : 'unreachable',
      registered_name: d.approved ? d.fullName : null, request: JSON.stringify({ method: d.registry === 'NHC manual check' ? 'MANUAL' : 'GET', url: null, at }),
      response: JSON.stringify({ status: null, body: 'Demo data: recorded for the demonstration, no registry was asked.', at }), recorded_by: d.registry === 'NHC manual check' ? deps.reviewerId : null,
      note: d.approved ? (d.registry === 'NHC manual check' ? 'Demo data: the NHC practitioner lookup lists this practice certificate under this name.' : 'Demo data') : null, checked_at: at,
    });
    const photo = await sharp({ create: { width: 160, height: 160, channels: 3, background: d.colour } }).png().toBuffer();
    for (const [docKind, mime, bytes] of [['licence', 'application/pdf', demoPdf('Licence')], ['identity', 'application/pdf', demoPdf('Identity document')], ['photo', 'image/png', photo]] as const) {
      const docId = newId('doc');
      await store.insertDocument({ id: docId, application_id: id, user_id: userId, kind: docKind, mime, size: bytes.length, sha256: '', blob_key: await blobs.put(bytes, 'doctor-documents'), created_at: at, deleted_at: null });
      if (docKind === 'photo') await store.update(id, { photo_document_id: docId });
    }
    await store.insertDecision({ id: newId('dde'), application_id: id, actor_id: userId, action: 'submit', from_status: 'draft', to_status: 'submitted', reason: null, created_at: at });
    if (d.approved) {
      await store.insertDecision({ id: newId('dde'), application_id: id, actor_id: deps.reviewerId, action: 'approve', from_status: 'submitted', to_status: 'approved', reason: 'Demo data', created_at: at });
      await store.setIdentifiersApproved(id, true);
      await accounts.grantRole(userId, 'doctor', deps.reviewerId);
    }
  }
}
