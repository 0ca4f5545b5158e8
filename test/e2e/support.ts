// End-to-end harness: a real Lotus server on a free port with a fresh SQLite file and
// demo data, and Debian's Chromium driven by playwright-core (never a downloaded browser).
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { buildApp, type LotusApp } from '../../src/server/app.ts';
import { loadConfig } from '../../src/server/config.ts';
import { seedDemo } from '../../src/server/demo.ts';

export const CHROMIUM_FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

export interface E2EServer extends LotusApp {
  url: string;
  close(): Promise<void>;
}

/** Starts a server with demo data. `env` adds configuration (e.g. LOTUS_PREVIEW_ALLOW). */
/** `options`: what buildApp takes, e.g. a ManualClock for a test where hours pass. */
/** `publicHost`: the host of LOTUS_PUBLIC_URL (default 127.0.0.1, where the browser goes: `url`). */
export async function startServer(env: Record<string, string> = {}, options: Parameters<typeof buildApp>[1] = {}, { publicHost = '127.0.0.1' }: { publicHost?: string } = {}): Promise<E2EServer> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'lotus-e2e-'));
  const config = loadConfig({ NODE_ENV: 'test', LOTUS_DATA_DIR: dir, LOG_LEVEL: 'silent', HOST: '127.0.0.1', LOTUS_FREE_REQUIRES_PHONE: 'false', ...env });
  config.database = { kind: 'sqlite', file: path.join(dir, 'lotus.sqlite') };
  const lotus = await buildApp(config, options);
  await lotus.app.listen({ port: 0, host: '127.0.0.1' });
  const port = (lotus.app.server.address() as { port: number }).port;
  const url = `http://127.0.0.1:${port}`;
  // The public URL is only known once listening; features read it from config when they
  // need it (links, the mini-program's assertion audience), so seed after setting it.
  config.publicUrl = `http://${publicHost}:${port}`;
  await seedDemo(lotus);
  return {
    ...lotus,
    url,
    async close() {
      await lotus.app.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** `extraArgs`: more Chromium switches, e.g. fake camera and microphone for calls. */
export async function launchBrowser(extraArgs: string[] = []): Promise<Browser> {
  const executablePath = process.env.CHROMIUM_PATH;
  if (!executablePath) throw new Error('CHROMIUM_PATH is not set (vitest.config.ts sets it when chromium is found)');
  return chromium.launch({ executablePath, args: [...CHROMIUM_FLAGS, ...extraArgs], headless: true });
}

/** A phone-sized or desktop context; each has its own cookies (a separate person). */
export async function newContext(browser: Browser, options: { phone?: boolean; locale?: string } = {}): Promise<BrowserContext> {
  return browser.newContext({
    viewport: options.phone ? { width: 390, height: 844 } : { width: 1280, height: 800 },
    locale: options.locale ?? 'en-US',
  });
}

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: Array<{ target: string[] }>;
}

/** Runs axe-core in the page (through the debugging protocol, so our CSP need not allow
 * it) and returns the serious and critical violations. */
export async function seriousA11yViolations(page: Page): Promise<AxeViolation[]> {
  await page.evaluate(axeSource);
  const violations = (await page.evaluate(async () => {
    // @ts-expect-error axe is injected above
    const result = await window.axe.run(document, { resultTypes: ['violations'] });
    return result.violations;
  })) as AxeViolation[];
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}

export function describeViolations(violations: AxeViolation[]): string {
  return violations.map((v) => `${v.impact} ${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`).join('\n');
}
