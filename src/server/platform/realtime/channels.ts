// What may travel on each bus channel. Realtime channels (conversation, user, queue,
// presence) carry the events of the shared contract that the socket relays to clients;
// the others carry notices between server processes only (caches to drop, sessions ended,
// posting rights to forget). A message that does not fit its channel's schema is refused
// when published and dropped (and logged) when received.
import { Compile } from 'typebox/compile';
import { Type, type Static, type TSchema } from 'typebox';
import { realtimeSchemaOf, type EventOn, type RealtimeChannel } from '../../../shared/contracts/realtime.ts';

const Id = Type.String({ minLength: 1, maxLength: 128 });

/** Notices between processes, by channel. */
export const INTERNAL_SCHEMAS = {
  /** Sessions ended (sign-out, suspension): one, or all of a person's (optionally of one scope). */
  sessions: Type.Union([
    Type.Object({ sessionId: Id }, { additionalProperties: false }),
    Type.Object({ userId: Id, scope: Type.Optional(Type.Union([Type.Literal('full'), Type.Literal('mini')])) }, { additionalProperties: false }),
  ]),
  /** A person's roles or profile changed: checked sessions are read again. */
  'accounts:changed': Type.Object({ userId: Id }, { additionalProperties: false }),
  /** Posting rights in this conversation (or all, null) are proved again. */
  'messaging:access': Type.Object({ conversationId: Type.Union([Id, Type.Null()]) }, { additionalProperties: false }),
  /** Community pages of this thread or forum are dropped from the caches. */
  'community:invalidate': Type.Object({ threadId: Type.Optional(Id), forumId: Type.Optional(Id) }, { additionalProperties: false }),
  /** The encyclopedia changed in process `from`: the others drop their caches. */
  'encyclopedia.changed': Type.Object({ from: Id }, { additionalProperties: false }),
} as const;

export type InternalChannel = keyof typeof INTERNAL_SCHEMAS;
export type InternalMessage<C extends InternalChannel> = Static<(typeof INTERNAL_SCHEMAS)[C]>;
export type Channel = RealtimeChannel | InternalChannel;
export type MessageOn<C extends Channel> = C extends InternalChannel ? InternalMessage<C> : C extends RealtimeChannel ? EventOn<C> : never;

const validators = new Map<TSchema, ReturnType<typeof Compile>>();
function validatorOf(schema: TSchema) {
  let validator = validators.get(schema);
  if (!validator) {
    validator = Compile(schema);
    validators.set(schema, validator);
  }
  return validator;
}

function schemaOf(channel: string): TSchema | null {
  return realtimeSchemaOf(channel) ?? (Object.hasOwn(INTERNAL_SCHEMAS, channel) ? INTERNAL_SCHEMAS[channel as InternalChannel] : null);
}

/** Why `message` may not travel on `channel`, or null when it may. */
export function refusalOf(channel: string, message: unknown): string | null {
  const schema = schemaOf(channel);
  if (!schema) return `no schema for bus channel ${channel}`;
  const validator = validatorOf(schema);
  if (validator.Check(message)) return null;
  const [first] = validator.Errors(message);
  return `does not fit channel ${channel}${first ? `: ${first.instancePath || '/'} ${first.message}` : ''}`;
}
