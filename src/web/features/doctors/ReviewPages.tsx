// Admin console: the review queue (/admin/doctors) and one application (/admin/doctors/:id)
// with its automatic checks, registry evidence and documents; approve, reject with a
// reason, ask for more information, suspend, reinstate, and record a manual check.
import { useEffect, useState, type FormEvent } from 'react';
import { Link, useParams, useSearchParams } from 'react-router-dom';
import { ApiError, get, post } from '../../app/api.ts';
import { Field, FormError } from '../../app/forms.tsx';
import { useLocale, useT } from '../../app/i18n.tsx';
import { Loading } from '../../app/shell.tsx';
import { DataTable } from '../../app/table.tsx';
import { formatMoney } from '../../../shared/money.ts';
import { formatDate, needsEvidence, type Application, type QueueItem } from './doctors.api.ts';
import { codeLabel, doctorsMessages, type DoctorsMessageKey } from './doctors.messages.ts';
import { CheckSentence, useRegistryName } from './CheckSentence.tsx';
import { useDepartments } from './DirectoryPages.tsx';

/** A department's name in the reader's language (the code until the names arrive). */
function useDepartmentName(): (code: string) => string {
  const departments = useDepartments();
  return (code) => departments.find((d) => d.code === code)?.name ?? code;
}

/** Decisions as the reviewer names them (approving a suspended doctor reinstates them). */
type Confirmable = 'approve' | 'reinstate' | 'needs_info' | 'suspend' | 'reject';

const QUEUES = ['submitted', 'renewal', 'needs_info', 'approved', 'suspended', 'rejected'] as const;

export function ReviewQueuePage() {
  const t = useT(doctorsMessages);
  const { locale } = useLocale();
  const [params, setParams] = useSearchParams();
  const status = (params.get('status') ?? 'submitted') as (typeof QUEUES)[number];
  const departmentName = useDepartmentName();
  const [items, setItems] = useState<QueueItem[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    setItems(null);
    get<QueueItem[]>(`/api/admin/doctor-applications?status=${status}`).then(setItems, (e) => {
      setError(e instanceof ApiError ? e.message : String(e));
      setItems([]);
    });
  }, [status]);
  return (
    <section className="page">
      <h1>{t('queueTitle')}</h1>
      <FormError message={error} />
      <div className="field queue-filter">
        <label htmlFor="queue-status">{t('queueFilter')}</label>
        <select id="queue-status" value={status} onChange={(e) => setParams({ status: e.target.value })}>
          {QUEUES.map((q) => (
            <option key={q} value={q}>
              {t(`queue_${q}`)}
            </option>
          ))}
        </select>
      </div>
      {items === null ? (
        <Loading />
      ) : items.length === 0 ? (
        <p className="notice notice-info" role="status">
          {t('queueEmpty')}
        </p>
      ) : (
        <DataTable
          label={t('queueTitle')}
          rows={items}
          rowKey={(a) => a.id}
          columns={[
            {
              header: t('applicant'),
              cell: (a) => (
                <>
                  <Link to={`/doctors/${a.id}`}>{a.fullName}</Link>
                  <div className="hint">{a.hospital}</div>
                </>
              ),
            },
            { header: t('applicantCountry'), cell: (a) => t(`country_${a.country}`) },
            { header: t('department'), cell: (a) => departmentName(a.department) },
            { header: t('submittedAt'), cell: (a) => formatDate(a.renewalSubmittedAt ?? a.submittedAt, locale) },
            { header: t('flags'), cell: (a) => (a.flagged > 0 ? <span className="badge badge-warning">{a.flagged}</span> : '0'), numeric: true },
          ]}
        />
      )}
    </section>
  );
}

function EvidenceForm({ id, country, onChange }: { id: string; country: string; onChange: (a: Application) => void }) {
  const t = useT(doctorsMessages);
  const [registry, setRegistry] = useState(country === 'CN' ? 'NHC manual check' : 'Manual check');
  const [outcome, setOutcome] = useState('match');
  const [note, setNote] = useState('');
  const [error, setError] = useState<string | null>(null);
  async function submit(event: FormEvent) {
    event.preventDefault();
    setError(null);
    try {
      onChange(await post<Application>(`/api/admin/doctor-applications/${id}/evidence`, { registry, outcome, note }));
      setNote('');
    } catch (e) {
      setError(e instanceof ApiError ? e.message : String(e));
    }
  }
  return (
    <form className="form" onSubmit={submit} aria-labelledby="evidence-form-title">
      <h3 id="evidence-form-title">{t('recordEvidence')}</h3>

      <FormError message={error} />
      <Field label={t('evidenceRegistry')} hint={t('evidenceRegistryHint')} value={registry} onChange={(e) => setRegistry(e.target.value)} required />
      <div className="field">
        <label htmlFor="evidence-outcome">{t('evidenceOutcome')}</label>
        <select id="evidence-outcome" value={outcome} onChange={(e) => setOutcome(e.target.value)}>
          {(['match', 'name_mismatch', 'not_found'] as const).map((o) => (
            <option key={o} value={o}>
              {t(`outcome_${o}`)}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="evidence-note">{t('evidenceNote')}</label>
        <textarea id="evidence-note" rows={3} value={note} onChange={(e) => setNote(e.target.value)} required />
      </div>
      <button type="submit" className="button button-secondary" disabled={!note.trim()}>
        {t('saveEvidence')}
      </button>
    </form>
  );
}

export function ReviewPage() {
  const t = useT(doctorsMessages);
  const registryName = useRegistryName();
  const { locale } = useLocale();
  const departmentName = useDepartmentName();
  const { id = '' } = useParams();
  const [app, setApp] = useState<Application | null | undefined>(undefined);
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [fields, setFields] = useState<Record<string, string>>({});
  const [done, setDone] = useState<string | null>(null);
  /** The decision waiting for the reviewer's confirmation: [decision sent, what it is called]. */
  const [pending, setPending] = useState<[string, Confirmable] | null>(null);
  useEffect(() => {
    get<Application>(`/api/admin/doctor-applications/${encodeURIComponent(id)}`).then(setApp, () => setApp(null));
  }, [id]);

  async function decide(decision: string, kind: Confirmable) {
    setError(null);
    setFields({});
    setDone(null);
    setPending(null);
    try {
      const next = await post<Application>(`/api/admin/doctor-applications/${id}/decision`, { decision, ...(reason.trim() ? { reason } : {}) });
      setApp(next);
      setReason('');
      setDone(t(`decided_${kind}`, { name: next.fullName }));
    } catch (e) {
      if (e instanceof ApiError) {
        setError(e.message);
        setFields(e.fields);
      } else setError(String(e));
    }
  }

  if (app === undefined) return <Loading />;
  if (app === null)
    return (
      <section className="page narrow">
        <p className="notice notice-error" role="alert">
          {t('queueEmpty')}
        </p>
      </section>
    );
  const renewal = app.status === 'approved' && app.renewalSubmittedAt;
  const actions: Array<[string, Confirmable, DoctorsMessageKey, string]> = [];
  if (app.status === 'submitted' || renewal)
    actions.push(['approve', 'approve', 'approve', ''], ['needs_info', 'needs_info', 'needsInfo', ' button-secondary']);
  if (app.status === 'suspended') actions.push(['approve', 'reinstate', 'reinstate', '']);
  if (app.status === 'approved') actions.push(['suspend', 'suspend', 'suspend', ' button-secondary']);
  if (app.status === 'submitted' || app.status === 'approved' || app.status === 'suspended') actions.push(['reject', 'reject', 'reject', ' button-danger']);
  const evidenceNeeded = needsEvidence(app);

  return (
    <section className="page review">
      <p>
        <Link to="/doctors">← {t('backToQueue')}</Link>
      </p>
      <h1>{t('reviewTitle', { name: app.fullName })}</h1>
      <div className="review-grid">
        <div>
          <section className="card">
            <p>
              {t('status')}: <strong>{t(`reviewStatus_${app.status}`)}</strong>
            </p>
            <dl className="facts">
              <dt>{t('applicantCountry')}</dt>
              <dd>{t(`country_${app.country}`)}</dd>
              <dt>{t('hospital')}</dt>
              <dd>{app.hospital}</dd>
              <dt>{t('department')}</dt>
              <dd>{departmentName(app.department)}</dd>
              <dt>{t('title')}</dt>
              <dd>{app.title}</dd>
              <dt>{t('price')}</dt>
              <dd>{formatMoney(app.priceMinor, app.currency, locale)}</dd>
              <dt>{t('licenceExpiresAt')}</dt>
              <dd>
                {formatDate(app.licenceExpiresAt, locale)}
                {app.pendingLicenceExpiresAt && ` → ${formatDate(app.pendingLicenceExpiresAt, locale)}`}
              </dd>
            </dl>
            <h2>{t('identifiersTitle')}</h2>
            <dl className="facts">
              {Object.entries(app.identifiers).map(([k, v]) => (
                <div key={k} className="facts-row">
                  <dt>{codeLabel(t, 'idLabel_', k)}</dt>
                  <dd className="mono">{v}</dd>
                </div>
              ))}
            </dl>
          </section>
          <section className="card">
            <h2>{t('checksTitle')}</h2>
            <ul className="checks">
              {app.checks.map((c, i) => (
                <li key={i} className={`check check-${c.status}`}>
                  <span className="check-status">{t(`check_${c.status}`)}</span> <CheckSentence check={c} />
                </li>
              ))}
            </ul>
          </section>
          <section className="card">
            <h2>{t('evidenceTitle')}</h2>
            <ul className="evidence-list">
              {app.evidence.map((e) => (
                <li key={e.id}>
                  <strong>{registryName(e.registry)}</strong> · {codeLabel(t, 'outcome_', e.outcome)} · {formatDate(e.checkedAt, locale)}
                  {e.registeredName && <div>{e.registeredName}</div>}
                  {e.note && <div>{e.note}</div>}
                  <details>
                    <summary>
                      {t('evidenceAsked')} / {t('evidenceAnswer')}
                    </summary>
                    <pre className="evidence-raw">{JSON.stringify({ request: e.request, response: e.response }, null, 2)}</pre>
                  </details>
                </li>
              ))}
            </ul>
            <EvidenceForm id={app.id} country={app.country} onChange={setApp} />
          </section>
        </div>
        <div>
          <section className="card">
            <h2>{t('documentsTitle')}</h2>
            <ul className="document-list">
              {app.documents.map((d) => (
                <li key={d.id}>
                  <a href={d.url} target="_blank" rel="noreferrer">
                    {t(`kind_${d.kind}` as DoctorsMessageKey)} ({d.mime.split('/')[1]?.toUpperCase()})
                  </a>
                  {d.mime.startsWith('image/') && <img className="document-thumb" src={d.url} alt={t(`kind_${d.kind}` as DoctorsMessageKey)} loading="lazy" />}
                </li>
              ))}
            </ul>
          </section>
          {actions.length > 0 && (
            <section className="card" aria-labelledby="decision-title">
              <h2 id="decision-title">{t('decisionTitle')}</h2>
              <FormError message={error} />
              {done && (
                <p className="notice notice-info" role="status">
                  {done}
                </p>
              )}
              <div className={`field${fields.reason ? ' field-invalid' : ''}`}>
                <label htmlFor="decision-reason">{t('reason')}</label>
                <textarea
                  id="decision-reason"
                  rows={3}
                  value={reason}
                  onChange={(e) => setReason(e.target.value)}
                  aria-invalid={fields.reason ? true : undefined}
                />
                {fields.reason && <p className="field-error">{fields.reason}</p>}
              </div>
              {evidenceNeeded && actions.some(([d]) => d === 'approve') && (
                <p className="notice notice-warning" role="note">
                  {t('evidenceNeeded')}
                </p>
              )}
              {pending ? (
                <div className="confirm" role="group" aria-labelledby="decision-confirm">
                  <p id="decision-confirm">
                    <strong>{t(`confirm_${pending[1]}`, { name: app.fullName })}</strong>
                  </p>
                  <div className="button-row">
                    <button type="button" className="button" onClick={() => void decide(pending[0], pending[1])}>
                      {t('confirmDecision')}
                    </button>
                    <button type="button" className="button button-secondary" onClick={() => setPending(null)}>
                      {t('cancelDecision')}
                    </button>
                  </div>
                </div>
              ) : (
                <div className="button-row">
                  {actions.map(([decision, kind, label, style]) => (
                    <button
                      key={decision}
                      type="button"
                      className={`button${style}`}
                      disabled={decision === 'approve' && evidenceNeeded}
                      onClick={() => {
                        setDone(null);
                        setPending([decision, kind]);
                      }}
                    >
                      {t(label)}
                    </button>
                  ))}
                </div>
              )}
            </section>
          )}
          <section className="card">
            <h2>{t('historyTitle')}</h2>
            <ol className="history">
              {app.decisions.map((d, i) => (
                <li key={i}>
                  {formatDate(d.at, locale)} · {codeLabel(t, 'action_', d.action)}
                  {d.reviewerName ? ` · ${d.reviewerName}` : ''}
                  {d.reason && <div className="hint">{d.reason}</div>}
                </li>
              ))}
            </ol>
          </section>
        </div>
      </div>
    </section>
  );
}
