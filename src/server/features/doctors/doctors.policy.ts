// Who may see or change what in doctor onboarding.
import { hasRole, type Actor } from '../../platform/auth/actor.ts';
import { forbidden } from '../../platform/http/errors.ts';

/** Reviewers are admins. */
export const isReviewer = (actor: Actor | null): boolean => hasRole(actor, 'admin');

/** An application and its documents: the applicant and reviewers. */
export const mayReadApplication = (actor: Actor, applicantId: string): boolean => actor.userId === applicantId || isReviewer(actor);

export function requireReviewer(actor: Actor): void {
  if (!isReviewer(actor)) throw forbidden('Reviewing doctor applications needs the admin role.');
}

/** Nobody decides on, or records evidence for, their own application. */
export function requireNotOwn(actor: Actor, applicantId: string): void {
  if (actor.userId === applicantId) throw forbidden('You cannot review your own application: another reviewer has to decide.', 'own_application');
}
