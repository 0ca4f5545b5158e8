// A worried person searches the encyclopedia, opens an entry and its history, compares two
// revisions, and goes on to ask a doctor in the entry's department.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { describeViolations, launchBrowser, newContext, seriousA11yViolations, startServer, type E2EServer } from './support.ts';

let server: E2EServer;
let browser: Browser;

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('encyclopedia in the browser', () => {
  it('searches with suggestions, opens an entry and its history, and follows "Ask a doctor"', async () => {
    const context = await newContext(browser, { phone: true });
    const page = await context.newPage();
    await page.goto(`${server.url}/encyclopedia`);
    await page.getByRole('heading', { name: 'Medical encyclopedia', level: 1 }).waitFor();

    const box = page.getByRole('searchbox', { name: 'Search the encyclopedia' });
    await box.fill('myocard');
    const suggestions = page.getByRole('list', { name: 'Suggestions' });
    await suggestions.getByRole('link', { name: 'Myocardial infarction' }).first().waitFor();

    await box.fill('heart attack');
    await box.press('Enter');
    await expect.poll(() => page.url()).toContain('q=heart+attack');
    const result = page.locator('.enc-result-list').getByRole('link', { name: 'Myocardial infarction', exact: true });
    await result.waitFor();
    expect(await page.locator('.enc-result-list mark').count()).toBeGreaterThan(0);
    await result.click();

    await page.getByRole('heading', { name: 'Myocardial infarction', level: 1 }).waitFor();
    expect(page.url()).toContain('/encyclopedia/myocardial-infarction');
    await page.getByText('heart attack', { exact: false }).first().waitFor();
    const review = await page.locator('.enc-review').textContent();
    expect(review).toMatch(/Medically reviewed by .+ on |Not yet medically reviewed/);

    await page.getByRole('link', { name: 'History' }).click();
    await page.getByRole('heading', { name: /History of/ }).waitFor();
    expect(await page.getByRole('row').count()).toBeGreaterThanOrEqual(3);
    await page.getByRole('heading', { name: 'Changes from revision 1 to 2' }).waitFor();
    expect(await page.locator('.enc-diff ins').count()).toBeGreaterThan(0);
    expect(await page.locator('.enc-diff del').count()).toBeGreaterThan(0);

    await page.getByRole('link', { name: 'Back to the entry' }).click();
    await page.getByRole('link', { name: 'Ask a doctor in Cardiology' }).click();
    await expect.poll(() => page.url()).toContain('/ask?department=cardiology');
    await context.close();
  });

  it('finds French without accents and Chinese two-character words from the search bar on any page', async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    await page.goto(`${server.url}/`);
    const bar = page.getByRole('searchbox', { name: 'Search the encyclopedia' });
    await bar.fill('diabete');
    await bar.press('Enter');
    await page.locator('.enc-result-list').getByRole('link', { name: 'Diabète' }).waitFor();

    await page.getByRole('searchbox', { name: 'Search the encyclopedia' }).fill('血糖');
    await page.getByRole('button', { name: 'Search' }).click();
    await page.locator('.enc-result-list').getByRole('link', { name: '高血糖' }).waitFor();

    await page.getByRole('searchbox', { name: 'Search the encyclopedia' }).fill('diabetis');
    await page.getByRole('button', { name: 'Search' }).click();
    await page.getByText('Showing results for “diabetes” instead of “diabetis”.').waitFor();
    await context.close();
  });

  it('serves Open Graph tags on an entry page', async () => {
    const response = await fetch(`${server.url}/encyclopedia/diabetes`, { headers: { accept: 'text/html' } });
    const html = await response.text();
    expect(response.status).toBe(200);
    expect(html).toContain('<meta property="og:title" content="Diabetes">');
    expect(html).toContain('<meta property="og:type" content="article">');
  });

  for (const path of ['/encyclopedia', '/encyclopedia/diabetes', '/encyclopedia/diabetes/history']) {
    it(`has no serious or critical axe violations on ${path}`, async () => {
      const context = await newContext(browser);
      const page = await context.newPage();
      await page.goto(`${server.url}${path}`);
      await page.locator('main h1').waitFor();
      const violations = await seriousA11yViolations(page);
      expect(describeViolations(violations)).toBe('');
      await context.close();
    });
  }
});
