// Pieces every contract uses.
import { Type, type TSchema } from 'typebox';

/** The value, or null. */
export const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);
