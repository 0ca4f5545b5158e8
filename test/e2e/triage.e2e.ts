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
    await page.getByRole('button', { name: '创建账户' }).click();
    await page.getByRole('heading', { name: '问医生' }).waitFor();

    await page.getByLabel('科室').selectOption('general_practice');
    await page.getByLabel('您哪里不舒服？').fill('我不想活了，想自杀');
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
});
