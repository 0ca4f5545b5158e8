// Realtime notices of a consultation's changes, published after the change is stored: the
// people taking part hear on their own channel (`user:<id>`) that it changed, and read it
// again; the department's doctors hear on `queue:<department>` that its queue changed.
import type { Bus } from '../../platform/realtime/bus.ts';
import type { ConsultationStatus } from '../../../shared/contracts/consultations.ts';

export interface Announced {
  id: string;
  conversationId: string;
  patientId: string;
  doctorId: string | null;
  status: ConsultationStatus;
}

/** The patient and the doctor (and `also`, e.g. a doctor who took a reopened check-in). */
export async function announceChange(bus: Bus, c: Announced, also: Array<string | null> = []): Promise<void> {
  const event = { type: 'consultation' as const, consultationId: c.id, conversationId: c.conversationId, status: c.status };
  for (const userId of new Set([c.patientId, c.doctorId, ...also])) if (userId) await bus.publish(`user:${userId}`, event);
}

export async function announceQueue(bus: Bus, type: 'queued' | 'taken' | 'left', c: { id: string; department: string }): Promise<void> {
  await bus.publish(`queue:${c.department}`, { type, consultationId: c.id, department: c.department });
}
