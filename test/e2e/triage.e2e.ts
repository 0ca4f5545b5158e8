// Red flags before anything else, in a real browser: a patient in China writes nine
// characters about wanting to die and is shown the emergency panel with 120 (not "write at
// least a sentence"); on the panel they say they are in France and the numbers become 15 and
// 112. After they choose to continue, the consultation keeps a reminder and the doctor reads
// what the flag means.
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

describe('the emergency panel', () => {
  it('shows 120 for a 9-character Chinese red-flag text, and follows the country the patient corrects', async () => {
    const context = await newContext(browser, { phone: true, locale: 'zh-CN' });
    const page = await context.newPage();
    await page.goto(`${server.url}/signup?next=/ask`);
    await page.getByLabel('您的称呼').fill('王芳');
    await page.getByLabel('邮箱').fill('wang.fang@example.com');
    await page.getByLabel('密码').fill('my own long passphrase');
    await page.getByLabel('我接受使用条款和隐私声明').check();
    await page.getByRole('button', { name: '创建账户' }).click();
    await page.getByRole('heading', { name: '问医生' }).waitFor();

    await page.getByLabel('科室').selectOption('general_practice');
    await page.getByLabel('您哪里不舒服？').fill('我不想活了，想自杀');
    await page.getByLabel(/我已阅读并同意在线问诊/).check();
    await page.getByRole('button', { name: '立即提问' }).click();

    const panel = page.getByRole('alertdialog', { name: '这可能是急症' });
    await panel.waitFor();
    await panel.getByRole('link', { name: '拨打 120' }).waitFor();
    expect(await panel.getByRole('link', { name: '拨打 120' }).getAttribute('href')).toBe('tel:120');
    expect(await page.getByText('10 characters').count()).toBe(0);
    const violations = await seriousA11yViolations(page);
    expect(describeViolations(violations)).toBe('');

    await panel.getByLabel('不在这里？请选择您现在所在的国家或地区').selectOption('FR');
    await panel.getByRole('button', { name: '使用此国家或地区' }).click();
    await panel.getByRole('link', { name: '拨打 15' }).waitFor();
    await panel.getByText('112').first().waitFor();
    // Back in China after all: the panel follows again.
    await panel.getByLabel('不在这里？请选择您现在所在的国家或地区').selectOption('CN');
    await panel.getByRole('button', { name: '使用此国家或地区' }).click();
    await panel.getByRole('link', { name: '拨打 120' }).waitFor();

    // The patient continues anyway: the consultation page keeps an emergency reminder.
    await panel.getByLabel('我已了解。目前不是紧急情况，我想在线咨询医生。').check();
    await panel.getByRole('button', { name: '继续' }).click();
    const reminder = page.getByRole('note', { name: '急救提醒' });
    await reminder.waitFor();
    await reminder.getByRole('link', { name: '拨打 120' }).waitFor();

    // The doctor reads what the flag means, in their language, not a code.
    const doctorContext = await newContext(browser);
    const doctor = await doctorContext.newPage();
    await doctor.goto(`${server.url}/doctor/signin`);
    await doctor.getByLabel('Email or mobile number').fill('dr.li@lotus.demo');
    await doctor.getByLabel('Password').fill('lotus-doctor-demo');
    await doctor.getByRole('button', { name: 'Sign in' }).click();
    await doctor.getByRole('link', { name: 'Queue' }).click();
    await doctor.getByText('Possible suicidal thoughts: the patient was shown emergency guidance and chose to continue').waitFor();
    expect(await doctor.getByText('suicidal_thoughts').count()).toBe(0);
    await doctorContext.close();
    await context.close();
  });

  it('lets the writer of a red-flag chat message correct the country, and the numbers follow', async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    await page.goto(`${server.url}/`);
    const c = await page.evaluate(async () => {
      const json = { 'content-type': 'application/json' };
      await fetch('/api/auth/register', {
        method: 'POST',
        headers: json,
        body: JSON.stringify({ email: 'sam.lee@example.com', password: 'my own long passphrase', displayName: 'Sam Lee', acceptTerms: true }),
      });
      const res = await fetch('/api/consultations', {
        method: 'POST',
        headers: json,
        body: JSON.stringify({ department: 'general_practice', description: 'A rash on my arm for a week, itchy at night.', acceptTelemedicine: true }),
      });
      return (await res.json()) as { id: string };
    });
    await page.goto(`${server.url}/consultations/${c.id}`);
    const input = page.getByRole('textbox', { name: /message/i });
    await input.fill('Now I also have chest pain.');
    await input.press('Enter');
    const notice = page.getByRole('alert').filter({ hasText: 'This may be an emergency' });
    await notice.getByRole('link', { name: 'Call 911' }).waitFor({ timeout: 10_000 });
    await notice.getByLabel('Not there now? Choose where you are').selectOption('FR');
    await notice.getByRole('button', { name: 'Use this country' }).click();
    await notice.getByRole('link', { name: 'Call 15' }).waitFor();
    await notice.getByText('Other numbers that reach help: 112').waitFor();
    // The account keeps the correction: the server answers with France's numbers from now on.
    const me = await page.evaluate(async () => (await (await fetch('/api/me')).json()) as { country: string | null });
    expect(me.country).toBe('FR');
    await context.close();
  });

  it('lets a signed-in reader of a forum post with red flags correct the country, and the page shows that country’s numbers', async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    await page.goto(`${server.url}/`);
    const thread = await page.evaluate(async () => {
      const json = { 'content-type': 'application/json' };
      await fetch('/api/auth/register', {
        method: 'POST',
        headers: json,
        body: JSON.stringify({ email: 'kim.ode@example.com', password: 'my own long passphrase', displayName: 'Kim Ode', acceptTerms: true }),
      });
      const res = await fetch('/api/community/threads', {
        method: 'POST',
        headers: json,
        body: JSON.stringify({
          forumId: 'frm_diabetes',
          title: 'Sugar and a strange feeling',
          body: 'Since this morning I have chest pain and my sugar is high.',
        }),
      });
      return (await res.json()) as { id: string };
    });
    await page.goto(`${server.url}/community/threads/${thread.id}`);
    const care = page.getByRole('note').filter({ hasText: 'This may be an emergency' }).first();
    await care.getByRole('link', { name: '911' }).waitFor({ timeout: 10_000 });
    await care.getByLabel('Not there now? Choose where you are').selectOption('FR');
    await care.getByRole('button', { name: 'Use this country' }).click();
    await care.getByRole('link', { name: '15' }).waitFor({ timeout: 10_000 });
    await care.getByText('Also: 112').waitFor();
    await context.close();
  });
});
