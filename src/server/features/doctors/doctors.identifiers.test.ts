import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  checkAdeli,
  checkCnPracticeCert,
  checkCnQualificationCert,
  checkCnResidentId,
  checkIdentifiers,
  checkNpi,
  checkRpps,
  cnResidentIdCheckChar,
  luhnCheckDigit,
  maskIdentifier,
  missingIdentifiers,
} from './doctors.identifiers.ts';

const digits = (n: number) => fc.array(fc.integer({ min: 0, max: 9 }), { minLength: n, maxLength: n }).map((a) => a.join(''));
const today = new Date('2026-06-01T00:00:00Z');

describe('NPI', () => {
  it('accepts known valid numbers, including check digit 0', () => {
    for (const npi of ['1234567893', '1000000004', '1987654328', '1234567000', '1234567190']) expect(checkNpi(npi)).toBeNull();
  });
  it('refuses known invalid numbers with the reason', () => {
    expect(checkNpi('1234567890')).toMatch(/check digit/);
    expect(checkNpi('123456789')).toMatch(/10 digits/);
    expect(checkNpi('12345678AB')).toMatch(/digits only/);
    expect(checkNpi('3234567893')).toMatch(/start with 1 or 2/);
  });
  it('has exactly one valid check digit for any first nine digits (property)', () => {
    fc.assert(
      fc.property(digits(8), fc.constantFrom('1', '2'), (rest, first) => {
        const payload = first + rest;
        const valid = [...'0123456789'].filter((d) => checkNpi(payload + d) === null);
        expect(valid).toHaveLength(1);
        expect(Number(valid[0])).toBe(luhnCheckDigit('80840' + payload));
      }),
    );
  });
  it('catches every single-digit typing mistake (property)', () => {
    fc.assert(
      fc.property(digits(8), fc.integer({ min: 0, max: 9 }), fc.integer({ min: 1, max: 9 }), (rest, position, delta) => {
        const payload = '1' + rest;
        const npi = payload + luhnCheckDigit('80840' + payload);
        const chars = [...npi];
        const pos = position === 0 ? 9 : position; // keep the leading 1 so only the check speaks
        chars[pos] = String((Number(chars[pos]) + delta) % 10);
        expect(checkNpi(chars.join(''))).not.toBeNull();
      }),
    );
  });
});

describe('RPPS and ADELI', () => {
  it('accepts known valid RPPS numbers and refuses invalid ones', () => {
    for (const rpps of ['10000000017', '10101010105', '81000000000', '10000012343']) expect(checkRpps(rpps)).toBeNull();
    expect(checkRpps('10000000018')).toMatch(/check key/);
    expect(checkRpps('1000000001')).toMatch(/11 digits/);
    expect(checkRpps('1000000001A')).toMatch(/digits only/);
  });
  it('every 10-digit payload has exactly one Luhn key (property)', () => {
    fc.assert(
      fc.property(digits(10), (payload) => {
        expect([...'0123456789'].filter((d) => checkRpps(payload + d) === null)).toEqual([String(luhnCheckDigit(payload))]);
      }),
    );
  });
  it('accepts ADELI numbers of 9 characters with a département prefix', () => {
    expect(checkAdeli('751012345')).toBeNull();
    expect(checkAdeli('2A1012345')).toBeNull();
    expect(checkAdeli('75101234')).toMatch(/9 characters/);
    expect(checkAdeli('7A1012345')).toMatch(/département/);
  });
});

describe('China', () => {
  it('accepts known valid resident identity numbers (with X) and refuses wrong check characters', () => {
    expect(checkCnResidentId('11010519491231002X', today)).toBeNull();
    expect(checkCnResidentId('11010519491231002x', today)).toBeNull();
    expect(checkCnResidentId('440306197506123453', today)).toBeNull();
    expect(checkCnResidentId('110105194912310021', today)).toMatch(/check character/);
  });
  it('refuses impossible or future birth dates and wrong lengths', () => {
    const withDate = (date: string) => {
      const first17 = `110105${date}002`;
      return first17 + cnResidentIdCheckChar(first17);
    };
    expect(checkCnResidentId(withDate('19490231'), today)).toMatch(/does not exist/);
    expect(checkCnResidentId(withDate('20270101'), today)).toMatch(/future/);
    expect(checkCnResidentId(withDate('18991231'), today)).toMatch(/does not exist/);
    expect(checkCnResidentId(withDate('20000229'), today)).toBeNull();
    expect(checkCnResidentId('11010519491231002', today)).toMatch(/18 characters/);
  });
  it('any 17 digits with a real birth date and the computed check character is valid, any other character is not (property)', () => {
    fc.assert(
      fc.property(digits(6), fc.date({ min: new Date('1900-01-01T00:00:00Z'), max: new Date('2026-05-31T00:00:00Z'), noInvalidDate: true }), digits(3), (region, birth, seq) => {
        const ymd = birth.toISOString().slice(0, 10).replaceAll('-', '');
        const first17 = region + ymd + seq;
        const check = cnResidentIdCheckChar(first17);
        expect(checkCnResidentId(first17 + check, today)).toBeNull();
        for (const other of '0123456789X') if (other !== check) expect(checkCnResidentId(first17 + other, today)).not.toBeNull();
      }),
    );
  });
  it('checks the documented lengths of the certificate numbers', () => {
    expect(checkCnQualificationCert('202211011011010519491231002X')).toMatch(/24 or 27/);
    expect(checkCnQualificationCert('20221101110105194912310')).toMatch(/24 or 27/);
    expect(checkCnQualificationCert('200611011110105194912310027'.slice(0, 27))).toBeNull();
    expect(checkCnQualificationCert('20061101110105491231002')).toMatch(/24 or 27/);
    expect(checkCnQualificationCert('2006110111010519491231002A')).toMatch(/digits only/);
    expect(checkCnPracticeCert('110440100012345')).toBeNull();
    expect(checkCnPracticeCert('11044010001234')).toMatch(/15 digits/);
    expect(checkCnPracticeCert('11044010001234X')).toMatch(/digits only/);
  });
});

describe('per country', () => {
  it('names each identifier that is wrong or does not apply, and lists the missing ones', () => {
    const { fields, values } = checkIdentifiers('FR', { rpps: '10000000018', npi: '1234567893', adeli: '751012345' }, today);
    expect(fields['identifiers.rpps']).toMatch(/RPPS.*check key/);
    expect(fields['identifiers.npi']).toMatch(/not an identifier used in France/);
    expect(values).toEqual({ adeli: '751012345' });
    expect(missingIdentifiers('FR', values)).toEqual(['rpps']);
    expect(missingIdentifiers('CN', {})).toEqual(['cnResidentId', 'cnQualificationCert', 'cnPracticeCert']);
  });
  it('masks all but the last four characters', () => {
    expect(maskIdentifier('1234567893')).toBe('••••••7893');
    fc.assert(
      fc.property(fc.string({ minLength: 5, maxLength: 30 }), (s) => {
        const masked = maskIdentifier(s);
        expect(masked.endsWith(s.slice(-4))).toBe(true);
        expect(masked.slice(0, -4)).toMatch(/^•+$/);
      }),
    );
  });
});
