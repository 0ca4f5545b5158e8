// The registry clients against local fakes speaking the documented formats over HTTP:
// found, not found, timeout, malformed answer, an unavailable service. Plus name matching.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../platform/clock.ts';
import { startRegistryFakes, type RegistryFakes } from '../../../../test/fixtures/registries/registry-fakes.ts';
import { AnnuaireSanteClient } from './doctors.annuaire-sante.ts';
import { namesMatch } from './doctors.name-match.ts';
import { NppesClient } from './doctors.nppes.ts';
import { parseCsv } from './doctors.offline-registry.ts';

let fakes: RegistryFakes;
const clock = new ManualClock('2026-02-01T10:00:00.000Z');

beforeAll(async () => {
  fakes = await startRegistryFakes({
    nppes: { '1234567893': { first: 'Jane', middle: 'Quinn', last: 'Doe' }, '1987654328': { first: 'Old', last: 'Timer', active: false } },
    annuaire: { '10000000017': { first: 'Hélène', last: 'Dupont' } },
    hang: ['1000000004', '10101010105'],
    malformed: ['1543210987', '81000000000'],
    down: ['1999999992'],
  });
});
afterAll(async () => {
  await fakes.close();
});

describe('NPPES NPI Registry client', () => {
  const client = () => new NppesClient(fakes.nppesUrl, clock, 300);

  it('finds a practitioner and reports the names in the registry, keeping the evidence', async () => {
    const result = await client().lookup('1234567893');
    expect(result.outcome).toBe('found');
    expect(result.names).toEqual(['JANE DOE', 'JANE QUINN DOE']);
    expect(result.active).toBe(true);
    expect(result.request).toEqual({ method: 'GET', url: `${fakes.nppesUrl}?version=2.1&number=1234567893`, at: clock.now().toISOString() });
    expect(result.response.status).toBe(200);
    expect(JSON.parse(result.response.body!).results[0].basic.last_name).toBe('DOE');
  });
  it('reports an inactive record', async () => {
    expect((await client().lookup('1987654328')).active).toBe(false);
  });
  it('answers not_found for an unknown number', async () => {
    const result = await client().lookup('1234567000');
    expect(result.outcome).toBe('not_found');
    expect(result.names).toEqual([]);
  });
  it('gives up after the timeout and says so', async () => {
    const started = Date.now();
    const result = await client().lookup('1000000004');
    expect(result.outcome).toBe('unreachable');
    expect(result.response.error).toMatch(/no answer within 300 ms/);
    expect(Date.now() - started).toBeLessThan(3000);
  });
  it('treats a non-JSON answer and an error list as malformed, and a 503 as unreachable', async () => {
    expect((await client().lookup('1543210987')).outcome).toBe('malformed');
    expect((await client().lookup('123')).outcome).toBe('malformed'); // the fake answers {"Errors": […]}
    expect((await client().lookup('1999999992')).outcome).toBe('unreachable');
  });
  it('answers unreachable when nothing listens', async () => {
    const result = await new NppesClient('http://127.0.0.1:9/nppes/', clock, 300).lookup('1234567893');
    expect(result.outcome).toBe('unreachable');
    expect(result.response.error).toMatch(/could not connect/);
  });
});

describe('Annuaire Santé FHIR client', () => {
  const client = (key: string | null = fakes.apiKey) => new AnnuaireSanteClient(fakes.annuaireUrl, key, clock, 300);

  it('finds a practitioner by RPPS with the API key header', async () => {
    const result = await client().lookup('10000000017');
    expect(result).toMatchObject({ outcome: 'found', names: ['Hélène DUPONT'], active: true });
    expect(result.request.url).toBe(`${fakes.annuaireUrl}/Practitioner?identifier=10000000017`);
    expect(fakes.requests.at(-1)!.headers['esante-api-key']).toBe(fakes.apiKey);
  });
  it('answers not_found for an empty searchset', async () => {
    expect((await client().lookup('10000012343')).outcome).toBe('not_found');
  });
  it('times out, and reads an OperationOutcome as malformed', async () => {
    expect((await client().lookup('10101010105')).outcome).toBe('unreachable');
    expect((await client().lookup('81000000000')).outcome).toBe('malformed');
  });
  it('treats a refused key as unreachable, and asks nothing without a key', async () => {
    expect((await client('wrong-key').lookup('10000000017')).outcome).toBe('unreachable');
    const before = fakes.requests.length;
    const result = await client(null).lookup('10000000017');
    expect(result.outcome).toBe('unreachable');
    expect(result.response.error).toMatch(/LOTUS_ANNUAIRE_SANTE_API_KEY/);
    expect(fakes.requests.length).toBe(before);
  });
});

describe('name matching', () => {
  it('tolerates case, accents, spacing, punctuation, order and a missing middle name', () => {
    expect(namesMatch('Hélène Dupont-Martin', 'DUPONT MARTIN HELENE')).toBe(true);
    expect(namesMatch('Jane Doe', 'JANE QUINN DOE')).toBe(true);
    expect(namesMatch('  jane   doe ', 'Doe, Jane')).toBe(true);
    expect(namesMatch('李伟', '李 伟')).toBe(true);
    expect(namesMatch('Li Wei', 'WEI LI')).toBe(true);
  });
  it('does not match a different person', () => {
    expect(namesMatch('Jane Doe', 'John Doe')).toBe(false);
    expect(namesMatch('Doe', 'Jane Doe')).toBe(false);
    expect(namesMatch('李伟', '李伟明')).toBe(false);
    expect(namesMatch('', '')).toBe(false);
  });
  it('is symmetric and survives reordering and re-casing (property)', () => {
    const word = fc.stringMatching(/^[a-zà-ÿ]{2,8}$/);
    fc.assert(
      fc.property(fc.array(word, { minLength: 2, maxLength: 4 }), (tokens) => {
        const name = tokens.join(' ');
        const shuffled = [...tokens].reverse().join('  ').toUpperCase();
        expect(namesMatch(name, shuffled)).toBe(true);
        expect(namesMatch(shuffled, name)).toBe(namesMatch(name, shuffled));
      }),
    );
  });
});

describe('CSV', () => {
  it('parses quoted fields with commas, quotes and line breaks', () => {
    expect(parseCsv('a,b\r\n"x, y","he said ""hi"""\n"multi\nline",z\n')).toEqual([
      ['a', 'b'],
      ['x, y', 'he said "hi"'],
      ['multi\nline', 'z'],
    ]);
  });
});
