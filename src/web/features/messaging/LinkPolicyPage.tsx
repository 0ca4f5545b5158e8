// Admin console: the link policy per conversation kind, the blocklist, version history
// and recent refusals. Saving creates a new version.
import { useEffect, useState, type FormEvent } from 'react';
import { ApiError, get, put } from '../../app/api.ts';
import { FormError } from '../../app/forms.tsx';
import { useLocale, useT } from '../../app/i18n.tsx';
import { Loading } from '../../app/shell.tsx';
import { messagingMessages } from './messaging.messages.ts';
import { formatDateTime } from '../../app/dates.ts';

type Mode = 'allow_all' | 'allow_listed' | 'deny_all';
type Kind = 'direct' | 'consultation' | 'group';
interface Version {
  version: number;
  kinds: Record<Kind, { mode: Mode; domains: string[] }>;
  blocklist: string[];
  note: string | null;
  createdBy: string | null;
  createdAt: string;
}
interface Refusal {
  id: string;
  conversationKind: string;
  policyVersion: number;
  urls: string[];
  createdAt: string;
}

const KINDS: Kind[] = ['direct', 'consultation', 'group'];
const MODES: Mode[] = ['allow_all', 'allow_listed', 'deny_all'];
const lines = (text: string) => text.split(/[\n,]/).map((s) => s.trim()).filter(Boolean);

export function LinkPolicyPage() {
  const t = useT(messagingMessages);
  const { locale } = useLocale();
  const [versions, setVersions] = useState<Version[] | null>(null);
  const [refusals, setRefusals] = useState<Refusal[]>([]);
  const [form, setForm] = useState<Record<Kind, { mode: Mode; domains: string }>>({
    direct: { mode: 'allow_all', domains: '' },
    consultation: { mode: 'allow_all', domains: '' },
    group: { mode: 'deny_all', domains: '' },
  });
  const [blocklist, setBlocklist] = useState('');
  const [note, setNote] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState<string | null>(null);

  async function load() {
    const list = await get<Version[]>('/api/admin/link-policy/versions');
    setVersions(list);
    setRefusals(await get<Refusal[]>('/api/admin/link-refusals?limit=20'));
    const current = list[0];
    if (current) {
      setForm(Object.fromEntries(KINDS.map((k) => [k, { mode: current.kinds[k].mode, domains: current.kinds[k].domains.join('\n') }])) as typeof form);
      setBlocklist(current.blocklist.join('\n'));
    }
  }
  useEffect(() => {
    void load().catch((e) => setError(e instanceof ApiError ? e.message : String(e)));
  }, []);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setError(null);
    setSaved(null);
    try {
      const body = { kinds: Object.fromEntries(KINDS.map((k) => [k, { mode: form[k].mode, domains: lines(form[k].domains) }])), blocklist: lines(blocklist), note: note.trim() || undefined };
      const version = await put<Version>('/api/admin/link-policy', body);
      setNote('');
      // Said once the history below shows the new version, not before.
      await load();
      setSaved(t('saved', { version: version.version }));
    } catch (e) {
      setError(e instanceof ApiError ? e.message : String(e));
    }
  }

  if (!versions) return error ? <FormError message={error} /> : <Loading />;
  const date = (iso: string) => formatDateTime(iso, locale);

  return (
    <section className="page">
      <h1>{t('policyTitle')}</h1>
      <p>{t('policyIntro')}</p>
      <form className="card form" onSubmit={submit}>
        <FormError message={error} />
        {saved && (
          <p className="notice notice-info" role="status">
            {saved}
          </p>
        )}
        {KINDS.map((kind) => (
          <fieldset key={kind} className="policy-kind">
            <legend>{t(`kind_${kind}` as 'kind_direct')}</legend>
            {MODES.map((mode) => (
              <label key={mode} className="radio">
                <input type="radio" name={`mode-${kind}`} value={mode} checked={form[kind].mode === mode} onChange={() => setForm({ ...form, [kind]: { ...form[kind], mode } })} /> {t(`mode_${mode}` as 'mode_allow_all')}
              </label>
            ))}
            {form[kind].mode === 'allow_listed' && (
              <div className="field">
                <label htmlFor={`domains-${kind}`}>{t('domains')}</label>
                <textarea id={`domains-${kind}`} rows={3} value={form[kind].domains} onChange={(e) => setForm({ ...form, [kind]: { ...form[kind], domains: e.target.value } })} />
              </div>
            )}
          </fieldset>
        ))}
        <div className="field">
          <label htmlFor="blocklist">{t('blocklist')}</label>
          <textarea id="blocklist" rows={4} value={blocklist} onChange={(e) => setBlocklist(e.target.value)} />
        </div>
        <div className="field">
          <label htmlFor="policy-note">{t('note')}</label>
          <input id="policy-note" value={note} maxLength={500} onChange={(e) => setNote(e.target.value)} />
        </div>
        <button type="submit" className="button">
          {t('save')}
        </button>
      </form>
      <h2>{t('history')}</h2>
      <ol className="policy-history">
        {versions.map((v) => (
          <li key={v.version}>
            <strong>{t('policyVersion', { version: v.version, date: date(v.createdAt) })}</strong>
            {v.note && <> — {v.note}</>}
            <span className="hint"> {KINDS.map((k) => `${t(`kind_${k}` as 'kind_direct')}: ${t(`mode_${v.kinds[k].mode}` as 'mode_allow_all')}`).join(' · ')}</span>
          </li>
        ))}
      </ol>
      <h2>{t('refusals')}</h2>
      <ul className="policy-refusals">
        {refusals.map((r) => (
          <li key={r.id}>
            {date(r.createdAt)} · {t(`kind_${r.conversationKind}` as 'kind_direct')} · v{r.policyVersion} · <code>{r.urls.join(' ')}</code>
          </li>
        ))}
      </ul>
    </section>
  );
}
