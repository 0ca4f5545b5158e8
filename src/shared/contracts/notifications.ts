// The notifications API: the bell's notifications, a person's channel and quiet-hour
// settings, push subscriptions, and the operators' delivery log.
import { Type, type Static } from 'typebox';

export const NotificationSchema = Type.Object({
  id: Type.String(),
  kind: Type.String({ description: 'What happened, e.g. community_reply, community_warning.' }),
  title: Type.String(),
  body: Type.String(),
  link: Type.Union([Type.String(), Type.Null()], { description: 'A path inside the app to open.' }),
  readAt: Type.Union([Type.String(), Type.Null()]),
  createdAt: Type.String(),
});

export const NotificationList = Type.Object({ items: Type.Array(NotificationSchema), unread: Type.Integer() });

export const NotificationListQuery = Type.Object({
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100 })),
  unread: Type.Optional(Type.Boolean({ description: 'Only unread ones.' })),
});

const Channels = Type.Object({ push: Type.Boolean(), email: Type.Boolean(), sms: Type.Boolean() });
const QuietHours = Type.Union([
  Type.Object({ start: Type.String({ description: 'Local time, HH:MM (24 h).' }), end: Type.String({ description: 'Local time, HH:MM (24 h).' }) }),
  Type.Null(),
]);

export const NotificationSettingsSchema = Type.Object({
  channels: Channels,
  kinds: Type.Record(Type.String(), Type.Boolean(), { description: 'Per kind of notification: false mutes it on email, push and SMS (the bell keeps it).' }),
  quietHours: QuietHours,
  timeZone: Type.String({ description: 'IANA time zone of the quiet hours, e.g. Europe/Paris.' }),
  urgentOverridesQuiet: Type.Boolean({ description: 'Doctors: a waiting or addressed question comes through quiet hours.' }),
});

export const NotificationSettingsUpdate = Type.Object({
  channels: Type.Optional(Type.Partial(Channels)),
  kinds: Type.Optional(Type.Record(Type.String(), Type.Boolean())),
  quietHours: Type.Optional(QuietHours),
  timeZone: Type.Optional(Type.String({ maxLength: 64 })),
  urgentOverridesQuiet: Type.Optional(Type.Boolean()),
});

export const PushSubscriptionInput = Type.Object({
  endpoint: Type.String({ minLength: 8, maxLength: 2000 }),
  keys: Type.Object({ p256dh: Type.String({ maxLength: 200 }), auth: Type.String({ maxLength: 100 }) }),
  expirationTime: Type.Optional(Type.Union([Type.Number(), Type.Null()])),
});

export const DeliverySchema = Type.Object({
  id: Type.String(),
  kind: Type.String(),
  channel: Type.String(),
  to: Type.String({ description: 'Address, half hidden; for push the subscription id.' }),
  subject: Type.String(),
  body: Type.String(),
  link: Type.Union([Type.String(), Type.Null()]),
  locale: Type.String(),
  status: Type.String({ description: 'pending, sending, sent, failed, held (nothing was sent: no provider configured), dropped (push subscription expired).' }),
  attempts: Type.Integer(),
  nextAttemptAt: Type.String(),
  lastError: Type.Union([Type.String(), Type.Null()]),
  provider: Type.Union([Type.String(), Type.Null()]),
  createdAt: Type.String(),
  sentAt: Type.Union([Type.String(), Type.Null()]),
});

export const DeliveryList = Type.Object({
  items: Type.Array(DeliverySchema),
  counts: Type.Record(Type.String(), Type.Integer()),
  channels: Type.Object(
    { email: Type.Boolean(), sms: Type.Union([Type.String(), Type.Null()]), push: Type.Boolean() },
    { description: 'Which channels really send: email false and sms null mean held in this outbox.' },
  ),
});

export type Notification = Static<typeof NotificationSchema>;
export type NotificationSettings = Static<typeof NotificationSettingsSchema>;
export type Delivery = Static<typeof DeliverySchema>;
export type Deliveries = Static<typeof DeliveryList>;
