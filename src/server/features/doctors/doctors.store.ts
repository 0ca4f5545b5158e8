// The only code that touches the doctors feature's tables. Rows leave as shaped records;
// a document's blob key never leaves this feature.
import { sql } from 'kysely';
import type { Database } from '../../platform/db/unit-of-work.ts';
import { parseJson, toBool } from '../../platform/db/sql-helpers.ts';
import type { Country, IdentifierKind, Identifiers } from './doctors.identifiers.ts';

export type DoctorsTables = {
  doctor_applications: {
    id: string;
    user_id: string;
    status: string;
    country: string;
    full_name: string;
    hospital: string;
    department: string;
    title: string;
    specialties: string;
    languages: string;
    bio: string;
    photo_document_id: string | null;
    price_minor: number;
    currency: string;
    licence_expires_at: string | null;
    pending_licence_expires_at: string | null;
    online: number;
    checks: string;
    checks_key: string | null;
    submitted_at: string | null;
    decided_at: string | null;
    verified_at: string | null;
    verified_registry: string | null;
    verified_method: string | null;
    next_check_due: string | null;
    reverification_requested_at: string | null;
    renewal_submitted_at: string | null;
    status_reason: string | null;
    created_at: string;
    updated_at: string;
    us_state: string | null;
    multi_state: number;
  };
  doctor_identifiers: { application_id: string; user_id: string; kind: string; value: string; approved_value: string | null };
  doctor_documents: {
    id: string;
    application_id: string;
    user_id: string;
    kind: string;
    mime: string;
    size: number;
    sha256: string;
    blob_key: string;
    created_at: string;
    deleted_at: string | null;
  };
  doctor_decisions: {
    id: string;
    application_id: string;
    actor_id: string | null;
    action: string;
    from_status: string;
    to_status: string;
    reason: string | null;
    created_at: string;
  };
  doctor_registry_evidence: {
    id: string;
    application_id: string;
    registry: string;
    identifier_kind: string;
    identifier: string;
    outcome: string;
    registered_name: string | null;
    request: string;
    response: string | null;
    recorded_by: string | null;
    note: string | null;
    checked_at: string;
  };
  registry_entries: {
    identifier_kind: string;
    identifier: string;
    registry: string;
    country: string;
    full_name: string;
    licence_expires_at: string | null;
    source: string;
    imported_at: string;
  };
};

export type ApplicationStatus = 'draft' | 'submitted' | 'approved' | 'rejected' | 'needs_info' | 'suspended';

export interface Check {
  code: 'identifiers' | 'registry' | 'duplicate_identifier' | 'licence_expiry' | 'documents';
  status: 'passed' | 'flagged' | 'missing';
  /** The English sentence, for API clients; the console writes the sentence from `key` and `params`. */
  message: string;
  /** Which sentence: e.g. `registry_name_mismatch`, `licence_expiring` (checks stored before
   * keys are given theirs when read, from their registry outcome). */
  key?: string;
  params?: Record<string, string | number | boolean | string[]>;
  registry?: { name: string; identifierKind: string; outcome: string; registeredName: string | null; checkedAt: string };
}

export interface ApplicationRow {
  id: string;
  userId: string;
  status: ApplicationStatus;
  country: Country;
  fullName: string;
  hospital: string;
  department: string;
  title: string;
  specialties: string[];
  languages: string[];
  bio: string;
  photoDocumentId: string | null;
  priceMinor: number;
  currency: string;
  licenceExpiresAt: string | null;
  pendingLicenceExpiresAt: string | null;
  online: boolean;
  checks: Check[];
  checksKey: string | null;
  submittedAt: string | null;
  decidedAt: string | null;
  verifiedAt: string | null;
  verifiedRegistry: string | null;
  /** How the identity was checked for the badge: a registry match, or a reviewer's recorded check. */
  verifiedMethod: 'registry' | 'reviewer' | null;
  nextCheckDue: string | null;
  reverificationRequestedAt: string | null;
  renewalSubmittedAt: string | null;
  statusReason: string | null;
  createdAt: string;
  updatedAt: string;
  identifiers: Identifiers;
  /** United States: the state of the licence (two letters), and whether the doctor holds a multi-state licence. */
  usState: string | null;
  multiState: boolean;
}

export interface DocumentRow {
  id: string;
  applicationId: string;
  userId: string;
  kind: string;
  mime: string;
  size: number;
  sha256: string;
  createdAt: string;
}

export interface DecisionRow {
  id: string;
  actorId: string | null;
  action: string;
  fromStatus: string;
  toStatus: string;
  reason: string | null;
  createdAt: string;
}

export interface EvidenceRow {
  id: string;
  registry: string;
  identifierKind: string;
  identifier: string;
  outcome: string;
  registeredName: string | null;
  request: unknown;
  response: unknown;
  recordedBy: string | null;
  note: string | null;
  checkedAt: string;
}

export interface RegistryEntry {
  identifierKind: string;
  identifier: string;
  registry: string;
  country: string;
  fullName: string;
  licenceExpiresAt: string | null;
}

const applicationColumns = [
  'id',
  'user_id',
  'status',
  'country',
  'full_name',
  'hospital',
  'department',
  'title',
  'specialties',
  'languages',
  'bio',
  'photo_document_id',
  'price_minor',
  'currency',
  'licence_expires_at',
  'pending_licence_expires_at',
  'online',
  'checks',
  'checks_key',
  'submitted_at',
  'decided_at',
  'verified_at',
  'verified_registry',
  'verified_method',
  'next_check_due',
  'reverification_requested_at',
  'renewal_submitted_at',
  'status_reason',
  'created_at',
  'updated_at',
  'us_state',
  'multi_state',
] as const;

type ApplicationTable = DoctorsTables['doctor_applications'];
export type ApplicationPatch = Partial<Omit<ApplicationTable, 'id' | 'user_id' | 'created_at'>>;

export class DoctorsStore {
  constructor(private readonly db: Database) {}

  private q() {
    return this.db.withTables<DoctorsTables>();
  }

  private async shape(rows: Array<Pick<ApplicationTable, (typeof applicationColumns)[number]>>): Promise<ApplicationRow[]> {
    if (rows.length === 0) return [];
    const ids = await this.q()
      .selectFrom('doctor_identifiers')
      .select(['application_id', 'kind', 'value'])
      .where(
        'application_id',
        'in',
        rows.map((r) => r.id),
      )
      .execute();
    return rows.map((r) => ({
      id: r.id,
      userId: r.user_id,
      status: r.status as ApplicationStatus,
      country: r.country as Country,
      fullName: r.full_name,
      hospital: r.hospital,
      department: r.department,
      title: r.title,
      specialties: parseJson<string[]>(r.specialties, []),
      languages: parseJson<string[]>(r.languages, []),
      bio: r.bio,
      photoDocumentId: r.photo_document_id,
      priceMinor: Number(r.price_minor),
      currency: r.currency,
      licenceExpiresAt: r.licence_expires_at,
      pendingLicenceExpiresAt: r.pending_licence_expires_at,
      online: toBool(r.online),
      checks: parseJson<Check[]>(r.checks, []),
      checksKey: r.checks_key,
      submittedAt: r.submitted_at,
      decidedAt: r.decided_at,
      verifiedAt: r.verified_at,
      verifiedRegistry: r.verified_registry,
      verifiedMethod: r.verified_method === 'registry' || r.verified_method === 'reviewer' ? r.verified_method : null,
      nextCheckDue: r.next_check_due,
      reverificationRequestedAt: r.reverification_requested_at,
      renewalSubmittedAt: r.renewal_submitted_at,
      statusReason: r.status_reason,
      createdAt: r.created_at,
      updatedAt: r.updated_at,
      identifiers: Object.fromEntries(ids.filter((i) => i.application_id === r.id).map((i) => [i.kind, i.value])) as Identifiers,
      usState: r.us_state,
      multiState: toBool(r.multi_state),
    }));
  }

  async findById(id: string): Promise<ApplicationRow | null> {
    const row = await this.q().selectFrom('doctor_applications').select(applicationColumns).where('id', '=', id).executeTakeFirst();
    return row ? (await this.shape([row]))[0]! : null;
  }

  async findByUser(userId: string): Promise<ApplicationRow | null> {
    const row = await this.q().selectFrom('doctor_applications').select(applicationColumns).where('user_id', '=', userId).executeTakeFirst();
    return row ? (await this.shape([row]))[0]! : null;
  }

  /** Re-reads an application inside a transaction, locking its row on PostgreSQL, so a
   * decision re-checks the state it changes. */
  async lockById(id: string): Promise<ApplicationRow | null> {
    let query = this.q().selectFrom('doctor_applications').select(applicationColumns).where('id', '=', id);
    if (this.db.dialect === 'postgres') query = query.forUpdate();
    const row = await query.executeTakeFirst();
    return row ? (await this.shape([row]))[0]! : null;
  }

  async list(filter: {
    statuses?: ApplicationStatus[];
    renewal?: boolean;
    department?: string;
    language?: string;
    online?: boolean;
    limit?: number;
  }): Promise<ApplicationRow[]> {
    let query = this.q().selectFrom('doctor_applications').select(applicationColumns);
    if (filter.statuses) query = query.where('status', 'in', filter.statuses);
    if (filter.renewal) query = query.where('renewal_submitted_at', 'is not', null);
    if (filter.department) query = query.where('department', '=', filter.department);
    // Languages are a JSON array of short codes: match the quoted code in the text.
    if (filter.language) query = query.where('languages', 'like', `%"${filter.language.replace(/[%_"\\]/g, '')}"%`);
    if (filter.online !== undefined) query = query.where('online', '=', filter.online ? 1 : 0);
    const rows = await query
      .orderBy(sql`coalesce(submitted_at, updated_at)`)
      .orderBy('id')
      .limit(Math.min(filter.limit ?? 200, 500))
      .execute();
    return this.shape(rows);
  }

  async insert(row: Omit<ApplicationTable, 'us_state' | 'multi_state'> & Partial<Pick<ApplicationTable, 'us_state' | 'multi_state'>>): Promise<void> {
    await this.q()
      .insertInto('doctor_applications')
      .values({ us_state: null, multi_state: 0, ...row })
      .execute();
  }

  async update(id: string, patch: ApplicationPatch): Promise<void> {
    await this.q().updateTable('doctor_applications').set(patch).where('id', '=', id).execute();
  }

  /** Replaces the identifiers of an application that is not approved. */
  async replaceIdentifiers(applicationId: string, userId: string, values: Identifiers): Promise<void> {
    await this.q().deleteFrom('doctor_identifiers').where('application_id', '=', applicationId).execute();
    const rows = Object.entries(values).map(([kind, value]) => ({ application_id: applicationId, user_id: userId, kind, value: value!, approved_value: null }));
    if (rows.length) await this.q().insertInto('doctor_identifiers').values(rows).execute();
  }

  /** Other accounts' applications holding any of these identifiers. */
  async holdersOf(values: Identifiers, exceptUserId: string): Promise<Array<{ kind: IdentifierKind; userId: string; approved: boolean }>> {
    const entries = Object.entries(values);
    if (entries.length === 0) return [];
    const rows = await this.q()
      .selectFrom('doctor_identifiers')
      .select(['kind', 'user_id', 'approved_value'])
      .where('user_id', '!=', exceptUserId)
      .where((eb) => eb.or(entries.map(([kind, value]) => eb.and([eb('kind', '=', kind), eb('value', '=', value!)]))))
      .execute();
    return rows.map((r) => ({ kind: r.kind as IdentifierKind, userId: r.user_id, approved: r.approved_value !== null }));
  }

  /** Marks the identifiers approved (the unique index refuses a second approved holder) or not. */
  async setIdentifiersApproved(applicationId: string, approved: boolean): Promise<void> {
    await this.q()
      .updateTable('doctor_identifiers')
      .set({ approved_value: approved ? sql<string>`value` : null })
      .where('application_id', '=', applicationId)
      .execute();
  }

  // ---- documents ----

  async insertDocument(doc: DoctorsTables['doctor_documents']): Promise<void> {
    await this.q().insertInto('doctor_documents').values(doc).execute();
  }

  async documentsOf(applicationId: string): Promise<DocumentRow[]> {
    const rows = await this.q()
      .selectFrom('doctor_documents')
      .select(['id', 'application_id', 'user_id', 'kind', 'mime', 'size', 'sha256', 'created_at'])
      .where('application_id', '=', applicationId)
      .where('deleted_at', 'is', null)
      .orderBy('created_at')
      .orderBy('id')
      .execute();
    return rows.map((r) => ({
      id: r.id,
      applicationId: r.application_id,
      userId: r.user_id,
      kind: r.kind,
      mime: r.mime,
      size: Number(r.size),
      sha256: r.sha256,
      createdAt: r.created_at,
    }));
  }

  /** The one place a blob key is read: to stream the document to someone allowed to see it. */
  async documentBlob(id: string): Promise<(DocumentRow & { blobKey: string }) | null> {
    const r = await this.q()
      .selectFrom('doctor_documents')
      .select(['id', 'application_id', 'user_id', 'kind', 'mime', 'size', 'sha256', 'created_at', 'blob_key'])
      .where('id', '=', id)
      .where('deleted_at', 'is', null)
      .executeTakeFirst();
    return r
      ? {
          id: r.id,
          applicationId: r.application_id,
          userId: r.user_id,
          kind: r.kind,
          mime: r.mime,
          size: Number(r.size),
          sha256: r.sha256,
          createdAt: r.created_at,
          blobKey: r.blob_key,
        }
      : null;
  }

  // ---- decisions and evidence ----

  async insertDecision(row: DoctorsTables['doctor_decisions']): Promise<void> {
    await this.q().insertInto('doctor_decisions').values(row).execute();
  }

  async decisionsOf(applicationId: string): Promise<DecisionRow[]> {
    const rows = await this.q()
      .selectFrom('doctor_decisions')
      .select(['id', 'actor_id', 'action', 'from_status', 'to_status', 'reason', 'created_at'])
      .where('application_id', '=', applicationId)
      .orderBy('created_at')
      .orderBy('id')
      .execute();
    return rows.map((r) => ({
      id: r.id,
      actorId: r.actor_id,
      action: r.action,
      fromStatus: r.from_status,
      toStatus: r.to_status,
      reason: r.reason,
      createdAt: r.created_at,
    }));
  }

  async insertEvidence(row: DoctorsTables['doctor_registry_evidence']): Promise<void> {
    await this.q().insertInto('doctor_registry_evidence').values(row).execute();
  }

  async evidenceOf(applicationId: string): Promise<EvidenceRow[]> {
    const rows = await this.q()
      .selectFrom('doctor_registry_evidence')
      .select(['id', 'registry', 'identifier_kind', 'identifier', 'outcome', 'registered_name', 'request', 'response', 'recorded_by', 'note', 'checked_at'])
      .where('application_id', '=', applicationId)
      .orderBy('checked_at', 'desc')
      .orderBy('id', 'desc')
      .execute();
    return rows.map((r) => ({
      id: r.id,
      registry: r.registry,
      identifierKind: r.identifier_kind,
      identifier: r.identifier,
      outcome: r.outcome,
      registeredName: r.registered_name,
      request: parseJson<unknown>(r.request, null),
      response: parseJson<unknown>(r.response, null),
      recordedBy: r.recorded_by,
      note: r.note,
      checkedAt: r.checked_at,
    }));
  }

  // ---- offline registry ----

  async upsertRegistryEntries(entries: Array<DoctorsTables['registry_entries']>): Promise<void> {
    for (const entry of entries) {
      await this.q()
        .insertInto('registry_entries')
        .values(entry)
        .onConflict((oc) =>
          oc.columns(['identifier_kind', 'identifier']).doUpdateSet({
            registry: entry.registry,
            country: entry.country,
            full_name: entry.full_name,
            licence_expires_at: entry.licence_expires_at,
            source: entry.source,
            imported_at: entry.imported_at,
          }),
        )
        .execute();
    }
  }

  async registryEntry(kind: IdentifierKind, identifier: string): Promise<RegistryEntry | null> {
    const r = await this.q()
      .selectFrom('registry_entries')
      .select(['identifier_kind', 'identifier', 'registry', 'country', 'full_name', 'licence_expires_at'])
      .where('identifier_kind', '=', kind)
      .where('identifier', '=', identifier)
      .executeTakeFirst();
    return r
      ? {
          identifierKind: r.identifier_kind,
          identifier: r.identifier,
          registry: r.registry,
          country: r.country,
          fullName: r.full_name,
          licenceExpiresAt: r.licence_expires_at,
        }
      : null;
  }
}
