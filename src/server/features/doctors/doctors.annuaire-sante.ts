// France: the Annuaire Santé FHIR API (Agence du Numérique en Santé), Practitioner by
// identifier, authenticated with the `ESANTE-API-KEY` header.
//   GET {base}/Practitioner?identifier=10000000017
//   → {"resourceType": "Bundle", "type": "searchset", "total": 1, "entry": [{"resource":
//       {"resourceType": "Practitioner", "identifier": [{"system": "https://rpps.esante.gouv.fr",
//        "value": "10000000017"}], "active": true, "name": [{"family": "…", "given": ["…"]}]}}]}
import type { Clock } from '../../platform/clock.ts';
import { fetchEvidence, joinUrl, type RegistryClient, type RegistryLookup } from './doctors.registry.ts';

export const ANNUAIRE_SANTE_DEFAULT_URL = 'https://gateway.api.esante.gouv.fr/fhir/v2';

interface FhirName {
  family?: unknown;
  given?: unknown;
  text?: unknown;
}

export class AnnuaireSanteClient implements RegistryClient {
  readonly registry = 'Annuaire Santé (RPPS)';
  readonly identifierKind = 'rpps' as const;

  constructor(
    private readonly baseUrl: string,
    private readonly apiKey: string | null,
    private readonly clock: Clock,
    private readonly timeoutMs = 5000,
  ) {}

  async lookup(rpps: string): Promise<RegistryLookup> {
    const url = joinUrl(this.baseUrl, `/Practitioner?identifier=${encodeURIComponent(rpps)}`);
    if (!this.apiKey) {
      const at = this.clock.now().toISOString();
      return {
        registry: this.registry,
        outcome: 'unreachable',
        names: [],
        request: { method: 'GET', url, at },
        response: { status: null, body: null, at, error: 'LOTUS_ANNUAIRE_SANTE_API_KEY is not configured, so the registry was not asked' },
      };
    }
    const exchange = await fetchEvidence(url, { 'ESANTE-API-KEY': this.apiKey, accept: 'application/fhir+json' }, this.timeoutMs, () => this.clock.now());
    const base = { registry: this.registry, request: exchange.request, response: exchange.response, names: [] as string[] };
    if (exchange.failed) return { ...base, outcome: exchange.failed };
    const bundle = exchange.json as { resourceType?: unknown; entry?: unknown; total?: unknown } | null;
    if (!bundle || bundle.resourceType !== 'Bundle') return { ...base, outcome: 'malformed', response: { ...exchange.response, error: 'the answer is not a FHIR Bundle' } };
    const entries = Array.isArray(bundle.entry) ? (bundle.entry as Array<{ resource?: { resourceType?: unknown; identifier?: unknown; name?: unknown; active?: unknown } }>) : [];
    const practitioner = entries
      .map((e) => e?.resource)
      .find((r) => r?.resourceType === 'Practitioner' && Array.isArray(r.identifier) && (r.identifier as Array<{ value?: unknown }>).some((i) => String(i?.value).endsWith(rpps)));
    if (!practitioner) return { ...base, outcome: 'not_found' };
    const names: string[] = [];
    for (const n of Array.isArray(practitioner.name) ? (practitioner.name as FhirName[]) : []) {
      if (typeof n?.text === 'string') names.push(n.text);
      const given = Array.isArray(n?.given) ? n.given.filter((g): g is string => typeof g === 'string') : [];
      const family = typeof n?.family === 'string' ? n.family : '';
      if (family || given.length) names.push([...given, family].join(' ').trim());
    }
    return { ...base, outcome: 'found', names, ...(typeof practitioner.active === 'boolean' ? { active: practitioner.active } : {}) };
  }
}
