// Doctor onboarding, the applicant's side and the public side: save the application (its
// identifiers checked at the edge, the registries asked), upload documents, submit; the
// directory of practising doctors; the online switch. Reviewers' decisions and the licence
// expiry job live in doctors.review.ts. The `doctor` role is held exactly while an
// application is approved (not suspended, licence not expired).
import { createHash } from 'node:crypto';
import { hasRole, type Actor } from '../../platform/auth/actor.ts';
import type { AuditLog } from '../../platform/audit/audit.ts';
import type { Clock } from '../../platform/clock.ts';
import type { Database } from '../../platform/db/unit-of-work.ts';
import { AppError, conflict, forbidden, invalid, notFound } from '../../platform/http/errors.ts';
import { newId } from '../../platform/ids.ts';
import type { Bus } from '../../platform/realtime/bus.ts';
import type { BlobStore } from '../../platform/storage/blob-store.ts';
import type { AccountsService } from '../accounts/accounts.service.ts';
import type { DepartmentsService } from '../departments/departments.service.ts';
import { documentKind, sanitiseDocument, DOCUMENT_KINDS } from './doctors.documents.ts';
import { US_STATES } from '../../../shared/jurisdictions.ts';
import { checkIdentifiers, COUNTRY_CURRENCY, type Country } from './doctors.identifiers.ts';
import { OfflineRegistry, parseRegistryCsv } from './doctors.offline-registry.ts';
import { mayReadApplication } from './doctors.policy.ts';
import { statsOf, type DoctorFiguresProvider } from './doctors.stats.ts';
import { DoctorsReview } from './doctors.review.ts';
import { DoctorReviews } from './doctors.reviews.ts';
import type { Application, ApplicationInput, Practitioner } from '../../../shared/contracts/doctors.ts';
import { DoctorsStore, type ApplicationPatch, type ApplicationRow } from './doctors.store.ts';
import { checksKeyOf, Verification, type RegistryClients } from './doctors.verification.ts';
import { computedChecks, documentUrl, missingOf, toApplication, toPractitioner } from './doctors.views.ts';

export interface DoctorsDeps {
  db: Database;
  clock: Clock;
  audit: AuditLog;
  bus: Bus;
  blobs: BlobStore;
  accounts: AccountsService;
  departments: DepartmentsService;
  registries: RegistryClients;
}

const EDITABLE = new Set(['draft', 'needs_info', 'rejected']);

function parseExpiry(raw: string | null | undefined, now: Date): { value: string | null; problem?: string } {
  if (raw === undefined || raw === null || raw.trim() === '') return { value: null };
  const text = raw.trim();
  if (!/^\d{4}-\d{2}-\d{2}(T.*)?$/.test(text) || Number.isNaN(Date.parse(text))) return { value: null, problem: 'must be a date, e.g. 2028-12-31' };
  const value = new Date(/T/.test(text) ? text : `${text}T23:59:59.999Z`).toISOString();
  if (value <= now.toISOString()) return { value: null, problem: 'is in the past: a licence that has expired cannot be used to practise' };
  return { value };
}

export class DoctorsService {
  readonly store: DoctorsStore;
  readonly review: DoctorsReview;
  readonly verification: Verification;
  readonly reviews: DoctorReviews;

  constructor(private readonly deps: DoctorsDeps) {
    this.store = new DoctorsStore(deps.db);
    this.reviews = new DoctorReviews(deps);
    this.verification = new Verification(this.store, deps.registries, new OfflineRegistry(this.store, () => deps.clock.now()), deps.clock);
    this.review = new DoctorsReview({ ...deps, store: this.store, view: (row, forReviewer, actorNames) => this.view(row, forReviewer, actorNames) });
  }

  private now(): string {
    return this.deps.clock.now().toISOString();
  }

  /** The whole application as its applicant or a reviewer sees it. */
  async view(row: ApplicationRow, forReviewer: boolean, names?: Map<string, string>): Promise<Application> {
    const [documents, decisions, evidence, holders] = await Promise.all([
      this.store.documentsOf(row.id),
      this.store.decisionsOf(row.id),
      this.store.evidenceOf(row.id),
      this.store.holdersOf(row.identifiers, row.userId),
    ]);
    const checks = computedChecks(row, documents, holders, this.deps.clock.now());
    return toApplication(row, { documents, decisions, evidence, checks, forReviewer, ...(names ? { names } : {}) });
  }

  async myApplication(actor: Actor): Promise<Application | null> {
    const row = await this.store.findByUser(actor.userId);
    return row ? this.view(row, false) : null;
  }

  /** Creates or updates the signed-in person's application (a draft, or one sent back for
   * more information). Identity fields of an approved doctor are locked; a new licence
   * expiry date waits for review as a renewal. */
  async saveApplication(actor: Actor, input: ApplicationInput): Promise<Application> {
    const now = this.deps.clock.now();
    const fields: Record<string, string> = {};
    const { fields: idFields, values: identifiers } = checkIdentifiers(input.country, input.identifiers ?? {}, now);
    Object.assign(fields, idFields);
    if (!(await this.deps.departments.exists(input.department))) fields.department = 'is not a department we know: choose one from the list';
    const expiry = parseExpiry(input.licenceExpiresAt, now);
    if (expiry.problem) fields.licenceExpiresAt = expiry.problem;
    const languages = [...new Set((input.languages ?? []).map((l) => l.trim().toLowerCase()))];
    if (languages.some((l) => !/^[a-z]{2,3}(-[a-z0-9]{2,4})?$/.test(l))) fields.languages = 'must be language codes such as zh, en or fr';
    if (input.usState && (input.country !== 'US' || !(US_STATES as readonly string[]).includes(input.usState)))
      fields.usState = input.country !== 'US' ? 'applies to licences from the United States only' : 'is not a US state code such as IL or NY';
    const fullName = input.fullName.trim().replace(/\s+/g, ' ');
    if (!fullName) fields.fullName = 'must not be empty';
    if (Object.keys(fields).length) throw invalid(fields, 'Some details of the application need attention.');

    const existing = await this.store.findByUser(actor.userId);
    const profile: ApplicationPatch = {
      hospital: input.hospital.trim(),
      department: input.department,
      title: input.title.trim(),
      specialties: JSON.stringify((input.specialties ?? []).map((s) => s.trim()).filter(Boolean)),
      languages: JSON.stringify(languages),
      bio: (input.bio ?? '').trim(),
      price_minor: input.priceMinor ?? 0,
      currency: input.currency ?? COUNTRY_CURRENCY[input.country as Country],
      us_state: input.country === 'US' ? (input.usState ?? null) : null,
      multi_state: input.country === 'US' && input.multiState ? 1 : 0,
      updated_at: now.toISOString(),
    };

    if (existing && (existing.status === 'approved' || existing.status === 'suspended')) {
      const same =
        existing.country === input.country &&
        existing.fullName === fullName &&
        JSON.stringify(sortKeys(existing.identifiers)) === JSON.stringify(sortKeys(identifiers));
      if (!same) {
        throw conflict('identity_locked', 'Your name, country and identifiers were verified and cannot be changed here. Contact support to change them.');
      }
      const renewal = expiry.value && expiry.value !== existing.licenceExpiresAt ? { pending_licence_expires_at: expiry.value } : {};
      await this.store.update(existing.id, { ...profile, ...renewal });
      return this.view((await this.store.findById(existing.id))!, false);
    }
    if (existing && existing.status === 'submitted') {
      throw conflict('application_under_review', 'Your application is being reviewed. You can change it if the reviewer asks for more information.');
    }

    const key = checksKeyOf(input.country, fullName, identifiers);
    const id = existing?.id ?? newId('dap');
    const identity: ApplicationPatch = { country: input.country, full_name: fullName, licence_expires_at: expiry.value };
    const status = existing?.status === 'needs_info' ? 'needs_info' : 'draft';
    await this.deps.db.transaction(async () => {
      if (existing) {
        await this.store.update(id, { ...profile, ...identity, status, ...(existing.status === 'rejected' ? { status_reason: null } : {}) });
      } else {
        await this.store.insert({
          id,
          user_id: actor.userId,
          status,
          country: input.country,
          full_name: fullName,
          hospital: profile.hospital!,
          department: profile.department!,
          title: profile.title!,
          specialties: profile.specialties!,
          languages: profile.languages!,
          bio: profile.bio!,
          photo_document_id: null,
          price_minor: profile.price_minor!,
          currency: profile.currency!,
          us_state: profile.us_state ?? null,
          multi_state: profile.multi_state ?? 0,
          licence_expires_at: expiry.value,
          pending_licence_expires_at: null,
          online: 0,
          checks: '[]',
          checks_key: null,
          submitted_at: null,
          decided_at: null,
          verified_at: null,
          verified_registry: null,
          verified_method: null,
          next_check_due: null,
          reverification_requested_at: null,
          renewal_submitted_at: null,
          status_reason: null,
          created_at: now.toISOString(),
          updated_at: now.toISOString(),
        });
      }
      await this.store.replaceIdentifiers(id, actor.userId, identifiers);
    });
    // Ask the registries again only when who-and-which-number changed.
    if (existing?.checksKey !== key) {
      const checks = await this.verification.run({ id, country: input.country, fullName, identifiers });
      await this.store.update(id, { checks: JSON.stringify(checks), checks_key: key });
    }
    await this.deps.audit.record({ actorId: actor.userId, action: 'doctor_application.save', resourceType: 'doctor_application', resourceId: id });
    return this.view((await this.store.findById(id))!, false);
  }

  async uploadDocument(actor: Actor, rawKind: string | undefined, bytes: Buffer, requestId?: string): Promise<Application['documents'][number]> {
    const kind = documentKind(rawKind);
    if (!kind) throw invalid({ kind: `must be one of ${DOCUMENT_KINDS.join(', ')}` }, 'Say what this document is.');
    const application = await this.store.findByUser(actor.userId);
    if (!application) throw conflict('no_application', 'Fill in your application before uploading documents.');
    const renewing = application.status === 'approved';
    if (!EDITABLE.has(application.status) && !renewing) {
      throw conflict(
        'application_locked',
        application.status === 'submitted'
          ? 'Your application is being reviewed; documents can be added if the reviewer asks for more information.'
          : 'Documents cannot be added to this application now.',
      );
    }
    const clean = await sanitiseDocument(bytes);
    if (kind === 'photo' && clean.mime === 'application/pdf')
      throw new AppError(415, 'unsupported_document_type', 'A profile photo must be a JPEG or PNG image.');
    const blobKey = await this.deps.blobs.put(clean.bytes, 'doctor-documents');
    const id = newId('doc');
    const now = this.now();
    await this.deps.db.transaction(async () => {
      await this.store.insertDocument({
        id,
        application_id: application.id,
        user_id: actor.userId,
        kind,
        mime: clean.mime,
        size: clean.bytes.length,
        sha256: createHash('sha256').update(clean.bytes).digest('hex'),
        blob_key: blobKey,
        created_at: now,
        deleted_at: null,
      });
      await this.store.update(application.id, { updated_at: now, ...(kind === 'photo' ? { photo_document_id: id } : {}) });
      await this.deps.audit.record({
        actorId: actor.userId,
        action: 'doctor_document.upload',
        resourceType: 'doctor_document',
        resourceId: id,
        detail: { kind, mime: clean.mime },
        ...(requestId ? { requestId } : {}),
      });
    });
    return { id, kind, mime: clean.mime, size: clean.bytes.length, createdAt: now, url: documentUrl(id) };
  }

  /** A document, for its applicant or a reviewer; anyone else gets 404. Every read is audited. */
  async readDocument(actor: Actor, id: string, requestId?: string): Promise<{ mime: string; bytes: Buffer; kind: string }> {
    const doc = await this.store.documentBlob(id);
    if (!doc || !mayReadApplication(actor, doc.userId)) throw notFound('This document');
    const bytes = await this.deps.blobs.get(doc.blobKey);
    await this.deps.audit.record({
      actorId: actor.userId,
      action: 'doctor_document.read',
      resourceType: 'doctor_document',
      resourceId: id,
      detail: { applicantId: doc.userId, kind: doc.kind },
      ...(requestId ? { requestId } : {}),
    });
    return { mime: doc.mime, bytes, kind: doc.kind };
  }

  /** The public photo of a practising doctor. */
  async practitionerPhoto(userId: string): Promise<{ mime: string; bytes: Buffer } | null> {
    const row = await this.store.findByUser(userId);
    if (!row || !this.practising(row) || !row.photoDocumentId) return null;
    const doc = await this.store.documentBlob(row.photoDocumentId);
    if (!doc || doc.kind !== 'photo') return null;
    return { mime: doc.mime, bytes: await this.deps.blobs.get(doc.blobKey) };
  }

  /** Sends the application for review (or, for an approved doctor, a licence renewal). */
  async submit(actor: Actor): Promise<Application> {
    const row = await this.store.findByUser(actor.userId);
    if (!row) throw conflict('no_application', 'Fill in your application first.');
    const now = this.now();
    if (row.status === 'approved') {
      if (!row.pendingLicenceExpiresAt)
        throw conflict('nothing_to_renew', 'Enter the new expiry date of your renewed licence, and upload it, before sending a renewal.');
      await this.store.update(row.id, { renewal_submitted_at: now, updated_at: now });
      await this.store.insertDecision({
        id: newId('dde'),
        application_id: row.id,
        actor_id: actor.userId,
        action: 'renewal_submitted',
        from_status: 'approved',
        to_status: 'approved',
        reason: null,
        created_at: now,
      });
      return this.view((await this.store.findById(row.id))!, false);
    }
    if (!EDITABLE.has(row.status) || row.status === 'rejected') {
      throw conflict(
        'cannot_submit',
        row.status === 'submitted'
          ? 'Your application is already with a reviewer.'
          : row.status === 'rejected'
            ? 'This application was rejected. Change it and save it before submitting again.'
            : 'This application cannot be submitted now.',
      );
    }
    const missing = missingOf(row, await this.store.documentsOf(row.id));
    if (missing.length) {
      throw new AppError(
        422,
        'application_incomplete',
        'Some things are still missing before the application can be reviewed.',
        Object.fromEntries(missing.map((m) => [m, 'is required'])),
      );
    }
    await this.deps.db.transaction(async () => {
      const current = await this.store.lockById(row.id);
      if (!current || (current.status !== 'draft' && current.status !== 'needs_info'))
        throw conflict('cannot_submit', 'This application changed meanwhile; reload it.');
      await this.store.update(row.id, { status: 'submitted', submitted_at: now, updated_at: now, status_reason: null });
      await this.store.insertDecision({
        id: newId('dde'),
        application_id: row.id,
        actor_id: actor.userId,
        action: 'submit',
        from_status: current.status,
        to_status: 'submitted',
        reason: null,
        created_at: now,
      });
    });
    return this.view((await this.store.findById(row.id))!, false);
  }

  // ---- the public side, and what other features rely on ----

  private practising(row: ApplicationRow, department?: string): boolean {
    if (row.status !== 'approved') return false;
    if (row.licenceExpiresAt && row.licenceExpiresAt <= this.now()) return false;
    return department === undefined || row.department === department;
  }

  /** The public profile of a practising doctor, or null. */
  async practitioner(userId: string): Promise<Practitioner | null> {
    const row = await this.store.findByUser(userId);
    return row && this.practising(row) ? toPractitioner(row) : null;
  }

  async isPractising(userId: string, department?: string): Promise<boolean> {
    const row = await this.store.findByUser(userId);
    return Boolean(row && this.practising(row, department));
  }

  private figures: DoctorFiguresProvider = async () => new Map();

  /** The consultations feature tells how many consultations, ratings and reply times each doctor has. */
  registerFigures(provider: DoctorFiguresProvider): void {
    this.figures = provider;
  }

  private conditionDepartments: (condition: string) => Promise<string[]> = async () => [];

  /** The encyclopedia tells which departments treat a condition (its entries linked to departments). */
  registerConditionDepartments(lookup: (condition: string) => Promise<string[]>): void {
    this.conditionDepartments = lookup;
  }

  /** The public profile with its trust figures. */
  async profile(userId: string): Promise<Practitioner | null> {
    const doctor = await this.practitioner(userId);
    if (!doctor) return null;
    return { ...doctor, stats: statsOf((await this.figures([userId])).get(userId)) };
  }

  async directory(filter: {
    department?: string;
    lang?: string;
    online?: boolean;
    q?: string;
    condition?: string;
    sort?: 'rating' | 'response' | 'price';
  }): Promise<Practitioner[]> {
    const treating = filter.condition?.trim() ? new Set(await this.conditionDepartments(filter.condition.trim())) : null;
    const found = (await this.list(filter)).filter((d) => !treating || treating.has(d.department));
    const figures = await this.figures(found.map((d) => d.userId));
    const withStats = found.map((d) => ({ ...d, stats: statsOf(figures.get(d.userId)) }));
    const last = (v: number | null, dir: 1 | -1) => (v === null ? Number.POSITIVE_INFINITY : dir * v);
    if (filter.sort === 'rating')
      withStats.sort((a, b) => last(a.stats.ratingAverage, -1) - last(b.stats.ratingAverage, -1) || b.stats.ratingCount - a.stats.ratingCount);
    if (filter.sort === 'response') withStats.sort((a, b) => last(a.stats.medianFirstReplySeconds, 1) - last(b.stats.medianFirstReplySeconds, 1));
    if (filter.sort === 'price') withStats.sort((a, b) => a.priceMinor - b.priceMinor);
    return withStats;
  }

  private async list(filter: { department?: string; lang?: string; online?: boolean; q?: string }): Promise<Practitioner[]> {
    const rows = await this.store.list({
      statuses: ['approved'],
      ...(filter.department ? { department: filter.department } : {}),
      ...(filter.lang ? { language: filter.lang.toLowerCase() } : {}),
      ...(filter.online !== undefined ? { online: filter.online } : {}),
    });
    const words = (filter.q ?? '').toLowerCase().normalize('NFKD').replace(/\p{M}/gu, '').split(/\s+/).filter(Boolean);
    const fold = (s: string) => s.toLowerCase().normalize('NFKD').replace(/\p{M}/gu, '');
    return rows
      .filter((r) => this.practising(r))
      .filter((r) => words.every((w) => fold(`${r.fullName} ${r.hospital} ${r.specialties.join(' ')}`).includes(w)))
      .map(toPractitioner)
      .sort((a, b) => Number(b.online) - Number(a.online) || a.fullName.localeCompare(b.fullName));
  }

  async onlineDoctors(department: string): Promise<Practitioner[]> {
    return this.list({ department, online: true });
  }

  async setOnline(actor: Actor, online: boolean): Promise<{ online: boolean }> {
    const row = await this.store.findByUser(actor.userId);
    if (!row || !this.practising(row) || !hasRole(actor, 'doctor')) {
      throw forbidden('Only verified doctors can go online. Your application has to be approved first.', 'not_verified');
    }
    await this.store.update(row.id, { online: online ? 1 : 0, updated_at: this.now() });
    await this.deps.bus.publish('doctors:presence', { type: 'presence', userId: actor.userId, department: row.department, online });
    return { online };
  }

  /** `lotus registry import`: loads an offline registry. All or nothing. */
  async importRegistry(text: string, source: string): Promise<{ imported: number; errors: string[] }> {
    const { entries, errors } = parseRegistryCsv(text, this.deps.clock.now());
    if (errors.length) return { imported: 0, errors };
    const importedAt = this.now();
    await this.deps.db.transaction(async () => {
      await this.store.upsertRegistryEntries(entries.map((e) => ({ ...e, source: source.slice(0, 200), imported_at: importedAt })));
    });
    return { imported: entries.length, errors: [] };
  }
}

function sortKeys(o: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(o).sort(([a], [b]) => a.localeCompare(b)));
}
