// Links in messages: the link policy operators set, its refusals, and link previews.
import { Type, type Static } from 'typebox';

export const LinkMode = Type.Union([Type.Literal('allow_all'), Type.Literal('allow_listed'), Type.Literal('deny_all')]);
export const KindRule = Type.Object({
  mode: LinkMode,
  domains: Type.Array(Type.String({ maxLength: 253 }), { maxItems: 500, default: [] }),
});
export const PolicyRulesSchema = Type.Object({
  kinds: Type.Object({ direct: KindRule, consultation: KindRule, group: KindRule }),
  blocklist: Type.Array(Type.String({ maxLength: 253 }), { maxItems: 5000 }),
});
export const PolicyVersionSchema = Type.Object({
  version: Type.Integer(),
  kinds: Type.Object({ direct: KindRule, consultation: KindRule, group: KindRule }),
  blocklist: Type.Array(Type.String()),
  note: Type.Union([Type.String(), Type.Null()]),
  createdBy: Type.Union([Type.String(), Type.Null()]),
  createdAt: Type.String(),
});
export type PolicyVersionOut = Static<typeof PolicyVersionSchema>;
export const UpdatePolicyBody = Type.Object({
  kinds: Type.Object({ direct: KindRule, consultation: KindRule, group: KindRule }),
  blocklist: Type.Array(Type.String({ maxLength: 253 }), { maxItems: 5000, default: [] }),
  note: Type.Optional(Type.String({ maxLength: 500 })),
});
export const RefusalSchema = Type.Object({
  id: Type.String(),
  conversationId: Type.String(),
  conversationKind: Type.String(),
  senderId: Type.String(),
  policyVersion: Type.Integer(),
  urls: Type.Array(Type.String()),
  reason: Type.String(),
  createdAt: Type.String(),
});
export const PreviewSchema = Type.Object({
  url: Type.String(),
  title: Type.Union([Type.String(), Type.Null()]),
  description: Type.Union([Type.String(), Type.Null()]),
  image: Type.Union([Type.String(), Type.Null()]),
  siteName: Type.Union([Type.String(), Type.Null()]),
});
export const MessageLinkSchema = Type.Object({
  url: Type.String(),
  external: Type.Boolean(),
  preview: Type.Optional(PreviewSchema),
});

export type LinkPreview = Static<typeof PreviewSchema>;
export type MessageLink = Static<typeof MessageLinkSchema>;
export type LinkPolicyVersion = PolicyVersionOut;
export type LinkRefusal = Static<typeof RefusalSchema>;
