// Identifiers: a short type prefix, then 26 characters of Crockford base32 (48 bits of
// time, 80 of randomness), so ids sort by creation time and stay within the 6–32
// characters of letters, digits and `_` that payment providers accept as order numbers.
import { randomBytes } from 'node:crypto';

const alphabet = '0123456789abcdefghjkmnpqrstvwxyz';

export function newId(prefix: string, now: number = Date.now()): string {
  let time = '';
  let t = now;
  for (let i = 0; i < 10; i++) {
    time = alphabet[t % 32] + time;
    t = Math.floor(t / 32);
  }
  const bytes = randomBytes(16);
  let random = '';
  for (let i = 0; i < 16; i++) random += alphabet[bytes[i]! % 32];
  return `${prefix}_${time}${random}`;
}

/** An opaque secret token (sessions, invitations): 32 random bytes. */
export function newToken(prefix: string): string {
  return `${prefix}_${randomBytes(32).toString('base64url')}`;
}
