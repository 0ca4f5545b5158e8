// Configuration switches read the same way everywhere: LOTUS_TRUST_PROXY accepts what every
// other true/false variable accepts, and refuses anything else with the variable's name.
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.ts';

const load = (env: Record<string, string>) => loadConfig({ NODE_ENV: 'test', LOTUS_DATA_DIR: '/tmp/lotus-config-test', ...env });

describe('LOTUS_TRUST_PROXY', () => {
  it.each([
    ['true', true],
    ['1', true],
    ['yes', true],
    ['ON', true],
    ['false', false],
    ['0', false],
    ['no', false],
    ['off', false],
    ['', false],
  ])('reads %o as %o', (value, expected) => {
    expect(load({ LOTUS_TRUST_PROXY: value }).trustProxy).toBe(expected);
  });

  it('is off when unset', () => {
    expect(load({}).trustProxy).toBe(false);
  });

  it('refuses a value that is not a switch, naming the variable', () => {
    expect(() => load({ LOTUS_TRUST_PROXY: 'sometimes' })).toThrow(ConfigError);
    expect(() => load({ LOTUS_TRUST_PROXY: 'sometimes' })).toThrow(/^LOTUS_TRUST_PROXY: must be true or false/);
  });
});
