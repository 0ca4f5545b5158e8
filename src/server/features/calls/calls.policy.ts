// Who may take part in a call: the two people of an accepted consultation, while it is
// open. The doctor who accepted it calls; the patient answers. Anyone else (another
// patient, another doctor, an admin) is told the call or consultation does not exist.
import type { Actor } from '../../platform/auth/actor.ts';
import type { CallRow } from './calls.store.ts';

export interface ConsultationParties {
  status: string;
  patientId: string;
  doctorId: string | null;
  conversationId: string;
}

/** The accepting doctor may start a call in their consultation (open or not: a closed one
 * answers 409, which the service decides); nobody else may. */
export const mayStartCall = (actor: Actor, c: ConsultationParties): boolean => actor.scope === 'full' && c.doctorId !== null && c.doctorId === actor.userId;

/** May see the consultation's calls at all: its patient or its doctor. */
export const isParty = (actor: Actor, c: ConsultationParties): boolean => actor.userId === c.patientId || (c.doctorId !== null && actor.userId === c.doctorId);

/** May act on this call: one of its two participants, still a party of its consultation. */
export const isParticipant = (actor: Actor, call: CallRow, c: ConsultationParties | null): boolean =>
  c !== null && isParty(actor, c) && (actor.userId === call.callerId || actor.userId === call.calleeId);

/** The consultation lets its people talk: accepted and not closed. */
export const isOpen = (c: ConsultationParties): boolean => c.status === 'active' && c.doctorId !== null;

/** The other participant. */
export const otherOf = (call: CallRow, userId: string): string => (call.callerId === userId ? call.calleeId : call.callerId);
