// Demo data: the demo patient and the demo admin have a direct chat with a welcome
// message (idempotent: the chat is reused and the message's clientId is fixed).
import type { Actor } from '../../platform/auth/actor.ts';
import type { MessagingService } from './messaging.service.ts';

export async function seedMessagingDemo(messaging: MessagingService, admin: Actor, patientId: string): Promise<void> {
  const { id } = await messaging.createChat(admin, { kind: 'direct', memberIds: [patientId] });
  await messaging.postMessage(admin, id, { clientId: 'demo-welcome', text: 'Welcome to Lotus Health! Ask a doctor any time, or share an encyclopedia entry here.' });
}
