// Who is making a request. Resolved once per request by the accounts feature's
// authentication hook; services receive it explicitly and decide from it.
import type { FastifyRequest } from 'fastify';
import { forbidden, unauthorized } from '../http/errors.ts';
import type { Locale } from '../../../shared/locales.ts';

export const ROLES = ['patient', 'doctor', 'admin', 'editor', 'moderator'] as const;
export type Role = (typeof ROLES)[number];

export interface Actor {
  userId: string;
  displayName: string;
  roles: Role[];
  sessionId: string;
  /** How the session was presented; cookie-authenticated writes get a CSRF check. */
  via: 'cookie' | 'bearer';
  /** `mini` sessions come from a partner host and reach only the mini-program's routes. */
  scope: 'full' | 'mini';
  /** The interface language the account chose. */
  locale: Locale;
}

declare module 'fastify' {
  interface FastifyRequest {
    actor: Actor | null;
    locale: Locale;
  }
}

export function requireActor(request: FastifyRequest): Actor {
  if (!request.actor) throw unauthorized();
  return request.actor;
}

export const hasRole = (actor: Actor | null, role: Role): boolean => Boolean(actor?.roles.includes(role));

export function requireRole(request: FastifyRequest, ...roles: Role[]): Actor {
  const actor = requireActor(request);
  if (!roles.some((role) => actor.roles.includes(role))) {
    throw forbidden(`This needs the ${roles.join(' or ')} role.`);
  }
  return actor;
}
