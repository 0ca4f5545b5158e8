// Accounts: registration, sign-in, sessions, roles. Every new account is a patient;
// other roles are granted by the features that decide them (doctor approval grants
// `doctor`) or by configuration (LOTUS_ADMIN_EMAIL).
import { createHash } from 'node:crypto';
import type { Actor, Role } from '../../platform/auth/actor.ts';
import { dummyHash, hashPassword, verifyPassword } from '../../platform/auth/passwords.ts';
import type { Clock } from '../../platform/clock.ts';
import type { Database } from '../../platform/db/unit-of-work.ts';
import { isUniqueViolation } from '../../platform/db/db.ts';
import { AppError, conflict, invalid, notFound } from '../../platform/http/errors.ts';
import type { AttemptCounter } from '../../platform/http/attempt-counter.ts';
import type { Bus } from '../../platform/realtime/bus.ts';
import { newId, newToken } from '../../platform/ids.ts';
import { isSupportedCountry, parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js/min';
import { DEFAULT_LOCALE, type Locale } from '../../../shared/locales.ts';
import { countryForLocale, regionOfAcceptLanguage } from '../triage/triage.red-flags.ts';
import { AccountsStore, type UserRow } from './accounts.store.ts';
import type { RegisterInput, User } from '../../../shared/contracts/accounts.ts';
import {
  checkDisplayName,
  checkEmail,
  checkPassword,
  checkPhone,
  normaliseDisplayName,
  normaliseEmail,
  normalisePhone,
} from './accounts.validation.ts';

export const SESSION_DAYS = 30;
const TOUCH_EVERY_MS = 60 * 60 * 1000;

export interface AccountsDeps {
  db: Database;
  clock: Clock;
  attempts: AttemptCounter;
  passwordHashCost: number;
  loginMaxFailures: number;
  loginWindowSeconds: number;
  /** Told when sessions end, so live connections made with them close (channel SESSIONS_CHANNEL). */
  bus?: Bus;
}

/** Bus channel of ended sessions: `{ sessionId }` for one, `{ userId, scope? }` for a person's. */
export const SESSIONS_CHANNEL = 'sessions';
export type SessionsEnded = { sessionId: string } | { userId: string; scope?: 'full' | 'mini' };

/** Bus channel of changed accounts (`{ userId }`: roles, name, language, status): every
 * process forgets the sessions of that person it had already checked. */
export const ACCOUNTS_CHANGED_CHANNEL = 'accounts:changed';
/** How long a checked session is trusted without asking the database again. Every change
 * that matters (sign-out, suspension, ban, roles, profile) clears it at once on every
 * process through the bus; this bounds what a lost bus message could leave behind. */
const CHECKED_SESSION_MS = 30_000;
const MAX_CHECKED_SESSIONS = 50_000;

interface CheckedSession {
  actor: Omit<Actor, 'via'>;
  expiresAt: number;
  lastSeenAt: number;
  checkedAt: number;
}

export const sessionIdOf = (token: string) => createHash('sha256').update(token).digest('hex');

/** The account's country: the one the person chose, else their phone number's. */
export function accountCountry(row: Pick<UserRow, 'country' | 'phone'>): string | null {
  return row.country ?? (row.phone ? (parsePhoneNumberFromString(row.phone)?.country ?? null) : null);
}

/** Is this an ISO 3166-1 alpha-2 code of a country or territory (libphonenumber's list)? */
export function isKnownCountry(code: string): boolean {
  return /^[A-Z]{2}$/.test(code) && isSupportedCountry(code as CountryCode);
}

export function toUser(row: UserRow): User {
  return {
    id: row.id,
    displayName: row.displayName,
    ...(row.email ? { email: row.email } : {}),
    ...(row.phone ? { phone: row.phone } : {}),
    roles: row.roles,
    locale: row.locale,
    country: accountCountry(row),
    createdAt: row.createdAt,
  };
}

export class AccountsService {
  readonly store: AccountsStore;
  private dummy: Promise<string> | null = null;

  /** Sessions already proved (session id → who), so a person's every request does not read
   * the session and the account again. */
  private readonly checked = new Map<string, CheckedSession>();
  private readonly subscriptions: Array<Promise<() => Promise<void>>> = [];

  constructor(private readonly deps: AccountsDeps) {
    this.store = new AccountsStore(deps.db);
    if (deps.bus) {
      this.subscriptions.push(deps.bus.subscribe(SESSIONS_CHANNEL, (event) => this.forgetChecked(event as SessionsEnded)));
      this.subscriptions.push(deps.bus.subscribe(ACCOUNTS_CHANGED_CHANNEL, (event) => this.forgetChecked(event as { userId: string })));
      for (const s of this.subscriptions) s.catch(() => undefined);
    }
  }

  private forgetChecked(event: SessionsEnded): void {
    if ('sessionId' in event) {
      this.checked.delete(event.sessionId);
      return;
    }
    for (const [id, entry] of this.checked) {
      if (entry.actor.userId === event.userId && (!event.scope || entry.actor.scope === event.scope)) this.checked.delete(id);
    }
  }

  /** Forgets what was proved about a person's sessions, here at once and in other processes. */
  private async accountChanged(userId: string): Promise<void> {
    this.forgetChecked({ userId });
    await this.deps.bus?.publish(ACCOUNTS_CHANGED_CHANNEL, { userId });
  }

  async stop(): Promise<void> {
    await Promise.all(this.subscriptions.map((s) => s.then((unsubscribe) => unsubscribe()).catch(() => undefined)));
  }

  private now(): string {
    return this.deps.clock.now().toISOString();
  }

  async register(input: RegisterInput & { locale?: Locale }, userAgent: string | null = null): Promise<{ user: User; token: string }> {
    const fields: Record<string, string> = {};
    const email = input.email?.trim() ? normaliseEmail(input.email) : undefined;
    const phone = input.phone?.trim() ? normalisePhone(input.phone) : undefined;
    const displayName = normaliseDisplayName(input.displayName ?? '');
    if (!email && !phone) {
      fields.email = 'give an email address or a mobile phone number';
      fields.phone = 'give a mobile phone number or an email address';
    }
    if (email) {
      const problem = checkEmail(email);
      if (problem) fields.email = problem;
    }
    if (phone) {
      const problem = checkPhone(phone);
      if (problem) fields.phone = problem;
    }
    const nameProblem = checkDisplayName(displayName);
    if (nameProblem) fields.displayName = nameProblem;
    const passwordProblem = checkPassword(input.password ?? '', [email, email?.split('@')[0], phone, displayName]);
    if (passwordProblem) fields.password = passwordProblem;
    if (input.acceptTerms !== true) fields.acceptTerms = 'accept the terms of use and the privacy notice to create an account';
    if (Object.keys(fields).length === 1 && fields.acceptTerms) {
      throw new AppError(422, 'terms_not_accepted', 'Read and accept the terms of use and the privacy notice to create an account.', fields);
    }
    if (Object.keys(fields).length > 0) throw invalid(fields, 'Some details need attention before we can create your account.');

    if (email && (await this.store.existsWith('email', email))) {
      throw new AppError(409, 'account_exists', 'An account with this email address already exists. Sign in instead.', { email: 'is already registered' });
    }
    if (phone && (await this.store.existsWith('phone', phone))) {
      throw new AppError(409, 'account_exists', 'An account with this phone number already exists. Sign in instead.', { phone: 'is already registered' });
    }

    const id = newId('usr');
    const passwordHash = await hashPassword(input.password, this.deps.passwordHashCost);
    try {
      await this.deps.db.transaction(async () => {
        await this.store.insertUser(
          { id, email: email ?? null, phone: phone ?? null, passwordHash, displayName, locale: input.locale ?? DEFAULT_LOCALE, now: this.now(), roles: ['patient'] },
        );
        for (const hook of this.registeredHooks) await hook(id, input.locale ?? DEFAULT_LOCALE);
      });
    } catch (error) {
      // Two registrations racing for the same address: the unique index decides.
      if (isUniqueViolation(error)) throw conflict('account_exists', 'An account with these details already exists. Sign in instead.');
      throw error;
    }
    const token = await this.createSession(id, 'full', userAgent);
    return { user: await this.userWithPending(id, 'full'), token };
  }

  /** Sign-in with email or phone. Failures count per login (and per address); past the
   * limit the answer is 429 until the window ends, whatever the password. */
  async login(login: string, password: string, ip: string, userAgent: string | null = null): Promise<{ user: User; token: string }> {
    const trimmed = login.trim();
    const key = trimmed.includes('@') ? { email: normaliseEmail(trimmed) } : { phone: normalisePhone(trimmed) };
    const loginKey = `login:${key.email ?? key.phone}`;
    const ipKey = `login-ip:${ip}`;
    const { loginMaxFailures, loginWindowSeconds } = this.deps;
    const ipLimit = loginMaxFailures * 10;
    if ((await this.deps.attempts.count(loginKey)) >= loginMaxFailures || (await this.deps.attempts.count(ipKey)) >= ipLimit) {
      const retry = Math.max(await this.deps.attempts.retryAfter(loginKey), await this.deps.attempts.retryAfter(ipKey), 1);
      throw new AppError(429, 'too_many_attempts', `Too many sign-in attempts. Try again in ${Math.ceil(retry / 60)} minute(s).`, undefined, { retryAfterSeconds: retry });
    }
    const credentials = await this.store.findCredentials(key);
    this.dummy ??= dummyHash(this.deps.passwordHashCost);
    const ok = credentials?.passwordHash
      ? await verifyPassword(password, credentials.passwordHash)
      : (await verifyPassword(password, await this.dummy), false);
    if (!ok || !credentials || credentials.status !== 'active') {
      await this.deps.attempts.hit(loginKey, loginWindowSeconds);
      await this.deps.attempts.hit(ipKey, loginWindowSeconds);
      if (ok && credentials && credentials.status !== 'active') {
        throw new AppError(403, 'account_suspended', 'This account is suspended. Contact support if you think this is a mistake.');
      }
      throw new AppError(401, 'invalid_credentials', 'The email, phone number or password is not right.');
    }
    await this.deps.attempts.reset(loginKey);
    const token = await this.createSession(credentials.id, 'full', userAgent);
    return { user: await this.userWithPending(credentials.id, 'full'), token };
  }

  /** A session for an account proved by other means (a sign-in code by SMS). */
  async signInProved(userId: string, userAgent: string | null): Promise<{ user: User; token: string }> {
    const user = await this.requireUser(userId);
    if (user.status !== 'active') throw new AppError(403, 'account_suspended', 'This account is suspended. Contact support if you think this is a mistake.');
    const token = await this.createSession(userId, 'full', userAgent);
    return { user: await this.userWithPending(userId, 'full'), token };
  }

  async createSession(userId: string, scope: 'full' | 'mini', userAgent: string | null, days = SESSION_DAYS): Promise<string> {
    const token = newToken('lts');
    const now = this.deps.clock.now();
    await this.store.insertSession({
      id: sessionIdOf(token),
      userId,
      scope,
      userAgent: userAgent?.slice(0, 300) ?? null,
      now: now.toISOString(),
      expiresAt: new Date(now.getTime() + days * 86_400_000).toISOString(),
    });
    return token;
  }

  /** Resolves a presented token to the actor behind it, or null. */
  async authenticate(token: string, via: Actor['via']): Promise<Actor | null> {
    if (!/^lts_[A-Za-z0-9_-]{20,100}$/.test(token)) return null;
    return this.authenticateSession(sessionIdOf(token), via);
  }

  /** As `authenticate`, from the session's id (the SHA-256 of its token), for a holder of
   * something that stands for the session (a realtime ticket). */
  async authenticateSession(id: string, via: Actor['via']): Promise<Actor | null> {
    const now = this.deps.clock.now();
    const known = this.checked.get(id);
    if (known) {
      const at = now.getTime();
      if (at < known.expiresAt && at - known.checkedAt < CHECKED_SESSION_MS && at >= known.checkedAt) {
        if (at - known.lastSeenAt > TOUCH_EVERY_MS) {
          known.lastSeenAt = at;
          await this.store.touchSession(id, now.toISOString());
        }
        return { ...known.actor, via };
      }
      this.checked.delete(id);
    }
    const session = await this.store.findLiveSession(id, now.toISOString());
    if (!session) return null;
    const user = await this.store.findById(session.userId);
    if (!user || user.status !== 'active') return null;
    if (now.getTime() - Date.parse(session.lastSeenAt) > TOUCH_EVERY_MS) {
      await this.store.touchSession(session.id, now.toISOString());
    }
    // The mini-program is a patient's surface: a mini session never carries staff roles, even
    // if its account was granted one, so no doctor, editor or admin action is reachable with it.
    const roles = session.scope === 'mini' ? user.roles.filter((role) => role === 'patient') : user.roles;
    const actor = { userId: user.id, displayName: user.displayName, roles, sessionId: session.id, scope: session.scope, locale: user.locale };
    if (this.checked.size >= MAX_CHECKED_SESSIONS) this.checked.clear();
    const touched = now.getTime() - Date.parse(session.lastSeenAt) > TOUCH_EVERY_MS;
    this.checked.set(id, { actor, expiresAt: Date.parse(session.expiresAt), lastSeenAt: touched ? now.getTime() : Date.parse(session.lastSeenAt), checkedAt: now.getTime() });
    return { ...actor, via };
  }

  /** Deletes the signed-in account after checking its password. */
  async deleteAccount(actor: Actor, password: string): Promise<void> {
    if (actor.scope !== 'full') throw new AppError(403, 'scope_not_allowed', 'Delete your account from Lotus Health itself.');
    const hash = await this.store.findPasswordHash(actor.userId);
    if (!hash || !(await verifyPassword(password, hash))) {
      throw new AppError(403, 'wrong_password', 'The password is not right; the account was not deleted.', { password: 'is not right' });
    }
    await this.store.anonymise(actor.userId, this.now());
    for (const hook of this.deletedHooks) await hook(actor.userId);
    await this.sessionsEnded({ userId: actor.userId });
  }

  private readonly deletedHooks: Array<(userId: string) => Promise<void>> = [];
  private readonly registeredHooks: Array<(userId: string, locale: Locale) => Promise<void>> = [];
  private pendingConsents: (actor: Pick<Actor, 'userId' | 'scope'>) => Promise<string[]> = async () => [];

  /** Sign-up records what the person accepted (consents), in the registration's transaction. */
  onRegistered(hook: (userId: string, locale: Locale) => Promise<void>): void {
    this.registeredHooks.push(hook);
  }

  /** What a person must still accept (new versions of the terms), shown with the account. */
  registerPendingConsents(provider: (actor: Pick<Actor, 'userId' | 'scope'>) => Promise<string[]>): void {
    this.pendingConsents = provider;
  }

  private async userWithPending(userId: string, scope: Actor['scope']): Promise<User> {
    return { ...toUser(await this.requireUser(userId)), pendingConsents: await this.pendingConsents({ userId, scope }) };
  }

  /** Other features erase what they keep about a person when the account is deleted. */
  onDeleted(hook: (userId: string) => Promise<void>): void {
    this.deletedHooks.push(hook);
  }

  private async sessionsEnded(event: SessionsEnded): Promise<void> {
    this.forgetChecked(event);
    await this.deps.bus?.publish(SESSIONS_CHANNEL, event);
  }

  async revokeSessionsOfUsers(userIds: string[], scope?: 'full' | 'mini'): Promise<void> {
    const now = this.now();
    for (const id of new Set(userIds)) {
      await this.store.revokeSessionsOfUser(id, now, scope);
      await this.sessionsEnded({ userId: id, ...(scope ? { scope } : {}) });
    }
  }

  /** Suspends, bans or reinstates an account. A suspended or banned account cannot sign in,
   * and its sessions end at once. The caller (moderation) logs why. */
  async setStatus(userId: string, status: 'active' | 'suspended' | 'banned'): Promise<void> {
    await this.store.updateStatus(userId, status, this.now());
    await this.accountChanged(userId);
    if (status !== 'active') {
      await this.store.revokeSessionsOfUser(userId, this.now(), undefined);
      await this.sessionsEnded({ userId });
    }
  }

  async logout(actor: Actor): Promise<void> {
    await this.store.revokeSession(actor.sessionId, this.now());
    await this.sessionsEnded({ sessionId: actor.sessionId });
  }

  async requireUser(id: string): Promise<UserRow> {
    const user = await this.store.findById(id);
    if (!user) throw notFound('This account');
    return user;
  }

  async me(actor: Actor): Promise<User> {
    return this.userWithPending(actor.userId, actor.scope);
  }

  /** Where a person is, for emergency numbers and prices: the country they chose (the
   * emergency panel lets them correct it, so it wins), else their phone number's, else the
   * region of the request's Accept-Language (`en-FR` → FR), else a guess from the language. */
  async countryOf(userId: string | null, request: { acceptLanguage?: string | null | undefined; locale: Locale }): Promise<string> {
    const user = userId ? await this.store.findById(userId) : null;
    const fromAccount = user ? accountCountry(user) : null;
    if (fromAccount) return fromAccount;
    const region = regionOfAcceptLanguage(request.acceptLanguage);
    if (region && isKnownCountry(region)) return region;
    return countryForLocale(user?.locale ?? request.locale);
  }

  async updateMe(actor: Actor, patch: { displayName?: string; locale?: Locale; country?: string }): Promise<User> {
    const clean: { displayName?: string; locale?: Locale; country?: string } = {};
    if (patch.country !== undefined) {
      const code = patch.country.trim().toUpperCase();
      if (!isKnownCountry(code)) throw invalid({ country: 'must be a two-letter country code (ISO 3166-1), such as CN, FR or US' }, 'We do not know this country code.');
      clean.country = code;
    }
    if (patch.displayName !== undefined) {
      clean.displayName = normaliseDisplayName(patch.displayName);
      const problem = checkDisplayName(clean.displayName);
      if (problem) throw invalid({ displayName: problem });
    }
    if (patch.locale !== undefined) clean.locale = patch.locale;
    await this.store.updateProfile(actor.userId, clean, this.now());
    await this.accountChanged(actor.userId);
    return this.me(actor);
  }

  async grantRole(userId: string, role: Role, grantedBy: string | null): Promise<void> {
    await this.store.grantRole(userId, role, grantedBy, this.now());
    await this.accountChanged(userId);
  }

  async revokeRole(userId: string, role: Role): Promise<void> {
    await this.store.revokeRole(userId, role);
    await this.accountChanged(userId);
  }

  async findUsers(ids: string[]): Promise<UserRow[]> {
    return this.store.findByIds([...new Set(ids)]);
  }

  /** The id of the account (not deleted, any status) signing in with this email, or null. */
  async idByEmail(email: string): Promise<string | null> {
    return (await this.store.findCredentials({ email }))?.id ?? null;
  }

  /** Creates an account without a password (partner-host sign-in, demo data). */
  async createPasswordlessUser(input: { displayName: string; locale?: Locale; roles?: Role[] }): Promise<string> {
    const id = newId('usr');
    await this.store.insertUser(
      { id, email: null, phone: null, passwordHash: null, displayName: normaliseDisplayName(input.displayName).slice(0, 60) || 'Lotus user', locale: input.locale ?? DEFAULT_LOCALE, now: this.now(), roles: input.roles ?? ['patient'] },
    );
    return id;
  }

  /** LOTUS_ADMIN_EMAIL/PASSWORD at start, and demo accounts: create if missing, make sure of the roles. */
  async ensureAccount(input: { email?: string; phone?: string; password: string; displayName: string; roles: Role[]; locale?: Locale }): Promise<string> {
    const email = input.email ? normaliseEmail(input.email) : undefined;
    const phone = input.phone ? normalisePhone(input.phone) : undefined;
    const existing = await this.store.findCredentials(email ? { email } : { phone });
    let id = existing?.id;
    if (!id) {
      id = newId('usr');
      const passwordHash = await hashPassword(input.password, this.deps.passwordHashCost);
      await this.store.insertUser({
        id,
        email: email ?? null,
        phone: phone ?? null,
        passwordHash,
        displayName: input.displayName,
        locale: input.locale ?? DEFAULT_LOCALE,
        now: this.now(),
        roles: input.roles,
      });
    } else {
      for (const role of input.roles) await this.grantRole(id, role, null);
    }
    return id;
  }

  async countUsers(): Promise<number> {
    return this.store.countUsers();
  }
}
