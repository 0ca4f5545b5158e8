// "Daily Headlines", the demo partner: a small news site at /demo/host with its own key
// pair, showing the whole flow. Its "server" is the POST /demo/host/assertion route, which
// signs an assertion for its reader exactly as a real partner's backend would. Served
// only with demo data on (LOTUS_DEMO), never as a way into real accounts.
import { randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { exportJWK, generateKeyPair, importJWK, SignJWT, type JWK } from 'jose';
import { Type } from 'typebox';
import { baseCspDirectives, cspHeader } from '../../platform/http/csp.ts';
import { AppError } from '../../platform/http/errors.ts';
import { ownOrigins } from '../../platform/http/origins.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import type { MiniprogramService } from './miniprogram.service.ts';

export const DEMO_HOST_NAME = 'Daily Headlines';
const KID = 'daily-headlines-2026';

interface DemoHostFile {
  hostId: string;
  privateJwk: JWK;
}

const fileOf = (dataDir: string) => path.join(dataDir, 'demo-host.json');

export function readDemoHost(dataDir: string): DemoHostFile | null {
  const file = fileOf(dataDir);
  if (!existsSync(file)) return null;
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as DemoHostFile;
  } catch {
    return null;
  }
}

/** Registers the demo host (idempotent). Its private key stays in the data directory,
 * like a partner's key stays on the partner's server. */
export async function seedDemoHost(miniprogram: MiniprogramService, dataDir: string, publicUrl: string, actor: Actor): Promise<string> {
  const origin = new URL(publicUrl).origin;
  const existing = readDemoHost(dataDir);
  const registered = existing ? await miniprogram.getHost(existing.hostId) : null;
  if (existing && registered) {
    if (!registered.origins.includes(origin)) await miniprogram.updateHost(actor, registered.id, { origins: [...registered.origins, origin] });
    if (!registered.vouchesPhones) await miniprogram.updateHost(actor, registered.id, { vouchesPhones: true });
    return registered.id;
  }
  const { publicKey, privateKey } = await generateKeyPair('ES256', { extractable: true });
  const publicJwk = { ...(await exportJWK(publicKey)), kid: KID, alg: 'ES256', use: 'sig' };
  const privateJwk = { ...(await exportJWK(privateKey)), kid: KID, alg: 'ES256' };
  const host = await miniprogram.createHost(actor, { name: DEMO_HOST_NAME, origins: [origin], jwks: { keys: [publicJwk as never] }, status: 'active', vouchesPhones: true });
  mkdirSync(dataDir, { recursive: true });
  writeFileSync(fileOf(dataDir), JSON.stringify({ hostId: host.id, privateJwk } satisfies DemoHostFile), { mode: 0o600 });
  return host.id;
}

const pageScript = readFileSync(path.join(import.meta.dirname, 'miniprogram.demo-host-page.js'), 'utf8');

// Each reader's phone number, which Daily Headlines says it has verified: Lotus trusts the
// claim because the demo host is registered as able to vouch for phones, so its readers get
// the free first consultation (which needs a verified phone) without typing a code.
const READERS: Record<string, { name: string; phone: string }> = {
  'reader-1024': { name: 'Alex Martin', phone: '+12025550148' },
  'reader-2048': { name: 'Wang Fang', phone: '+8613910000048' },
};

export const demoHostRoutes: FastifyPluginAsyncTypebox<{ dataDir: string; publicUrl: () => string }> = async (app, { dataDir, publicUrl }) => {
  const pageCsp = () => {
    const d = baseCspDirectives(publicUrl());
    d['frame-src'] = ownOrigins(publicUrl());
    return cspHeader(d);
  };

  app.get('/demo/host', { schema: { hide: true } }, async (_request, reply) => {
    const demo = readDemoHost(dataDir);
    reply.header('content-security-policy', pageCsp());
    reply.header('cache-control', 'no-cache');
    if (!demo) return reply.status(503).type('text/plain; charset=utf-8').send('The demo host is not set up: start Lotus Health with demo data (LOTUS_DEMO=true) on an empty database, or run `lotus seed`.');
    return reply.type('text/html; charset=utf-8').send(`<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>Daily Headlines</title>
  <link rel="stylesheet" href="/demo/host/site.css">
</head>
<body data-host-id="${demo.hostId}">
  <header class="masthead"><h1>Daily Headlines</h1><p>A demo partner site. Lotus Health opens inside it as a mini-program.</p></header>
  <main>
    <section class="reader" aria-label="Reader">
      <label for="reader">Signed in to Daily Headlines as</label>
      <select id="reader">${Object.entries(READERS).map(([id, { name }]) => `<option value="${id}">${name} (${id})</option>`).join('')}</select>
    </section>
    <article>
      <h2>Flu season arrives early this year</h2>
      <p>Health authorities report a rise in influenza cases. Doctors recommend vaccination and rest for anyone with a fever.</p>
      <button id="ask" type="button">Ask a doctor</button>
    </article>
    <section id="lotus" aria-label="Lotus Health"></section>
  </main>
  <script src="/sdk/host.js"></script>
  <script src="/demo/host/app.js"></script>
</body>
</html>`);
  });

  app.get('/demo/host/app.js', { schema: { hide: true } }, async (_request, reply) => reply.type('text/javascript; charset=utf-8').header('cache-control', 'no-cache').send(pageScript));
  app.get('/demo/host/site.css', { schema: { hide: true } }, async (_request, reply) =>
    reply
      .type('text/css; charset=utf-8')
      .send(
        'body{margin:0;font:16px/1.5 Georgia,serif;color:#111;background:#fafaf7}.masthead{background:#111;color:#fff;padding:1rem}.masthead h1{margin:0;font-size:1.8rem}.masthead p{margin:.25rem 0 0;color:#ddd;font:14px system-ui,sans-serif}main{max-width:46rem;margin:0 auto;padding:1rem}.reader{font:14px system-ui,sans-serif;margin-bottom:1rem}article{background:#fff;padding:1rem;border:1px solid #ddd}button{font:600 16px system-ui,sans-serif;background:#b91c1c;color:#fff;border:0;border-radius:6px;padding:.6rem 1rem;cursor:pointer}#lotus{margin-top:1rem}.lotus-mini-frame{border:1px solid #ccc !important;border-radius:8px;background:#fff}',
      ),
  );

  app.post(
    '/demo/host/assertion',
    { schema: { hide: true, body: Type.Object({ reader: Type.String({ maxLength: 40 }) }) } },
    async (request) => {
      const demo = readDemoHost(dataDir);
      const reader = READERS[request.body.reader];
      if (!demo || !reader) throw new AppError(404, 'unknown_reader', 'Daily Headlines has no such reader.');
      const key = await importJWK(demo.privateJwk, 'ES256');
      const now = Math.floor(Date.now() / 1000);
      const assertion = await new SignJWT({ name: reader.name, locale: 'en', phone_number: reader.phone, phone_number_verified: true })
        .setProtectedHeader({ alg: 'ES256', kid: KID, typ: 'JWT' })
        .setIssuer(demo.hostId)
        .setSubject(request.body.reader)
        .setAudience(publicUrl())
        .setIssuedAt(now)
        .setExpirationTime(now + 120)
        .setJti(randomUUID())
        .sign(key);
      return { assertion };
    },
  );
};
