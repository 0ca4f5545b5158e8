// The patient's own view of their data: who other than themselves and their treating
// doctor read their consultations and the conversations in them (from the audit log),
// when, and why.
import type { Actor } from '../../platform/auth/actor.ts';
import type { AuditLog, AuditRecord } from '../../platform/audit/audit.ts';
import type { AccountsService } from '../accounts/accounts.service.ts';
import type { ConsultationsService } from '../consultations/consultations.service.ts';

export interface AccessLogEntry {
  at: string;
  actor: { role: string; name: string };
  action: string;
  reason: string | null;
}

const ROLE_ORDER = ['admin', 'moderator', 'editor', 'doctor', 'patient'] as const;

export class PrivacyService {
  constructor(private readonly deps: { audit: AuditLog; accounts: AccountsService; consultations: ConsultationsService }) {}

  async accessLog(actor: Actor): Promise<AccessLogEntry[]> {
    const mine = await this.deps.consultations.store.listForPatient(actor.userId, 1000);
    const doctorOf = new Map<string, string | null>();
    for (const c of mine) {
      doctorOf.set(`consultation:${c.id}`, c.doctorId);
      doctorOf.set(`conversation:${c.conversationId}`, c.doctorId);
    }
    const records: AuditRecord[] = [
      ...(await this.deps.audit.listFor('consultation', mine.map((c) => c.id))),
      ...(await this.deps.audit.listFor('conversation', mine.map((c) => c.conversationId))),
    ].filter((r) => r.actorId !== actor.userId && r.actorId !== doctorOf.get(`${r.resourceType}:${r.resourceId}`) && /read|pdf/.test(r.action));
    const users = new Map((await this.deps.accounts.findUsers(records.flatMap((r) => (r.actorId ? [r.actorId] : [])))).map((u) => [u.id, u]));
    return records
      .sort((a, b) => (a.createdAt < b.createdAt ? 1 : a.createdAt > b.createdAt ? -1 : 0))
      .map((r) => {
        const user = r.actorId ? users.get(r.actorId) : undefined;
        const role = user ? (ROLE_ORDER.find((x) => user.roles.includes(x)) ?? 'patient') : 'system';
        const reason = typeof r.detail?.reason === 'string' ? r.detail.reason : null;
        return { at: r.createdAt, actor: { role, name: user?.displayName ?? 'Lotus Health' }, action: r.action, reason };
      });
  }
}
