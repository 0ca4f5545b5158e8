// buildApp(config) → a whole Lotus Health server: platform (database, bus, clock, audit,
// HTTP plumbing) and every feature, wired explicitly. Tests call it too, with an
// in-memory database and whatever clock or provider fakes they need.
import { randomUUID } from 'node:crypto';
import fastifyCookie from '@fastify/cookie';
import fastifyHelmet from '@fastify/helmet';
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
import { systemClock, type Clock } from './platform/clock.ts';
import { openDatabase, ping, type Db, type DialectName } from './platform/db/db.ts';
import { migrateToLatest } from './platform/db/migrate.ts';
import { MemoryAttemptCounter, RedisAttemptCounter, type AttemptCounter } from './platform/http/attempt-counter.ts';
import { baseCspDirectives, helmetDirectives } from './platform/http/csp.ts';
import { installErrorHandling } from './platform/http/error-handler.ts';
import { installHealth } from './platform/http/health.ts';
import { installMetrics } from './platform/http/metrics.ts';
import { faceOf, installWeb, WebShell, wantsHtml, webRoot } from './platform/http/web-shell.ts';
import { LocalBus, RedisBus, type Bus } from './platform/realtime/bus.ts';
import { accountsRoutes } from './features/accounts/accounts.routes.ts';
import { AccountsService } from './features/accounts/accounts.service.ts';
import { departmentsRoutes } from './features/departments/departments.routes.ts';
import { DepartmentsService } from './features/departments/departments.service.ts';
import { demoHostRoutes } from './features/miniprogram/miniprogram.demo-host.ts';
import { MINI_SCOPE_PREFIXES, miniprogramRoutes } from './features/miniprogram/miniprogram.routes.ts';
import { httpsJwksFetcher, MiniprogramService } from './features/miniprogram/miniprogram.service.ts';

/** Infrastructure every feature may use. No business rules live here. */
export interface Platform {
  config: Config;
  db: Db;
  dialect: DialectName;
  clock: Clock;
  bus: Bus;
  redis: Redis | null;
  audit: AuditLog;
  attempts: AttemptCounter;
  web: WebShell;
}

/** Each feature's service, handed to the features that depend on it. */
export interface Services {
  accounts: AccountsService;
  departments: DepartmentsService;
  miniprogram: MiniprogramService;
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
}

function securityHeaders(config: Config) {
  const https = config.publicUrl.startsWith('https:');
  return {
    contentSecurityPolicy: { useDefaults: false, directives: helmetDirectives(baseCspDirectives(config.publicUrl)) },
    frameguard: { action: 'deny' as const },
    crossOriginEmbedderPolicy: false,
    strictTransportSecurity: https ? { maxAge: 31536000, includeSubDomains: true } : false,
    referrerPolicy: { policy: 'strict-origin-when-cross-origin' as const },
  };
}

export async function buildApp(config: Config, options: BuildOptions = {}): Promise<LotusApp> {
  const clock = options.clock ?? systemClock;
  const database = openDatabase(config.database);
  if (options.migrate ?? true) {
    try {
      await migrateToLatest(database.db);
    } catch (error) {
      await database.close();
      throw error;
    }
  }
  const redis = config.redisUrl ? new Redis(config.redisUrl, { maxRetriesPerRequest: 3 }) : null;
  const bus: Bus = config.redisUrl ? new RedisBus(config.redisUrl) : new LocalBus();
  const attempts: AttemptCounter = redis ? new RedisAttemptCounter(redis) : new MemoryAttemptCounter(() => clock.now().getTime());
  const web = new WebShell(options.webRoot ?? webRoot);

  const platform: Platform = {
    config,
    db: database.db,
    dialect: database.dialect,
    clock,
    bus,
    redis,
    audit: new AuditLog(database.db, clock),
    attempts,
    web,
  };

  const accounts = new AccountsService({
    db: platform.db,
    clock,
    attempts,
    passwordHashCost: config.passwordHashCost,
    loginMaxFailures: config.loginMaxFailures,
    loginWindowSeconds: config.loginWindowSeconds,
  });
  const departments = new DepartmentsService(platform.db);
  const publicUrl = () => config.publicUrl;
  const miniprogram = new MiniprogramService({ db: platform.db, clock, accounts, audit: platform.audit, publicUrl, secret: config.secret, jwks: httpsJwksFetcher });
  const services: Services = { accounts, departments, miniprogram };

  const app = Fastify({
    logger: {
      level: config.logLevel,
      redact: { paths: ['req.headers.authorization', 'req.headers.cookie', 'res.headers["set-cookie"]'], censor: '[redacted]' },
    },
    trustProxy: config.raw.LOTUS_TRUST_PROXY === 'true' || config.raw.LOTUS_TRUST_PROXY === '1',
    bodyLimit: 1024 * 1024,
    requestIdHeader: 'x-request-id',
    genReqId: () => randomUUID(),
    ajv: { customOptions: { allErrors: true, coerceTypes: 'array', removeAdditional: true, useDefaults: true } },
    return503OnClosing: true,
    forceCloseConnections: 'idle',
  }).withTypeProvider<TypeBoxTypeProvider>();

  // A request id supplied by a proxy is kept only if it looks like one.
  app.addHook('onRequest', async (request, reply) => {
    reply.header('x-request-id', request.id);
  });

  installErrorHandling(app, (request, reply) => {
    if (!wantsHtml(request)) return false;
    web.send(reply, faceOf(request.url.split('?')[0]!), request.locale);
    return true;
  });

  await app.register(fastifyCookie);
  await app.register(fastifyHelmet, securityHeaders(config));
  await app.register(fastifyRateLimit, {
    global: false,
    ...(redis ? { redis, nameSpace: 'lotus:ratelimit:' } : {}),
    errorResponseBuilder: (_request, context) => ({
      statusCode: 429,
      error: { code: 'rate_limited', message: `Too many requests. Try again in ${Math.ceil(context.ttl / 1000)} seconds.` },
    }),
  });
  await app.register(fastifyMultipart, { limits: { fileSize: 10 * 1024 * 1024, files: 1, fields: 20 } });
  await app.register(fastifyWebsocket, { options: { maxPayload: 64 * 1024 } });
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

  installAuthentication(app, accounts, config.publicUrl, (url) => MINI_SCOPE_PREFIXES.some((prefix) => url.startsWith(prefix)));
  installMetrics(app);
  installHealth(app, () => ping(platform.db));

  const secureCookies = config.publicUrl.startsWith('https:');
  await app.register(accountsRoutes, { accounts, secureCookies });
  await app.register(departmentsRoutes, { departments });
  await app.register(miniprogramRoutes, { miniprogram, web, publicUrl });
  if (config.demo) await app.register(demoHostRoutes, { dataDir: config.dataDir, publicUrl });

  await installWeb(app, web, options.webRoot ?? webRoot);

  app.addHook('onClose', async () => {
    await bus.close();
    if (redis) await redis.quit().catch(() => undefined);
    await database.close();
  });

  return { app, platform, services };
}
