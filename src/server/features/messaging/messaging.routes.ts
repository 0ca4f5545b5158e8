import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { requireActor } from '../../platform/auth/actor.ts';
import type { Clock } from '../../platform/clock.ts';
import { ConfigError } from '../../config.ts';
import type { BlobStore } from '../../platform/storage/blob-store.ts';
import { AppError } from '../../platform/http/errors.ts';
import { ownOrigins } from '../../platform/http/origins.ts';
import { errors, NoContent } from '../../platform/http/schemas.ts';
import { MAX_IMAGE_BYTES, storeImage } from './messaging.attachments.ts';
import type { RealtimeHub } from './messaging.realtime.ts';
import { RealtimeTickets, TICKET_SECONDS } from './messaging.tickets.ts';
import {
  AddMembersBody,
  AttachmentSchema,
  ConversationSchema,
  ConversationSummarySchema,
  CreateConversationBody,
  ListMessagesQuery,
  StaffReadQuery,
  MessageSchema,
  PostMessageBody,
  ReadBody,
  RemoveMemberBody,
  SentMessageSchema,
  SetRoleBody,
} from '../../../shared/contracts/messaging.ts';
import type { MessagingService } from './messaging.service.ts';

export interface MessagingRoutesOptions {
  messaging: MessagingService;
  hub: RealtimeHub;
  tickets: RealtimeTickets;
  clock: Clock;
  blobs: BlobStore;
  publicUrl: () => string;
  /** Messages one person may post per minute (LOTUS_MESSAGES_PER_MINUTE). */
  messagesPerMinute?: number;
}

/** LOTUS_MESSAGES_PER_MINUTE: the per-person posting limit, 120 unless set. */
export function messagesPerMinute(raw: Record<string, string | undefined>): number {
  const value = raw.LOTUS_MESSAGES_PER_MINUTE?.trim();
  if (!value) return 120;
  if (!/^\d+$/.test(value) || Number(value) < 1 || Number(value) > 1_000_000) throw new ConfigError('LOTUS_MESSAGES_PER_MINUTE', `must be a whole number between 1 and 1000000, got "${value}"`);
  return Number(value);
}

const Id = Type.Object({ id: Type.String({ minLength: 1, maxLength: 64 }) });

export const messagingRoutes: FastifyPluginAsyncTypebox<MessagingRoutesOptions> = async (app, { messaging, hub, tickets, clock, blobs, publicUrl, messagesPerMinute: perMinute = 120 }) => {
  app.post(
    '/api/conversations',
    {
      schema: {
        tags: ['messaging'],
        summary: 'Start a direct chat (reuses the existing one with the same person) or a group',
        body: CreateConversationBody,
        response: { 201: Type.Object({ id: Type.String(), created: Type.Boolean() }), ...errors(401, 422) },
      },
    },
    async (request, reply) => reply.status(201).send(await messaging.createChat(requireActor(request), request.body)),
  );

  app.get(
    '/api/conversations',
    {
      schema: {
        tags: ['messaging'],
        summary: "The caller's conversations, newest activity first, with the last message and unread count",
        response: { 200: Type.Array(ConversationSummarySchema), ...errors(401) },
      },
    },
    async (request) => messaging.listConversations(requireActor(request)),
  );

  app.get(
    '/api/conversations/:id',
    {
      schema: {
        tags: ['messaging'],
        summary: 'One conversation with its members (staff reading a consultation give a reason)',
        params: Id,
        querystring: StaffReadQuery,
        response: { 200: ConversationSchema, ...errors(401, 404, 422) },
      },
    },
    async (request) => messaging.conversation(requireActor(request), request.params.id, request.query.reason),
  );

  app.get(
    '/api/messaging/people',
    {
      schema: {
        tags: ['messaging'],
        summary: 'Find a person to message by their exact email address',
        querystring: Type.Object({ email: Type.String({ minLength: 3, maxLength: 254 }) }),
        response: { 200: Type.Object({ id: Type.String(), displayName: Type.String() }), ...errors(401, 404, 429) },
      },
      config: { rateLimit: { max: 30, timeWindow: '1 minute' } },
    },
    async (request) => {
      requireActor(request);
      const person = await messaging.findPersonByEmail(request.query.email);
      if (!person) throw new AppError(404, 'person_not_found', 'Nobody with this email address uses Lotus Health.');
      return person;
    },
  );

  app.post(
    '/api/conversations/:id/members',
    {
      schema: {
        tags: ['messaging'],
        summary: 'Invite people into a group (owner or admins); only the owner makes admins',
        params: Id,
        body: AddMembersBody,
        response: { 200: ConversationSchema, ...errors(401, 403, 404, 409, 422) },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      const ids = [...(request.body.userIds ?? [])];
      for (const email of request.body.emails ?? []) {
        const person = await messaging.findPersonByEmail(email);
        if (!person) throw new AppError(422, 'validation_failed', 'Some people could not be found.', { emails: `nobody uses ${email}` });
        ids.push(person.id);
      }
      if (ids.length === 0) throw new AppError(422, 'validation_failed', 'Name someone to invite.', { userIds: 'is required' });
      return messaging.invite(actor, request.params.id, ids, request.body.role);
    },
  );

  app.delete(
    '/api/conversations/:id/members',
    {
      schema: {
        tags: ['messaging'],
        summary: 'Leave a group (your own id) or remove someone from it (owner or admins)',
        params: Id,
        body: RemoveMemberBody,
        response: { 204: NoContent, ...errors(401, 403, 404, 409) },
      },
    },
    async (request, reply) => {
      await messaging.removeMember(requireActor(request), request.params.id, request.body.userId);
      return reply.status(204).send(null);
    },
  );

  app.patch(
    '/api/conversations/:id/members/:userId',
    {
      schema: {
        tags: ['messaging'],
        summary: "Change a member's role (the owner)",
        params: Type.Object({ id: Type.String({ maxLength: 64 }), userId: Type.String({ maxLength: 64 }) }),
        body: SetRoleBody,
        response: { 200: ConversationSchema, ...errors(401, 403, 404, 409) },
      },
    },
    async (request) => messaging.setRole(requireActor(request), request.params.id, request.params.userId, request.body.role),
  );

  app.post(
    '/api/conversations/:id/messages',
    {
      schema: {
        tags: ['messaging'],
        summary: 'Send a message; the same clientId returns the same message and seq',
        params: Id,
        body: PostMessageBody,
        response: { 201: SentMessageSchema, ...errors(401, 403, 404, 409, 422, 429) },
      },
      config: { rateLimit: { max: perMinute, timeWindow: '1 minute', keyGenerator: (request) => request.actor?.userId ?? request.ip } },
    },
    async (request, reply) =>
      reply.status(201).send(await messaging.postMessage(requireActor(request), request.params.id, request.body, { locale: request.locale, acceptLanguage: request.headers['accept-language'] ?? null })),
  );

  app.get(
    '/api/conversations/:id/messages',
    {
      schema: {
        tags: ['messaging'],
        summary: 'Messages after `after` (oldest first), or the last ones before `before` (staff reading a consultation give a reason)',
        params: Id,
        querystring: ListMessagesQuery,
        response: { 200: Type.Array(MessageSchema), ...errors(401, 404, 422) },
      },
    },
    async (request) => messaging.listMessages(requireActor(request), request.params.id, request.query),
  );

  app.post(
    '/api/conversations/:id/read',
    {
      schema: {
        tags: ['messaging'],
        summary: 'Mark messages up to `seq` as read',
        params: Id,
        body: ReadBody,
        response: { 200: Type.Object({ lastReadSeq: Type.Integer() }), ...errors(401, 404) },
      },
    },
    async (request) => messaging.markRead(requireActor(request), request.params.id, request.body.seq),
  );

  app.post(
    '/api/conversations/:id/attachments',
    {
      schema: {
        tags: ['messaging'],
        summary: 'Upload a photo (multipart field `file`; JPEG, PNG or WebP, at most 8 MB); send it with attachmentIds',
        params: Id,
        consumes: ['multipart/form-data'],
        response: { 201: AttachmentSchema, ...errors(401, 403, 404, 409, 413, 422) },
      },
    },
    async (request, reply) => {
      const actor = requireActor(request);
      await messaging.authorize(actor, request.params.id, 'post');
      const file = await request.file({ limits: { fileSize: MAX_IMAGE_BYTES + 1 } });
      if (!file) throw new AppError(422, 'validation_failed', 'Choose a photo to send.', { file: 'is required' });
      const data = await file.toBuffer().catch(() => {
        throw new AppError(413, 'image_too_large', 'Photos can be at most 8 MB.');
      });
      if (file.file.truncated) throw new AppError(413, 'image_too_large', 'Photos can be at most 8 MB.');
      return reply.status(201).send(await storeImage({ messaging, clock, blobs }, actor, request.params.id, data));
    },
  );

  app.get(
    '/api/conversations/:id/attachments/:attachmentId',
    {
      schema: {
        tags: ['messaging'],
        summary: 'A photo sent in a conversation (members only; staff reading a consultation give a reason)',
        params: Type.Object({ id: Type.String({ maxLength: 64 }), attachmentId: Type.String({ maxLength: 64 }) }),
        querystring: StaffReadQuery,
        response: { 200: Type.Unsafe<Buffer>({ type: 'string', format: 'binary' }), ...errors(401, 404, 422) },
      },
    },
    async (request, reply) => {
      const image = await messaging.attachment(requireActor(request), request.params.id, request.params.attachmentId, request.query.reason);
      reply.header('cache-control', 'private, max-age=86400');
      reply.header('x-content-type-options', 'nosniff');
      return reply.type(image.contentType).send(image.data);
    },
  );

  app.post(
    '/api/realtime/tickets',
    {
      schema: {
        tags: ['messaging'],
        summary: `A ticket that opens one realtime socket for this session within ${TICKET_SECONDS} s: /api/realtime?ticket=…`,
        response: { 201: Type.Object({ ticket: Type.String(), expiresAt: Type.String() }), ...errors(401) },
      },
    },
    async (request, reply) => reply.status(201).send(await tickets.issue(requireActor(request))),
  );

  app.get(
    '/api/realtime',
    {
      websocket: true,
      schema: {
        tags: ['messaging'],
        summary: 'WebSocket: subscribe/typing/read in, the realtime events out (src/shared/contracts/realtime.ts)',
        querystring: Type.Object({ ticket: Type.Optional(Type.String({ maxLength: 100 })) }),
      },
      preValidation: async (request, reply) => {
        const origin = request.headers.origin;
        const allowed = [...ownOrigins(publicUrl()), `${request.protocol}://${request.headers.host}`];
        if (origin && !allowed.includes(origin)) {
          return reply.status(403).send({ error: { code: 'cross_site_request', message: 'This connection came from another site and was refused.' } });
        }
        // Without a cookie or an Authorization header: the session offered as a subprotocol,
        // else a ticket (never the token itself in the URL).
        if (!request.actor) {
          const bearer = RealtimeTickets.bearerOf(request.headers['sec-websocket-protocol']);
          const ticket = request.query.ticket;
          if (bearer) request.actor = await tickets.bearer(bearer);
          else if (ticket) {
            request.actor = await tickets.redeem(ticket);
            if (!request.actor) return reply.status(401).send({ error: { code: 'ticket_not_valid', message: 'This ticket is unknown, used or expired. Ask for a new one.' } });
          }
        }
        if (!request.actor) return reply.status(401).send({ error: { code: 'unauthorized', message: 'Please sign in to continue.' } });
      },
    },
    (socket, request) => {
      // @fastify/websocket's own 'error' listener closes over the request and the reply, so
      // they would live as long as the socket (kilobytes per idle socket); ours keeps nothing.
      socket.removeAllListeners('error');
      socket.on('error', () => socket.terminate());
      hub.attach(socket, request.actor!);
    },
  );
};
