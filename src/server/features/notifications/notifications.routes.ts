import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { requireActor } from '../../platform/auth/actor.ts';
import { errors, NoContent } from '../../platform/http/schemas.ts';
import { NotificationList, NotificationListQuery } from '../../../shared/contracts/notifications.ts';
import type { NotificationsService } from './notifications.service.ts';

export const notificationsRoutes: FastifyPluginAsyncTypebox<{ notifications: NotificationsService }> = async (app, { notifications }) => {
  app.get(
    '/api/notifications',
    { schema: { tags: ['notifications'], summary: 'Your notifications, newest first, with the unread count', querystring: NotificationListQuery, response: { 200: NotificationList, ...errors(401) } } },
    async (request) => notifications.list(requireActor(request), { ...(request.query.limit ? { limit: request.query.limit } : {}), unreadOnly: request.query.unread ?? false }),
  );

  app.get(
    '/api/notifications/unread-count',
    { schema: { tags: ['notifications'], summary: 'How many notifications are unread (for the bell)', response: { 200: Type.Object({ unread: Type.Integer() }), ...errors(401) } } },
    async (request) => ({ unread: await notifications.unreadCount(requireActor(request)) }),
  );

  app.post(
    '/api/notifications/:id/read',
    { schema: { tags: ['notifications'], summary: 'Mark one notification read', params: Type.Object({ id: Type.String({ maxLength: 64 }) }), response: { 204: NoContent, ...errors(401, 404) } } },
    async (request, reply) => {
      await notifications.markRead(requireActor(request), request.params.id);
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/api/notifications/read-all',
    { schema: { tags: ['notifications'], summary: 'Mark every notification read', response: { 200: Type.Object({ marked: Type.Integer() }), ...errors(401) } } },
    async (request) => ({ marked: await notifications.markAllRead(requireActor(request)) }),
  );
};
