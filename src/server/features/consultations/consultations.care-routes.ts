// The care episode's edges: who may answer patients of a country (operators).
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { requireRole } from '../../platform/auth/actor.ts';
import { errors } from '../../platform/http/schemas.ts';
import { JurisdictionRuleSchema } from './consultations.schema.ts';
import type { ConsultationsService } from './consultations.service.ts';

const Country = Type.Object({ country: Type.String({ pattern: '^[A-Z]{2}$' }) });

export const consultationsCareRoutes: FastifyPluginAsyncTypebox<{ consultations: ConsultationsService }> = async (app, { consultations }) => {
  app.get(
    '/api/admin/consultations/jurisdictions',
    { schema: { tags: ['consultations'], summary: 'Which licences may answer patients of each country (the defaults overlaid with operators’ rules)', response: { 200: Type.Array(JurisdictionRuleSchema), ...errors(401, 403) } } },
    async (request) => {
      requireRole(request, 'admin');
      return consultations.jurisdictions.rules();
    },
  );

  app.put(
    '/api/admin/consultations/jurisdictions/:country',
    {
      schema: {
        tags: ['consultations'],
        summary: 'Set which licences may answer patients in a country (e.g. FR → ["FR"]; US → ["US"] with sameState)',
        params: Country,
        body: Type.Object({ licensedIn: Type.Array(Type.String({ pattern: '^[A-Z]{2}$' }), { minItems: 1, maxItems: 30 }), sameState: Type.Boolean() }, { additionalProperties: false }),
        response: { 200: JurisdictionRuleSchema, ...errors(401, 403, 422) },
      },
    },
    async (request) => consultations.jurisdictions.setRule(requireRole(request, 'admin'), request.params.country, request.body),
  );
};
