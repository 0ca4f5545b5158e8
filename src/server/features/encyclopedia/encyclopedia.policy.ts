// Who may do what in the encyclopedia. Editors, doctors and admins propose edits;
// doctors (the role exists only while a doctor's verification is approved) and admins
// review and publish; everyone reads what is published.
import { hasRole, type Actor } from '../../platform/auth/actor.ts';

export const mayPropose = (actor: Actor | null): boolean => hasRole(actor, 'editor') || hasRole(actor, 'doctor') || hasRole(actor, 'admin');

/** A reviewer's edits publish at once, and a reviewer publishes or rejects others' edits. */
export const isReviewer = (actor: Actor | null): boolean => hasRole(actor, 'doctor') || hasRole(actor, 'admin');

/** Pending and rejected revisions, and entries not yet published, are staff-only. */
export const maySeeUnpublished = mayPropose;

export const mayManageCategories = (actor: Actor | null): boolean => hasRole(actor, 'admin');
