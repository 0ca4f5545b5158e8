// Verifies a partner host's sign-in assertion (RFC 7523 style JWT bearer assertion).
// The header is checked before any cryptography: only ES256 and RS256, a `kid` the host
// registered, and none of the headers that let a token name its own key (jku, x5u, jwk)
// or demand unknown processing (crit). Then signature, issuer, audience, times, a
// lifetime of at most five minutes, a subject and a one-time `jti`.
import { decodeProtectedHeader, errors as joseErrors, importJWK, jwtVerify, type JWTPayload } from 'jose';
import { AppError } from '../../platform/http/errors.ts';
import type { HostRow, Jwk } from './miniprogram.store.ts';

export const MAX_ASSERTION_LIFETIME_SECONDS = 300;
export const CLOCK_TOLERANCE_SECONDS = 30;
const ALLOWED_ALGORITHMS = { ES256: { kty: 'EC', crv: 'P-256' }, RS256: { kty: 'RSA' } } as const;
type Algorithm = keyof typeof ALLOWED_ALGORITHMS;
const FORBIDDEN_HEADERS = ['jku', 'x5u', 'jwk', 'crit', 'x5c'] as const;

export const refused = (code: string, message: string) => new AppError(401, code, message);

export interface VerifiedAssertion {
  subject: string;
  jti: string;
  expiresAt: Date;
  name?: string;
  locale?: string;
  /** A phone number the host says it verified (phone_number with phone_number_verified). */
  phone?: string;
}

function keyMatchesAlgorithm(jwk: Jwk, alg: Algorithm): boolean {
  const expected = ALLOWED_ALGORITHMS[alg];
  if (jwk.kty !== expected.kty) return false;
  if ('crv' in expected && jwk.crv !== expected.crv) return false;
  if (jwk.alg !== undefined && jwk.alg !== alg) return false;
  if (jwk.use !== undefined && jwk.use !== 'sig') return false;
  // Never accept private key material as a registered verification key.
  return !('d' in jwk);
}

export async function verifyAssertion(
  assertion: string,
  host: HostRow,
  keys: Jwk[],
  options: { audience: string; now: Date },
): Promise<VerifiedAssertion> {
  let header: ReturnType<typeof decodeProtectedHeader>;
  try {
    header = decodeProtectedHeader(assertion);
  } catch {
    throw refused('malformed_assertion', 'The sign-in assertion is not a signed JWT.');
  }
  if (assertion.split('.').length !== 3) throw refused('malformed_assertion', 'The sign-in assertion is not a compact signed JWT.');
  const alg = header.alg;
  if (!alg || !(alg in ALLOWED_ALGORITHMS)) {
    throw refused('unsupported_algorithm', `Assertions must be signed with ES256 or RS256, not ${alg ?? 'nothing'}.`);
  }
  for (const name of FORBIDDEN_HEADERS) {
    if (name in header) throw refused('forbidden_header', `The assertion header must not carry "${name}".`);
  }
  if (!header.kid) throw refused('unknown_key', 'The assertion header must name its key (kid).');
  const jwk = keys.find((k) => k.kid === header.kid);
  if (!jwk) throw refused('unknown_key', 'The assertion is signed with a key this host has not registered.');
  if (!keyMatchesAlgorithm(jwk, alg as Algorithm)) {
    throw refused('algorithm_mismatch', `The registered key "${header.kid}" is not for ${alg}.`);
  }

  let payload: JWTPayload;
  try {
    const key = await importJWK(jwk as Parameters<typeof importJWK>[0], alg);
    ({ payload } = await jwtVerify(assertion, key, {
      algorithms: [alg],
      issuer: host.id,
      audience: options.audience,
      currentDate: options.now,
      clockTolerance: CLOCK_TOLERANCE_SECONDS,
      requiredClaims: ['iss', 'aud', 'exp', 'iat'],
    }));
  } catch (error) {
    throw mapJoseError(error);
  }

  const iat = payload.iat!;
  const exp = payload.exp!;
  if (exp - iat > MAX_ASSERTION_LIFETIME_SECONDS) {
    throw refused('assertion_lifetime_too_long', 'Assertions may live at most 5 minutes (exp − iat ≤ 300 s).');
  }
  if (iat > options.now.getTime() / 1000 + CLOCK_TOLERANCE_SECONDS) {
    throw refused('assertion_not_yet_valid', 'The assertion was issued in the future.');
  }
  if (typeof payload.sub !== 'string' || payload.sub.length === 0 || payload.sub.length > 255) {
    throw refused('missing_subject', 'The assertion must name the host user (sub).');
  }
  if (typeof payload.jti !== 'string' || payload.jti.length === 0 || payload.jti.length > 255) {
    throw refused('missing_jti', 'The assertion must carry a unique id (jti).');
  }
  return {
    subject: payload.sub,
    jti: payload.jti,
    expiresAt: new Date((exp + CLOCK_TOLERANCE_SECONDS) * 1000),
    ...(typeof payload.name === 'string' ? { name: payload.name } : {}),
    ...(typeof payload.locale === 'string' ? { locale: payload.locale } : {}),
    // OpenID Connect's standard claims: a number the host says it has verified.
    ...(typeof payload.phone_number === 'string' && payload.phone_number_verified === true ? { phone: payload.phone_number } : {}),
  };
}

function mapJoseError(error: unknown): AppError {
  if (error instanceof AppError) return error;
  if (error instanceof joseErrors.JWTExpired) return refused('assertion_expired', 'The sign-in assertion has expired.');
  if (error instanceof joseErrors.JWTClaimValidationFailed) {
    switch (error.claim) {
      case 'aud':
        return refused('wrong_audience', 'The assertion is not addressed to this Lotus Health (aud).');
      case 'iss':
        return refused('wrong_issuer', 'The assertion was not issued by this host (iss).');
      case 'nbf':
      case 'iat':
        return refused('assertion_not_yet_valid', 'The assertion is not valid yet.');
      case 'exp':
        return refused('assertion_expired', 'The assertion must carry an expiry (exp).');
      default:
        return refused('invalid_assertion', `The assertion's ${error.claim} claim is not acceptable.`);
    }
  }
  if (error instanceof joseErrors.JWSSignatureVerificationFailed) return refused('bad_signature', 'The assertion signature does not verify.');
  if (error instanceof joseErrors.JOSEAlgNotAllowed) return refused('unsupported_algorithm', 'This algorithm is not accepted.');
  if (error instanceof joseErrors.JWTInvalid || error instanceof joseErrors.JWSInvalid) return refused('malformed_assertion', 'The sign-in assertion is malformed.');
  return refused('invalid_assertion', 'The sign-in assertion could not be verified.');
}
