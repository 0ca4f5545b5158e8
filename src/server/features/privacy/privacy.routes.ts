// HTTP edges of the patient's own data.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { requireActor } from '../../platform/auth/actor.ts';
import { errors } from '../../platform/http/schemas.ts';
import type { PrivacyService } from './privacy.service.ts';

const AccessLogEntry = Type.Object({
  at: Type.String(),
  actor: Type.Object({ role: Type.String(), name: Type.String() }),
  action: Type.String({ description: 'e.g. consultation.read_by_admin, conversation.read_by_admin' }),
  reason: Type.Union([Type.String(), Type.Null()]),
});

export const privacyRoutes: FastifyPluginAsyncTypebox<{ privacy: PrivacyService }> = async (app, { privacy }) => {
  app.get(
    '/api/me/access-log',
    {
      schema: {
        tags: ['accounts'],
        summary: 'Reads of your consultations and their conversations by anyone other than you and your treating doctor: who, when, why',
        response: { 200: Type.Array(AccessLogEntry), ...errors(401) },
      },
    },
    async (request, reply) => {
      reply.header('cache-control', 'no-store');
      return privacy.accessLog(requireActor(request));
    },
  );

  app.get(
    '/api/me/export',
    {
      schema: {
        tags: ['accounts'],
        summary: 'Everything about you as a FHIR R4 Bundle (type collection), application/fhir+json',
        response: { 200: Type.Unknown({ description: 'A FHIR R4 Bundle (application/fhir+json).' }), ...errors(401) },
      },
    },
    async (request, reply) => {
      const bundle = await privacy.export(requireActor(request));
      reply.header('cache-control', 'no-store');
      reply.header('content-disposition', 'attachment; filename="lotus-health-export.json"');
      return reply.type('application/fhir+json').send(JSON.stringify(bundle));
    },
  );

  app.get(
    '/api/me/export.pdf',
    {
      schema: {
        tags: ['accounts'],
        summary: 'The same content as the FHIR export, as a PDF to read or print',
        response: { 200: Type.Unknown({ description: 'application/pdf' }), ...errors(401) },
      },
    },
    async (request, reply) => {
      const pdf = await privacy.exportPdf(requireActor(request));
      reply.header('cache-control', 'no-store');
      reply.header('content-disposition', 'attachment; filename="lotus-health-record.pdf"');
      return reply.type('application/pdf').send(pdf);
    },
  );
};
