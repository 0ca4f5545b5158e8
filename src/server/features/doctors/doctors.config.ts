// Registry settings, read from the environment (README lists them):
//   LOTUS_NPPES_URL                 NPPES NPI Registry API (default the public API)
//   LOTUS_ANNUAIRE_SANTE_URL        Annuaire Santé FHIR API base (default the public gateway)
//   LOTUS_ANNUAIRE_SANTE_API_KEY    its API key (ESANTE-API-KEY header); without one, France is checked by hand
//   LOTUS_REGISTRY_TIMEOUT_MS       how long to wait for a registry (default 5000)
import type { Clock } from '../../platform/clock.ts';
import { ConfigError, type Config } from '../../config.ts';
import { ANNUAIRE_SANTE_DEFAULT_URL, AnnuaireSanteClient } from './doctors.annuaire-sante.ts';
import { NPPES_DEFAULT_URL, NppesClient } from './doctors.nppes.ts';
import type { RegistryClients } from './doctors.verification.ts';

function url(config: Config, name: string, fallback: string): string {
  const value = config.raw[name]?.trim() || fallback;
  try {
    const parsed = new URL(value);
    if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') throw new Error('protocol');
  } catch {
    throw new ConfigError(name, `must be an http(s) URL, got "${value}"`);
  }
  return value;
}

export function doctorRegistries(config: Config, clock: Clock): RegistryClients {
  const rawTimeout = config.raw.LOTUS_REGISTRY_TIMEOUT_MS?.trim();
  const timeout = rawTimeout ? Number(rawTimeout) : 5000;
  if (!Number.isInteger(timeout) || timeout < 50 || timeout > 60_000) throw new ConfigError('LOTUS_REGISTRY_TIMEOUT_MS', `must be a whole number of milliseconds between 50 and 60000, got "${rawTimeout}"`);
  return {
    nppes: new NppesClient(url(config, 'LOTUS_NPPES_URL', NPPES_DEFAULT_URL), clock, timeout),
    annuaireSante: new AnnuaireSanteClient(url(config, 'LOTUS_ANNUAIRE_SANTE_URL', ANNUAIRE_SANTE_DEFAULT_URL), config.raw.LOTUS_ANNUAIRE_SANTE_API_KEY?.trim() || null, clock, timeout),
  };
}
