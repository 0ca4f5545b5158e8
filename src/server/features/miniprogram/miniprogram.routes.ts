import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { requireRole } from '../../platform/auth/actor.ts';
import { baseCspDirectives, cspHeader } from '../../platform/http/csp.ts';
import { notFound } from '../../platform/http/errors.ts';
import { errors } from '../../platform/http/schemas.ts';
import type { WebShell } from '../../platform/http/web-shell.ts';
import { CreateHostBody, HostSchema, SessionBody, SessionResult, UpdateHostBody } from '../../../shared/contracts/miniprogram.ts';
import type { MiniprogramService } from './miniprogram.service.ts';

export interface MiniprogramRoutesOptions {
  miniprogram: MiniprogramService;
  web: WebShell;
  publicUrl: () => string;
}

const hostSdk = readFileSync(path.join(import.meta.dirname, 'miniprogram.host-sdk.js'), 'utf8');

/** Routes a mini-program session may reach; everything else answers 403 for it. */
export const MINI_SCOPE_PREFIXES = [
  '/api/mini/',
  '/api/me',
  '/api/auth/session',
  '/api/auth/logout',
  '/api/departments',
  '/api/encyclopedia/',
  '/api/consultations',
  '/api/conversations',
  '/api/calls',
  '/api/realtime',
  '/api/payments',
  '/api/doctors',
  '/api/link-preview',
];

/** Whether a mini-program session may reach this URL: a prefix matches whole path segments
 * only ('/api/me' is not '/api/messaging/people'), and the query string plays no part. */
export function miniScopeAllows(url: string): boolean {
  const pathname = url.split('?')[0]!;
  return MINI_SCOPE_PREFIXES.some((prefix) => (prefix.endsWith('/') ? pathname.startsWith(prefix) : pathname === prefix || pathname.startsWith(`${prefix}/`)));
}

export const miniprogramRoutes: FastifyPluginAsyncTypebox<MiniprogramRoutesOptions> = async (app, { miniprogram, web, publicUrl }) => {
  app.post(
    '/api/admin/hosts',
    { schema: { tags: ['mini-program'], summary: 'Register a partner host app', body: CreateHostBody, response: { 201: HostSchema, ...errors(401, 403, 422) } } },
    async (request, reply) => reply.status(201).send(await miniprogram.createHost(requireRole(request, 'admin'), request.body)),
  );

  app.patch(
    '/api/admin/hosts/:id',
    {
      schema: {
        tags: ['mini-program'],
        summary: "Change a host's status, origins or keys (suspending ends its sessions at once)",
        params: Type.Object({ id: Type.String() }),
        body: UpdateHostBody,
        response: { 200: HostSchema, ...errors(401, 403, 404, 422) },
      },
    },
    async (request) => miniprogram.updateHost(requireRole(request, 'admin'), request.params.id, request.body),
  );

  app.get(
    '/api/admin/hosts',
    { schema: { tags: ['mini-program'], summary: 'Registered partner hosts', response: { 200: Type.Array(HostSchema), ...errors(401, 403) } } },
    async (request) => {
      requireRole(request, 'admin');
      return miniprogram.listHosts();
    },
  );

  app.get(
    '/api/admin/hosts/:id',
    { schema: { tags: ['mini-program'], params: Type.Object({ id: Type.String() }), response: { 200: HostSchema, ...errors(401, 403, 404) } } },
    async (request) => {
      requireRole(request, 'admin');
      const host = await miniprogram.getHost(request.params.id);
      if (!host) throw notFound('This host');
      return host;
    },
  );

  app.get(
    '/api/mini/hosts/:id',
    {
      schema: {
        tags: ['mini-program'],
        summary: "A host's public launch facts (name, origins), for the mini-program to check who framed it",
        params: Type.Object({ id: Type.String() }),
        response: { 200: Type.Object({ id: Type.String(), name: Type.String(), origins: Type.Array(Type.String()) }), ...errors(404) },
      },
    },
    async (request) => miniprogram.hostForLaunch(request.params.id),
  );

  app.post(
    '/api/mini/session',
    {
      schema: {
        tags: ['mini-program'],
        summary: "Exchange a host's signed assertion for a mini-program session (RFC 7523 style)",
        body: SessionBody,
        response: { 200: SessionResult, ...errors(401, 422) },
      },
      config: { rateLimit: { max: 120, timeWindow: '1 minute' } },
    },
    async (request) => miniprogram.exchange(request.body.hostId, request.body.assertion, request.headers['user-agent'] ?? null),
  );

  // The mini-program's pages: framed only by the origins of active hosts.
  const serveMini = async (request: FastifyRequest, reply: FastifyReply) => {
    const origins = await miniprogram.activeOrigins();
    const directives = baseCspDirectives(publicUrl());
    directives['frame-ancestors'] = origins.length > 0 ? origins : ["'none'"];
    reply.header('content-security-policy', cspHeader(directives));
    if (origins.length > 0) reply.removeHeader('x-frame-options');
    return web.send(reply, 'mini', request.locale, { title: 'Ask a doctor' });
  };
  app.get('/mini', { schema: { hide: true } }, (_request, reply) => reply.redirect('/mini/'));
  app.get('/mini/', { schema: { hide: true } }, serveMini);
  app.get('/mini/*', { schema: { hide: true } }, serveMini);

  app.get('/sdk/host.js', { schema: { hide: true } }, async (_request, reply) => {
    // Loaded by partner pages on other origins.
    reply.header('cross-origin-resource-policy', 'cross-origin');
    reply.header('cache-control', 'public, max-age=300');
    return reply.type('text/javascript; charset=utf-8').send(hostSdk.replace('__LOTUS_ORIGIN__', new URL(publicUrl()).origin));
  });
};
