// Types of the consultation API as the web sees it: the contract's, nothing retyped.
export type { Consultation, ConsultationStatus, QueueItem, Quote } from '../../../shared/contracts/consultations.ts';

export const EMERGENCY_BY_LOCALE: Record<string, string> = { zh: '120', fr: '15', en: '911' };
