// The doctors feature's API shapes on the web side (the contract's), and the upload with progress events
// (fetch has none for uploads; XMLHttpRequest has).
import { ApiError } from '../../app/api.ts';
import { formatDate as formatDay } from '../../app/dates.ts';
import type { Locale } from '../../../shared/locales.ts';

import type { Application } from '../../../shared/contracts/doctors.ts';
export type {
  Application,
  ApplicationStatus as Status,
  ApplicationSummary as QueueItem,
  Badge,
  Check,
  Country,
  DocumentInfo,
  Practitioner,
} from '../../../shared/contracts/doctors.ts';

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

export function formatDate(iso: string | null, locale: string): string {
  if (!iso) return '—';
  return formatDay(iso, locale as Locale);
}
