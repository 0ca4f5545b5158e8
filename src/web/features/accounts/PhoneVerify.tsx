// Verify a phone number: enter it, receive a six-digit code by SMS, enter the code.
import { useState, type FormEvent } from 'react';
import { ApiError, post } from '../../app/api.ts';
import { Field, FormError } from '../../app/forms.tsx';
import { useT } from '../../app/i18n.tsx';
import { phoneMessages } from './phone.messages.ts';

export function PhoneVerify({ onVerified, onPayInstead }: { onVerified: (phone: string) => void; onPayInstead?: () => void }) {
  const t = useT(phoneMessages);
  const [phone, setPhone] = useState('');
  const [code, setCode] = useState('');
  const [sentTo, setSentTo] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [fields, setFields] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);

  async function run(action: () => Promise<void>) {
    setBusy(true);
    setError(null);
    setFields({});
    try {
      await action();
    } catch (e) {
      if (e instanceof ApiError) {
        setError(e.message);
        setFields(e.fields);
      } else setError(String(e));
    } finally {
      setBusy(false);
    }
  }

  const send = (event: FormEvent) => {
    event.preventDefault();
    void run(async () => {
      await post('/api/me/phone', { phone });
      setSentTo(phone);
    });
  };
  const verify = (event: FormEvent) => {
    event.preventDefault();
    void run(async () => {
      const result = await post<{ phone: string; verified: true }>('/api/me/phone/verify', { code: code.trim() });
      onVerified(result.phone);
    });
  };

  return (
    <div className="card phone-verify" role="region" aria-labelledby="phone-verify-title">
      <h2 id="phone-verify-title">{t('phoneTitle')}</h2>
      <p>{t('phoneLead')}</p>
      <FormError message={error} />
      <form className="form" onSubmit={send} noValidate>
        <Field label={t('phoneNumber')} type="tel" autoComplete="tel" value={phone} onChange={(e) => setPhone(e.target.value)} hint={t('phoneHint')} error={fields.phone} required />
        <button type="submit" className="button button-secondary" disabled={busy || !phone.trim()}>
          {t('sendCode')}
        </button>
      </form>
      {sentTo && (
        <form className="form" onSubmit={verify} noValidate>
          <p role="status">{t('codeSent', { phone: sentTo })}</p>
          <Field label={t('code')} inputMode="numeric" autoComplete="one-time-code" maxLength={6} value={code} onChange={(e) => setCode(e.target.value)} error={fields.code} required />
          <button type="submit" className="button" disabled={busy || code.trim().length !== 6}>
            {busy ? t('working') : t('verify')}
          </button>
        </form>
      )}
      {onPayInstead && (
        <p>
          <button type="button" className="button button-link" onClick={onPayInstead} disabled={busy}>
            {t('payInstead')}
          </button>
        </p>
      )}
    </div>
  );
}
