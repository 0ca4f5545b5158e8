// Who may read and post in a conversation. Each conversation kind may have its own
// policy, registered by the feature that owns the kind (consultations registers one for
// `consultation`); direct chats and groups use membership.
import { hasRole, type Actor } from '../../platform/auth/actor.ts';
import type { ConversationRow, MemberRow } from './messaging.store.ts';

export interface AccessDecision {
  read: boolean;
  post: boolean;
  /** Manage members (invite, remove, change roles). */
  manage?: boolean;
  /** Set when the read must be written to the audit log (e.g. an admin reading). */
  auditAction?: string;
  /** The audited read needs a reason (a patient's health data): 422 reason_required without one. */
  reasonRequired?: boolean;
}

export interface ConversationAccess {
  /** What `actor` may do in `conversation`; null means it is none of their business (404). */
  decide(actor: Actor, conversation: ConversationRow, member: MemberRow | null): AccessDecision | null | Promise<AccessDecision | null>;
}

/** Members read and post; group owners and admins manage; platform admins may read, audited. */
export const membershipAccess: ConversationAccess = {
  decide(actor, conversation, member) {
    if (member && member.leftAt === null) {
      return { read: true, post: true, manage: conversation.kind === 'group' && (member.role === 'owner' || member.role === 'admin') };
    }
    if (hasRole(actor, 'admin')) return { read: true, post: false, auditAction: 'conversation.read_by_admin' };
    return null;
  },
};
