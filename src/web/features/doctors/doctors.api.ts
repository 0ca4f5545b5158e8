// The doctors feature's API shapes on the web side, and the upload with progress events
// (fetch has none for uploads; XMLHttpRequest has).
import { ApiError } from '../../app/api.ts';
import { formatDate as formatDay } from '../../app/dates.ts';
import type { Locale } from '../../../shared/locales.ts';

export type Country = 'CN' | 'FR' | 'US';
export type Status = 'draft' | 'submitted' | 'approved' | 'rejected' | 'needs_info' | 'suspended';

export interface Badge {
  /** What was checked: a registry, or the source a reviewer consulted ('' when an older approval named none). */
  registry: string;
  checkedBy: 'registry' | 'reviewer';
  identifier: string;
  verifiedAt: string;
  nextCheckDue: string | null;
}

export interface Check {
  code: string;
  status: 'passed' | 'flagged' | 'missing';
  message: string;
  registry?: { name: string; outcome: string; registeredName: string | null; checkedAt: string };
}

export interface DocumentInfo {
  id: string;
  kind: string;
  mime: string;
  size: number;
  createdAt: string;
  url: string;
}

export interface Decision {
  action: string;
  fromStatus: string;
  toStatus: string;
  reason: string | null;
  at: string;
  reviewerName?: string | null;
}

export interface Evidence {
  id: string;
  registry: string;
  identifierKind: string;
  identifier: string;
  outcome: string;
  registeredName: string | null;
  request: { method?: string; url?: string | null; at?: string } | null;
  response: { status?: number | null; body?: string | null; error?: string } | null;
  note: string | null;
  /** Who recorded it (reviewers see it); null for the automatic registry checks. */
  recordedBy?: string | null;
  checkedAt: string;
}

/** Whether approving needs a reviewer's recorded match first, as the server decides it: a
 * flagged registry or duplicate check, and no manual check since the latest automatic one
 * (or the latest manual check did not match). */
export function needsEvidence(app: Pick<Application, 'checks' | 'evidence'>): boolean {
  const flagged = app.checks.some((c) => (c.code === 'registry' || c.code === 'duplicate_identifier') && c.status !== 'passed');
  const passed = app.checks.some((c) => c.code === 'registry' && c.status === 'passed');
  if (!flagged && passed) return false;
  const latestAutomatic = app.evidence.find((e) => !e.recordedBy)?.checkedAt ?? '';
  const manual = app.evidence.find((e) => e.recordedBy && e.checkedAt >= latestAutomatic);
  return manual?.outcome !== 'match';
}

export interface Application {
  id: string;
  userId: string;
  status: Status;
  country: Country;
  fullName: string;
  hospital: string;
  department: string;
  title: string;
  specialties: string[];
  languages: string[];
  usState: string | null;
  multiState: boolean;
  bio: string;
  photoUrl: string | null;
  priceMinor: number;
  currency: string;
  identifiers: Record<string, string>;
  licenceExpiresAt: string | null;
  pendingLicenceExpiresAt: string | null;
  online: boolean;
  checks: Check[];
  missing: string[];
  documents: DocumentInfo[];
  decisions: Decision[];
  evidence: Evidence[];
  badge: Badge | null;
  submittedAt: string | null;
  reverificationRequestedAt: string | null;
  renewalSubmittedAt: string | null;
  statusReason: string | null;
}

export interface Practitioner {
  stats?: { consultations: number; ratingAverage: number | null; ratingCount: number; medianFirstReplySeconds: number | null };
  id: string;
  userId: string;
  fullName: string;
  title: string;
  hospital: string;
  department: string;
  specialties: string[];
  languages: string[];
  usState: string | null;
  multiState: boolean;
  bio: string;
  photoUrl: string | null;
  priceMinor: number;
  currency: string;
  online: boolean;
  country: Country;
  badge: Badge;
}

export interface QueueItem {
  id: string;
  userId: string;
  fullName: string;
  status: Status;
  country: Country;
  department: string;
  hospital: string;
  submittedAt: string | null;
  renewalSubmittedAt: string | null;
  flagged: number;
}

/** POSTs a multipart form, reporting upload progress from 0 to 1. */
export function uploadWithProgress<T>(url: string, form: FormData, onProgress: (fraction: number) => void): Promise<T> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', url);
    xhr.setRequestHeader('accept', 'application/json');
    xhr.upload.addEventListener('progress', (e) => {
      if (e.lengthComputable) onProgress(e.loaded / e.total);
    });
    xhr.addEventListener('load', () => {
      let data: unknown = null;
      try {
        data = xhr.responseText ? JSON.parse(xhr.responseText) : null;
      } catch {
        data = null;
      }
      if (xhr.status >= 200 && xhr.status < 300) {
        onProgress(1);
        resolve(data as T);
        return;
      }
      const error = (data as { error?: { code?: string; message?: string; fields?: Record<string, string> } } | null)?.error;
      reject(new ApiError(xhr.status, error?.code ?? 'http_error', error?.message ?? `The server answered ${xhr.status}.`, error?.fields ?? {}));
    });
    xhr.addEventListener('error', () => reject(new ApiError(0, 'network_error', 'We could not reach Lotus Health. Check your connection and try again.')));
    xhr.send(form);
  });
}

export function formatMoney(minor: number, currency: string, locale: string): string {
  return new Intl.NumberFormat(locale === 'zh' ? 'zh-CN' : locale, { style: 'currency', currency }).format(minor / 100);
}

export function formatDate(iso: string | null, locale: string): string {
  if (!iso) return '—';
  return formatDay(iso, locale as Locale);
}
