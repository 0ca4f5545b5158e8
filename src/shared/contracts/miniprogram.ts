// The mini-program API: partner hosts as operators manage them, and the exchange of a host's
// signed assertion for a mini-program session.
import { Type, type Static } from 'typebox';

export const JwkSchema = Type.Object(
  {
    kty: Type.String(),
    kid: Type.Optional(Type.String()),
    alg: Type.Optional(Type.String()),
    use: Type.Optional(Type.String()),
  },
  { additionalProperties: true },
);

export const HostStatus = Type.Union([Type.Literal('active'), Type.Literal('suspended')]);

export const CreateHostBody = Type.Object(
  {
    name: Type.String({ maxLength: 200 }),
    origins: Type.Array(Type.String({ maxLength: 300 }), { maxItems: 20 }),
    jwks: Type.Optional(Type.Object({ keys: Type.Array(JwkSchema, { maxItems: 20 }) })),
    jwksUrl: Type.Optional(Type.Union([Type.String({ maxLength: 500 }), Type.Null()])),
    status: Type.Optional(HostStatus),
    /** Trust this host's verified `phone_number` claim (it has checked its readers' numbers). */
    vouchesPhones: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);

export const UpdateHostBody = Type.Partial(CreateHostBody, { additionalProperties: false });

export const HostSchema = Type.Object({
  id: Type.String(),
  name: Type.String(),
  origins: Type.Array(Type.String()),
  jwks: Type.Union([Type.Object({ keys: Type.Array(JwkSchema) }), Type.Null()]),
  jwksUrl: Type.Union([Type.String(), Type.Null()]),
  status: HostStatus,
  vouchesPhones: Type.Boolean(),
  createdAt: Type.String(),
  updatedAt: Type.String(),
});

export const SessionBody = Type.Object(
  {
    hostId: Type.String({ minLength: 1, maxLength: 64 }),
    assertion: Type.String({ minLength: 1, maxLength: 8192 }),
  },
  { additionalProperties: false },
);

export const SessionResult = Type.Object({
  token: Type.String(),
  user: Type.Object({
    id: Type.String({ description: 'Pairwise id: different for each host' }),
    displayName: Type.String(),
    locale: Type.String(),
    hostId: Type.String(),
  }),
});

export type Host = Static<typeof HostSchema>;
