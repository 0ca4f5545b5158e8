// buildApp(config) → a whole Lotus Health server: platform (database, bus, clock, audit,
// HTTP plumbing) and every feature, wired explicitly. Tests call it too, with an
// in-memory database and whatever clock or provider fakes they need.
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import fastifyCookie from '@fastify/cookie';
import fastifyMultipart from '@fastify/multipart';
import fastifyRateLimit from '@fastify/rate-limit';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import fastifyWebsocket from '@fastify/websocket';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import Fastify, { type FastifyInstance } from 'fastify';
import { Redis } from 'ioredis';
import type { Config } from './config.ts';
import { AuditLog } from './platform/audit/audit.ts';
import { installAuthentication } from './platform/auth/authenticate.ts';
import { installAccessGuards, type RouteEntry } from './platform/auth/guards.ts';
import { apiAccess } from './api-access.ts';
import { systemClock, type Clock } from './platform/clock.ts';
import { openDatabase, ping, type Db, type DialectName } from './platform/db/db.ts';
import { migrateToLatest } from './platform/db/migrate.ts';
import { Database } from './platform/db/unit-of-work.ts';
import { MemoryAttemptCounter, RedisAttemptCounter, type AttemptCounter } from './platform/http/attempt-counter.ts';
import { installSecurityHeaders } from './platform/http/security-headers.ts';
import { installCanonicalHost } from './platform/http/origins.ts';
import { AppError } from './platform/http/errors.ts';
import { installErrorHandling } from './platform/http/error-handler.ts';
import { installHealth } from './platform/http/health.ts';
import { installMetrics } from './platform/http/metrics.ts';
import { faceOf, installWeb, WebShell, wantsHtml, webRoot } from './platform/http/web-shell.ts';
import { LocalBus, RedisBus, type Bus } from './platform/realtime/bus.ts';
import { JobRunner } from './platform/jobs/job-runner.ts';
import { EncryptedFileBlobStore, type BlobStore } from './platform/storage/blob-store.ts';
import { accountsRoutes } from './features/accounts/accounts.routes.ts';
import { AccountsService } from './features/accounts/accounts.service.ts';
import { communityAdminRoutes } from './features/community/community.admin-routes.ts';
import { CirclesService } from './features/community/community.circles.ts';
import { circlesRoutes } from './features/community/community.circles-routes.ts';
import { CommunityImages } from './features/community/community.images.ts';
import { ModerationService } from './features/community/community.moderation.ts';
import { communityRoutes } from './features/community/community.routes.ts';
import { CommunityService } from './features/community/community.service.ts';
import { communitySettings } from './features/community/community.settings.ts';
import { notificationsRoutes } from './features/notifications/notifications.routes.ts';
import { NotificationsService } from './features/notifications/notifications.service.ts';
import { notificationChannelsRoutes } from './features/notifications/notifications.channels-routes.ts';
import { notificationsConfig } from './features/notifications/notifications.config.ts';
import { HeldEmailSender, SmtpEmailSender } from './features/notifications/notifications.email.ts';
import { PushSender } from './features/notifications/notifications.push.ts';
import { OutboxSender } from './features/notifications/notifications.sender.ts';
import { SmsService } from './features/notifications/notifications.sms.ts';
import { phoneRoutes } from './features/phone/phone.routes.ts';
import { consentsRoutes } from './features/consents/consents.routes.ts';
import { ConsentsService } from './features/consents/consents.service.ts';
import { pdfFontConfig } from './features/consultations/consultations.summary-pdf.ts';
import { privacyRoutes } from './features/privacy/privacy.routes.ts';
import { PrivacyService } from './features/privacy/privacy.service.ts';
import { PhoneService } from './features/phone/phone.service.ts';
import { textFor } from './features/notifications/notifications.texts.ts';
import { Presence } from './platform/realtime/presence.ts';
import { departmentsRoutes } from './features/departments/departments.routes.ts';
import { linksRoutes } from './features/links/links.routes.ts';
import { LinksService } from './features/links/links.service.ts';
import { RealtimeHub } from './features/messaging/messaging.realtime.ts';
import { REALTIME_PROTOCOL, RealtimeTickets } from './features/messaging/messaging.tickets.ts';
import { messagesPerMinute, messagingRoutes } from './features/messaging/messaging.routes.ts';
import { MessagingService } from './features/messaging/messaging.service.ts';
import { installCallSignalling } from './features/calls/calls.realtime.ts';
import { callsRoutes } from './features/calls/calls.routes.ts';
import { CallsService } from './features/calls/calls.service.ts';
import { callsConfig } from './features/calls/calls.turn.ts';
import { consultationAccess } from './features/consultations/consultations.policy.ts';
import { doctorReviewsRoutes } from './features/doctors/doctors.reviews-routes.ts';
import { consultationsCareRoutes } from './features/consultations/consultations.care-routes.ts';
import { consultationsRoutes } from './features/consultations/consultations.routes.ts';
import { CONSULTATION, consultationsConfig, ConsultationsService } from './features/consultations/consultations.service.ts';
import { OutboundClient } from './platform/outbound/outbound.client.ts';
import { DepartmentsService } from './features/departments/departments.service.ts';
import { loadPaymentsConfig } from './features/payments/payments.config.ts';
import { buildProviders } from './features/payments/payments.gateways.ts';
import { paymentsRoutes } from './features/payments/payments.routes.ts';
import { PaymentsService } from './features/payments/payments.service.ts';
import { doctorRegistries } from './features/doctors/doctors.config.ts';
import { doctorsRoutes } from './features/doctors/doctors.routes.ts';
import { DoctorsService } from './features/doctors/doctors.service.ts';
import { encyclopediaRoutes } from './features/encyclopedia/encyclopedia.routes.ts';
import { EncyclopediaSearch } from './features/encyclopedia/encyclopedia.search-service.ts';
import { EncyclopediaService } from './features/encyclopedia/encyclopedia.service.ts';
import { searchIndexInMemory } from './features/encyclopedia/encyclopedia.search.ts';
import { demoHostRoutes } from './features/miniprogram/miniprogram.demo-host.ts';
import { miniprogramRoutes, miniScopeAllows } from './features/miniprogram/miniprogram.routes.ts';
import { JWKS_MAX_BYTES, MiniprogramService, outboundJwksFetcher } from './features/miniprogram/miniprogram.service.ts';

/** Infrastructure every feature may use. No business rules live here. */
export interface Platform {
  config: Config;
  /** The unit of work: `database.q` (the transaction in scope, else the root),
   * `database.transaction(fn)`, `database.afterCommit(fn)`. Features get this one. */
  database: Database;
  /** The root handle, outside any unit of work: migrations, the CLI, tests reading tables. */
  db: Db;
  dialect: DialectName;
  clock: Clock;
  bus: Bus;
  redis: Redis | null;
  audit: AuditLog;
  attempts: AttemptCounter;
  web: WebShell;
  /** Encrypted files under the data directory (documents, images). */
  blobs: BlobStore;
  /** Periodic maintenance; stopped when the app closes. */
  jobs: JobRunner;
}

/** Each feature's service, handed to the features that depend on it. */
export interface Services {
  accounts: AccountsService;
  departments: DepartmentsService;
  payments: PaymentsService;
  doctors: DoctorsService;
  encyclopedia: EncyclopediaService;
  encyclopediaSearch: EncyclopediaSearch;
  miniprogram: MiniprogramService;
  links: LinksService;
  messaging: MessagingService;
  consultations: ConsultationsService;
  calls: CallsService;
  notifications: NotificationsService;
  /** `sms.send(to, text)`: one text message through the configured provider (or held in the outbox). */
  sms: SmsService;
  /** Phone verification and the person key of a verified number. */
  phones: PhoneService;
  /** Terms, privacy notice and telemedicine consent: versions and each person's acceptances. */
  consents: ConsentsService;
  community: CommunityService;
  moderation: ModerationService;
}

export interface BuildOptions {
  clock?: Clock;
  /** Run migrations before serving (default true). */
  migrate?: boolean;
  /** Where the built web faces are (default dist/web). */
  webRoot?: string;
}

export interface LotusApp {
  app: FastifyInstance;
  platform: Platform;
  services: Services;
  /** Every route with who may call it (the access guards' table). */
  routes: RouteEntry[];
}

export async function buildApp(config: Config, options: BuildOptions = {}): Promise<LotusApp> {
  const clock = options.clock ?? systemClock;
  const paymentsConfig = loadPaymentsConfig(config);
  const database = openDatabase(config.database);
  if (options.migrate ?? true) {
    try {
      await migrateToLatest(database.db, { schema: config.database.kind === 'postgres' ? config.database.schema : undefined });
    } catch (error) {
      await database.close();
      throw error;
    }
  }
  // Auto-pipelining: the rate-limit counters of concurrent requests share round trips.
  const redis = config.redisUrl ? new Redis(config.redisUrl, { maxRetriesPerRequest: 3, enableAutoPipelining: true }) : null;
  const busLog = { warn: (o: object, m: string) => app.log.warn(o, m) };
  const bus: Bus = config.redisUrl ? new RedisBus(config.redisUrl, busLog) : new LocalBus(busLog);
  const attempts: AttemptCounter = redis ? new RedisAttemptCounter(redis) : new MemoryAttemptCounter(() => clock.now().getTime());
  const web = new WebShell(options.webRoot ?? webRoot);

  const unitOfWork = new Database(database.db, database.dialect);
  const platform: Platform = {
    config,
    database: unitOfWork,
    db: database.db,
    dialect: database.dialect,
    clock,
    bus,
    redis,
    audit: new AuditLog(unitOfWork, clock),
    attempts,
    web,
    blobs: new EncryptedFileBlobStore(path.join(config.dataDir, 'blobs'), config.secret),
    jobs: new JobRunner(),
  };

  const accounts = new AccountsService({
    db: platform.database,
    clock,
    attempts,
    passwordHashCost: config.passwordHashCost,
    loginMaxFailures: config.loginMaxFailures,
    loginWindowSeconds: config.loginWindowSeconds,
    bus,
  });
  const departments = new DepartmentsService(platform.database);
  const publicUrl = () => config.publicUrl;
  const encyclopedia = new EncyclopediaService({ db: platform.database, clock, bus, departments, audit: platform.audit, searchInMemory: searchIndexInMemory(config.raw) });
  const encyclopediaSearch = new EncyclopediaSearch(encyclopedia);
  const miniprogram = new MiniprogramService({
    db: platform.database,
    clock,
    accounts,
    audit: platform.audit,
    publicUrl,
    secret: config.secret,
    phones: { markVerified: (userId, phone) => phones.markVerified(userId, phone) },
    jwks: outboundJwksFetcher(new OutboundClient({ maxBytes: JWKS_MAX_BYTES, userAgent: `LotusHealthKeys/1 (+${config.publicUrl})` })),
  });
  const doctors = new DoctorsService({
    db: platform.database,
    clock,
    audit: platform.audit,
    bus,
    blobs: platform.blobs,
    accounts,
    departments,
    registries: doctorRegistries(config, clock),
  });
  const payments = new PaymentsService(
    {
      db: platform.database,
      clock,
      audit: platform.audit,
      config: paymentsConfig,
      publicUrl: () => config.publicUrl,
      log: { info: (o, m) => app.log.info(o, m), warn: (o, m) => app.log.warn(o, m), error: (o, m) => app.log.error(o, m) },
    },
    buildProviders,
  );
  const notifyConfig = notificationsConfig(config);
  const presence = new Presence(redis, { warn: (o, m) => app.log.warn(o, m) });
  const notifications = new NotificationsService({
    db: platform.database,
    clock,
    bus,
    presence,
    secret: config.secret,
    messageFoldMinutes: notifyConfig.messageFoldMinutes,
  });
  const sms = new SmsService({ store: notifications.outbox, clock, provider: notifyConfig.sms, perNumberPerHour: notifyConfig.smsPerNumberPerHour });
  const emailSender = notifyConfig.smtpUrl ? new SmtpEmailSender(notifyConfig.smtpUrl, notifyConfig.mailFrom) : new HeldEmailSender();
  const pushSender = new PushSender(
    notifyConfig.vapid,
    new OutboundClient({ allow: notifyConfig.pushAllow, timeoutMs: 10_000, userAgent: `LotusHealthPush/1 (+${config.publicUrl})` }),
  );
  notifications.vapidPublicKey = notifyConfig.vapid.publicKey;
  doctors.review.notify = async (userId, kind) => {
    const text = textFor(kind, 'en');
    await notifications.notify([userId], { kind, title: text.title, body: text.body, link: '/doctor/' });
  };
  notifications.sender = new OutboxSender({
    store: notifications.outbox,
    clock,
    publicUrl,
    secret: config.secret,
    email: emailSender,
    push: pushSender,
    sms,
    audience: async (key) => (key.startsWith('department:') ? (await doctors.onlineDoctors(key.slice('department:'.length))).map((d) => d.userId) : []),
    users: async (ids) => (ids.length === 0 ? [] : await accounts.findUsers(ids)).map((u) => ({ id: u.id, email: u.email, phone: u.phone, locale: u.locale })),
    log: { warn: (o, m) => app.log.warn(o, m) },
    leaseMs: notifyConfig.leaseSeconds * 1000,
  });
  const community = new CommunityService({
    db: platform.database,
    clock,
    accounts,
    notifications,
    attempts,
    bus,
    secret: config.secret,
    settings: communitySettings(config.raw),
  });
  const moderation = new ModerationService({ db: platform.database, clock, audit: platform.audit, accounts, notifications, community });
  const communityImages = new CommunityImages({ store: community.moderationStore, clock });
  accounts.onDeleted((userId) => communityImages.forgetUploads(userId));
  const outbound = new OutboundClient({ allow: config.previewAllow, userAgent: `LotusHealthPreview/1 (+${config.publicUrl})` });
  const links = new LinksService({ db: platform.database, clock, outbound, publicUrl });
  const messaging = new MessagingService({ db: platform.database, clock, bus, audit: platform.audit, accounts, links, blobs: platform.blobs });
  const realtime = new RealtimeHub(bus, messaging, presence);
  const phones = new PhoneService({ db: platform.database, clock, sms, secret: config.secret });
  accounts.onDeleted((userId) => phones.forget(userId));
  const consents = new ConsentsService({ db: platform.database, clock, audit: platform.audit });
  accounts.onRegistered((userId, locale) => consents.acceptAtSignUp(userId, locale));
  accounts.registerPendingConsents((actor) => consents.pending(actor));
  accounts.onDeleted((userId) => messaging.forgetUploads(userId));
  const consultations = new ConsultationsService({ db: platform.database, clock, bus, audit: platform.audit, accounts, departments, doctors, messaging, payments, notifications, phones, consents, config: consultationsConfig(config.raw) });
  // Reviews are screened by the community's word lists, as forum posts are.
  doctors.reviews.registerScreen(async (text) => {
    const match = await community.words.check(text);
    return match ? `contains "${match.term}" from the ${match.list} word list` : null;
  });
  // A doctor reviews machine-matched encyclopedia words of the department they practise in.
  encyclopedia.termReviews.registerDoctorDepartment(async (userId) => (await doctors.practitioner(userId))?.department ?? null);
  // "Doctors for eczema": the departments the encyclopedia's matching entries are linked to.
  doctors.registerConditionDepartments(async (condition) => {
    const answer = await encyclopediaSearch.search({ q: condition, limit: 5 });
    const departments = new Set<string>();
    for (const r of answer.results) {
      const entry = await encyclopedia.entry(r.slug, 'en');
      if (entry?.department) departments.add(entry.department);
    }
    return [...departments];
  });
  doctors.registerFigures(async (doctorIds) => {
    const figures = new Map<string, { consultations: number; ratings: number[]; firstReplySeconds: number[] }>();
    for (const r of await consultations.doctorFigures(doctorIds)) {
      const f = figures.get(r.doctorId) ?? { consultations: 0, ratings: [], firstReplySeconds: [] };
      f.consultations++;
      if (r.stars !== null) f.ratings.push(r.stars);
      if (r.queuedAt && r.firstReplyAt) f.firstReplySeconds.push(Math.max(0, (Date.parse(r.firstReplyAt) - Date.parse(r.queuedAt)) / 1000));
      figures.set(r.doctorId, f);
    }
    return figures;
  });
  messaging.registerAccess(
    'consultation',
    consultationAccess(consultations.store, (conversationId, userId) => consultations.care.isTakenBy(conversationId, userId)),
  );
  messaging.onStored(async (message, kind, redFlags) => {
    if (kind === 'consultation') {
      await consultations.recordMessage(message.conversationId, message.senderId, message.createdAt, redFlags);
      if (message.kind !== 'system') await consultations.notifyMessage(message.conversationId, message.senderId);
    }
  });
  const calls = new CallsService({ db: platform.database, clock, bus, consultations, messaging, notifications, config: callsConfig(config.raw) });
  installCallSignalling(realtime, calls);
  // Who may follow which realtime channel (conversations: their members, by the messaging core).
  realtime.allowChannel('user:', (actor, id) => id === actor.userId);
  realtime.allowChannel('queue:', (actor, department) => consultations.watchesQueue(actor, department));
  realtime.allowChannel('doctors:presence', (_actor, rest) => rest === '');
  payments.payables.register({
    kind: CONSULTATION,
    describe: (id, actor) => consultations.payableOrder(actor, id),
    onPaid: (id, _payment) => consultations.onPaid(id),
  });
  const services: Services = { accounts, departments, doctors, encyclopedia, encyclopediaSearch, miniprogram, payments, notifications, sms, phones, consents, community, moderation, links, messaging, consultations, calls };

  const app = Fastify({
    logger: {
      level: config.logLevel,
      redact: { paths: ['req.headers.authorization', 'req.headers.cookie', 'res.headers["set-cookie"]'], censor: '[redacted]' },
    },
    trustProxy: config.trustProxy,
    bodyLimit: 1024 * 1024,
    // A request id from a proxy is kept only if it looks like one (it goes into logs).
    requestIdHeader: false,
    genReqId: (req) => {
      const given = req.headers['x-request-id'];
      return typeof given === 'string' && /^[A-Za-z0-9._-]{8,64}$/.test(given) ? given : randomUUID();
    },
    ajv: { customOptions: { allErrors: true, coerceTypes: 'array', removeAdditional: true, useDefaults: true } },
    return503OnClosing: true,
    forceCloseConnections: 'idle',
  }).withTypeProvider<TypeBoxTypeProvider>();

  // Before any route is declared: each one gets its access guard and a row in the table.
  const routes = installAccessGuards(app, apiAccess);
  installSecurityHeaders(app, config.publicUrl);
  installCanonicalHost(app, () => config.publicUrl, config.env === 'production');
  platform.jobs.useLogger(app.log);
  unitOfWork.onEffectError((error) => app.log.error({ err: error }, 'an effect after commit failed'));

  installErrorHandling(app, (request, reply) => {
    if (!wantsHtml(request)) return false;
    web.send(reply, faceOf(request.url.split('?')[0]!), request.locale);
    return true;
  });

  await app.register(fastifyCookie);
  await app.register(fastifyRateLimit, {
    global: false,
    ...(redis ? { redis, nameSpace: 'lotus:ratelimit:' } : {}),
    // The builder's result is thrown; an AppError reaches the client in the error shape.
    errorResponseBuilder: (_request, context) => new AppError(429, 'rate_limited', `Too many requests. Try again in ${Math.ceil(context.ttl / 1000)} seconds.`),
  });
  await app.register(fastifyMultipart, { limits: { fileSize: 10 * 1024 * 1024, files: 1, fields: 20 } });
  await app.register(fastifyWebsocket, {
    options: {
      maxPayload: 64 * 1024,
      // A client offering its bearer token as a subprotocol also offers lotus.v1, which is
      // chosen; one that offers only the token gets it back (the handshake needs one chosen).
      handleProtocols: (offered) => (offered.has(REALTIME_PROTOCOL) ? REALTIME_PROTOCOL : ([...offered][0] ?? false)),
    },
  });
  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Lotus Health API',
        version: '1',
        description: 'The open API of Lotus Health. Authenticate with `Authorization: Bearer <token>` (from /api/auth/login) or the session cookie.',
      },
      components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } },
      security: [{ bearer: [] }],
    },
    // Only the API is documented; pages, assets and probes are not.
    transform: ({ schema, url }) => ({ schema: { ...(schema ?? {}), hide: schema?.hide ?? !url.startsWith('/api/') } as typeof schema, url }),
  });
  await app.register(fastifySwaggerUi, {
    routePrefix: '/api/docs',
    staticCSP: true,
    // The UI's own CSP, minus upgrade-insecure-requests (it breaks plain-http installs) and with framing refused.
    transformStaticCSP: (header) => header.replace(/upgrade-insecure-requests;?/, '').replace("frame-ancestors 'self'", "frame-ancestors 'none'"),
    uiConfig: { docExpansion: 'list', deepLinking: true },
  });
  app.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger());

  installAuthentication(app, accounts, config.publicUrl, miniScopeAllows);
  installMetrics(app);
  installHealth(app, () => ping(platform.db));

  const secureCookies = config.publicUrl.startsWith('https:');
  await app.register(accountsRoutes, { accounts, secureCookies, registrationsPerIp: config.registrationsPerIp });
  await app.register(departmentsRoutes, { departments });
  await app.register(paymentsRoutes, { payments });
  await app.register(doctorsRoutes, { doctors, web, config });
  // Licence expiry: ask for re-verification before it passes, stop practice once it has.
  platform.jobs.every('doctor-licences', 60 * 60 * 1000, () => doctors.review.checkLicences(), 60 * 1000);
  await app.register(encyclopediaRoutes, { encyclopedia, search: encyclopediaSearch, web, publicUrl: () => config.publicUrl });
  await app.register(miniprogramRoutes, { miniprogram, web, publicUrl });
  await app.register(notificationsRoutes, { notifications });
  await app.register(notificationChannelsRoutes, { notifications, channels: () => ({ email: emailSender.configured, sms: sms.providerName, push: true }) });
  // The outbox: email, web push and SMS for what the features above wrote in their transactions.
  platform.jobs.every('notifications-outbox', notifyConfig.intervalMs, () => notifications.sender!.runOnce());
  await app.register(communityRoutes, { community, moderation, images: communityImages, web, publicUrl });
  await app.register(communityAdminRoutes, { moderation });
  await app.register(circlesRoutes, { circles: new CirclesService({ db: platform.database, clock, messaging, community }) });
  // Timed suspensions end on their own.
  platform.jobs.every('community-suspensions', 60 * 1000, () => moderation.liftExpiredSuspensions());
  await app.register(linksRoutes, { links });
  await app.register(messagingRoutes, { messaging, hub: realtime, tickets: new RealtimeTickets({ db: platform.database, clock, accounts }), clock, blobs: platform.blobs, publicUrl, messagesPerMinute: messagesPerMinute(config.raw) });
  await app.register(phoneRoutes, { phones, accounts, secureCookies });
  await app.register(consentsRoutes, { consents, accounts });
  await app.register(privacyRoutes, { privacy: new PrivacyService({ audit: platform.audit, accounts, consultations, doctors, messaging, payments, publicUrl: () => config.publicUrl, pdfFont: pdfFontConfig(config.raw) }) });
  await app.register(consultationsRoutes, { consultations, web });
  await app.register(callsRoutes, { calls });
  // Calls nobody answered become missed; calls whose consultation closed end.
  platform.jobs.every('call-sweep', 5 * 1000, () => calls.sweep());
  await app.register(consultationsCareRoutes, { consultations });
  await app.register(doctorReviewsRoutes, { doctors });
  // The reply-time promise: expire (and refund) what no doctor took in time.
  platform.jobs.every('consultation-expiry', 15 * 1000, () => consultations.expireOverdue());
  // Online doctors hear again of a question nobody has taken after a few minutes.
  platform.jobs.every('consultation-reminders', 60 * 1000, () => consultations.remindWaiting(notifyConfig.doctorReminderMinutes));
  // Check-ins that are due are asked; follow-ups past their reply deadline are refunded once.
  platform.jobs.every('consultation-follow-ups', 15 * 1000, () => consultations.care.sweep());
  // Own pages preview through the app itself, with the Open Graph tags each feature serves.
  links.setOwnPageFetcher(async (path) => {
    const response = await app.inject({ method: 'GET', url: path, headers: { accept: 'text/html' } });
    return { status: response.statusCode, html: response.body };
  });
  if (config.demo) await app.register(demoHostRoutes, { dataDir: config.dataDir, publicUrl });

  await installWeb(app, web, options.webRoot ?? webRoot);

  // Payments whose notification was lost are settled by asking their provider.
  if (paymentsConfig.reconcileIntervalSeconds > 0)
    platform.jobs.every('payments-reconcile', paymentsConfig.reconcileIntervalSeconds * 1000, () => payments.reconcile());

  app.addHook('onClose', async () => {
    realtime.close();
    presence.close();
    await messaging.stop();
    await accounts.stop();
    await platform.jobs.stop();
    emailSender.close();
    await bus.close();
    if (redis) await redis.quit().catch(() => undefined);
    await database.close();
  });

  return { app, platform, services, routes };
}
