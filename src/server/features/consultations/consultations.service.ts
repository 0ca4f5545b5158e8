// Consultations: a patient asks, one verified doctor of the department takes it, they
// chat (through the messaging core), the doctor closes with a summary, the patient rates.
//
// Lifecycle: awaiting_payment → waiting → active → closed; waiting → expired (nobody
// accepted within the reply-time promise: refunded, or the free credit given back);
// awaiting_payment | waiting → cancelled (by the patient). Every transition is a
// conditional update inside a transaction, so two doctors accepting at once cannot both
// win, and a payment arriving after expiry is refunded instead of starting anything.
import { createHash } from 'node:crypto';
import { hasRole, type Actor } from '../../platform/auth/actor.ts';
import type { AuditLog } from '../../platform/audit/audit.ts';
import { ConfigError } from '../../config.ts';
import type { Clock } from '../../platform/clock.ts';
import type { Database } from '../../platform/db/unit-of-work.ts';
import { AppError, conflict, forbidden, invalid, notFound } from '../../platform/http/errors.ts';
import { newId } from '../../platform/ids.ts';
import { systemLine } from '../../../shared/system-lines.ts';
import type { Bus } from '../../platform/realtime/bus.ts';
import type { Locale } from '../../../shared/locales.ts';
import type { AccountsService } from '../accounts/accounts.service.ts';
import type { DepartmentsService } from '../departments/departments.service.ts';
import type { DoctorsService } from '../doctors/doctors.service.ts';
import { channelOf, type MessagingService } from '../messaging/messaging.service.ts';
import { announceChange, announceQueue } from './consultations.events.ts';
import type { PaymentsService } from '../payments/payments.service.ts';
import { redFlagNotes, screen, urgentSymptoms } from '../triage/triage.guidance.ts';
import { emergencyNumbers } from '../triage/triage.red-flags.ts';
import type { NotificationsService } from '../notifications/notifications.service.ts';
import { textFor } from '../notifications/notifications.texts.ts';
import type { Consultation as ConsultationView, CreateConsultation as CreateConsultationInput, QueueItem, Quote } from '../../../shared/contracts/consultations.ts';
import { pdfFontConfig, summaryPdf } from './consultations.summary-pdf.ts';
import { CareEpisode, followUpsConfig, type FollowUpsConfig } from './consultations.follow-ups.ts';
import { Jurisdictions, mismatchError, mismatchForPatient, mismatchOf, type PatientPlace } from './consultations.jurisdiction.ts';
import { ConsultationsStore, type ConsultationRow, type ConsultationStatus } from './consultations.store.ts';

export type { ConsultationView, CreateConsultationInput };

export const CONSULTATION = 'consultation';

export interface ConsultationsConfig {
  /** Default reply-time promise per department, seconds (15 minutes). */
  defaultReplyPromiseSeconds: number;
  /** LOTUS_REPLY_PROMISE_SECONDS: overrides every department. */
  replyPromiseOverride: number | null;
  /** A consultation addressed to one doctor falls back to the department after this. */
  fallbackSeconds: number;
  /** Follow-up questions after a close (consultations.follow-ups.ts). */
  followUps: FollowUpsConfig;
  /** LOTUS_PDF_FONT: a font covering Chinese for visit-summary PDFs. */
  pdfFont?: string | null;
  /** LOTUS_FREE_REQUIRES_PHONE: the free consultation needs a verified phone and is keyed
   * on the person (their number's HMAC); false keys it on the account as before. */
  freeRequiresPhone: boolean;
}

export interface ConsultationsDeps {
  db: Database;
  clock: Clock;
  bus: Bus;
  audit: AuditLog;
  accounts: AccountsService;
  departments: DepartmentsService;
  doctors: DoctorsService;
  messaging: MessagingService;
  payments: PaymentsService;
  /** Email, push and SMS for the lifecycle, written in each transition's transaction. */
  notifications?: NotificationsService;
  /** The person key of an account's verified phone (see phone.service.ts). */
  phones?: { verifiedKey(userId: string): Promise<string | null> };
  /** The terms in force and the telemedicine consent, checked (and recorded) before asking. */
  consents?: { beforeAsking(actor: Actor, accepted: boolean | undefined, where: { locale: Locale; country: string | null }): Promise<void> };
  config: ConsultationsConfig;
}

/** Where a request comes from: its language and Accept-Language (whose region is the last
 * clue to the patient's country). */
export interface Place {
  locale: Locale;
  acceptLanguage?: string | null | undefined;
}

/** Longest question kept; the schema allows more so that the red-flag screen sees any text. */
export const MAX_DESCRIPTION = 4000;

type PlaceInput = { country?: string; state?: string | null; language?: string };

/** Base prices by currency when no particular doctor is asked, in minor units. */
export const DEPARTMENT_PRICES: Record<string, number> = { CNY: 2900, EUR: 1500, USD: 1500 };
const currencyOfCountry = (country: string) => (country === 'CN' ? 'CNY' : country === 'FR' ? 'EUR' : 'USD');


// What the patient is told about getting their money or free consultation back. Stored in
// English (as older rows are) and written in the reader's language when shown.
const REFUND_NOTES: Record<Exclude<Locale, 'en'>, { free: string; full: (provider: string) => string; providers: Record<string, string> }> = {
  zh: { free: '您的免费问诊机会已恢复。', full: (p) => `已全额退还至您的${p}账户。`, providers: { alipay: '支付宝', wechatpay: '微信支付', card: '银行卡', sandbox: '沙盒' } },
  fr: { free: 'Votre consultation gratuite est de nouveau disponible.', full: (p) => `Remboursé intégralement sur votre compte ${p}.`, providers: { alipay: 'Alipay', wechatpay: 'WeChat Pay', card: 'carte bancaire', sandbox: 'bac à sable' } },
};

export function refundNoteIn(note: string | null, locale: Locale): string | null {
  if (note === null || locale === 'en') return note;
  const words = REFUND_NOTES[locale];
  if (note === 'Your free consultation is available again.') return words.free;
  const full = /^Refunded in full to your (\w+) account\.$/.exec(note);
  return full ? words.full(words.providers[full[1]!] ?? full[1]!) : note;
}

export class ConsultationsService {
  readonly store: ConsultationsStore;
  readonly jurisdictions: Jurisdictions;
  readonly care: CareEpisode;

  constructor(private readonly deps: ConsultationsDeps) {
    this.store = new ConsultationsStore(deps.db);
    this.jurisdictions = new Jurisdictions(deps);
    this.care = new CareEpisode({ ...deps, config: deps.config.followUps, find: (id) => this.store.find(id), tell: (userId, kind, link) => this.tell(userId, kind, link) });
  }

  private now(): string {
    return this.deps.clock.now().toISOString();
  }

  // ---- pricing and eligibility ------------------------------------------------------

  /** The person behind an account, for the one free consultation: the phone number
   * when there is one (so a deleted and re-registered account is the same person). */
  private async claimKey(userId: string): Promise<string | null> {
    if (this.deps.config.freeRequiresPhone) {
      const person = await this.deps.phones?.verifiedKey(userId);
      return person ? `person:${person}` : null;
    }
    const user = await this.deps.accounts.requireUser(userId);
    if (user.phone) return `phone:${createHash('sha256').update(user.phone).digest('hex')}`;
    return `user:${userId}`;
  }

  /** The patient's country (emergency numbers, prices): see AccountsService.countryOf. */
  private countryOf(userId: string, place: Place): Promise<string> {
    return this.deps.accounts.countryOf(userId, place);
  }

  /** Inside a transaction, pass it: on SQLite a query outside the open transaction would
   * wait for it to finish, which it never does. */
  async replyPromiseSeconds(department: string): Promise<number> {
    if (this.deps.config.replyPromiseOverride !== null) return this.deps.config.replyPromiseOverride;
    return (await this.store.replyPromiseSeconds(department)) ?? this.deps.config.defaultReplyPromiseSeconds;
  }

  /** What asking would cost this actor, shown before anything is created. */
  async quote(actor: Actor, input: { department: string; doctorId?: string } & PlaceInput, where: Place): Promise<Quote> {
    const { price, currency, department, place } = await this.priceFor(actor, input, where);
    // The same rule as create: a zero price is free without using the free consultation.
    // Without a verified phone (when the free one needs it) the quote shows it free: it is,
    // once the phone is verified.
    const quoteKey = await this.claimKey(actor.userId);
    const free = price === 0 || quoteKey === null || !(await this.store.hasClaim(quoteKey));
    const rule = await this.jurisdictions.rule(place.country);
    const mayAnswer = async (code: string) => (await this.deps.doctors.onlineDoctors(code)).filter((d) => d.userId !== actor.userId && mismatchOf(rule, place, d) === null).length;
    const online = await mayAnswer(department);
    const promise = await this.replyPromiseSeconds(department);
    // Nobody online: say so before any payment, and where someone is.
    const onlineElsewhere = [];
    if (online === 0) {
      for (const d of await this.deps.departments.list(where.locale)) {
        if (d.code === department) continue;
        const n = await mayAnswer(d.code);
        if (n > 0) onlineElsewhere.push({ department: d.code, name: d.name, onlineDoctors: n });
      }
    }
    return {
      department,
      price,
      currency,
      free,
      amountDue: free ? 0 : price,
      replyPromiseSeconds: promise,
      replyDeadlineIfAskedNow: new Date(this.clockNow().getTime() + promise * 1000).toISOString(),
      onlineDoctors: online,
      onlineElsewhere,
      waiting: await this.store.countWaiting(department),
      whoCanAnswer: await this.jurisdictions.whoCanAnswer(place),
    };
  }

  private async priceFor(actor: Actor, input: { department: string; doctorId?: string } & PlaceInput, where: Place, knownCountry?: string): Promise<{ price: number; currency: string; department: string; country: string; place: PatientPlace }> {
    if (!(await this.deps.departments.exists(input.department))) throw invalid({ department: 'is not a department we know' });
    const country = input.country ?? knownCountry ?? (await this.countryOf(actor.userId, where));
    const place = Jurisdictions.checkPlace({ ...input, country }, where.locale);
    if (input.doctorId) {
      const doctor = await this.deps.doctors.practitioner(input.doctorId);
      if (!doctor) throw invalid({ doctorId: 'is not a doctor who can take consultations now' });
      if (doctor.department !== input.department) throw invalid({ doctorId: `practises in ${doctor.department}, not ${input.department}` });
      if (doctor.userId === actor.userId) throw invalid({ doctorId: 'cannot be yourself' });
      const mismatch = mismatchOf(await this.jurisdictions.rule(country), place, doctor);
      if (mismatch) throw invalid({ doctorId: mismatchForPatient(mismatch, place, doctor.fullName) }, 'This doctor cannot answer you where you are or in your language.');
      return { price: doctor.priceMinor, currency: doctor.currency, department: doctor.department, country, place };
    }
    const currency = currencyOfCountry(country);
    return { price: DEPARTMENT_PRICES[currency] ?? 1500, currency, department: input.department, country, place };
  }

  // ---- creating -----------------------------------------------------------------------

  async create(actor: Actor, input: CreateConsultationInput, where: Place): Promise<ConsultationView> {
    // Red flags first, whatever the length: nine characters about wanting to die must meet
    // the emergency number, not "write at least a sentence".
    const description = input.description.trim();
    const country = input.country?.trim().toUpperCase() || (await this.countryOf(actor.userId, where));
    const guidance = screen(description, country, where.locale);
    if (guidance && input.acknowledgedUrgent !== true) throw urgentSymptoms(guidance);
    const flags = guidance?.flags ?? [];

    const fields: Record<string, string> = {};
    // A text with a red flag says something a doctor must read, however short it is.
    if (description.length < 10 && flags.length === 0) fields.description = 'describe the problem in at least a sentence (10 characters)';
    if (description.length === 0) fields.description = 'describe the problem';
    if (description.length > MAX_DESCRIPTION) fields.description = `must be at most ${MAX_DESCRIPTION} characters`;
    if (input.duration && input.duration.length > 100) fields.duration = 'must be at most 100 characters';
    if (Object.keys(fields).length > 0) throw invalid(fields, 'Some details of your question need attention.');

    if (input.clientId) {
      const existing = await this.store.findByClientId(actor.userId, input.clientId);
      if (existing) return this.view(existing);
    }

    const { price, currency, department, country: askedFrom, place } = await this.priceFor(actor, input, where, country);

    const id = newId('con');
    const now = this.clockNow();
    const key = input.payInstead ? null : await this.claimKey(actor.userId);
    if (key === null && price > 0 && !input.payInstead) {
      throw new AppError(409, 'phone_verification_required', 'The free first consultation needs a verified phone number: verify yours with a code by text message, or ask as a paid consultation.');
    }
    await this.deps.consents?.beforeAsking(actor, input.acceptTelemedicine, { locale: where.locale, country });
    const promise = await this.replyPromiseSeconds(department);
    try {
      await this.deps.db.transaction(async () => {
        const free = price === 0 || (key !== null && (await this.store.claimFree(key, actor.userId, id, now.toISOString())));
        // A partner host's frame cannot take a payment: refuse (after the red-flag screen
        // above) rather than leave a consultation waiting for a payment nobody can make.
        if (!free && actor.scope === 'mini') {
          throw conflict('payment_not_available_here', 'Your free consultation is used and paying is not possible inside this app: ask on Lotus Health itself.');
        }
        const waiting = free;
        const conversationId = await this.deps.messaging.createConversation(
          { kind: 'consultation', title: null, createdBy: actor.userId, members: [{ userId: actor.userId, role: 'member' }] },
        );
        await this.store.insert(
          {
            id,
            patient_id: actor.userId,
            department,
            requested_doctor_id: input.doctorId ?? null,
            status: waiting ? 'waiting' : 'awaiting_payment',
            description,
            age: input.age ?? null,
            sex: input.sex ?? null,
            duration: input.duration?.trim() || null,
            medications: input.medications?.trim() || null,
            photos: '[]',
            red_flags: JSON.stringify(flags),
            country: askedFrom,
            patient_state: place.state,
            language: place.language,
            price_minor: price,
            amount_due_minor: free ? 0 : price,
            currency,
            free: free ? 1 : 0,
            conversation_id: conversationId,
            client_id: input.clientId ?? null,
            created_at: now.toISOString(),
            ...(waiting ? this.queueTimes(now, promise, Boolean(input.doctorId)) : { queued_at: null, reply_deadline: null, fallback_at: null }),
          },
        );
        if (waiting) await this.tellQueued({ id, department, requested_doctor_id: input.doctorId ?? null });
      });
    } catch (error) {
      // A retried create with the same clientId that raced the first one.
      if (input.clientId) {
        const existing = await this.store.findByClientId(actor.userId, input.clientId);
        if (existing) return this.view(existing);
      }
      throw error;
    }
    const created = (await this.store.find(id))!;
    if (created.status === 'waiting') await this.announceQueued(created);
    return this.view(created, where.locale);
  }

  private clockNow(): Date {
    return this.deps.clock.now();
  }

  private queueTimes(now: Date, promiseSeconds: number, addressed: boolean) {
    return {
      queued_at: now.toISOString(),
      reply_deadline: new Date(now.getTime() + promiseSeconds * 1000).toISOString(),
      fallback_at: addressed ? new Date(now.getTime() + this.deps.config.fallbackSeconds * 1000).toISOString() : null,
    };
  }

  /** Tells the patient (or doctor) in the transaction of the transition. The bell's text is
   * rewritten in the reader's language when listed; outside channels use theirs. */
  private async tell(userId: string, kind: Parameters<typeof textFor>[0], link: string, extra: { urgent?: boolean } = {}): Promise<void> {
    if (!this.deps.notifications) return;
    const text = textFor(kind, 'en');
    await this.deps.notifications.notify([userId], { kind, title: text.title, body: text.body, link, ...extra });
  }

  /** A question joined the queue: its department's online doctors, or the doctor it is addressed to. */
  private async tellQueued(c: { id: string; department: string; requested_doctor_id?: string | null }): Promise<void> {
    if (!this.deps.notifications) return;
    if (c.requested_doctor_id) await this.tell(c.requested_doctor_id, 'consultation_addressed', `/doctor/queue`, { urgent: true });
    else await this.deps.notifications.notifyAudience(`department:${c.department}`, { kind: 'consultation_new_question', link: '/doctor/queue', urgent: true });
  }

  private async announceQueued(c: ConsultationRow): Promise<void> {
    await announceQueue(this.deps.bus, 'queued', c);
  }

  /** The consultation as stored now, announced to the people taking part. */
  private async announce(id: string): Promise<void> {
    const c = await this.store.find(id);
    if (c) await announceChange(this.deps.bus, c);
  }

  // ---- reading ------------------------------------------------------------------------

  /** The consultation if this actor may read it; 404 otherwise. Admin reads are audited. */
  async readable(actor: Actor, id: string, requestId?: string, staff?: { reason?: string | undefined }): Promise<ConsultationRow> {
    const c = await this.store.find(id);
    if (!c) throw notFound('This consultation', 'consultation_not_found');
    if (c.patientId === actor.userId || (c.doctorId !== null && c.doctorId === actor.userId)) return c;
    if (hasRole(actor, 'admin') && actor.scope === 'full') {
      // Staff reading a patient's consultation say why; the patient sees it in their access log.
      const reason = staff?.reason?.trim() ?? '';
      if (staff && !reason) throw new AppError(422, 'reason_required', 'Say why you are reading this consultation: the patient sees every staff read and its reason.', { reason: 'is required for a staff read' });
      await this.deps.audit.record({ actorId: actor.userId, action: 'consultation.read_by_admin', resourceType: 'consultation', resourceId: id, ...(reason ? { detail: { reason } } : {}), ...(requestId ? { requestId } : {}) });
      return c;
    }
    throw notFound('This consultation', 'consultation_not_found');
  }

  /** Its two people, its status and its conversation, for features built on a
   * consultation (calls) that decide access themselves; null when there is none. */
  async parties(id: string): Promise<{ status: ConsultationStatus; patientId: string; doctorId: string | null; conversationId: string } | null> {
    const c = await this.store.find(id);
    return c ? { status: c.status, patientId: c.patientId, doctorId: c.doctorId, conversationId: c.conversationId } : null;
  }

  /** `locale`: the reader's interface language (the request's), else their account's. */
  async get(actor: Actor, id: string, requestId?: string, locale: Locale = actor.locale, reason?: string): Promise<ConsultationView> {
    return this.view(await this.readable(actor, id, requestId, { reason }), locale);
  }

  /** A patient's consultations, newest first, as stored (the privacy feature's export and access log). */
  async ofPatient(patientId: string, limit: number): Promise<ConsultationRow[]> {
    return this.store.listForPatient(patientId, limit);
  }

  /** Each consultation of these doctors with its rating and first-reply times (the doctors' public figures). */
  doctorFigures(doctorIds: string[]): ReturnType<ConsultationsStore['doctorFigures']> {
    return this.store.doctorFigures(doctorIds);
  }

  async list(actor: Actor, role: 'patient' | 'doctor', status?: ConsultationStatus[], locale: Locale = actor.locale): Promise<ConsultationView[]> {
    const rows =
      role === 'doctor'
        ? await this.store.listForDoctor(actor.userId, status ?? null, 200)
        : (await this.store.listForPatient(actor.userId, 200)).filter((c) => !status || status.includes(c.status));
    return this.views(rows, locale);
  }

  /** `locale` is the reader's: the red flags are written out in it. */
  async views(rows: ConsultationRow[], locale: Locale = 'en'): Promise<ConsultationView[]> {
    const users = await this.deps.accounts.findUsers(rows.flatMap((r) => [r.patientId, ...(r.doctorId ? [r.doctorId] : [])]));
    const names = new Map(users.map((u) => [u.id, u.displayName]));
    const departments = new Map((await this.deps.departments.all()).map((d) => [d.code, d.names.en]));
    const doctorIds = [...new Set(rows.map((r) => r.doctorId).filter((d): d is string => d !== null))];
    const practitioners = new Map<string, { fullName: string; title: string }>();
    for (const doctorId of doctorIds) {
      const p = await this.deps.doctors.practitioner(doctorId);
      if (p) practitioners.set(doctorId, { fullName: p.fullName, title: p.title });
    }
    return rows.map((c) => this.toView(c, names, departments, practitioners, locale));
  }

  async view(c: ConsultationRow, locale: Locale = 'en'): Promise<ConsultationView> {
    return (await this.views([c], locale))[0]!;
  }

  private toView(
    c: ConsultationRow,
    names: Map<string, string>,
    departments: Map<string, string>,
    practitioners: Map<string, { fullName: string; title: string }>,
    locale: Locale,
  ): ConsultationView {
    const doctor = c.doctorId ? practitioners.get(c.doctorId) : undefined;
    return {
      id: c.id,
      status: c.status,
      department: c.department,
      departmentName: departments.get(c.department) ?? c.department,
      patient: { id: c.patientId, displayName: names.get(c.patientId) ?? 'Patient' },
      doctor: c.doctorId ? { id: c.doctorId, displayName: doctor?.fullName ?? names.get(c.doctorId) ?? 'Doctor', title: doctor?.title ?? null } : null,
      requestedDoctorId: c.requestedDoctorId,
      description: c.description,
      age: c.age,
      sex: c.sex,
      duration: c.duration,
      medications: c.medications,
      redFlags: c.redFlags,
      country: c.country,
      patientState: c.patientState,
      language: c.language,
      redFlagNotes: redFlagNotes(c.redFlags, locale),
      emergencyNumbers: emergencyNumbers(c.country),
      price: c.priceMinor,
      amountDue: c.amountDueMinor,
      currency: c.currency,
      free: c.free,
      conversationId: c.conversationId,
      createdAt: c.createdAt,
      queuedAt: c.queuedAt,
      replyDeadline: c.replyDeadline,
      acceptedAt: c.acceptedAt,
      firstReplyAt: c.firstReplyAt,
      closedAt: c.closedAt,
      expiredAt: c.expiredAt,
      cancelledAt: c.cancelledAt,
      summary: c.summary,
      advice: c.advice,
      rating: c.ratingStars !== null ? { stars: c.ratingStars, comment: c.ratingComment, ratedAt: c.ratedAt! } : null,
      refundNote: refundNoteIn(c.refundNote, locale),
    };
  }

  // ---- the doctor's side -------------------------------------------------------------

  private async requirePractising(actor: Actor) {
    const practitioner = actor.scope === 'full' ? await this.deps.doctors.practitioner(actor.userId) : null;
    if (!practitioner) throw forbidden('Only approved doctors can take consultations.', 'not_a_practising_doctor');
    return practitioner;
  }

  private placeOf(c: ConsultationRow): PatientPlace {
    return { country: c.country, state: c.patientState, language: c.language };
  }

  /** Who follows `queue:<department>` on the socket: the doctors who practise in it. */
  async watchesQueue(actor: Actor, department: string): Promise<boolean> {
    const practitioner = actor.scope === 'full' ? await this.deps.doctors.practitioner(actor.userId) : null;
    return practitioner?.department === department;
  }

  async queue(actor: Actor, locale: Locale = actor.locale): Promise<QueueItem[]> {
    const doctor = await this.requirePractising(actor);
    const now = this.clockNow();
    const ruleOf = await this.jurisdictions.ruleBook();
    const rows = (await this.store.queueFor(actor.userId, doctor.department, now.toISOString(), 500))
      .filter((c) => mismatchOf(ruleOf(c.country), this.placeOf(c), doctor) === null)
      .slice(0, 100);
    // Reopened check-ins come first: a patient who feels worse waits for no one.
    const reopened = [];
    for (const f of await this.care.queueFor(actor.userId, doctor.department)) {
      const c = await this.store.find(f.consultationId);
      if (!c || (!f.addressedToMe && mismatchOf(ruleOf(c.country), this.placeOf(c), doctor) !== null)) continue;
      reopened.push({
        id: c.id,
        department: c.department,
        description: f.text.length > 280 ? `${f.text.slice(0, 277)}…` : f.text,
        age: c.age,
        sex: c.sex,
        duration: c.duration,
        redFlags: f.redFlags,
        redFlagNotes: redFlagNotes(f.redFlags, locale),
        free: true,
        price: 0,
        amountDue: 0,
        doctorEarns: 0,
        currency: c.currency,
        addressedToMe: f.addressedToMe,
        country: c.country,
        patientState: c.patientState,
        language: c.language,
        queuedAt: f.askedAt,
        waitingSeconds: Math.max(0, Math.round((now.getTime() - Date.parse(f.askedAt)) / 1000)),
        replyDeadline: f.replyDeadline,
        reopened: { followUpId: f.id, checkIn: true },
      });
    }
    return [...reopened, ...rows.map((c) => ({
      redFlagNotes: redFlagNotes(c.redFlags, locale),
      id: c.id,
      department: c.department,
      description: c.description.length > 280 ? `${c.description.slice(0, 277)}…` : c.description,
      age: c.age,
      sex: c.sex,
      duration: c.duration,
      redFlags: c.redFlags,
      free: c.free,
      price: c.priceMinor,
      amountDue: c.amountDueMinor,
      doctorEarns: this.doctorEarns(c),
      currency: c.currency,
      addressedToMe: c.requestedDoctorId === actor.userId,
      country: c.country,
      patientState: c.patientState,
      language: c.language,
      queuedAt: c.queuedAt!,
      waitingSeconds: Math.max(0, Math.round((now.getTime() - Date.parse(c.queuedAt!)) / 1000)),
      replyDeadline: c.replyDeadline!,
    }))];
  }

  /** What the doctor is paid on closing: a free consultation's subsidy is its price (see
   * close); a paid one is what the patient paid less the platform fee (payments.settle). */
  private doctorEarns(c: ConsultationRow): number {
    return c.free ? c.priceMinor : this.deps.payments.doctorShare(c.amountDueMinor);
  }

  async accept(actor: Actor, id: string): Promise<ConsultationView> {
    const doctor = await this.requirePractising(actor);
    const { department } = doctor;
    const c = await this.store.find(id);
    if (!c) throw notFound('This consultation', 'consultation_not_found');
    if (c.patientId === actor.userId) throw forbidden('You cannot take your own consultation.');
    const now = this.now();
    const addressedToOther = c.requestedDoctorId !== null && c.requestedDoctorId !== actor.userId && (c.fallbackAt === null || c.fallbackAt > now);
    if (c.department !== department && c.requestedDoctorId !== actor.userId) {
      throw forbidden(`This consultation is for ${c.department}; you practise in ${department}.`, 'wrong_department');
    }
    if (addressedToOther) throw forbidden('This consultation was addressed to another doctor.', 'addressed_to_another_doctor');
    const mismatch = mismatchOf(await this.jurisdictions.rule(c.country), this.placeOf(c), doctor);
    if (mismatch) throw mismatchError(mismatch, this.placeOf(c));
    const won = await this.deps.db.transaction(async () => {
      const ok = await this.store.transition(id, ['waiting'], { status: 'active', doctor_id: actor.userId, accepted_at: now });
      if (!ok) return false;
      await this.deps.messaging.addMember(c.conversationId, actor.userId, 'member', actor.userId);
      await this.tell(c.patientId, 'consultation_accepted', `/consultations/${id}`);
      return true;
    });
    if (!won) {
      const current = await this.store.find(id);
      if (current?.doctorId === actor.userId && current.status === 'active') return this.view(current, actor.locale);
      throw conflict('already_taken', current?.status === 'active' ? 'Another doctor has already taken this consultation.' : `This consultation is ${current?.status.replace('_', ' ')}, not waiting.`);
    }
    const practitioner = await this.deps.doctors.practitioner(actor.userId);
    await this.deps.messaging.postSystemMessage(c.conversationId, systemLine('consultation_joined', { name: practitioner?.fullName ?? actor.displayName }));
    await announceQueue(this.deps.bus, 'taken', c);
    await this.announce(id);
    return this.view((await this.store.find(id))!, actor.locale);
  }

  /** Called for every stored message of a consultation conversation: the doctor's first
   * message is the reply the promise and the published response times measure. */
  async recordMessage(conversationId: string, senderId: string, at: string, redFlags: readonly string[] = []): Promise<void> {
    // A first reply, once recorded, never changes: conversations known to have one skip the
    // statement, so a conversation in full swing costs nothing here.
    if (!this.replied.has(conversationId) && (await this.store.recordFirstReply(conversationId, senderId, at))) {
      if (this.replied.size >= 100_000) this.replied.clear();
      this.replied.add(conversationId);
    }
    // A red flag the patient writes in the chat joins the consultation's, so the doctor's
    // page and queue show it (the patient was shown the emergency guidance when sending).
    if (redFlags.length > 0) {
      const c = await this.store.findByConversation(conversationId);
      if (c && c.patientId === senderId && redFlags.some((f) => !c.redFlags.includes(f))) {
        await this.store.update(c.id, { red_flags: JSON.stringify([...new Set([...c.redFlags, ...redFlags])]) });
        await announceChange(this.deps.bus, c);
      }
    }
    // A doctor's message answers the open follow-ups of a closed consultation.
    await this.care.onMessage(conversationId, senderId, at);
  }
  private readonly replied = new Set<string>();

  /** A new message tells the other participant if they have no socket open, at most once
   * per conversation within the fold window. It follows the message's commit rather than
   * sharing its transaction: on PostgreSQL a message is one statement, the hot path of chat. */
  async notifyMessage(conversationId: string, senderId: string): Promise<void> {
    if (!this.deps.notifications) return;
    const c = await this.store.findByConversation(conversationId);
    if (!c || c.status !== 'active') return;
    const recipient = senderId === c.patientId ? c.doctorId : c.patientId;
    if (!recipient) return;
    const link = recipient === c.patientId ? `/consultations/${c.id}` : `/doctor/consultations/${c.id}`;
    const text = textFor('consultation_message', 'en');
    await this.deps.notifications.notify([recipient], { kind: 'consultation_message', title: text.title, body: text.body, link, groupKey: `conversation:${conversationId}`, onlyIfAway: true, inApp: false, urgent: recipient === c.doctorId });
  }

  async close(actor: Actor, id: string, input: { summary: string; advice?: string; checkInHours?: 24 | 48 | 72 }): Promise<ConsultationView> {
    const c = await this.readable(actor, id);
    if (c.doctorId !== actor.userId) throw forbidden('Only the doctor of this consultation can close it.');
    const summary = input.summary.trim();
    if (summary.length < 3) throw invalid({ summary: 'write a short summary for the patient' });
    const now = this.now();
    const closed = await this.deps.db.transaction(async () => {
      const ok = await this.store.transition(id, ['active'], { status: 'closed', closed_at: now, summary, advice: input.advice?.trim() || null });
      if (!ok) return false;
      await this.deps.messaging.close(c.conversationId);
      if (input.checkInHours) await this.care.scheduleCheckIn(c, input.checkInHours);
      if (c.free) {
        await this.deps.payments.recordSubsidy({ kind: CONSULTATION, referenceId: id, doctorId: actor.userId, amountMinor: c.priceMinor, currency: c.currency });
      } else {
        await this.deps.payments.settle({ kind: CONSULTATION, referenceId: id, doctorId: actor.userId });
      }
      await this.tell(c.patientId, 'consultation_closed', `/consultations/${id}`);
      return true;
    });
    if (!closed) throw conflict('not_active', 'Only an active consultation can be closed.');
    await this.announce(id);
    return this.view((await this.store.find(id))!, actor.locale);
  }

  async rate(actor: Actor, id: string, input: { stars: number; comment?: string }): Promise<ConsultationView> {
    const c = await this.readable(actor, id);
    if (c.patientId !== actor.userId) throw forbidden('Only the patient rates a consultation.');
    if (c.status !== 'closed') throw conflict('not_closed', 'You can rate a consultation once the doctor has closed it.');
    const ok = await this.store.rate(id, input.stars, input.comment?.trim() || null, this.now());
    if (!ok) throw conflict('already_rated', 'You have already rated this consultation.');
    return this.view((await this.store.find(id))!, actor.locale);
  }

  async cancel(actor: Actor, id: string): Promise<ConsultationView> {
    const c = await this.readable(actor, id);
    if (c.patientId !== actor.userId) throw forbidden('Only the patient can cancel a consultation.');
    const now = this.now();
    const done = await this.deps.db.transaction(async () => {
      const ok = await this.store.transition(id, ['awaiting_payment', 'waiting'], { status: 'cancelled', cancelled_at: now });
      if (!ok) return false;
      await this.giveBack(c, 'You cancelled the consultation.');
      await this.deps.messaging.close(c.conversationId);
      return true;
    });
    if (!done) throw conflict('not_cancellable', 'A consultation a doctor has taken cannot be cancelled; ask the doctor to close it.');
    if (c.status === 'waiting') await announceQueue(this.deps.bus, 'left', c);
    await this.announce(id);
    return this.view((await this.store.find(id))!, actor.locale);
  }

  /** Money back, or the free credit back. Inside the caller's transaction. */
  private async giveBack(c: ConsultationRow, reason: string): Promise<string | null> {
    if (c.free) {
      await this.store.releaseClaim(c.id);
      await this.store.update(c.id, { refund_note: 'Your free consultation is available again.' });
      return 'free_credit_returned';
    }
    const payment = await this.deps.payments.paymentFor(CONSULTATION, c.id);
    if (payment && (payment.status === 'paid' || payment.status === 'partially_refunded')) {
      await this.deps.payments.refundInFull(payment.id, reason);
      await this.store.update(c.id, { refund_note: `Refunded in full to your ${payment.provider} account.` });
      return 'refunded';
    }
    return null;
  }

  // ---- the reply-time promise ----------------------------------------------------------

  /** Expires waiting consultations past their reply deadline; returns how many. */
  async expireOverdue(): Promise<number> {
    const now = this.now();
    let count = 0;
    for (const id of await this.store.overdue(now, 200)) {
      const c = await this.store.find(id);
      if (!c) continue;
      const minutes = Math.round((Date.parse(c.replyDeadline!) - Date.parse(c.queuedAt!)) / 60_000);
      const expired = await this.deps.db.transaction(async () => {
        const ok = await this.store.transition(id, ['waiting'], { status: 'expired', expired_at: now });
        if (!ok) return null;
        const outcome = await this.giveBack(c, `No doctor accepted within ${minutes} minutes`);
        // The line and `closed` reach subscribers once this commits (messaging registers them).
        await this.deps.messaging.postSystemMessage(c.conversationId, systemLine('consultation_expired', { minutes, ...(outcome ? { outcome } : {}) }));
        await this.deps.messaging.close(c.conversationId);
        await this.tell(c.patientId, 'consultation_expired', `/consultations/${id}`);
        return true;
      });
      if (expired === null) continue;
      count++;
      await announceQueue(this.deps.bus, 'left', c);
      await this.announce(id);
    }
    return count;
  }

  /** Online doctors who have not taken a question waiting longer than `minutes` are
   * reminded once per question (the department's, or the doctor it is addressed to). */
  async remindWaiting(minutes: number): Promise<number> {
    const notifications = this.deps.notifications;
    if (!notifications) return 0;
    const now = this.clockNow();
    let reminded = 0;
    for (const c of await this.store.waitingSince(new Date(now.getTime() - minutes * 60_000).toISOString(), 200)) {
      const addressed = c.requestedDoctorId !== null && (c.fallbackAt === null || c.fallbackAt > now.toISOString());
      const audience = addressed ? c.requestedDoctorId! : `department:${c.department}`;
      const groupKey = `reminder:${c.id}`;
      if ((await notifications.outbox.recentInGroup([audience], groupKey, '')).size > 0) continue;
      if (addressed) {
        const text = textFor('consultation_waiting_reminder', 'en');
        await notifications.notify([audience], { kind: 'consultation_waiting_reminder', title: text.title, body: text.body, link: '/doctor/queue', urgent: true, groupKey, inApp: false });
      } else {
        await notifications.notifyAudience(audience, { kind: 'consultation_waiting_reminder', link: '/doctor/queue', urgent: true, groupKey });
      }
      reminded++;
    }
    return reminded;
  }

  // ---- payments ---------------------------------------------------------------------

  /** The money arrived: the consultation joins the queue (or is refunded if it was
   * cancelled or expired meanwhile). Runs in the payment's transaction. */
  async onPaid(id: string): Promise<void | { refund: string }> {
    const c = await this.store.find(id);
    if (!c) return { refund: 'consultation no longer exists' };
    if (c.status !== 'awaiting_payment') return { refund: `consultation is ${c.status}` };
    const promise = await this.replyPromiseSeconds(c.department);
    await this.store.transition(id, ['awaiting_payment'], { status: 'waiting', ...this.queueTimes(this.clockNow(), promise, c.requestedDoctorId !== null) });
    await this.tellQueued({ id, department: c.department, requested_doctor_id: c.requestedDoctorId });
    // Announced once the payment's transaction commits: a page that reads it again at once
    // finds it waiting.
    await this.deps.db.afterCommit(async () => {
      await announceQueue(this.deps.bus, 'queued', c);
      await announceChange(this.deps.bus, { ...c, status: 'waiting' });
    });
  }

  async payableOrder(actor: Actor, id: string) {
    const c = await this.store.find(id);
    if (!c || c.patientId !== actor.userId) throw notFound('This consultation', 'consultation_not_found');
    if (c.status !== 'awaiting_payment') throw conflict('not_payable', c.free ? 'This consultation is free.' : `This consultation is ${c.status.replace('_', ' ')}; there is nothing to pay.`);
    return { payerId: c.patientId, amountMinor: c.amountDueMinor, currency: c.currency, description: `Lotus Health consultation (${c.department})` };
  }

  // ---- after the close: follow-ups and the check-in (consultations.follow-ups.ts) ------

  async askFollowUp(actor: Actor, id: string, text: string) {
    return this.care.ask(actor, await this.readable(actor, id), text);
  }

  /** `reason`: why staff other than its doctor read it (required of them; the patient sees it). */
  async careOf(actor: Actor, id: string, requestId?: string, reason?: string) {
    return this.care.view(await this.readable(actor, id, requestId, { reason }));
  }

  async answerCheckIn(actor: Actor, id: string, input: { answer: 'better' | 'same' | 'worse'; text?: string }) {
    return this.care.answerCheckIn(actor, await this.readable(actor, id), input);
  }

  /** The visit summary of a closed consultation as a PDF, for its patient and doctor; each download audited. */
  async summaryPdf(actor: Actor, id: string, requestId?: string, reason?: string): Promise<Buffer> {
    const c = await this.readable(actor, id, requestId, { reason });
    if (c.status !== 'closed' || !c.summary || !c.closedAt) throw conflict('not_closed', 'The visit summary exists once the doctor has closed the consultation.');
    const v = await this.view(c);
    await this.deps.audit.record({ actorId: actor.userId, action: 'consultation.summary_pdf', resourceType: 'consultation', resourceId: id, ...(reason?.trim() ? { detail: { reason: reason.trim() } } : {}), ...(requestId ? { requestId } : {}) });
    return summaryPdf(
      { id: c.id, patientName: v.patient.displayName, doctorName: v.doctor?.displayName ?? 'Doctor', doctorTitle: v.doctor?.title ?? null, department: v.departmentName, askedAt: c.createdAt, closedAt: c.closedAt, description: c.description, summary: c.summary, advice: c.advice },
      this.deps.config.pdfFont ?? null,
    );
  }

  /** The patient publishes a written review of the doctor of a closed, rated consultation. */
  async publishReview(actor: Actor, id: string, text: string) {
    const c = await this.readable(actor, id);
    if (c.patientId !== actor.userId) throw forbidden('Only the patient reviews a consultation.');
    if (c.status !== 'closed' || !c.doctorId) throw conflict('not_closed', 'You can review a consultation once the doctor has closed it.');
    if (c.ratingStars === null) throw conflict('not_rated', 'Rate the consultation first; the review is published with your rating.');
    return this.deps.doctors.reviews.submit({ doctorId: c.doctorId, consultationId: c.id, patientId: c.patientId, stars: c.ratingStars, text });
  }

  /** A doctor of the department takes a reopened check-in the consultation's doctor left unanswered. */
  async takeCheckIn(actor: Actor, id: string) {
    const doctor = await this.requirePractising(actor);
    const c = await this.store.find(id);
    if (!c) throw notFound('This consultation', 'consultation_not_found');
    if (c.patientId === actor.userId) throw forbidden('You cannot take your own consultation.');
    return this.care.take(actor, c, async () => {
      if (c.department !== doctor.department) throw forbidden(`This consultation is for ${c.department}; you practise in ${doctor.department}.`, 'wrong_department');
      const mismatch = mismatchOf(await this.jurisdictions.rule(c.country), this.placeOf(c), doctor);
      if (mismatch) throw mismatchError(mismatch, this.placeOf(c));
    });
  }

  // ---- figures ----------------------------------------------------------------------

  /** Median and 95th percentile time to a doctor's first reply, by department, last 7 days. */
  async responseTimes(locale: Locale) {
    const since = new Date(this.clockNow().getTime() - 7 * 86_400_000).toISOString();
    const byDepartment = new Map<string, number[]>();
    for (const r of await this.store.replyTimes(since)) {
      const seconds = (Date.parse(r.firstReplyAt) - Date.parse(r.queuedAt)) / 1000;
      byDepartment.set(r.department, [...(byDepartment.get(r.department) ?? []), seconds]);
    }
    const departments = await this.deps.departments.list(locale);
    const result = [];
    for (const d of departments) {
      const values = (byDepartment.get(d.code) ?? []).sort((a, b) => a - b);
      const at = (q: number) => (values.length ? Math.round(values[Math.min(values.length - 1, Math.ceil(q * values.length) - 1)]!) : null);
      result.push({ department: d.code, name: d.name, consultations: values.length, medianSeconds: at(0.5), p95Seconds: at(0.95), replyPromiseSeconds: await this.replyPromiseSeconds(d.code) });
    }
    return result;
  }

  async setReplyPromise(actor: Actor, department: string, seconds: number): Promise<void> {
    if (!hasRole(actor, 'admin')) throw forbidden();
    if (!(await this.deps.departments.exists(department))) throw notFound('This department');
    await this.store.setReplyPromise(department, seconds, actor.userId, this.now());
    await this.deps.audit.record({ actorId: actor.userId, action: 'consultation.reply_promise_set', resourceType: 'department', resourceId: department, detail: { seconds } });
  }

  async earnings(actor: Actor) {
    await this.requirePractising(actor);
    const days = await this.deps.payments.earningsByDay(actor.userId, 30);
    return { days, closedConsultations: await this.store.countClosedForDoctor(actor.userId) };
  }
}

/** LOTUS_REPLY_PROMISE_SECONDS overrides every department's promise; LOTUS_DOCTOR_FALLBACK_SECONDS
 * is how long a consultation addressed to one doctor waits before the department may take it. */
function boolFlag(raw: Record<string, string | undefined>, name: string, fallback: boolean): boolean {
  const value = raw[name]?.trim().toLowerCase();
  if (!value) return fallback;
  if (value === 'true' || value === '1') return true;
  if (value === 'false' || value === '0') return false;
  throw new ConfigError(name, `must be true or false, got "${value}"`);
}

export function consultationsConfig(raw: Record<string, string | undefined>): ConsultationsConfig {
  const seconds = (name: string, fallback: number | null, min: number): number | null => {
    const value = raw[name]?.trim();
    if (!value) return fallback;
    if (!/^\d+$/.test(value) || Number(value) < min || Number(value) > 7 * 86400) throw new ConfigError(name, `must be a whole number of seconds between ${min} and ${7 * 86400}, got "${value}"`);
    return Number(value);
  };
  return {
    defaultReplyPromiseSeconds: 15 * 60,
    replyPromiseOverride: seconds('LOTUS_REPLY_PROMISE_SECONDS', null, 1),
    fallbackSeconds: seconds('LOTUS_DOCTOR_FALLBACK_SECONDS', 180, 0)!,
    followUps: followUpsConfig(raw),
    pdfFont: pdfFontConfig(raw),
    freeRequiresPhone: boolFlag(raw, 'LOTUS_FREE_REQUIRES_PHONE', true),
  };
}
