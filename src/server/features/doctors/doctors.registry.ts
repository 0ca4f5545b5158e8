// Practitioner registries: the common shape of a lookup and its evidence (what was asked,
// what came back, when), and the HTTP plumbing every online client shares: a short
// timeout, a capped response, and no secret (API keys) in the stored evidence.
import type { IdentifierKind } from './doctors.identifiers.ts';

export type LookupOutcome = 'found' | 'not_found' | 'unreachable' | 'malformed';

export interface RegistryExchange {
  request: { method: string; url: string; at: string };
  response: { status: number | null; body: string | null; at: string; error?: string };
}

export interface RegistryLookup extends RegistryExchange {
  registry: string;
  outcome: LookupOutcome;
  /** Names the registry holds for this identifier (several forms: with and without middle names). */
  names: string[];
  /** Active status when the registry says (NPPES `basic.status`, FHIR `active`). */
  active?: boolean;
}

export interface RegistryClient {
  readonly registry: string;
  readonly identifierKind: IdentifierKind;
  lookup(identifier: string): Promise<RegistryLookup>;
}

export const RESPONSE_CAP = 16 * 1024;

/** GET with a timeout; never throws: network failures come back as `unreachable`. */
export async function fetchEvidence(
  url: string,
  headers: Record<string, string>,
  timeoutMs: number,
  now: () => Date,
): Promise<RegistryExchange & { json: unknown; failed: 'unreachable' | 'malformed' | null }> {
  const request = { method: 'GET', url, at: now().toISOString() };
  try {
    const response = await fetch(url, { headers: { accept: 'application/json', ...headers }, signal: AbortSignal.timeout(timeoutMs), redirect: 'error' });
    const text = await response.text();
    const at = now().toISOString();
    const body = text.length > RESPONSE_CAP ? text.slice(0, RESPONSE_CAP) + '…[truncated]' : text;
    if (response.status >= 500 || response.status === 401 || response.status === 403 || response.status === 429) {
      return { request, response: { status: response.status, body, at, error: `the registry answered ${response.status}` }, json: null, failed: 'unreachable' };
    }
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      return { request, response: { status: response.status, body, at, error: 'the answer is not JSON' }, json: null, failed: 'malformed' };
    }
    return { request, response: { status: response.status, body, at }, json, failed: null };
  } catch (error) {
    const name = (error as Error).name;
    const message = name === 'TimeoutError' || name === 'AbortError' ? `no answer within ${timeoutMs} ms` : `could not connect (${(error as Error).message})`;
    return { request, response: { status: null, body: null, at: now().toISOString(), error: message }, json: null, failed: 'unreachable' };
  }
}

export function joinUrl(base: string, path: string): string {
  return base.replace(/\/+$/, '') + path;
}
