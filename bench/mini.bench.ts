// `npm run bench -- mini`: the mini-program's weight and first render. Initial JavaScript
// (gzip) of /mini/ against its 50 KB budget, beside the patient app's as a baseline; then
// time to first content in Chromium on a throttled mobile profile (CPU ×4, a slow 4G-like
// network), /mini/ beside the patient home page, in the same run.
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { buildApp } from '../src/server/app.ts';
import type { Bench } from './index.ts';
import { benchConfig } from './harness.ts';
// @ts-expect-error a plain ES module shared with the build script
import { describeMiniBudget, initialJavaScript } from '../scripts/mini-budget.mjs';

const dist = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../dist/web');

function chromiumPath(): string {
  if (process.env.CHROMIUM_PATH) return process.env.CHROMIUM_PATH;
  return execFileSync('which', ['chromium'], { encoding: 'utf8' }).trim();
}

const bench: Bench = {
  summary: 'mini-program: initial JavaScript vs its 50 KB budget, first render on a throttled phone',
  async run() {
    const mini = describeMiniBudget(dist);
    const patient = initialJavaScript(dist, 'index.html');
    process.stdout.write(`\n${mini.line}\n`);
    process.stdout.write(`| page | initial JS gzip | files |\n|---|---|---|\n`);
    process.stdout.write(`| patient app / (baseline) | ${(patient.gzip / 1024).toFixed(1)} KB | ${patient.files.length} |\n`);
    process.stdout.write(`| mini-program /mini/ | ${(mini.gzip / 1024).toFixed(1)} KB | ${mini.files.length} |\n`);

    const lotus = await buildApp(benchConfig());
    await lotus.app.listen({ port: 0, host: '127.0.0.1' });
    const base = `http://127.0.0.1:${(lotus.app.server.address() as { port: number }).port}`;
    const browser = await chromium.launch({ executablePath: chromiumPath(), args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'] });
    const runs = Number(process.env.BENCH_RUNS ?? 5);
    const measure = async (url: string, ready: string) => {
      const times: number[] = [];
      for (let i = 0; i < runs; i++) {
        const context = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true });
        const page = await context.newPage();
        const cdp = await context.newCDPSession(page);
        await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
        await cdp.send('Network.enable');
        await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 150, downloadThroughput: (1.6 * 1024 * 1024) / 8, uploadThroughput: (750 * 1024) / 8 });
        const started = Date.now();
        await page.goto(url, { waitUntil: 'commit' });
        await page.locator(ready).first().waitFor();
        times.push(Date.now() - started);
        await context.close();
      }
      times.sort((a, b) => a - b);
      return { median: times[Math.floor(times.length / 2)]!, worst: times.at(-1)! };
    };
    try {
      const home = await measure(`${base}/`, '.tiles');
      const miniRender = await measure(`${base}/mini/`, 'main.mini p');
      process.stdout.write(`\nFirst content, ${runs} runs each, CPU ×4, 150 ms RTT, 1.6 Mbit/s\n| page | median ms | worst ms | vs baseline |\n|---|---|---|---|\n`);
      process.stdout.write(`| patient home / (baseline) | ${home.median} | ${home.worst} | 100% |\n`);
      process.stdout.write(`| mini-program /mini/ | ${miniRender.median} | ${miniRender.worst} | ${Math.round((miniRender.median / home.median) * 100)}% |\n`);
    } finally {
      await browser.close();
      await lotus.app.close();
    }
  },
};
export default bench;
