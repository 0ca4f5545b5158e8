// The patient's own view of their data: who other than themselves and their treating
// doctor read their consultations and the conversations in them (from the audit log),
// when, and why.
import type { Actor } from '../../platform/auth/actor.ts';
import type { AuditLog, AuditRecord } from '../../platform/audit/audit.ts';
import type { AccountsService } from '../accounts/accounts.service.ts';
import type { ConsultationsService } from '../consultations/consultations.service.ts';
import type { DoctorsService } from '../doctors/doctors.service.ts';
import type { MessagingService } from '../messaging/messaging.service.ts';
import type { PaymentsService } from '../payments/payments.service.ts';
import { exportPdf } from './privacy.export-pdf.ts';
import { toMajor } from '../../../shared/money.ts';

type Resource = Record<string, unknown> & { resourceType: string; id: string };
const fhirId = (id: string) => id.replace(/[^A-Za-z0-9\-.]/g, '-').slice(0, 64);
const LOTUS = 'https://lotus.health/fhir';

export interface AccessLogEntry {
  at: string;
  actor: { role: string; name: string };
  action: string;
  reason: string | null;
}

const ROLE_ORDER = ['admin', 'moderator', 'editor', 'doctor', 'patient'] as const;

export class PrivacyService {
  constructor(private readonly deps: { audit: AuditLog; accounts: AccountsService; consultations: ConsultationsService; doctors: DoctorsService; messaging: MessagingService; payments: PaymentsService; publicUrl: () => string; pdfFont?: string | null }) {}

  /** The export as a readable PDF, drawn from the same Bundle. */
  async exportPdf(actor: Actor): Promise<Buffer> {
    return exportPdf((await this.export(actor)) as Parameters<typeof exportPdf>[0], this.deps.pdfFont ?? null);
  }

  /** Everything about the patient as a FHIR R4 Bundle of type collection: Patient, an
   * Encounter (class VR) per consultation, each message a Communication (photos as
   * Attachments), the doctor's summary a Composition, the Practitioners with their
   * verified identifiers, payments as PaymentNotice. */
  async export(actor: Actor): Promise<Resource> {
    const base = this.deps.publicUrl().replace(/\/$/, '');
    const user = await this.deps.accounts.requireUser(actor.userId);
    const patientId = fhirId(user.id);
    const entries: Resource[] = [];
    entries.push({
      resourceType: 'Patient',
      id: patientId,
      identifier: [{ system: `${LOTUS}/account`, value: user.id }],
      name: [{ text: user.displayName }],
      telecom: [...(user.email ? [{ system: 'email', value: user.email }] : []), ...(user.phone ? [{ system: 'phone', value: user.phone }] : [])],
      communication: [{ language: { coding: [{ system: 'urn:ietf:bcp:47', code: user.locale }] } }],
    });
    const practitioners = new Map<string, Resource>();
    const consultations = await this.deps.consultations.ofPatient(actor.userId, 1000);
    for (const c of consultations) {
      const encounterId = fhirId(c.id);
      let practitionerRef: { reference: string; display: string } | null = null;
      if (c.doctorId) {
        if (!practitioners.has(c.doctorId)) {
          const p = await this.deps.doctors.practitioner(c.doctorId);
          const doctorUser = p ? null : (await this.deps.accounts.findUsers([c.doctorId]))[0];
          practitioners.set(c.doctorId, {
            resourceType: 'Practitioner',
            id: fhirId(c.doctorId),
            identifier: [
              { system: `${LOTUS}/practitioner`, value: c.doctorId },
              ...(p?.badge ? [{ system: `${LOTUS}/registry/${encodeURIComponent(p.badge.registry)}`, value: p.badge.identifier, period: { start: p.badge.verifiedAt } }] : []),
            ],
            name: [{ text: p?.fullName ?? doctorUser?.displayName ?? 'Doctor' }],
          });
        }
        const name = (practitioners.get(c.doctorId)!.name as Array<{ text: string }>)[0]!.text;
        practitionerRef = { reference: `Practitioner/${fhirId(c.doctorId)}`, display: name };
      }
      const status = c.status === 'closed' ? 'finished' : c.status === 'active' ? 'in-progress' : c.status === 'cancelled' || c.status === 'expired' ? 'cancelled' : 'planned';
      entries.push({
        resourceType: 'Encounter',
        id: encounterId,
        status,
        class: { system: 'http://terminology.hl7.org/CodeSystem/v3-ActCode', code: 'VR', display: 'virtual' },
        subject: { reference: `Patient/${patientId}` },
        ...(practitionerRef ? { participant: [{ individual: practitionerRef }] } : {}),
        period: { start: c.createdAt, ...(c.closedAt ? { end: c.closedAt } : {}) },
        reasonCode: [{ text: c.description }],
        serviceType: { text: c.department },
      });
      const messages = await this.deps.messaging.listMessages(actor, c.conversationId, { after: 0, limit: 1000 });
      for (const m of messages) {
        const fromPatient = m.senderId === actor.userId;
        const sender = fromPatient ? { reference: `Patient/${patientId}` } : practitioners.has(m.senderId) ? { reference: `Practitioner/${fhirId(m.senderId)}` } : null;
        const payload = [
          ...(m.text ? [{ contentString: m.text }] : []),
          ...m.attachments.map((a) => ({ contentAttachment: { contentType: a.contentType, url: a.url.startsWith('http') ? a.url : `${base}${a.url}`, size: a.size } })),
        ];
        if (payload.length === 0) continue;
        entries.push({
          resourceType: 'Communication',
          id: fhirId(m.id),
          status: 'completed',
          encounter: { reference: `Encounter/${encounterId}` },
          subject: { reference: `Patient/${patientId}` },
          sent: m.createdAt,
          ...(sender ? { sender } : {}),
          payload,
        });
      }
      if (c.summary) {
        entries.push({
          resourceType: 'Composition',
          id: fhirId(`${c.id}-summary`),
          status: 'final',
          type: { coding: [{ system: 'http://loinc.org', code: '11488-4', display: 'Consult note' }] },
          subject: { reference: `Patient/${patientId}` },
          encounter: { reference: `Encounter/${encounterId}` },
          date: c.closedAt ?? c.createdAt,
          author: [practitionerRef ?? { reference: `Patient/${patientId}` }],
          title: 'Consultation summary',
          section: [
            { title: 'Summary', text: { status: 'generated', div: xhtml(c.summary) } },
            ...(c.advice ? [{ title: 'Advice', text: { status: 'generated', div: xhtml(c.advice) } }] : []),
          ],
        });
      }
    }
    entries.push(...practitioners.values());
    for (const p of await this.deps.payments.paymentsOf(actor.userId)) {
      entries.push({
        resourceType: 'PaymentNotice',
        id: fhirId(p.id),
        status: 'active',
        request: { reference: p.kind === 'consultation' ? `Encounter/${fhirId(p.referenceId)}` : undefined, display: p.description },
        created: p.createdAt,
        payment: { identifier: { system: `${LOTUS}/payment`, value: p.id }, display: `${p.provider} ${p.status}` },
        recipient: { display: 'Lotus Health' },
        amount: { value: toMajor(p.amount, p.currency), currency: p.currency },
        paymentStatus: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/paymentstatus', code: p.status === 'paid' || p.status === 'partially_refunded' || p.status === 'refunded' ? 'paid' : 'cleared' }] },
      });
    }
    return {
      resourceType: 'Bundle',
      id: fhirId(`export-${user.id}`),
      type: 'collection',
      timestamp: new Date().toISOString(),
      entry: entries.map((resource) => ({ fullUrl: `${base}/fhir/${resource.resourceType}/${resource.id}`, resource: JSON.parse(JSON.stringify(resource)) as Resource })),
    };
  }

  async accessLog(actor: Actor): Promise<AccessLogEntry[]> {
    const mine = await this.deps.consultations.ofPatient(actor.userId, 1000);
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

const escapeXml = (s: string) => s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
function xhtml(text: string): string {
  return `<div xmlns="http://www.w3.org/1999/xhtml"><p>${escapeXml(text)}</p></div>`;
}
