// The accounts API: the signed-in person as every face sees them, and what a client sends
// to register, sign in and change their profile.
import { Type, type Static } from 'typebox';

export const LocaleSchema = Type.Union([Type.Literal('en'), Type.Literal('zh'), Type.Literal('fr')]);

export const RoleSchema = Type.Union([
  Type.Literal('patient'),
  Type.Literal('doctor'),
  Type.Literal('admin'),
  Type.Literal('editor'),
  Type.Literal('moderator'),
]);

export const UserSchema = Type.Object(
  {
    id: Type.String(),
    displayName: Type.String(),
    email: Type.Optional(Type.String()),
    phone: Type.Optional(Type.String()),
    roles: Type.Array(RoleSchema),
    locale: LocaleSchema,
    country: Type.Union([Type.String(), Type.Null()], {
      description: 'ISO 3166-1 alpha-2: the one chosen, else the phone number’s; emergency numbers and prices follow it.',
    }),
    createdAt: Type.String(),
    pendingConsents: Type.Optional(
      Type.Array(Type.String(), {
        description: 'Documents (terms, privacy) whose current version this person has yet to accept: the web asks before going on.',
      }),
    ),
  },
  { $id: 'User' },
);
export type User = Static<typeof UserSchema>;

export const RegisterBody = Type.Object(
  {
    email: Type.Optional(Type.String({ maxLength: 254, description: 'Email address; give this or phone (or both).' })),
    phone: Type.Optional(Type.String({ maxLength: 32, description: 'Mobile number in E.164 form, e.g. +8613800138000.' })),
    password: Type.String({ maxLength: 256, description: 'At least 8 characters, not a common password.' }),
    displayName: Type.String({ maxLength: 200 }),
    locale: Type.Optional(LocaleSchema),
    acceptTerms: Type.Optional(
      Type.Boolean({
        description:
          'Must be true: the person accepts the current terms of use and privacy notice (GET /api/consents/documents). Without it: 422 terms_not_accepted.',
      }),
    ),
  },
  { additionalProperties: false },
);
export type RegisterInput = Static<typeof RegisterBody>;

export const LoginBody = Type.Object(
  {
    login: Type.String({ minLength: 1, maxLength: 254, description: 'Email address or phone number.' }),
    password: Type.String({ minLength: 1, maxLength: 256 }),
  },
  { additionalProperties: false },
);

export const AuthResult = Type.Object({ user: UserSchema, token: Type.String() });

export const UpdateMeBody = Type.Object(
  {
    displayName: Type.Optional(Type.String({ maxLength: 200 })),
    locale: Type.Optional(LocaleSchema),
    country: Type.Optional(Type.String({ maxLength: 8, description: 'ISO 3166-1 alpha-2, e.g. CN, FR, US: where you are, for emergency numbers and prices.' })),
  },
  { additionalProperties: false },
);
export type Role = Static<typeof RoleSchema>;
