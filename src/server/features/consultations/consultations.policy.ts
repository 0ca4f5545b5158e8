// Who may read and write in a consultation's conversation: the patient, and the doctor
// who accepted it; an admin may read, giving a reason that is audited and shown to the patient. Anyone else is told the
// conversation does not exist (404), as for the consultation itself.
import { hasRole } from '../../platform/auth/actor.ts';
import type { ConversationAccess } from '../messaging/messaging.policy.ts';
import type { ConsultationsStore } from './consultations.store.ts';

export function consultationAccess(store: ConsultationsStore, tookFollowUp: (conversationId: string, userId: string) => Promise<boolean> = async () => false): ConversationAccess {
  return {
    async decide(actor, conversation) {
      const c = await store.participants(conversation.id);
      if (!c) return null;
      // Posting in a closed, expired or cancelled consultation is refused by the messaging
      // core itself (409: the conversation is closed), so the people in it may always try.
      if (actor.userId === c.patientId) return { read: true, post: true };
      if (c.doctorId !== null && actor.userId === c.doctorId) return { read: true, post: true };
      // A doctor of the department who took a reopened check-in the consultation's doctor left unanswered.
      if (await tookFollowUp(conversation.id, actor.userId)) return { read: true, post: true };
      if (hasRole(actor, 'admin') && actor.scope === 'full') return { read: true, post: false, auditAction: 'consultation.read_by_admin', reasonRequired: true };
      return null;
    },
  };
}
