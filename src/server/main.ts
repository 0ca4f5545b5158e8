// Start one Lotus Health server process: read config, build, migrate, seed, listen, and
// shut down gracefully on SIGTERM/SIGINT (stop accepting, finish requests in flight,
// close the database).
import { buildApp } from './app.ts';
import { loadConfig, type Config } from './config.ts';
import { DEMO_ACCOUNTS, seedDemo } from './demo.ts';
import { ensureWebBuilt } from './platform/http/web-build.ts';

export async function startServer(config: Config = loadConfig(process.env, { persistSecret: true })): Promise<void> {
  await ensureWebBuilt();
  const lotus = await buildApp(config);
  const { app, services } = lotus;

  const wasEmpty = (await services.accounts.countUsers()) === 0;
  if (config.admin) {
    await services.accounts.ensureAccount({ email: config.admin.email, password: config.admin.password, displayName: 'Administrator', roles: ['patient', 'admin', 'moderator', 'editor'] });
  }
  if (config.demo && wasEmpty) {
    app.log.info('empty database: adding demo data');
    await seedDemo(lotus);
  }

  let closing = false;
  const shutdown = (signal: string) => {
    if (closing) return;
    closing = true;
    app.log.info({ signal }, 'shutting down: finishing requests in flight');
    const force = setTimeout(() => process.exit(1), 10_000);
    force.unref();
    app.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  process.on('SIGINT', () => shutdown('SIGINT'));

  await app.listen({ port: config.port, host: config.host });
  const base = config.publicUrl;
  const db = config.database.kind === 'sqlite' ? `SQLite ${config.database.file}` : 'PostgreSQL';
  const lines = [
    '',
    `Lotus Health is running (${db}${config.redisUrl ? ', Redis' : ''}).`,
    `  Patient app        ${base}/`,
    `  Doctor workspace   ${base}/doctor`,
    `  Admin console      ${base}/admin`,
    `  Mini-program       ${base}/mini/`,
    `  API docs           ${base}/api/docs`,
    ...(config.demo ? [`  Demo partner app   ${base}/demo/host   (opens the mini-program, signed in)`] : []),
  ];
  if (config.demo) {
    lines.push('', 'Demo accounts:');
    for (const a of DEMO_ACCOUNTS) lines.push(`  ${a.role.padEnd(9)} ${a.login.padEnd(24)} ${a.password.padEnd(22)} ${a.note}`);
  }
  const providers = services.payments.availableProviders();
  lines.push('', `Payments: ${providers.length ? providers.join(', ') : 'none configured'}`);
  if (services.payments.sandboxEnabled) lines.push('  The sandbox payment provider is on: payments complete on a sandbox page and no real money moves.');
  lines.push(
    '',
    services.calls.relayConfigured
      ? 'Calls: TURN relay configured (LOTUS_TURN_URLS); voice and video calls work across networks.'
      : 'Calls: no STUN/TURN server (LOTUS_TURN_URLS is not set): voice and video calls connect only where both browsers reach each other directly (this machine, one network). See docs/OPERATIONS.md.',
  );
  if (config.admin) lines.push('', `Admin from LOTUS_ADMIN_EMAIL: ${config.admin.email}`);
  process.stdout.write(lines.join('\n') + '\n\n');
}
