// HTTP edges of the outside channels: settings, push subscriptions, the VAPID key, the
// one-click email unsubscribe, and the operators' delivery log.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { requireActor, requireRole } from '../../platform/auth/actor.ts';
import { errors, NoContent } from '../../platform/http/schemas.ts';
import type { Locale } from '../../../shared/locales.ts';
import { DeliveryList, NotificationSettingsSchema, NotificationSettingsUpdate, PushSubscriptionInput } from '../../../shared/contracts/notifications.ts';
import type { NotificationsService } from './notifications.service.ts';

const UNSUBSCRIBE_TEXT: Record<Locale, { title: string; ask: string; button: string; done: string; settings: string }> = {
  en: { title: 'Unsubscribe from Lotus Health emails', ask: 'Stop receiving notification emails from Lotus Health?', button: 'Unsubscribe', done: 'You will receive no more notification emails. Push notifications and the app are unchanged.', settings: 'Notification settings' },
  zh: { title: '退订 Lotus Health 邮件', ask: '不再接收 Lotus Health 的通知邮件？', button: '退订', done: '您将不再收到通知邮件。推送通知和应用内通知不受影响。', settings: '通知设置' },
  fr: { title: 'Se désabonner des e-mails de Lotus Health', ask: 'Ne plus recevoir les e-mails de notification de Lotus Health ?', button: 'Se désabonner', done: 'Vous ne recevrez plus d’e-mails de notification. Les notifications push et l’application ne changent pas.', settings: 'Réglages des notifications' },
};

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

function page(locale: Locale, title: string, inner: string): string {
  return `<!doctype html><html lang="${locale}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>${escapeHtml(title)}</title></head><body><main><h1>${escapeHtml(title)}</h1>${inner}</main></body></html>`;
}

export const notificationChannelsRoutes: FastifyPluginAsyncTypebox<{ notifications: NotificationsService; channels: () => { email: boolean; sms: string | null; push: boolean } }> = async (app, { notifications, channels }) => {
  // Mail clients send the one-click unsubscribe as a form (RFC 8058).
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string', bodyLimit: 4096 }, (_request, body, done) => done(null, Object.fromEntries(new URLSearchParams(String(body)))));

  app.get(
    '/api/push/vapid-public-key',
    { schema: { tags: ['notifications'], summary: 'The VAPID public key (base64url) browsers subscribe with (applicationServerKey)', security: [], response: { 200: Type.Object({ key: Type.String() }) } } },
    async () => ({ key: notifications.vapidPublicKey }),
  );

  app.post(
    '/api/me/push-subscriptions',
    { schema: { tags: ['notifications'], summary: 'Register this browser’s push subscription (PushSubscription.toJSON())', body: PushSubscriptionInput, response: { 201: Type.Object({ id: Type.String() }), ...errors(401, 422) } } },
    async (request, reply) => reply.status(201).send(await notifications.subscribePush(requireActor(request), request.body)),
  );

  app.get(
    '/api/me/push-subscriptions',
    { schema: { tags: ['notifications'], summary: 'Your browsers that receive push notifications', response: { 200: Type.Object({ items: Type.Array(Type.Object({ id: Type.String(), endpointHost: Type.String(), createdAt: Type.String() })) }), ...errors(401) } } },
    async (request) => ({ items: await notifications.pushSubscriptions(requireActor(request)) }),
  );

  app.delete(
    '/api/me/push-subscriptions/:id',
    { schema: { tags: ['notifications'], summary: 'Stop push notifications to one browser', params: Type.Object({ id: Type.String({ maxLength: 64 }) }), response: { 204: NoContent, ...errors(401, 404) } } },
    async (request, reply) => {
      await notifications.unsubscribePush(requireActor(request), request.params.id);
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/api/me/notification-settings',
    { schema: { tags: ['notifications'], summary: 'Your notification channels, kinds and quiet hours', response: { 200: NotificationSettingsSchema, ...errors(401) } } },
    async (request) => notifications.settings(requireActor(request)),
  );

  app.put(
    '/api/me/notification-settings',
    { schema: { tags: ['notifications'], summary: 'Change channels (push, email, SMS), kinds and quiet hours; fields left out stay as they are', body: NotificationSettingsUpdate, response: { 200: NotificationSettingsSchema, ...errors(401, 422) } } },
    async (request) => notifications.updateSettings(requireActor(request), request.body),
  );

  const UnsubscribeQuery = Type.Object({ u: Type.String({ maxLength: 64 }), t: Type.String({ maxLength: 64 }) });

  app.get(
    '/api/notifications/unsubscribe',
    { schema: { tags: ['notifications'], summary: 'The page behind an email’s unsubscribe link: a button that confirms (a GET changes nothing, so link scanners cannot unsubscribe anyone)', security: [], querystring: UnsubscribeQuery } },
    async (request, reply) => {
      const t = UNSUBSCRIBE_TEXT[request.locale];
      const action = `/api/notifications/unsubscribe?u=${encodeURIComponent(request.query.u)}&t=${encodeURIComponent(request.query.t)}`;
      return reply.type('text/html; charset=utf-8').send(page(request.locale, t.title, `<p>${escapeHtml(t.ask)}</p><form method="post" action="${escapeHtml(action)}"><input type="hidden" name="List-Unsubscribe" value="One-Click"><button type="submit">${escapeHtml(t.button)}</button></form>`));
    },
  );

  app.post(
    '/api/notifications/unsubscribe',
    {
      config: { allowCrossSite: true },
      schema: { tags: ['notifications'], summary: 'One-click unsubscribe from email (RFC 8058): the signed link is the authorisation', security: [], querystring: UnsubscribeQuery },
    },
    async (request, reply) => {
      await notifications.unsubscribeEmail(request.query.u, request.query.t);
      const t = UNSUBSCRIBE_TEXT[request.locale];
      return reply.type('text/html; charset=utf-8').send(page(request.locale, t.title, `<p>${escapeHtml(t.done)}</p><p><a href="/settings/notifications">${escapeHtml(t.settings)}</a></p>`));
    },
  );

  app.get(
    '/api/admin/notifications/deliveries',
    {
      schema: {
        tags: ['notifications'],
        summary: 'Operators: every email, push and SMS delivery with its status, newest first (held: nothing was sent)',
        querystring: Type.Object({ status: Type.Optional(Type.String({ maxLength: 20 })), channel: Type.Optional(Type.String({ maxLength: 10 })), limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500 })) }),
        response: { 200: DeliveryList, ...errors(401, 403) },
      },
    },
    async (request) => {
      requireRole(request, 'admin');
      return { ...(await notifications.deliveries(request.query)), channels: channels() };
    },
  );
};
