// The reasons the platform writes on refunds are named in the operator's language; an
// operator's own reason is shown as they wrote it.
import { describe, expect, it } from 'vitest';
import { refundReason } from './AdminPaymentsPage.tsx';
import { paymentsMessages } from './payments.messages.ts';

const tIn =
  (locale: 'en' | 'zh' | 'fr') =>
  (key: keyof (typeof paymentsMessages)['en'], vars: Record<string, string | number> = {}) =>
    Object.entries(vars).reduce<string>((text, [k, v]) => text.replaceAll(`{${k}}`, String(v)), paymentsMessages[locale][key]);

describe('refund reasons', () => {
  it('names the platform’s own reasons in the reader’s language and keeps an operator’s words', () => {
    expect(refundReason('follow_up_reply_missed', tIn('zh'))).toBe('追问未按时回复');
    expect(refundReason('refund_by_admin', tIn('fr'))).toBe('remboursé par un opérateur');
    expect(refundReason('No doctor accepted within 10 minutes', tIn('zh'))).toBe('10 分钟内没有医生接诊');
    expect(refundReason('You cancelled the consultation.', tIn('en'))).toBe('the patient cancelled');
    expect(refundReason('Double charge, see ticket 42', tIn('zh'))).toBe('Double charge, see ticket 42');
  });
});
