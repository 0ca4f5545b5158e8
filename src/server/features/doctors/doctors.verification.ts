// Automatic checks of an application against the registries. Every lookup is kept as
// evidence (request, response, time). A match is `passed`; anything else — a different
// name, no such number, an inactive record, a registry that did not answer or answered
// nonsense — is `flagged` for the reviewer, who decides. Nothing is silently accepted or
// silently refused here.
import { createHash } from 'node:crypto';
import type { Clock } from '../../platform/clock.ts';
import { newId } from '../../platform/ids.ts';
import { IDENTIFIER_LABELS, type Country, type IdentifierKind, type Identifiers } from './doctors.identifiers.ts';
import { namesMatch } from './doctors.name-match.ts';
import type { OfflineRegistry } from './doctors.offline-registry.ts';
import type { RegistryClient, RegistryLookup } from './doctors.registry.ts';
import type { Check, DoctorsStore } from './doctors.store.ts';

/** The identifier a country's registry check is made on. */
export const PRIMARY_IDENTIFIER: Record<Country, IdentifierKind> = { US: 'npi', FR: 'rpps', CN: 'cnPracticeCert' };

export type RegistryOutcome = 'match' | 'name_mismatch' | 'not_found' | 'unreachable' | 'malformed' | 'inactive' | 'manual_required';

export interface RegistryClients {
  nppes: RegistryClient;
  annuaireSante: RegistryClient;
}

const outcomeMessages: Record<RegistryOutcome, (r: { registry: string; label: string; name: string | null }) => string> = {
  match: ({ registry, label, name }) => `${registry} holds this ${label} under the name ${name}, which matches.`,
  name_mismatch: ({ registry, label, name }) => `${registry} holds this ${label} under a different name (${name}). A reviewer will compare.`,
  not_found: ({ registry, label }) => `${registry} has no practitioner with this ${label}. A reviewer will check.`,
  unreachable: ({ registry }) => `${registry} could not be reached. A reviewer will check by hand.`,
  malformed: ({ registry }) => `${registry} gave an answer we could not read. A reviewer will check by hand.`,
  inactive: ({ registry, label }) => `${registry} lists this ${label} as inactive. A reviewer will check.`,
  manual_required: ({ label }) => `No online registry covers this ${label}: a reviewer checks it against the National Health Commission lookup.`,
};

export function checksKeyOf(country: Country, fullName: string, identifiers: Identifiers): string {
  return createHash('sha256')
    .update(JSON.stringify([country, fullName.trim().toLowerCase(), identifiers]))
    .digest('hex')
    .slice(0, 32);
}

export class Verification {
  constructor(
    private readonly store: DoctorsStore,
    private readonly clients: RegistryClients,
    private readonly offline: OfflineRegistry,
    private readonly clock: Clock,
  ) {}

  private clientFor(country: Country): RegistryClient | null {
    if (country === 'US') return this.clients.nppes;
    if (country === 'FR') return this.clients.annuaireSante;
    return null;
  }

  private outcomeOf(lookup: RegistryLookup, fullName: string): { outcome: RegistryOutcome; registeredName: string | null } {
    if (lookup.outcome !== 'found') return { outcome: lookup.outcome, registeredName: null };
    const registeredName = lookup.names[0] ?? null;
    if (!lookup.names.some((n) => namesMatch(fullName, n))) return { outcome: 'name_mismatch', registeredName };
    if (lookup.active === false) return { outcome: 'inactive', registeredName };
    return { outcome: 'match', registeredName };
  }

  /** Asks the registries about an application's identity and keeps the evidence. Returns
   * the registry checks (one per registry asked). */
  async run(application: { id: string; country: Country; fullName: string; identifiers: Identifiers }): Promise<Check[]> {
    const kind = PRIMARY_IDENTIFIER[application.country];
    const identifier = application.identifiers[kind];
    const label = IDENTIFIER_LABELS[kind];
    if (!identifier) return [];
    const lookups: RegistryLookup[] = [];
    const online = this.clientFor(application.country);
    if (online) lookups.push(await online.lookup(identifier));
    const first = lookups[0] ? this.outcomeOf(lookups[0], application.fullName).outcome : null;
    // The offline registry answers for China, and backs up an online registry that did not confirm.
    if (first !== 'match') {
      const offline = await this.offline.client(kind).lookup(identifier);
      if (offline.outcome === 'found' || !online) lookups.push(offline);
    }
    const checks: Check[] = [];
    for (const lookup of lookups) {
      let { outcome, registeredName } = this.outcomeOf(lookup, application.fullName);
      if (!online && outcome === 'not_found') outcome = 'manual_required';
      const registry = outcome === 'manual_required' ? 'NHC manual check' : lookup.registry;
      await this.store.insertEvidence({
        id: newId('rev'),
        application_id: application.id,
        registry,
        identifier_kind: kind,
        identifier,
        outcome,
        registered_name: registeredName,
        request: JSON.stringify(lookup.request),
        response: JSON.stringify(lookup.response),
        recorded_by: null,
        note: null,
        checked_at: lookup.response.at,
      });
      checks.push({
        code: 'registry',
        status: outcome === 'match' ? 'passed' : 'flagged',
        message: outcomeMessages[outcome]({ registry, label, name: registeredName }),
        key: `registry_${outcome}`,
        params: { registry, identifier: kind, name: registeredName ?? '' },
        registry: { name: registry, identifierKind: kind, outcome, registeredName, checkedAt: lookup.response.at },
      });
    }
    // A match anywhere settles it; the flagged answers stay in the evidence.
    const matched = checks.find((c) => c.status === 'passed');
    return matched ? [matched] : checks;
  }

  now(): Date {
    return this.clock.now();
  }
}
