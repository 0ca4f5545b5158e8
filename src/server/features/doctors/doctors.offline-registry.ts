// An offline practitioner registry any country can use: lists an authority publishes as
// files (China's National Health Commission has no public API) are loaded with
// `lotus registry import FILE.csv` and checked like an online registry.
//
// CSV, UTF-8, a header line then one practitioner per line:
//   country,registry,identifier_kind,identifier,full_name,licence_expires_at
//   CN,NHC practice register,cnPracticeCert,110440100012345,李伟,2028-12-31
import { checkIdentifier, IDENTIFIER_KINDS, normaliseIdentifier, type IdentifierKind } from './doctors.identifiers.ts';
import type { RegistryClient, RegistryLookup } from './doctors.registry.ts';
import type { DoctorsStore, DoctorsTables } from './doctors.store.ts';

/** RFC 4180 CSV: quoted fields may hold commas, quotes ("") and line breaks. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  const src = text.replace(/^\uFEFF/, '');
  for (let i = 0; i < src.length; i++) {
    const c = src[i]!;
    if (quoted) {
      if (c === '"' && src[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"' && field === '') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && src[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += c;
  }
  if (field !== '' || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows.filter((r) => !(r.length === 1 && r[0]!.trim() === ''));
}

const COLUMNS = ['country', 'registry', 'identifier_kind', 'identifier', 'full_name', 'licence_expires_at'] as const;

export interface ParsedRegistry {
  entries: Array<Omit<DoctorsTables['registry_entries'], 'source' | 'imported_at'>>;
  errors: string[];
}

/** Parses and checks a registry file; every problem names its line. */
export function parseRegistryCsv(text: string, today: Date = new Date()): ParsedRegistry {
  const rows = parseCsv(text);
  const errors: string[] = [];
  const entries: ParsedRegistry['entries'] = [];
  const header = rows[0]?.map((h) => h.trim().toLowerCase());
  if (!header || COLUMNS.some((c, i) => (c === 'licence_expires_at' ? header[i] !== undefined && header[i] !== c : header[i] !== c))) {
    return { entries, errors: [`line 1: the header must be ${COLUMNS.join(',')}`] };
  }
  rows.slice(1).forEach((cells, index) => {
    const line = index + 2;
    const [country = '', registry = '', kind = '', identifier = '', fullName = '', expires = ''] = cells.map((c) => c.trim());
    if (!['CN', 'FR', 'US'].includes(country.toUpperCase())) return void errors.push(`line ${line}: country must be CN, FR or US`);
    if (!registry) return void errors.push(`line ${line}: registry (its name, shown on badges) is empty`);
    if (!IDENTIFIER_KINDS.includes(kind as IdentifierKind)) return void errors.push(`line ${line}: identifier_kind must be one of ${IDENTIFIER_KINDS.join(', ')}`);
    const problem = checkIdentifier(kind as IdentifierKind, identifier, today);
    if (problem) return void errors.push(`line ${line}: identifier ${problem}`);
    if (!fullName) return void errors.push(`line ${line}: full_name is empty`);
    if (expires && !/^\d{4}-\d{2}-\d{2}/.test(expires)) return void errors.push(`line ${line}: licence_expires_at must be a date (YYYY-MM-DD)`);
    entries.push({
      country: country.toUpperCase(),
      registry: registry.slice(0, 100),
      identifier_kind: kind,
      identifier: normaliseIdentifier(kind as IdentifierKind, identifier),
      full_name: fullName.slice(0, 200),
      licence_expires_at: expires ? new Date(expires).toISOString() : null,
    });
  });
  return { entries, errors };
}

/** Looks identifiers up in the imported registry. */
export class OfflineRegistry {
  constructor(
    private readonly store: DoctorsStore,
    private readonly now: () => Date,
  ) {}

  client(kind: IdentifierKind): RegistryClient {
    return {
      registry: 'Offline registry',
      identifierKind: kind,
      lookup: async (identifier: string): Promise<RegistryLookup> => {
        const at = this.now().toISOString();
        const entry = await this.store.registryEntry(kind, identifier);
        const request = { method: 'LOOKUP', url: `registry_entries?identifier_kind=${kind}&identifier=${identifier}`, at };
        if (!entry) return { registry: 'Offline registry', outcome: 'not_found', names: [], request, response: { status: null, body: null, at } };
        return {
          registry: entry.registry,
          outcome: 'found',
          names: [entry.fullName],
          active: !entry.licenceExpiresAt || entry.licenceExpiresAt > at,
          request,
          response: { status: null, body: JSON.stringify(entry), at },
        };
      },
    };
  }
}
