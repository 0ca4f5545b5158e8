// STUN/TURN for calls. TURN uses the time-limited credentials of the "TURN REST API"
// scheme that coturn implements with `use-auth-secret` + `static-auth-secret`:
//   username   = "<expiry unix seconds>:<user id>"
//   credential = base64(HMAC-SHA1(secret, username))
// coturn recomputes the HMAC from its copy of the secret and refuses the username once
// its expiry has passed, so nothing is stored and each call gets credentials that end
// with it (ring timeout plus the longest call).
import { createHmac } from 'node:crypto';
import type { IceServer } from '../../../shared/contracts/calls.ts';
import { ConfigError } from '../../config.ts';

export type { IceServer };

export interface CallsConfig {
  /** `stun:` URLs (no credentials). */
  stunUrls: string[];
  /** `turn:` / `turns:` URLs, used with the secret. */
  turnUrls: string[];
  turnSecret: string | null;
  /** LOTUS_CALL_RELAY_ONLY: browsers use relayed candidates only (media always through
   * TURN, so neither side learns the other's address). Needs TURN. */
  relayOnly: boolean;
  /** How long a call rings before it is missed. */
  ringSeconds: number;
  /** A call still active after this long is ended (both pages gone without hanging up). */
  maxCallSeconds: number;
}

export function turnCredential(secret: string, userId: string, expiresAt: Date): { username: string; credential: string } {
  const username = `${Math.floor(expiresAt.getTime() / 1000)}:${userId}`;
  return { username, credential: createHmac('sha1', secret).update(username).digest('base64') };
}

export function iceServersFor(config: CallsConfig, userId: string, expiresAt: Date): IceServer[] {
  const servers: IceServer[] = [];
  if (config.stunUrls.length) servers.push({ urls: config.stunUrls });
  if (config.turnUrls.length && config.turnSecret) servers.push({ urls: config.turnUrls, ...turnCredential(config.turnSecret, userId, expiresAt) });
  return servers;
}

/** LOTUS_TURN_URLS (comma-separated stun:, turn:, turns: URLs), LOTUS_TURN_SECRET (coturn's
 * static-auth-secret), LOTUS_CALL_RING_SECONDS, LOTUS_CALL_MAX_MINUTES, LOTUS_CALL_RELAY_ONLY. */
export function callsConfig(raw: Record<string, string | undefined>): CallsConfig {
  const urls = (raw.LOTUS_TURN_URLS ?? '').split(',').map((u) => u.trim()).filter(Boolean);
  for (const url of urls) {
    if (!/^(stun|turns?):[^\s]+$/.test(url)) throw new ConfigError('LOTUS_TURN_URLS', `each URL starts with stun:, turn: or turns:, got "${url}"`);
  }
  const turnUrls = urls.filter((u) => u.startsWith('turn'));
  const secret = raw.LOTUS_TURN_SECRET?.trim() || null;
  if (turnUrls.length && !secret) throw new ConfigError('LOTUS_TURN_SECRET', 'is required when LOTUS_TURN_URLS has turn: URLs (coturn\'s static-auth-secret)');
  if (secret && secret.length < 16) throw new ConfigError('LOTUS_TURN_SECRET', 'must be at least 16 characters');
  const whole = (name: string, fallback: number, min: number, max: number): number => {
    const value = raw[name]?.trim();
    if (!value) return fallback;
    if (!/^\d+$/.test(value) || Number(value) < min || Number(value) > max) throw new ConfigError(name, `must be a whole number between ${min} and ${max}, got "${value}"`);
    return Number(value);
  };
  const relayOnly = raw.LOTUS_CALL_RELAY_ONLY === 'true' || raw.LOTUS_CALL_RELAY_ONLY === '1';
  if (relayOnly && !(turnUrls.length && secret)) throw new ConfigError('LOTUS_CALL_RELAY_ONLY', 'needs a TURN server (turn: URLs in LOTUS_TURN_URLS and LOTUS_TURN_SECRET)');
  return {
    relayOnly,
    stunUrls: urls.filter((u) => u.startsWith('stun:')),
    turnUrls,
    turnSecret: secret,
    ringSeconds: whole('LOTUS_CALL_RING_SECONDS', 45, 5, 600),
    maxCallSeconds: whole('LOTUS_CALL_MAX_MINUTES', 120, 1, 24 * 60) * 60,
  };
}
