// A person's notification settings: which channels, which kinds, and quiet hours in their
// own time zone (deliveries wait until the quiet hours end; doctors' urgent items may
// go through). Pure functions over the stored row.
import { invalid } from '../../platform/http/errors.ts';
import { EXTERNAL_KINDS, type ExternalKind } from './notifications.texts.ts';
import type { Channel, SettingsRow } from './notifications.outbox-store.ts';

export interface NotificationSettings {
  channels: Record<Channel, boolean>;
  /** Per kind: false mutes it on every outside channel (the in-app bell keeps it). */
  kinds: Record<ExternalKind, boolean>;
  /** Local "HH:MM" start and end; null: no quiet hours. */
  quietHours: { start: string; end: string } | null;
  /** IANA time zone the quiet hours are in, e.g. Europe/Paris. */
  timeZone: string;
  /** Urgent items for doctors (a question waiting, one addressed to them) ignore quiet hours. */
  urgentOverridesQuiet: boolean;
}

export const DEFAULT_CHANNELS: Record<Channel, boolean> = { push: true, email: true, sms: false };

export function settingsOf(row: SettingsRow | undefined): NotificationSettings {
  const muted = new Set<string>(row ? (JSON.parse(row.muted_kinds) as string[]) : []);
  return {
    channels: row ? { push: row.push === 1, email: row.email === 1, sms: row.sms === 1 } : { ...DEFAULT_CHANNELS },
    kinds: Object.fromEntries(EXTERNAL_KINDS.map((k) => [k, !muted.has(k)])) as Record<ExternalKind, boolean>,
    quietHours: row?.quiet_start && row.quiet_end ? { start: row.quiet_start, end: row.quiet_end } : null,
    timeZone: row?.time_zone ?? 'UTC',
    urgentOverridesQuiet: row ? row.urgent_overrides_quiet === 1 : true,
  };
}

const HHMM = /^([01]\d|2[0-3]):[0-5]\d$/;

export function validTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/** Merges a PUT body into the current settings, refusing what makes no sense. */
export function mergeSettings(current: NotificationSettings, input: Partial<{ channels: Partial<Record<Channel, boolean>>; kinds: Partial<Record<string, boolean>>; quietHours: { start: string; end: string } | null; timeZone: string; urgentOverridesQuiet: boolean }>): NotificationSettings {
  const fields: Record<string, string> = {};
  const next: NotificationSettings = { ...current, channels: { ...current.channels, ...(input.channels ?? {}) }, kinds: { ...current.kinds } };
  for (const [kind, on] of Object.entries(input.kinds ?? {})) {
    if (!(EXTERNAL_KINDS as readonly string[]).includes(kind)) fields[`kinds.${kind}`] = 'is not a kind of notification';
    else if (typeof on === 'boolean') next.kinds[kind as ExternalKind] = on;
  }
  if (input.quietHours !== undefined) {
    if (input.quietHours === null) next.quietHours = null;
    else if (!HHMM.test(input.quietHours.start) || !HHMM.test(input.quietHours.end)) fields.quietHours = 'start and end are times like 22:00';
    else if (input.quietHours.start === input.quietHours.end) fields.quietHours = 'start and end must differ';
    else next.quietHours = { start: input.quietHours.start, end: input.quietHours.end };
  }
  if (input.timeZone !== undefined) {
    if (!validTimeZone(input.timeZone)) fields.timeZone = 'is not a time zone (for example Europe/Paris or Asia/Shanghai)';
    else next.timeZone = input.timeZone;
  }
  if (input.urgentOverridesQuiet !== undefined) next.urgentOverridesQuiet = input.urgentOverridesQuiet;
  if (Object.keys(fields).length > 0) throw invalid(fields, 'Some notification settings need attention.');
  return next;
}

export function toRow(userId: string, s: NotificationSettings, at: string): SettingsRow {
  return {
    user_id: userId,
    push: s.channels.push ? 1 : 0,
    email: s.channels.email ? 1 : 0,
    sms: s.channels.sms ? 1 : 0,
    muted_kinds: JSON.stringify(EXTERNAL_KINDS.filter((k) => !s.kinds[k])),
    quiet_start: s.quietHours?.start ?? null,
    quiet_end: s.quietHours?.end ?? null,
    time_zone: s.timeZone,
    urgent_overrides_quiet: s.urgentOverridesQuiet ? 1 : 0,
    updated_at: at,
  };
}

const minutes = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

/** Minutes since local midnight in `timeZone`. */
function localMinutes(at: Date, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).formatToParts(at);
  const hour = Number(parts.find((p) => p.type === 'hour')?.value ?? 0);
  const minute = Number(parts.find((p) => p.type === 'minute')?.value ?? 0);
  return hour * 60 + minute;
}

/** When quiet hours are on at `at`: the moment they end; otherwise null. */
export function quietUntil(s: NotificationSettings, at: Date, urgent: boolean): Date | null {
  if (!s.quietHours || (urgent && s.urgentOverridesQuiet)) return null;
  const now = localMinutes(at, s.timeZone);
  const start = minutes(s.quietHours.start);
  const end = minutes(s.quietHours.end);
  const quiet = start < end ? now >= start && now < end : now >= start || now < end;
  if (!quiet) return null;
  const wait = (end - now + 1440) % 1440;
  const ends = new Date(at.getTime() + wait * 60_000);
  ends.setUTCSeconds(0, 0);
  return ends;
}
