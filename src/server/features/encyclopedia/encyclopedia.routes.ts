import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { requireActor } from '../../platform/auth/actor.ts';
import { notFound } from '../../platform/http/errors.ts';
import { errors, NoContent } from '../../platform/http/schemas.ts';
import type { WebShell } from '../../platform/http/web-shell.ts';
import {
  BrowseAnswer,
  BrowseQuerystring,
  CategoryBody,
  CategorySchema,
  DiffAnswer,
  EntryBody,
  EntrySchema,
  PendingSchema,
  ReviewBody,
  RevisionSchema,
  RevisionSummarySchema,
  SearchAnswer,
  SearchQuerystring,
  StatsAnswer,
  SuggestAnswer,
  WriteResult,
  TermDecisionAnswer,
  TermDecisionBody,
  TermReviewList,
  TermReviewQuerystring,
} from './encyclopedia.schema.ts';
import type { EncyclopediaSearch } from './encyclopedia.search-service.ts';
import type { EncyclopediaService } from './encyclopedia.service.ts';

export interface EncyclopediaRoutesOptions {
  encyclopedia: EncyclopediaService;
  search: EncyclopediaSearch;
  web: WebShell;
  /** Read per request: the public address may be known only once the server listens. */
  publicUrl: () => string;
}

const tags = ['encyclopedia'];
const SlugParams = Type.Object({ slug: Type.String({ minLength: 1, maxLength: 160 }) });
const RevisionParams = Type.Object({ slug: Type.String({ minLength: 1, maxLength: 160 }), revision: Type.Integer({ minimum: 1 }) });
const CodeParams = Type.Object({ code: Type.String({ minLength: 1, maxLength: 40 }) });

export const encyclopediaRoutes: FastifyPluginAsyncTypebox<EncyclopediaRoutesOptions> = async (app, { encyclopedia, search, web, publicUrl }) => {
  app.get(
    '/api/encyclopedia/search',
    {
      schema: {
        tags,
        summary: 'Search entries: title and synonyms rank above body text; accents, case and query syntax do not matter',
        querystring: SearchQuerystring,
        response: { 200: SearchAnswer, ...errors(422) },
      },
    },
    async (request, reply) => reply.type('application/json; charset=utf-8').send((await search.searchJson({ ...request.query, locale: request.locale })) as never),
  );

  app.get(
    '/api/encyclopedia/suggest',
    {
      schema: {
        tags,
        summary: 'Suggestions as a person types (the last word matches as a prefix)',
        querystring: Type.Object({ q: Type.String(), lang: SearchQuerystring.properties.lang, category: SearchQuerystring.properties.category }),
        response: { 200: SuggestAnswer, ...errors(422) },
      },
    },
    async (request) => search.suggest({ ...request.query, locale: request.locale }),
  );

  app.get(
    '/api/encyclopedia/entries',
    { schema: { tags, summary: 'Browse published entries by category, language and first letter (A–Z)', querystring: BrowseQuerystring, response: { 200: BrowseAnswer } } },
    async (request) => encyclopedia.browse(request.query),
  );

  app.post(
    '/api/encyclopedia/entries',
    {
      schema: {
        tags,
        summary: 'Write a new entry. Published at once by a doctor or admin; an editor’s entry waits for a doctor’s review',
        body: EntryBody,
        response: { 201: WriteResult, ...errors(401, 403, 409, 422) },
      },
    },
    async (request, reply) => reply.status(201).send(await encyclopedia.create(request.actor, request.body)),
  );

  app.get(
    '/api/encyclopedia/entries/:slug',
    { schema: { tags, summary: 'One published entry, with its reviewer and revision', params: SlugParams, response: { 200: EntrySchema, ...errors(404) } } },
    async (request, reply) => {
      const json = await encyclopedia.entryJson(request.params.slug, request.locale);
      if (!json) throw notFound('This encyclopedia entry');
      // Already JSON text, cached: sent as it is.
      return reply.type('application/json; charset=utf-8').send(json as never);
    },
  );

  app.put(
    '/api/encyclopedia/entries/:slug',
    {
      schema: {
        tags,
        summary: 'Propose a new revision. A doctor’s or admin’s is published at once; an editor’s waits for review',
        params: SlugParams,
        body: EntryBody,
        response: { 200: WriteResult, ...errors(401, 403, 404, 409, 422) },
      },
    },
    async (request) => encyclopedia.update(request.actor, request.params.slug, request.body),
  );

  app.get(
    '/api/encyclopedia/entries/:slug/revisions',
    {
      schema: {
        tags,
        summary: 'Every revision, newest first, with author and date (pending and rejected ones for editors, doctors and admins)',
        params: SlugParams,
        response: { 200: Type.Array(RevisionSummarySchema), ...errors(404) },
      },
    },
    async (request) => encyclopedia.revisions(request.actor, request.params.slug),
  );

  app.get(
    '/api/encyclopedia/entries/:slug/revisions/:revision',
    { schema: { tags, summary: 'One revision with its full content', params: RevisionParams, response: { 200: RevisionSchema, ...errors(404) } } },
    async (request) => encyclopedia.revision(request.actor, request.params.slug, request.params.revision),
  );

  app.get(
    '/api/encyclopedia/entries/:slug/diff',
    {
      schema: {
        tags,
        summary: 'What changed between two revisions, field by field',
        params: SlugParams,
        querystring: Type.Object({ from: Type.Integer({ minimum: 1 }), to: Type.Integer({ minimum: 1 }) }),
        response: { 200: DiffAnswer, ...errors(404, 422) },
      },
    },
    async (request) => encyclopedia.diff(request.actor, request.params.slug, request.query.from, request.query.to),
  );

  app.post(
    '/api/encyclopedia/entries/:slug/revisions/:revision/review',
    {
      schema: {
        tags,
        summary: 'A doctor or admin publishes or rejects a pending revision',
        params: RevisionParams,
        body: ReviewBody,
        response: {
          200: Type.Object({ slug: Type.String(), revision: Type.Integer(), status: Type.Union([Type.Literal('published'), Type.Literal('rejected')]) }),
          ...errors(401, 403, 404, 409, 422),
        },
      },
    },
    async (request) => encyclopedia.review(request.actor, request.params.slug, request.params.revision, request.body),
  );

  app.get(
    '/api/doctor/encyclopedia/terms',
    {
      schema: {
        tags,
        summary: 'A doctor’s queue: French and Chinese titles and synonyms matched by machine for entries of their specialty, awaiting review',
        querystring: TermReviewQuerystring,
        response: { 200: TermReviewList, ...errors(401, 403, 422) },
      },
    },
    async (request) => encyclopedia.termReviews.list(request.actor, request.query, request.locale),
  );

  app.post(
    '/api/doctor/encyclopedia/terms/decisions',
    {
      schema: {
        tags,
        summary: 'A doctor confirms, corrects or rejects a machine-matched word of their specialty (audited; no later import overrides it)',
        body: TermDecisionBody,
        response: { 200: TermDecisionAnswer, ...errors(401, 403, 404, 409, 422) },
      },
    },
    async (request) => encyclopedia.termReviews.decide(request.actor, request.body, request.id),
  );

  app.get(
    '/api/encyclopedia/reviews',
    { schema: { tags, summary: 'The review queue: revisions waiting for a doctor', response: { 200: Type.Array(PendingSchema), ...errors(401, 403) } } },
    async (request) => encyclopedia.pending(request.actor),
  );

  app.get(
    '/api/encyclopedia/categories',
    { schema: { tags, summary: "Categories, named in the caller's language, with their entry counts", response: { 200: Type.Array(CategorySchema) } } },
    async (request) => encyclopedia.listCategories(request.locale),
  );

  app.post(
    '/api/encyclopedia/categories',
    { schema: { tags, summary: 'Add a category (admins)', body: CategoryBody, response: { 204: NoContent, ...errors(401, 403, 409, 422) } } },
    async (request, reply) => {
      await encyclopedia.createCategory(requireActor(request), request.body);
      return reply.status(204).send(null);
    },
  );

  app.put(
    '/api/encyclopedia/categories/:code',
    {
      schema: {
        tags,
        summary: 'Rename or reorder a category (admins)',
        params: CodeParams,
        body: Type.Object({ names: CategoryBody.properties.names, sortOrder: CategoryBody.properties.sortOrder }, { additionalProperties: false }),
        response: { 204: NoContent, ...errors(401, 403, 404, 422) },
      },
    },
    async (request, reply) => {
      await encyclopedia.updateCategory(requireActor(request), request.params.code, request.body);
      return reply.status(204).send(null);
    },
  );

  app.delete(
    '/api/encyclopedia/categories/:code',
    { schema: { tags, summary: 'Remove an empty category (admins)', params: CodeParams, response: { 204: NoContent, ...errors(401, 403, 404, 409) } } },
    async (request, reply) => {
      await encyclopedia.deleteCategory(requireActor(request), request.params.code);
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/api/encyclopedia/stats',
    { schema: { tags, summary: 'How many published entries, in all and by category', response: { 200: StatsAnswer } } },
    async () => encyclopedia.stats(),
  );

  // The entry's page, with Open Graph tags written by the server so a shared link previews.
  app.get('/encyclopedia/:slug', { schema: { hide: true, params: SlugParams } }, async (request, reply) => {
    // /encyclopedia/new and /encyclopedia/reviews are pages of the web app, not entries.
    if (request.params.slug === 'new' || request.params.slug === 'reviews') return web.send(reply, 'patient', request.locale, { title: 'Encyclopedia' });
    const entry = await encyclopedia.entry(request.params.slug, request.locale);
    const url = `${publicUrl()}/encyclopedia/${encodeURIComponent(request.params.slug)}`;
    if (!entry) return web.send(reply, 'patient', request.locale, { title: 'Encyclopedia' }, 404);
    const description = entry.sections.overview.replace(/\s+/g, ' ').slice(0, 280);
    return web.send(reply, 'patient', request.locale, { title: entry.title, description, url, type: 'article' });
  });
};
