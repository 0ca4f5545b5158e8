// Admin: the partner apps that may open the mini-program (origins, public keys, status).
// Suspending a host ends its readers' sessions at once (the server does it).
import { useEffect, useState, type FormEvent } from 'react';
import { ApiError, get, patch, post } from '../../app/api.ts';
import { FormError } from '../../app/forms.tsx';
import { useT } from '../../app/i18n.tsx';
import { Loading } from '../../app/shell.tsx';
import { miniprogramMessages } from './miniprogram.messages.ts';
import type { Host } from '../../../shared/contracts/miniprogram.ts';


export function HostsPage() {
  const t = useT(miniprogramMessages);
  const [hosts, setHosts] = useState<Host[] | null>(null);
  const [form, setForm] = useState({ name: '', origins: '', jwks: '', jwksUrl: '', vouchesPhones: false });
  const [fields, setFields] = useState<Record<string, string>>({});
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const load = () => get<Host[]>('/api/admin/hosts').then(setHosts, (e) => setError(e instanceof ApiError ? e.message : String(e)));
  useEffect(() => {
    void load();
  }, []);

  async function register(event: FormEvent) {
    event.preventDefault();
    setError(null);
    setFields({});
    setDone(null);
    let jwks: unknown;
    if (form.jwks.trim()) {
      try {
        jwks = JSON.parse(form.jwks);
      } catch {
        setFields({ jwks: t('badJson') });
        return;
      }
    }
    try {
      const host = await post<Host>('/api/admin/hosts', {
        name: form.name,
        origins: form.origins.split(/\s+/).filter(Boolean),
        status: 'active',
        vouchesPhones: form.vouchesPhones,
        ...(jwks ? { jwks } : {}),
        ...(form.jwksUrl.trim() ? { jwksUrl: form.jwksUrl.trim() } : {}),
      });
      setDone(t('registered', { id: host.id }));
      setForm({ name: '', origins: '', jwks: '', jwksUrl: '', vouchesPhones: false });
      await load();
    } catch (e) {
      if (e instanceof ApiError) {
        setFields(e.fields);
        setError(e.message);
      } else setError(String(e));
    }
  }

  async function setStatus(host: Host, status: Host['status']) {
    await patch(`/api/admin/hosts/${host.id}`, { status });
    await load();
  }

  if (!hosts) return error ? <FormError message={error} /> : <Loading />;
  const set = (name: keyof typeof form) => (e: { target: { value: string } }) => setForm({ ...form, [name]: e.target.value });
  return (
    <section className="page">
      <h1>{t('hostsTitle')}</h1>
      <p className="lead">{t('hostsLead')}</p>
      {hosts.length === 0 ? (
        <p className="hint">{t('none')}</p>
      ) : (
        <ul className="consultation-list">
          {hosts.map((host) => (
            <li key={host.id} className="card">
              <h2>{host.name}</h2>
              <dl className="facts">
                <dt>{t('hostId')}</dt>
                <dd>
                  <code>{host.id}</code>
                </dd>
                <dt>{t('origins')}</dt>
                <dd>{host.origins.join(', ')}</dd>
                <dt>{t('jwks')}</dt>
                <dd>{host.jwksUrl ?? t('keys', { n: host.jwks?.keys.length ?? 0 })}</dd>
                <dt>{t('vouchesPhones')}</dt>
                <dd>{host.vouchesPhones ? t('yes') : t('no')}</dd>
              </dl>
              <p>
                <span className={`status-tag status-${host.status === 'active' ? 'active' : 'cancelled'}`}>{t(`status_${host.status}`)}</span>{' '}
                {host.status === 'active' ? (
                  <button type="button" className="button button-secondary button-small" onClick={() => setStatus(host, 'suspended')}>
                    {t('suspend')}
                  </button>
                ) : (
                  <button type="button" className="button button-small" onClick={() => setStatus(host, 'active')}>
                    {t('activate')}
                  </button>
                )}
              </p>
            </li>
          ))}
        </ul>
      )}
      <form className="card form" onSubmit={register}>
        <h2>{t('registerTitle')}</h2>
        <FormError message={error} />
        {done && (
          <p className="notice notice-info" role="status">
            {done}
          </p>
        )}
        <div className="field">
          <label htmlFor="host-name">{t('name')}</label>
          <input id="host-name" value={form.name} onChange={set('name')} required maxLength={80} />
          {fields.name && <p className="field-error">{fields.name}</p>}
        </div>
        <div className="field">
          <label htmlFor="host-origins">{t('origins')}</label>
          <textarea id="host-origins" rows={2} value={form.origins} onChange={set('origins')} aria-describedby="host-origins-hint" />
          <p className="hint" id="host-origins-hint">
            {t('originsHint')}
          </p>
          {fields.origins && <p className="field-error">{fields.origins}</p>}
        </div>
        <div className="field">
          <label htmlFor="host-jwks">{t('jwks')}</label>
          <textarea id="host-jwks" rows={5} value={form.jwks} onChange={set('jwks')} aria-describedby="host-jwks-hint" spellCheck={false} />
          <p className="hint" id="host-jwks-hint">
            {t('jwksHint')}
          </p>
          {fields.jwks && <p className="field-error">{fields.jwks}</p>}
        </div>
        <div className="field">
          <label htmlFor="host-jwks-url">{t('jwksUrl')}</label>
          <input id="host-jwks-url" type="url" value={form.jwksUrl} onChange={set('jwksUrl')} aria-describedby="host-jwks-url-hint" />
          <p className="hint" id="host-jwks-url-hint">
            {t('jwksUrlHint')}
          </p>
          {fields.jwksUrl && <p className="field-error">{fields.jwksUrl}</p>}
        </div>
        <div className="field">
          <label>
            <input type="checkbox" checked={form.vouchesPhones} onChange={(e) => setForm((f) => ({ ...f, vouchesPhones: e.target.checked }))} aria-describedby="host-vouches-hint" />{' '}
            {t('vouchesPhones')}
          </label>
          <p className="hint" id="host-vouches-hint">
            {t('vouchesPhonesHint')}
          </p>
        </div>
        <button type="submit" className="button">
          {t('register')}
        </button>
      </form>
    </section>
  );
}
