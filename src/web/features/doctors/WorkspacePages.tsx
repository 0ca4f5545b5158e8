// Doctor workspace (/doctor): the application in four steps — profile, identifiers of the
// country, documents (uploaded with a progress bar), review and submit — the state and
// what is missing at every step, the reviewers' decisions, and once approved the online
// switch and licence renewal.
import { PushOffer } from '../notifications/PushOffer.tsx';
import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { US_STATES } from '../../../shared/jurisdictions.ts';
import { toMajor, toMinor } from '../../../shared/money.ts';
import { Link } from 'react-router-dom';
import { ApiError, get, post, put } from '../../app/api.ts';
import { Field, FormError } from '../../app/forms.tsx';
import { useLocale, useT } from '../../app/i18n.tsx';
import { useSession } from '../../app/session.tsx';
import { Loading } from '../../app/shell.tsx';
import { CredentialBadge } from './CredentialBadge.tsx';
import { CheckSentence } from './CheckSentence.tsx';
import { uploadWithProgress, formatDate, type Application, type Check, type Country, type DocumentInfo } from './doctors.api.ts';
import { codeLabel, doctorsMessages, type DoctorsMessageKey } from './doctors.messages.ts';
import { useDepartments } from './DirectoryPages.tsx';

type T = (key: DoctorsMessageKey, vars?: Record<string, string | number>) => string;

const ID_FIELDS: Record<Country, Array<{ key: string; label: DoctorsMessageKey; hint?: DoctorsMessageKey }>> = {
  US: [{ key: 'npi', label: 'npi', hint: 'npiHint' }],
  FR: [
    { key: 'rpps', label: 'rpps', hint: 'rppsHint' },
    { key: 'adeli', label: 'adeli' },
  ],
  CN: [
    { key: 'cnResidentId', label: 'cnResidentId' },
    { key: 'cnQualificationCert', label: 'cnQualificationCert' },
    { key: 'cnPracticeCert', label: 'cnPracticeCert', hint: 'cnHint' },
  ],
};

interface FormState {
  country: Country;
  fullName: string;
  hospital: string;
  department: string;
  title: string;
  specialties: string;
  languages: string;
  bio: string;
  price: string;
  licenceExpiresAt: string;
  identifiers: Record<string, string>;
  usState: string;
  multiState: boolean;
}

/** The currency of a doctor's price, which follows the licence country. */
const currencyOf = (country: Country) => (country === 'CN' ? 'CNY' : country === 'FR' ? 'EUR' : 'USD');

function formOf(app: Application | null, displayName: string): FormState {
  return {
    country: app?.country ?? 'CN',
    fullName: app?.fullName ?? displayName,
    hospital: app?.hospital ?? '',
    department: app?.department ?? '',
    title: app?.title ?? '',
    specialties: app?.specialties.join(', ') ?? '',
    languages: app?.languages.join(', ') ?? '',
    bio: app?.bio ?? '',
    price: app ? String(toMajor(app.priceMinor, app.currency)) : '',
    licenceExpiresAt: (app?.pendingLicenceExpiresAt ?? app?.licenceExpiresAt ?? '').slice(0, 10),
    identifiers: { ...(app?.identifiers ?? {}) },
    usState: app?.usState ?? '',
    multiState: app?.multiState ?? false,
  };
}

function bodyOf(form: FormState) {
  const list = (s: string) =>
    s
      .split(/[,，]/)
      .map((x) => x.trim())
      .filter(Boolean);
  const identifiers = Object.fromEntries(ID_FIELDS[form.country].map((f) => [f.key, form.identifiers[f.key]?.trim() ?? '']).filter(([, v]) => v));
  const price = toMinor(Number(form.price.replace(',', '.') || '0'), currencyOf(form.country));
  return {
    country: form.country,
    fullName: form.fullName,
    hospital: form.hospital,
    department: form.department,
    title: form.title,
    identifiers,
    specialties: list(form.specialties),
    languages: list(form.languages).map((l) => l.toLowerCase()),
    bio: form.bio,
    priceMinor: Number.isFinite(price) && price >= 0 ? price : 0,
    licenceExpiresAt: form.licenceExpiresAt || null,
    ...(form.country === 'US' ? { usState: form.usState || null, multiState: form.multiState } : {}),
  };
}

function StatusPanel({ app, t }: { app: Application; t: T }) {
  const last = [...app.decisions].reverse().find((d) => d.action !== 'submit' && d.action !== 'renewal_submitted');
  const { locale } = useLocale();
  return (
    <section className="card status-panel" aria-labelledby="status-title">
      <h2 id="status-title">{t('applicationTitle')}</h2>
      <p>
        {t('status')}: <strong className={`status status-${app.status}`}>{t(`status_${app.status}`)}</strong>
      </p>
      {app.statusReason && (app.status === 'needs_info' || app.status === 'rejected' || app.status === 'suspended' || app.reverificationRequestedAt) && (
        <div className="notice notice-warning" role="status">
          <strong>{app.reverificationRequestedAt && app.status === 'approved' ? t('reverificationRequested') : t('reviewerSaid')}:</strong> {app.statusReason}
        </div>
      )}
      {last && (
        <p className="hint">
          {t('latestDecision')}: {codeLabel(t, 'action_', last.action)} · {formatDate(last.at, locale)}
        </p>
      )}
      {app.missing.length > 0 && app.status !== 'approved' && (
        <>
          <h3>{t('missingTitle')}</h3>
          <ul className="missing-list">
            {app.missing.map((m) => (
              <li key={m}>{t(`missing_${m}` as DoctorsMessageKey)}</li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}

function ChecksList({ checks, t }: { checks: Check[]; t: T }) {
  return (
    <ul className="checks">
      {checks.map((c, i) => (
        <li key={`${c.code}-${i}`} className={`check check-${c.status}`}>
          <span className="check-status">{t(`check_${c.status}`)}</span> <CheckSentence check={c} />
        </li>
      ))}
    </ul>
  );
}

export function DocumentUpload({ t, onUploaded }: { t: T; onUploaded: (doc: DocumentInfo) => void }) {
  const [kind, setKind] = useState('licence');
  const [file, setFile] = useState<File | null>(null);
  const [progress, setProgress] = useState<number | null>(null);
  const [error, setError] = useState<string | null>(null);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!file) return;
    const form = new FormData();
    form.append('kind', kind);
    form.append('file', file);
    setError(null);
    setProgress(0);
    try {
      const doc = await uploadWithProgress<DocumentInfo>('/api/doctor/application/documents', form, setProgress);
      onUploaded(doc);
      setFile(null);
      (event.target as HTMLFormElement).reset();
    } catch (e) {
      setError(e instanceof ApiError ? e.message : String(e));
    } finally {
      setProgress(null);
    }
  }

  return (
    <form className="form upload-form" onSubmit={submit}>
      <FormError message={error} />
      <div className="field">
        <label htmlFor="doc-kind">{t('documentKind')}</label>
        <select id="doc-kind" value={kind} onChange={(e) => setKind(e.target.value)}>
          {(['licence', 'qualification', 'identity', 'photo', 'other'] as const).map((k) => (
            <option key={k} value={k}>
              {t(`kind_${k}`)}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="doc-file">{t('file')}</label>
        <input id="doc-file" type="file" accept="image/jpeg,image/png,application/pdf" onChange={(e) => setFile(e.target.files?.[0] ?? null)} />
      </div>
      {progress !== null && (
        <div className="upload-progress">
          <label htmlFor="doc-progress">{t('uploading', { pct: Math.round(progress * 100) })}</label>
          <progress id="doc-progress" max={100} value={Math.round(progress * 100)} aria-label={t('uploadProgress')} />
        </div>
      )}
      <button type="submit" className="button" disabled={!file || progress !== null}>
        {t('upload')}
      </button>
    </form>
  );
}

function DocumentList({ docs, t }: { docs: DocumentInfo[]; t: T }) {
  if (docs.length === 0) return <p className="hint">{t('noDocuments')}</p>;
  return (
    <ul className="document-list">
      {docs.map((d) => (
        <li key={d.id}>
          {t(`kind_${d.kind}` as DoctorsMessageKey)} · {d.mime.split('/')[1]?.toUpperCase()} · {Math.ceil(d.size / 1024)} KB ·{' '}
          <a href={d.url} target="_blank" rel="noreferrer">
            {t('view')}
          </a>
        </li>
      ))}
    </ul>
  );
}

function ApplicationSteps({ app, onChange }: { app: Application | null; onChange: (app: Application) => void }) {
  const t = useT(doctorsMessages);
  const { user } = useSession();
  const departments = useDepartments();
  const [step, setStep] = useState(app && app.missing.every((m) => m.startsWith('documents')) ? 3 : 1);
  const [form, setForm] = useState<FormState>(() => formOf(app, user?.displayName ?? ''));
  const [fields, setFields] = useState<Record<string, string>>({});
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const set = (name: keyof FormState) => (e: { target: { value: string } }) => setForm({ ...form, [name]: e.target.value });

  async function save(next: number) {
    setBusy(true);
    setError(null);
    setFields({});
    try {
      onChange(await put<Application>('/api/doctor/application', bodyOf(form)));
      setStep(next);
    } catch (e) {
      if (e instanceof ApiError) {
        setFields(e.fields);
        setError(e.message);
        if (Object.keys(e.fields).some((f) => f.startsWith('identifiers.'))) setStep(2);
      } else setError(String(e));
    } finally {
      setBusy(false);
    }
  }

  async function submit() {
    setBusy(true);
    setError(null);
    try {
      onChange(await post<Application>('/api/doctor/application/submit'));
    } catch (e) {
      setError(e instanceof ApiError ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  }

  const steps: DoctorsMessageKey[] = ['step1', 'step2', 'step3', 'step4'];
  return (
    <section className="card application-steps">
      <nav aria-label={t('stepsLabel')}>
        <ol className="stepper">
          {steps.map((key, i) => (
            <li key={key} aria-current={step === i + 1 ? 'step' : undefined} className={step === i + 1 ? 'current' : step > i + 1 ? 'done' : ''}>
              <button type="button" className="stepper-button" onClick={() => (i + 1 <= 2 || app) && setStep(i + 1)} disabled={i + 1 > 2 && !app}>
                {i + 1}. {t(key)}
              </button>
            </li>
          ))}
        </ol>
      </nav>
      <h2 className="step-title">
        {t(steps[step - 1]!)} <span className="hint">({t('stepOf', { n: step })})</span>
      </h2>
      <FormError message={error} />
      {step === 1 && (
        <form className="form" noValidate onSubmit={(e) => (e.preventDefault(), void save(2))}>
          <div className="field">
            <label htmlFor="app-country">{t('country')}</label>
            <select id="app-country" value={form.country} onChange={set('country')}>
              {(['CN', 'FR', 'US'] as const).map((c) => (
                <option key={c} value={c}>
                  {t(`country_${c}`)}
                </option>
              ))}
            </select>
          </div>
          <Field label={t('fullName')} value={form.fullName} onChange={set('fullName')} error={fields.fullName} required autoComplete="name" />
          <Field label={t('hospital')} value={form.hospital} onChange={set('hospital')} error={fields.hospital} required autoComplete="organization" />
          <div className={`field${fields.department ? ' field-invalid' : ''}`}>
            <label htmlFor="app-department">{t('department')}</label>
            <select id="app-department" value={form.department} onChange={set('department')} aria-invalid={fields.department ? true : undefined}>
              <option value="">{t('chooseDepartment')}</option>
              {departments.map((d) => (
                <option key={d.code} value={d.code}>
                  {d.name}
                </option>
              ))}
            </select>
            {fields.department && <p className="field-error">{fields.department}</p>}
          </div>
          <Field label={t('title')} value={form.title} onChange={set('title')} error={fields.title} required />
          <Field label={t('specialties')} value={form.specialties} onChange={set('specialties')} error={fields.specialties} />
          <Field label={t('languages')} value={form.languages} onChange={set('languages')} error={fields.languages} />
          {form.country === 'US' && (
            <>
              <div className={`field${fields.usState ? ' field-invalid' : ''}`}>
                <label htmlFor="app-us-state">{t('usStateField')}</label>
                <select id="app-us-state" value={form.usState} onChange={set('usState')}>
                  <option value="">—</option>
                  {US_STATES.map((code) => (
                    <option key={code} value={code}>
                      {code}
                    </option>
                  ))}
                </select>
                {fields.usState && <p className="field-error">{fields.usState}</p>}
              </div>
              <label className="checkbox">
                <input type="checkbox" checked={form.multiState} onChange={(e) => setForm({ ...form, multiState: e.target.checked })} /> {t('multiStateField')}
              </label>
            </>
          )}
          <div className="field">
            <label htmlFor="app-bio">{t('bio')}</label>
            <textarea id="app-bio" rows={4} maxLength={2000} value={form.bio} onChange={set('bio')} />
          </div>
          <Field
            label={`${t('price')} (${currencyOf(form.country)})`}
            inputMode="decimal"
            value={form.price}
            onChange={set('price')}
            error={fields.priceMinor}
          />
          <button type="submit" className="button" disabled={busy}>
            {busy ? t('saving') : t('saveContinue')}
          </button>
        </form>
      )}
      {step === 2 && (
        <form className="form" noValidate onSubmit={(e) => (e.preventDefault(), void save(3))}>
          {ID_FIELDS[form.country].map((f) => (
            <Field
              key={f.key}
              label={t(f.label)}
              value={form.identifiers[f.key] ?? ''}
              onChange={(e) => setForm({ ...form, identifiers: { ...form.identifiers, [f.key]: e.target.value } })}
              error={fields[`identifiers.${f.key}`]}
              hint={f.hint ? t(f.hint) : undefined}
              autoComplete="off"
              spellCheck={false}
            />
          ))}
          <Field
            label={t('licenceExpiresAt')}
            type="date"
            value={form.licenceExpiresAt}
            onChange={set('licenceExpiresAt')}
            error={fields.licenceExpiresAt}
            hint={t('licenceHint')}
          />
          <div className="button-row">
            <button type="button" className="button button-secondary" onClick={() => setStep(1)}>
              {t('back')}
            </button>
            <button type="submit" className="button" disabled={busy}>
              {busy ? t('saving') : t('saveContinue')}
            </button>
          </div>
        </form>
      )}
      {step === 3 && app && (
        <>
          <p>{t('documentsIntro')}</p>
          <DocumentUpload t={t} onUploaded={() => void get<Application>('/api/doctor/application').then(onChange)} />
          <h3>{t('uploaded')}</h3>
          <DocumentList docs={app.documents} t={t} />
          <div className="button-row">
            <button type="button" className="button button-secondary" onClick={() => setStep(2)}>
              {t('back')}
            </button>
            <button type="button" className="button" onClick={() => setStep(4)}>
              {t('step4')}
            </button>
          </div>
        </>
      )}
      {step === 4 && app && (
        <>
          <h3>{t('checksTitle')}</h3>
          <ChecksList checks={app.checks} t={t} />
          <p className="hint">{t('submitHint')}</p>
          <div className="button-row">
            <button type="button" className="button button-secondary" onClick={() => setStep(3)}>
              {t('back')}
            </button>
            <button type="button" className="button" onClick={() => void submit()} disabled={busy || app.missing.length > 0}>
              {busy ? t('submitting') : t('submit')}
            </button>
          </div>
        </>
      )}
    </section>
  );
}

function ApprovedPanel({ app, onChange }: { app: Application; onChange: (app: Application) => void }) {
  const t = useT(doctorsMessages);
  const { refresh } = useSession();
  const [error, setError] = useState<string | null>(null);
  const [expiry, setExpiry] = useState((app.pendingLicenceExpiresAt ?? '').slice(0, 10));
  const [busy, setBusy] = useState(false);

  async function toggle() {
    setError(null);
    try {
      await post('/api/doctor/status', { online: !app.online });
      onChange({ ...app, online: !app.online });
    } catch (e) {
      setError(e instanceof ApiError ? e.message : String(e));
      void refresh();
    }
  }

  async function sendRenewal(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const body = { ...bodyOf(formOf(app, app.fullName)), licenceExpiresAt: expiry || null };
      await put<Application>('/api/doctor/application', body);
      onChange(await post<Application>('/api/doctor/application/submit'));
    } catch (e) {
      setError(e instanceof ApiError ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  }

  return (
    <>
      <section className="card" aria-labelledby="online-title">
        <h2 id="online-title">{t('onlineTitle')}</h2>
        <FormError message={error} />
        <p role="status" className={app.online ? 'presence presence-online' : 'presence'}>
          {app.online ? t('online') : t('offline')}
        </p>
        <button type="button" className={`button${app.online ? ' button-secondary' : ''}`} aria-pressed={app.online} onClick={() => void toggle()}>
          {app.online ? t('goOffline') : t('goOnline')}
        </button>
        {app.online && <PushOffer role="doctor" />}
      </section>
      {app.badge && (
        <>
          <h2 className="section-title">{t('badgeTitle')}</h2>
          <CredentialBadge badge={app.badge} />
        </>
      )}
      <section className="card" aria-labelledby="renewal-title">
        <h2 id="renewal-title">{t('renewalTitle')}</h2>
        {app.renewalSubmittedAt ? (
          <p className="notice notice-info" role="status">
            {t('renewalSent')}
          </p>
        ) : (
          <>
            <p className="hint">{t('renewalHint')}</p>
            <DocumentUpload t={t} onUploaded={() => void get<Application>('/api/doctor/application').then(onChange)} />
            <form className="form" onSubmit={sendRenewal}>
              <Field label={t('licenceExpiresAt')} type="date" value={expiry} onChange={(e) => setExpiry(e.target.value)} required />
              <button type="submit" className="button" disabled={busy || !expiry}>
                {t('sendRenewal')}
              </button>
            </form>
          </>
        )}
      </section>
    </>
  );
}

export function WorkspacePage() {
  const t = useT(doctorsMessages);
  const { user, loading, refresh } = useSession();
  const [app, setApp] = useState<Application | null | undefined>(undefined);

  const load = useCallback(() => {
    void get<Application | null>('/api/doctor/application').then(setApp, () => setApp(null));
  }, []);
  useEffect(() => {
    if (user) load();
  }, [user, load]);
  // A decision may have granted or taken the doctor role: keep the session in step.
  const status = app?.status;
  useEffect(() => {
    if (status) void refresh();
  }, [status, refresh]);

  if (loading) return <Loading />;
  if (!user) {
    return (
      <section className="page narrow">
        <h1>{t('workspaceTitle')}</h1>
        <p className="lead">{t('workspaceIntro')}</p>
        <p className="button-row">
          <Link className="button" to="/signup">
            {t('signUpToApply')}
          </Link>
          <Link className="button button-secondary" to="/signin">
            {t('signInToApply')}
          </Link>
        </p>
      </section>
    );
  }
  if (app === undefined) return <Loading />;
  const editable = !app || app.status === 'draft' || app.status === 'needs_info' || app.status === 'rejected';
  return (
    <section className="page narrow workspace">
      <h1>{t('workspaceTitle')}</h1>
      {!app && <p className="lead">{t('workspaceIntro')}</p>}
      {app && <StatusPanel app={app} t={t} />}
      {app?.status === 'submitted' && (
        <div className="notice notice-info" role="status">
          {t('submittedNotice')}
        </div>
      )}
      {app?.status === 'approved' && (
        <div className="notice notice-info" role="status">
          {t('approvedNotice')}
        </div>
      )}
      {editable && <ApplicationSteps app={app} onChange={setApp} />}
      {app?.status === 'approved' && <ApprovedPanel app={app} onChange={setApp} />}
    </section>
  );
}
