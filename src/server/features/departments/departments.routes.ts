import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { DepartmentsService } from './departments.service.ts';

export const DepartmentSchema = Type.Object({ code: Type.String(), name: Type.String() });

export const departmentsRoutes: FastifyPluginAsyncTypebox<{ departments: DepartmentsService }> = async (app, { departments }) => {
  app.get(
    '/api/departments',
    {
      schema: {
        tags: ['reference'],
        summary: "Medical departments, named in the caller's language (?lang=en|zh|fr overrides)",
        querystring: Type.Object({ lang: Type.Optional(Type.String()) }),
        response: { 200: Type.Array(DepartmentSchema) },
      },
    },
    async (request, reply) => {
      reply.header('cache-control', 'public, max-age=300');
      reply.header('vary', 'accept-language, cookie');
      return departments.list(request.locale);
    },
  );
};
