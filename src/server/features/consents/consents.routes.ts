// HTTP edges of consents: the current versions (public), a person's consents and what they
// must still accept, accepting, the telemedicine text as shown to them, and publishing a
// new version (operators).
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { requireActor, requireRole } from '../../platform/auth/actor.ts';
import { errors } from '../../platform/http/schemas.ts';
import type { AccountsService } from '../accounts/accounts.service.ts';
import type { ConsentsService } from './consents.service.ts';

const Document = Type.Union([Type.Literal('terms'), Type.Literal('privacy'), Type.Literal('telemedicine')]);
const Version = Type.Object({ version: Type.String(), publishedAt: Type.String() });
const Current = Type.Object({ terms: Version, privacy: Version, telemedicine: Version });
const Consent = Type.Object({
  document: Document,
  version: Type.String(),
  acceptedAt: Type.String(),
  locale: Type.String(),
  text: Type.Union([Type.String(), Type.Null()], { description: 'For the telemedicine consent: the text as shown, in the person’s language.' }),
  current: Type.Boolean({ description: 'Is this the version in force?' }),
});
const MyConsents = Type.Object({ consents: Type.Array(Consent), pending: Type.Array(Document), current: Current });

export const consentsRoutes: FastifyPluginAsyncTypebox<{ consents: ConsentsService; accounts: AccountsService }> = async (app, { consents, accounts }) => {
  const whereOf = async (request: FastifyRequest) => ({
    locale: request.locale,
    country: await accounts.countryOf(request.actor?.userId ?? null, { acceptLanguage: request.headers['accept-language'] ?? null, locale: request.locale }),
  });

  app.get(
    '/api/consents/documents',
    {
      schema: {
        tags: ['accounts'],
        summary: 'The versions in force of the terms of use, the privacy notice and the telemedicine consent',
        response: { 200: Current },
      },
    },
    async () => consents.current(),
  );

  app.get(
    '/api/me/consents',
    {
      schema: {
        tags: ['accounts'],
        summary: 'What you accepted (document, version, when, in which language) and what you have yet to accept',
        response: { 200: MyConsents, ...errors(401) },
      },
    },
    async (request, reply) => {
      reply.header('cache-control', 'no-store');
      return consents.list(requireActor(request));
    },
  );

  app.post(
    '/api/me/consents',
    {
      schema: {
        tags: ['accounts'],
        summary: 'Accept the versions in force of these documents (after a new version is published)',
        body: Type.Object({ documents: Type.Array(Document, { minItems: 1, maxItems: 3 }) }, { additionalProperties: false }),
        response: { 200: MyConsents, ...errors(401, 422) },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      await consents.accept(actor, request.body.documents, await whereOf(request));
      return consents.list(actor);
    },
  );

  app.get(
    '/api/me/consents/telemedicine',
    {
      schema: {
        tags: ['consultations'],
        summary: 'The telemedicine consent as you would accept it (your language, your country’s emergency number), and whether asking a doctor still needs it',
        querystring: Type.Object({
          country: Type.Optional(
            Type.String({ pattern: '^[A-Z]{2}$', description: 'Where you ask from, as you will say when asking; by default your account’s country.' }),
          ),
        }),
        response: { 200: Type.Object({ version: Type.String(), text: Type.String(), required: Type.Boolean() }), ...errors(401) },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      const where = await whereOf(request);
      if (request.query.country) where.country = request.query.country;
      return {
        version: (await consents.current()).telemedicine.version,
        text: consents.telemedicineText(where.locale, where.country),
        required: await consents.telemedicineRequired(actor.userId),
      };
    },
  );

  app.post(
    '/api/admin/consents/documents',
    {
      schema: {
        tags: ['admin'],
        summary: 'Publish a new version of a document: everyone accepts it on their next visit (the telemedicine consent, on their next question)',
        body: Type.Object({ document: Document, version: Type.String({ minLength: 1, maxLength: 32 }) }, { additionalProperties: false }),
        response: { 201: Type.Object({ document: Document, version: Type.String(), publishedAt: Type.String() }), ...errors(401, 403, 409, 422) },
      },
    },
    async (request, reply) => {
      const actor = requireRole(request, 'admin');
      return reply.status(201).send(await consents.publish(actor, request.body));
    },
  );
};
