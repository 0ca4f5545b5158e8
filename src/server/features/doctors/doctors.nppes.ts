// United States: the NPPES NPI Registry API, version 2.1.
//   GET {base}?version=2.1&number=1234567893
//   → {"result_count": 1, "results": [{"number": "1234567893", "enumeration_type": "NPI-1",
//       "basic": {"first_name": "…", "last_name": "…", "middle_name"?: "…", "status": "A", …}, …}]}
//   → {"result_count": 0, "results": []} when nobody holds the number
//   → {"Errors": [{"description": "…", "field": "number", "number": "…"}]} for a bad request
import type { Clock } from '../../platform/clock.ts';
import { fetchEvidence, type RegistryClient, type RegistryLookup } from './doctors.registry.ts';

export const NPPES_DEFAULT_URL = 'https://npiregistry.cms.hhs.gov/api/';

interface NppesBasic {
  first_name?: unknown;
  last_name?: unknown;
  middle_name?: unknown;
  organization_name?: unknown;
  status?: unknown;
}

export class NppesClient implements RegistryClient {
  readonly registry = 'NPPES';
  readonly identifierKind = 'npi' as const;

  constructor(
    private readonly baseUrl: string,
    private readonly clock: Clock,
    private readonly timeoutMs = 5000,
  ) {}

  async lookup(npi: string): Promise<RegistryLookup> {
    const url = new URL(this.baseUrl.includes('?') ? this.baseUrl : this.baseUrl.replace(/\/*$/, '/'));
    url.searchParams.set('version', '2.1');
    url.searchParams.set('number', npi);
    const exchange = await fetchEvidence(url.toString(), {}, this.timeoutMs, () => this.clock.now());
    const base = { registry: this.registry, request: exchange.request, response: exchange.response, names: [] as string[] };
    if (exchange.failed) return { ...base, outcome: exchange.failed };
    const data = exchange.json as { result_count?: unknown; results?: unknown; Errors?: unknown } | null;
    if (data && Array.isArray(data.Errors)) return { ...base, outcome: 'malformed', response: { ...exchange.response, error: 'the registry refused the request' } };
    if (!data || typeof data !== 'object' || !Array.isArray(data.results)) return { ...base, outcome: 'malformed', response: { ...exchange.response, error: 'no results array in the answer' } };
    const match = (data.results as Array<{ number?: unknown; basic?: NppesBasic }>).find((r) => String(r?.number) === npi);
    if (!match) return { ...base, outcome: 'not_found' };
    const basic = match.basic;
    if (!basic || typeof basic !== 'object') return { ...base, outcome: 'malformed', response: { ...exchange.response, error: 'no basic section in the result' } };
    const first = typeof basic.first_name === 'string' ? basic.first_name : '';
    const last = typeof basic.last_name === 'string' ? basic.last_name : '';
    const middle = typeof basic.middle_name === 'string' ? basic.middle_name : '';
    const names = first || last ? [`${first} ${last}`.trim(), ...(middle ? [`${first} ${middle} ${last}`] : [])] : [];
    if (names.length === 0 && typeof basic.organization_name === 'string') names.push(basic.organization_name);
    return { ...base, outcome: 'found', names, ...(typeof basic.status === 'string' ? { active: basic.status === 'A' } : {}) };
  }
}
