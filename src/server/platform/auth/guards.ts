// Who may reach a route at all, decided before the body is parsed or validated: a
// stranger gets 401 and an under-privileged account 403 whatever it sends, so a request
// body never tells anyone the shape of a route they may not use. The finer rules (whose
// resource, which state) stay in the services.
//
// Access comes from a route's `config.access` when it declares one, else from the first
// matching rule of the table handed to installAccessGuards. The guard is a route-level
// onRequest hook, so it runs after the authentication hook and before parsing.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { forbidden, unauthorized } from '../http/errors.ts';
import type { Role } from './actor.ts';

/** `public`: anyone; `signed-in`: any account; a list of roles: an account with one of them. */
export type Access = 'public' | 'signed-in' | readonly Role[];

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Overrides the access table for this route. */
    access?: Access;
  }
}

export interface AccessRule {
  /** A path prefix: `/api/admin/` matches below it; `/api/me` matches itself and below `/api/me/`. */
  path: string;
  /** Match the path exactly, not what lies below it. */
  exact?: boolean;
  /** Only these methods (default: every method). */
  methods?: readonly string[];
  access: Access;
}

export interface RouteEntry {
  method: string;
  url: string;
  access: Access;
}

function matches(rule: AccessRule, method: string, url: string): boolean {
  if (rule.methods && !rule.methods.includes(method)) return false;
  if (rule.exact) return url === rule.path;
  if (rule.path.endsWith('/')) return url.startsWith(rule.path);
  return url === rule.path || url.startsWith(`${rule.path}/`);
}

export function accessFor(rules: readonly AccessRule[], method: string, url: string, declared?: Access): Access {
  if (declared) return declared;
  return rules.find((rule) => matches(rule, method, url))?.access ?? 'public';
}

export function checkAccess(request: FastifyRequest, access: Access): void {
  if (access === 'public') return;
  const actor = request.actor;
  if (!actor) throw unauthorized();
  if (access === 'signed-in') return;
  if (!access.some((role) => actor.roles.includes(role))) throw forbidden(`This needs the ${access.join(' or ')} role.`);
}

/** Installs the guard on every route declared after this call; returns the route table it builds. */
export function installAccessGuards(app: FastifyInstance, rules: readonly AccessRule[]): RouteEntry[] {
  const table: RouteEntry[] = [];
  app.addHook('onRoute', (route) => {
    const methods = [route.method].flat();
    const byMethod = new Map<string, Access>();
    for (const method of methods) {
      const access = accessFor(rules, method, route.url, route.config?.access);
      byMethod.set(method, access);
      table.push({ method, url: route.url, access });
    }
    if ([...byMethod.values()].every((access) => access === 'public')) return;
    const guard = async (request: FastifyRequest) => checkAccess(request, byMethod.get(request.method) ?? 'public');
    route.onRequest = [...[route.onRequest ?? []].flat(), guard] as typeof route.onRequest;
  });
  return table;
}
