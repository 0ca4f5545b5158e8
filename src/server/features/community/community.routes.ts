import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { requireActor } from '../../platform/auth/actor.ts';
import { resolveLocale } from '../../platform/auth/authenticate.ts';
import { errors } from '../../platform/http/schemas.ts';
import type { WebShell } from '../../platform/http/web-shell.ts';
import type { CommunityImages } from './community.images.ts';
import type { ModerationService } from './community.moderation.ts';
import {
  BestBody,
  CreateThreadBody,
  Created,
  EditBody,
  FollowResult,
  ForumPage,
  ForumSchema,
  ForumsQuery,
  IdParams,
  ImageResult,
  LikeResult,
  PageQuery,
  ReplyBody,
  ReportBody,
  SearchQuery,
  SearchResult,
  ThreadPage,
} from './community.schema.ts';
import type { CommunityService } from './community.service.ts';

export interface CommunityRoutesOptions {
  community: CommunityService;
  moderation: ModerationService;
  images: CommunityImages;
  web: WebShell;
  publicUrl: () => string;
}

/** Writes need a signed-in person: answer 401 before looking at the body. */
const signedIn = async (request: FastifyRequest) => {
  requireActor(request);
};

export const communityRoutes: FastifyPluginAsyncTypebox<CommunityRoutesOptions> = async (app, { community, moderation, images, web, publicUrl }) => {
  const tags = ['community'];

  app.get(
    '/api/community/forums',
    { schema: { tags, summary: 'Forums by topic and condition; ?entry=<slug> gives those discussing an encyclopedia entry', querystring: ForumsQuery, response: { 200: Type.Array(ForumSchema) } } },
    async (request) => community.listForums(request.locale, request.query.entry),
  );

  app.get(
    '/api/community/forums/:id',
    { schema: { tags, summary: 'A forum (by id or slug) and a page of its threads, most recently active first', params: IdParams, querystring: PageQuery, response: { 200: ForumPage, ...errors(404) } } },
    async (request) => community.forumPage(request.params.id, request.locale, request.query.page ?? 1),
  );

  app.get(
    '/api/community/search',
    { schema: { tags, summary: 'Threads whose title or opening post contains every word', querystring: SearchQuery, response: { 200: SearchResult } } },
    async (request) => community.search(request.query.q, request.query.forumId, request.query.page ?? 1),
  );

  app.post(
    '/api/community/threads',
    {
      schema: { tags, summary: 'Start a thread (Markdown; a pseudonym in sensitive forums)', body: CreateThreadBody, response: { 201: Created, ...errors(401, 422, 429) } },
      preValidation: signedIn,
    },
    async (request, reply) => reply.status(201).send(await community.createThread(requireActor(request), request.body, request.locale, false, request.headers['accept-language'] ?? null)),
  );

  app.get(
    '/api/community/threads/:id',
    { schema: { tags, summary: 'A thread and one page of its posts (page 1 first; past the end, no posts)', params: IdParams, querystring: PageQuery, response: { 200: ThreadPage, ...errors(404) } } },
    async (request) => community.threadPage(request.actor, request.params.id, request.query.page ?? 1, request.locale, request.headers['accept-language'] ?? null),
  );

  app.post(
    '/api/community/threads/:id/posts',
    {
      schema: { tags, summary: 'Reply to a thread (Markdown)', params: IdParams, body: ReplyBody, response: { 201: Created, ...errors(401, 404, 409, 422, 429) } },
      preValidation: signedIn,
    },
    async (request, reply) => reply.status(201).send(await community.reply(requireActor(request), request.params.id, request.body, request.locale, false, request.headers['accept-language'] ?? null)),
  );

  for (const [method, follow] of [['put', true], ['delete', false]] as const) {
    app[method](
      '/api/community/threads/:id/follow',
      {
        schema: { tags, summary: follow ? 'Follow a thread: get a notification for each reply' : 'Stop following a thread', params: IdParams, response: { 200: FollowResult, ...errors(401, 404) } },
        preValidation: signedIn,
      },
      async (request) => community.setFollow(requireActor(request), request.params.id, follow),
    );
  }

  app.put(
    '/api/community/threads/:id/best',
    {
      schema: { tags, summary: 'Mark (or, with null, unmark) the best answer: the asker or a verified doctor', params: IdParams, body: BestBody, response: { 200: Type.Object({ bestPostId: Type.Union([Type.String(), Type.Null()]) }), ...errors(401, 403, 404, 422) } },
      preValidation: signedIn,
    },
    async (request) => community.markBest(requireActor(request), request.params.id, request.body.postId),
  );

  app.patch(
    '/api/community/posts/:id',
    {
      schema: { tags, summary: 'Edit your post within the edit window', params: IdParams, body: EditBody, response: { 200: Created, ...errors(401, 403, 404, 409, 422) } },
      preValidation: signedIn,
    },
    async (request) => community.editPost(requireActor(request), request.params.id, request.body, { locale: request.locale, acceptLanguage: request.headers['accept-language'] ?? null }),
  );

  for (const [method, like] of [['put', true], ['delete', false]] as const) {
    app[method](
      '/api/community/posts/:id/like',
      { schema: { tags, summary: like ? 'Like a post' : 'Take back a like', params: IdParams, response: { 200: LikeResult, ...errors(401, 404) } }, preValidation: signedIn },
      async (request) => community.setLike(requireActor(request), request.params.id, like),
    );
  }

  app.post(
    '/api/community/posts/:id/report',
    {
      schema: { tags, summary: 'Report a post to the moderators, with a reason', params: IdParams, body: ReportBody, response: { 201: Type.Object({ id: Type.String() }), ...errors(401, 404, 409, 422) } },
      preValidation: signedIn,
      config: { rateLimit: { max: 30, timeWindow: '1 hour' } },
    },
    async (request, reply) => reply.status(201).send(await moderation.report(requireActor(request), request.params.id, request.body.reason)),
  );

  app.post(
    '/api/community/images',
    {
      schema: {
        tags,
        summary: 'Upload an image for a post (multipart field "file"); answers the Markdown to insert',
        consumes: ['multipart/form-data'],
        response: { 201: ImageResult, ...errors(401, 413, 422, 429) },
      },
      preValidation: signedIn,
    },
    async (request, reply) => {
      const actor = requireActor(request);
      const file = await request.file();
      if (!file) return reply.status(422).send({ error: { code: 'validation_failed', message: 'Choose an image to upload.', fields: { file: 'choose an image' } } });
      const bytes = await file.toBuffer();
      const alt = file.filename?.replace(/\.[a-z0-9]+$/i, '') ?? 'image';
      return reply.status(201).send(await images.upload(actor, bytes, alt));
    },
  );

  app.get(
    '/api/community/images/:id',
    { schema: { tags, summary: 'An uploaded image (WebP)', params: IdParams, response: { 200: Type.Unsafe<Buffer>({ type: 'string', format: 'binary' }), ...errors(404) } } },
    async (request, reply) => {
      const image = await images.get(request.params.id);
      return reply.header('cache-control', 'public, max-age=31536000, immutable').header('x-content-type-options', 'nosniff').type(image.mime).send(image.data);
    },
  );

  // The thread's page itself, with Open Graph tags so a shared link previews well. Never
  // the author's name: the description is the question, the title the thread's.
  app.get('/community/threads/:id', { schema: { hide: true, params: IdParams } }, async (request, reply) => {
    const locale = resolveLocale(request, null);
    const meta = await community.threadMeta(request.params.id);
    const url = `${publicUrl()}/community/threads/${encodeURIComponent(request.params.id)}`;
    if (!meta) return web.send(reply, 'patient', locale, { title: 'Community' }, 404);
    return web.send(reply, 'patient', locale, { title: meta.title, description: meta.description, url, type: 'article' });
  });
};
