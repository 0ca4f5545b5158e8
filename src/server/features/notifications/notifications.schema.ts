import { Type } from 'typebox';

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
