import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { requireActor } from '../../platform/auth/actor.ts';
import { clearSessionCookie, setSessionCookie } from '../../platform/auth/session-cookie.ts';
import { errors, NoContent } from '../../platform/http/schemas.ts';
import { AuthResult, LoginBody, RegisterBody, UpdateMeBody, UserSchema } from '../../../shared/contracts/accounts.ts';
import { SESSION_DAYS, type AccountsService } from './accounts.service.ts';

export interface AccountsRoutesOptions {
  accounts: AccountsService;
  secureCookies: boolean;
  registrationsPerIp: number;
}

export const accountsRoutes: FastifyPluginAsyncTypebox<AccountsRoutesOptions> = async (app, { accounts, secureCookies, registrationsPerIp }) => {
  const maxAge = SESSION_DAYS * 86_400;

  app.post(
    '/api/auth/register',
    {
      schema: {
        tags: ['accounts'],
        summary: 'Create an account (every new account is a patient)',
        body: RegisterBody,
        response: { 201: AuthResult, ...errors(409, 422, 429) },
      },
      config: { rateLimit: { max: registrationsPerIp, timeWindow: '10 minutes' } },
    },
    async (request, reply) => {
      const result = await accounts.register({ ...request.body, locale: request.body.locale ?? request.locale }, request.headers['user-agent'] ?? null);
      setSessionCookie(reply, result.token, secureCookies, maxAge);
      return reply.status(201).send(result);
    },
  );

  app.post(
    '/api/auth/login',
    {
      schema: {
        tags: ['accounts'],
        summary: 'Sign in with email or phone and password',
        body: LoginBody,
        response: { 200: AuthResult, ...errors(401, 403, 422, 429) },
      },
    },
    async (request, reply) => {
      const result = await accounts.login(request.body.login, request.body.password, request.ip, request.headers['user-agent'] ?? null);
      setSessionCookie(reply, result.token, secureCookies, maxAge);
      return result;
    },
  );

  app.post(
    '/api/auth/logout',
    { schema: { tags: ['accounts'], summary: 'Sign out: revokes this session or token', response: { 204: NoContent, ...errors(401) } } },
    async (request, reply) => {
      const actor = requireActor(request);
      await accounts.logout(actor);
      clearSessionCookie(reply, secureCookies);
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/api/me',
    { schema: { tags: ['accounts'], summary: 'The signed-in account', response: { 200: UserSchema, ...errors(401) } } },
    async (request) => accounts.me(requireActor(request)),
  );

  app.patch(
    '/api/me',
    {
      schema: { tags: ['accounts'], summary: 'Change display name, interface language or country (emergency numbers and prices)', body: UpdateMeBody, response: { 200: UserSchema, ...errors(401, 422) } },
    },
    async (request) => accounts.updateMe(requireActor(request), request.body),
  );

  app.delete(
    '/api/me',
    {
      schema: {
        tags: ['accounts'],
        summary: 'Delete my account (asks for the password). Your name, email and phone are erased; medical records others must keep are pseudonymised.',
        body: Type.Object({ password: Type.String({ minLength: 1, maxLength: 256 }) }, { additionalProperties: false }),
        response: { 204: NoContent, ...errors(401, 403, 422) },
      },
    },
    async (request, reply) => {
      await accounts.deleteAccount(requireActor(request), request.body.password);
      clearSessionCookie(reply, secureCookies);
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/api/auth/session',
    {
      schema: {
        tags: ['accounts'],
        summary: 'The current session, or null when signed out (never 401: the web app asks on every load)',
        response: { 200: Type.Object({ user: Type.Union([UserSchema, Type.Null()]) }) },
      },
    },
    async (request) => ({ user: request.actor ? await accounts.me(request.actor) : null }),
  );
};
