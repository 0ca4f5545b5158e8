// A browser that reaches the server at a loopback alias of LOTUS_PUBLIC_URL: the public URL
// says localhost, the person opens 127.0.0.1 (same port). The demo partner page there frames
// the mini-program from the public URL, and the reader is signed in inside it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchBrowser, newContext, startServer, type E2EServer } from './support.ts';

let server: E2EServer;
let browser: Browser;

beforeAll(async () => {
  server = await startServer({}, {}, { publicHost: 'localhost' });
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('Lotus Health at 127.0.0.1 when its public URL says localhost', () => {
  it('opens the demo host at 127.0.0.1 and shows the mini-program from localhost signed in inside it', async () => {
    expect(server.platform.config.publicUrl).toMatch(/^http:\/\/localhost:\d+$/);
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const context = await newContext(browser, { phone: true });
    const host = await context.newPage();
    await host.goto(`${server.url}/demo/host`);
    await host.getByRole('button', { name: 'Ask a doctor' }).click();
    const frame = host.locator('iframe.lotus-mini-frame');
    await frame.waitFor();
    expect(await frame.getAttribute('src')).toMatch(new RegExp(`^${server.platform.config.publicUrl}/mini/`));
    const mini = host.frameLocator('iframe.lotus-mini-frame');
    await mini.getByText('Hello Alex Martin').waitFor({ timeout: 15_000 });
    await context.close();
  });
});
