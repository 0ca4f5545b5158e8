// A French reader and a Chinese reader search the encyclopedia in their own words, see the
// medical entry titled in their language, open it, and are told honestly that its text is
// in English and who (or what) gave the title.
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

describe('the encyclopedia in the reader’s language', () => {
  it('finds “rhume” for a French reader and opens the common cold titled in French', async () => {
    const context = await newContext(browser, { locale: 'fr-FR' });
    const page = await context.newPage();
    await page.goto(`${server.url}/encyclopedia`);
    await page.getByRole('heading', { name: 'Encyclopédie médicale', level: 1 }).waitFor();
    const box = page.getByRole('searchbox', { name: 'Rechercher dans l’encyclopédie' });
    await box.fill('rhume');
    await box.press('Enter');
    const first = page.locator('.enc-result-list li').first();
    await first.getByRole('link', { name: 'Rhume', exact: true }).waitFor();
    await first.getByRole('link', { name: 'Rhume', exact: true }).click();

    await page.getByRole('heading', { name: 'Rhume', level: 1 }).waitFor();
    expect(page.url()).toContain('/encyclopedia/common-cold');
    // Written in French and reviewed: read in French.
    await page.getByText(/^Le rhume est une infection virale/).waitFor();
    await page.getByText(/Relu par Hélène Dupont|Hélène Dupont/).first().waitFor();
    expect(await page.locator('h1').getAttribute('lang')).toBe('fr');
    expect(describeViolations(await seriousA11yViolations(page))).toBe('');

    // Only the title is French: the reader is told the text is English.
    await page.goto(`${server.url}/encyclopedia?q=otite`);
    await page.locator('.enc-result-list').getByRole('link', { name: 'Otite moyenne', exact: true }).first().click();
    await page.getByRole('heading', { name: 'Otite moyenne', level: 1 }).waitFor();
    await page.getByText('Le titre en français a été vérifié par Hélène Dupont.').waitFor();
    await page.getByText('Le texte de cet article est en English ; il n’a pas encore été traduit.').waitFor();

    // A title matched from the dictionary says so.
    await page.goto(`${server.url}/encyclopedia?q=foie`);
    await page.locator('.enc-result-list').getByRole('link', { name: 'foie', exact: true }).first().click();
    await page.getByRole('heading', { name: 'foie', level: 1 }).waitFor();
    await page.getByText('Ce titre a été trouvé automatiquement dans le dictionnaire FreeDict English–French et attend la relecture d’un médecin.').waitFor();
    await context.close();
  });

  it('finds “咳” for a Chinese reader and opens cough titled 咳嗽', async () => {
    const context = await newContext(browser, { locale: 'zh-CN' });
    const page = await context.newPage();
    await page.goto(`${server.url}/encyclopedia`);
    await page.getByRole('heading', { name: '医学百科', level: 1 }).waitFor();
    const box = page.getByRole('searchbox', { name: '搜索百科' });
    await box.fill('咳');
    await box.press('Enter');
    const first = page.locator('.enc-result-list li').first();
    await first.getByRole('link', { name: '咳嗽', exact: true }).waitFor();
    await first.getByRole('link', { name: '咳嗽', exact: true }).click();

    await page.getByRole('heading', { name: '咳嗽', level: 1 }).waitFor();
    expect(page.url()).toContain('/encyclopedia/cough');
    await page.getByText(/^咳嗽是清除呼吸道分泌物/).waitFor();
    await page.getByText(/李伟/).first().waitFor();
    expect(await page.locator('h1').getAttribute('lang')).toBe('zh-CN');
    await context.close();
  });
});
