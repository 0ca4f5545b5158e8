// A dermatologist reviews, in the doctor workspace, the French words matched by machine for
// the entries of her specialty: confirms one, corrects one, rejects one. A French reader then
// sees the confirmed title as checked by her; the rejected word is gone. A reader of gout
// finds what treats it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
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

async function signIn(page: Page, base: string, login: string, password: string) {
  await page.goto(`${base}/signin`);
  await page.getByLabel('Email or mobile number').fill(login);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

const card = (page: Page, term: string) => page.locator('.enc-term-review').filter({ has: page.getByRole('heading', { name: new RegExp(`^${term} `) }) });

describe('doctors review machine-matched encyclopedia words', () => {
  it('confirms, corrects and rejects French words of her specialty, and a French reader sees the result', async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    await signIn(page, `${server.url}/doctor`, 'dr.dupont@lotus.demo', 'lotus-doctor-demo');
    await page.getByRole('link', { name: 'Encyclopedia words' }).click();
    await page.getByRole('heading', { name: 'Words matched by machine, Dermatology', level: 1 }).waitFor();
    await page.getByLabel('Language of the words').selectOption('fr');
    await card(page, 'bouton').waitFor();
    expect(describeViolations(await seriousA11yViolations(page))).toBe('');

    await card(page, 'bouton').getByRole('button', { name: 'Confirm' }).click();
    await page.getByText('Confirmed: “bouton” now shows as checked by Hélène Dupont.').waitFor();

    const scar = card(page, 'balafre');
    await scar.getByLabel('Corrected word for “balafre”').fill('cicatrice');
    await scar.getByRole('button', { name: 'Correct' }).click();
    await page.getByText('Corrected to “cicatrice”, checked by Hélène Dupont.').waitFor();

    await card(page, 'châtaigne').getByRole('button', { name: 'Reject' }).click();
    await page.getByText('Rejected: “châtaigne” is no longer shown or searched.').waitFor();

    // Decided words leave the queue.
    await page.reload();
    await page.getByRole('heading', { name: 'Words matched by machine, Dermatology', level: 1 }).waitFor();
    await page.getByLabel('Language of the words').selectOption('fr');
    await card(page, 'marron').waitFor();
    expect(await card(page, 'bouton').count()).toBe(0);
    expect(await card(page, 'châtaigne').count()).toBe(0);
    await context.close();

    const reader = await (await newContext(browser, { locale: 'fr-FR' })).newPage();
    await reader.goto(`${server.url}/encyclopedia/pimple`);
    await reader.getByRole('heading', { name: 'bouton', level: 1 }).waitFor();
    await reader.getByText('Le titre en français a été vérifié par Hélène Dupont.').waitFor();
    await reader.goto(`${server.url}/encyclopedia/scar`);
    await reader.getByRole('heading', { name: 'cicatrice', level: 1 }).waitFor();
    await reader.goto(`${server.url}/encyclopedia/chestnut`);
    await reader.getByRole('heading', { level: 1 }).waitFor();
    expect(await reader.getByText('châtaigne').count()).toBe(0);
    await reader.context().close();
  });

  it('shows on a condition what treats it, with links', async () => {
    const page = await (await newContext(browser)).newPage();
    await page.goto(`${server.url}/encyclopedia/gout`);
    const treated = page.getByRole('region', { name: 'Treated by' });
    await treated.getByRole('link', { name: 'Allopurinol' }).click();
    await page.getByRole('heading', { name: 'Allopurinol', level: 1 }).waitFor();
    await page.getByRole('region', { name: 'Used to treat' }).getByRole('link', { name: 'Gout' }).waitFor();
    await page.context().close();
  });
});
