// Triage's part of every writing path's answer: the emergency guidance.
import { Type, type Static } from 'typebox';

/** Emergency guidance for the writer of a text with red flags (see triage.guidance.ts). */
export const UrgentGuidanceSchema = Type.Object({
  flags: Type.Array(Type.String()),
  country: Type.String({ description: 'ISO 3166-1 alpha-2 the numbers are for' }),
  emergencyNumbers: Type.Array(Type.String(), { description: 'The number to call first, then others that also reach help' }),
  message: Type.String(),
});
export type UrgentGuidance = Static<typeof UrgentGuidanceSchema>;
