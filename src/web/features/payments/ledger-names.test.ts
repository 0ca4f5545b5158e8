// The admin ledger names its accounts in the reader's language instead of showing codes.
import { describe, expect, it } from 'vitest';
import { accountName } from './AdminPaymentsPage.tsx';
import { paymentsMessages } from './payments.messages.ts';

const tIn = (locale: 'en' | 'zh' | 'fr') => (key: keyof (typeof paymentsMessages)['en'], vars: Record<string, string | number> = {}) =>
  Object.entries(vars).reduce<string>((text, [k, v]) => text.replaceAll(`{${k}}`, String(v)), paymentsMessages[locale][key]);

describe('ledger account names', () => {
  it('reads cash, patient funds, doctor earnings and fees in each language', () => {
    expect(accountName('cash:alipay', tIn('en'))).toBe('Held by Alipay');
    expect(accountName('cash:wechatpay', tIn('zh'))).toBe('微信支付代管资金');
    expect(accountName('patient_funds', tIn('fr'))).toBe('Payé par les patients, pas encore acquis');
    expect(accountName('doctor_earnings:doc_1', tIn('fr'))).toBe('Dû au médecin doc_1');
    expect(accountName('platform_fee', tIn('zh'))).toBe('平台服务费');
    expect(accountName('cash:elsewhere', tIn('en'))).toBe('Held by elsewhere');
    expect(accountName('something_new', tIn('en'))).toBe('something_new');
  });
});
