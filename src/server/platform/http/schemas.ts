// Schemas every route shares: the error body, and helpers to declare which error
// statuses a route answers with (so the OpenAPI document lists them).
import { Type } from 'typebox';

export const ErrorSchema = Type.Object(
  {
    error: Type.Object(
      {
        code: Type.String({ description: 'Stable snake_case code a client can switch on.' }),
        message: Type.String({ description: 'A sentence a person understands.' }),
        fields: Type.Optional(Type.Record(Type.String(), Type.String())),
      },
      { additionalProperties: true },
    ),
  },
  { description: 'Error' },
);

/** `{401: ErrorSchema, 404: ErrorSchema, …}` for a route's `response` declaration. */
export function errors<S extends number>(...statuses: S[]): { [K in S]: typeof ErrorSchema } {
  return Object.fromEntries(statuses.map((s) => [s, ErrorSchema])) as { [K in S]: typeof ErrorSchema };
}

export const NoContent = Type.Null({ description: 'No content' });
