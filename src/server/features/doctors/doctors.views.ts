// What leaves the server about applications and doctors, shaped on purpose: the applicant
// and reviewers see the whole application; patients see the public profile with a badge
// whose identifier is partly masked.
import { IDENTIFIER_LABELS, maskIdentifier, missingIdentifiers } from './doctors.identifiers.ts';
import type { Application, Practitioner } from '../../../shared/contracts/doctors.ts';
import type { ApplicationRow, Check, DecisionRow, DocumentRow, EvidenceRow } from './doctors.store.ts';
import { PRIMARY_IDENTIFIER } from './doctors.verification.ts';

export const RENEW_BEFORE_DAYS = 30;
export const RECHECK_EVERY_DAYS = 365;
const DAY = 86_400_000;

export const documentUrl = (id: string) => `/api/doctor/documents/${id}`;
export const photoUrlOf = (row: ApplicationRow) => (row.photoDocumentId ? `/api/doctors/${row.userId}/photo` : null);

/** The next re-check: a year after verification, or a month before the licence expires, whichever is first. */
export function nextCheckDue(verifiedAt: Date, licenceExpiresAt: string | null): string {
  let due = verifiedAt.getTime() + RECHECK_EVERY_DAYS * DAY;
  if (licenceExpiresAt) due = Math.min(due, Date.parse(licenceExpiresAt) - RENEW_BEFORE_DAYS * DAY);
  return new Date(Math.max(due, verifiedAt.getTime())).toISOString();
}

export function badgeOf(row: ApplicationRow): Practitioner['badge'] | null {
  if (!row.verifiedAt) return null;
  const identifier = row.identifiers[PRIMARY_IDENTIFIER[row.country]] ?? '';
  return { registry: row.verifiedRegistry === 'Manual review' ? '' : (row.verifiedRegistry ?? ''), checkedBy: checkedByOf(row), identifier: maskIdentifier(identifier), verifiedAt: row.verifiedAt, nextCheckDue: row.nextCheckDue };
}

/** Approvals made before the method was recorded: China's NHC check, or nothing named, was a reviewer's. */
function checkedByOf(row: ApplicationRow): 'registry' | 'reviewer' {
  if (row.verifiedMethod) return row.verifiedMethod;
  return !row.verifiedRegistry || row.verifiedRegistry === 'Manual review' || row.verifiedRegistry === 'NHC manual check' ? 'reviewer' : 'registry';
}

/** Documents an application needs: a licence or certificate, and an identity document. */
export function missingDocuments(documents: DocumentRow[]): string[] {
  const kinds = new Set(documents.map((d) => d.kind));
  const missing: string[] = [];
  if (!kinds.has('licence') && !kinds.has('qualification')) missing.push('documents.licence');
  if (!kinds.has('identity')) missing.push('documents.identity');
  return missing;
}

export function missingOf(row: ApplicationRow, documents: DocumentRow[]): string[] {
  return [...missingIdentifiers(row.country, row.identifiers).map((k) => `identifiers.${k}`), ...missingDocuments(documents)];
}

/** A check as it leaves the server: always with its sentence's key and parameters. */
export type KeyedCheck = Check & Required<Pick<Check, 'key' | 'params'>>;

export function computedChecks(row: ApplicationRow, documents: DocumentRow[], duplicates: Array<{ kind: string; approved: boolean }>, now: Date): KeyedCheck[] {
  const checks: KeyedCheck[] = [];
  const missingIds = missingIdentifiers(row.country, row.identifiers);
  checks.push(
    missingIds.length
      ? { code: 'identifiers', status: 'missing', message: `Still needed: ${missingIds.map((k) => IDENTIFIER_LABELS[k]).join(', ')}.`, key: 'identifiers_missing', params: { identifiers: missingIds } }
      : { code: 'identifiers', status: 'passed', message: 'Every identifier this country needs is given and well formed.', key: 'identifiers_complete', params: {} },
  );
  checks.push(...row.checks.map(keyedRegistryCheck));
  for (const kind of [...new Set(duplicates.map((d) => d.kind))]) {
    const holders = duplicates.filter((d) => d.kind === kind);
    const approved = holders.some((d) => d.approved);
    checks.push({
      code: 'duplicate_identifier',
      status: 'flagged',
      message: `This ${IDENTIFIER_LABELS[kind as keyof typeof IDENTIFIER_LABELS] ?? kind} is also given by ${holders.length === 1 ? 'another account' : `${holders.length} other accounts`}${approved ? ', one of them already approved with it' : ''}.`,
      key: approved ? 'duplicate_identifier_approved' : 'duplicate_identifier',
      params: { identifier: kind, count: holders.length },
    });
  }
  if (row.licenceExpiresAt) {
    const left = Date.parse(row.licenceExpiresAt) - now.getTime();
    const date = row.licenceExpiresAt.slice(0, 10);
    checks.push(
      left <= 0
        ? { code: 'licence_expiry', status: 'flagged', message: `The licence expired on ${date}.`, key: 'licence_expired', params: { date } }
        : left <= RENEW_BEFORE_DAYS * DAY
          ? { code: 'licence_expiry', status: 'flagged', message: `The licence expires on ${date}, within ${RENEW_BEFORE_DAYS} days.`, key: 'licence_expiring', params: { date, days: RENEW_BEFORE_DAYS } }
          : { code: 'licence_expiry', status: 'passed', message: `The licence is valid until ${date}.`, key: 'licence_valid', params: { date } },
    );
  }
  const missingDocs = missingDocuments(documents);
  checks.push(
    missingDocs.length
      ? {
          code: 'documents',
          status: 'missing',
          message: `Still needed: ${missingDocs.map((m) => (m === 'documents.licence' ? 'a licence or certificate' : 'an identity document')).join(' and ')}.`,
          key: 'documents_missing',
          params: { documents: missingDocs.map((m) => m.replace('documents.', '')) },
        }
      : { code: 'documents', status: 'passed', message: 'A licence or certificate and an identity document are uploaded.', key: 'documents_complete', params: {} },
  );
  return checks;
}

/** A registry check stored before checks had keys gets its key from the registry's outcome. */
function keyedRegistryCheck(check: Check): KeyedCheck {
  if (check.key || !check.registry) return { ...check, key: check.key ?? check.code, params: check.params ?? {} };
  const r = check.registry;
  return { ...check, key: `registry_${r.outcome}`, params: { registry: r.name, identifier: r.identifierKind, name: r.registeredName ?? '' } };
}

export function toApplication(
  row: ApplicationRow,
  parts: { documents: DocumentRow[]; decisions: DecisionRow[]; evidence: EvidenceRow[]; checks: KeyedCheck[]; names?: Map<string, string>; forReviewer: boolean },
): Application {
  return {
    id: row.id,
    userId: row.userId,
    status: row.status,
    country: row.country,
    fullName: row.fullName,
    hospital: row.hospital,
    department: row.department,
    title: row.title,
    specialties: row.specialties,
    languages: row.languages,
    bio: row.bio,
    photoUrl: row.photoDocumentId ? documentUrl(row.photoDocumentId) : null,
    priceMinor: row.priceMinor,
    currency: row.currency,
    usState: row.usState,
    multiState: row.multiState,
    identifiers: row.identifiers as Record<string, string>,
    licenceExpiresAt: row.licenceExpiresAt,
    pendingLicenceExpiresAt: row.pendingLicenceExpiresAt,
    online: row.online,
    checks: parts.checks,
    missing: missingOf(row, parts.documents),
    documents: parts.documents.map((d) => ({ id: d.id, kind: d.kind, mime: d.mime, size: d.size, createdAt: d.createdAt, url: documentUrl(d.id) })),
    decisions: parts.decisions.map((d) => ({
      action: d.action,
      fromStatus: d.fromStatus,
      toStatus: d.toStatus,
      reason: d.reason,
      at: d.createdAt,
      // The applicant learns what was decided and why; reviewers also see who decided.
      ...(parts.forReviewer ? { reviewerId: d.actorId, reviewerName: d.actorId ? (parts.names?.get(d.actorId) ?? null) : null } : {}),
    })),
    evidence: parts.evidence.map((e) => ({ ...e, recordedBy: parts.forReviewer ? e.recordedBy : null })),
    badge: badgeOf(row),
    submittedAt: row.submittedAt,
    decidedAt: row.decidedAt,
    verifiedAt: row.verifiedAt,
    nextCheckDue: row.nextCheckDue,
    reverificationRequestedAt: row.reverificationRequestedAt,
    renewalSubmittedAt: row.renewalSubmittedAt,
    statusReason: row.statusReason,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

export function toPractitioner(row: ApplicationRow): Practitioner {
  return {
    id: row.userId,
    userId: row.userId,
    fullName: row.fullName,
    title: row.title,
    hospital: row.hospital,
    department: row.department,
    specialties: row.specialties,
    languages: row.languages,
    bio: row.bio,
    photoUrl: photoUrlOf(row),
    priceMinor: row.priceMinor,
    currency: row.currency,
    online: row.online,
    country: row.country,
    usState: row.usState,
    multiState: row.multiState,
    badge: badgeOf(row) ?? { registry: '', checkedBy: 'reviewer', identifier: '', verifiedAt: row.decidedAt ?? row.updatedAt, nextCheckDue: row.nextCheckDue },
  };
}
