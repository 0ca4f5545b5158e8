// History with a diff between any two revisions, the edit / propose form for editors,
// doctors and admins, and the doctors' review queue.
import { useEffect, useId, useState, type FormEvent, type ReactNode } from 'react';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router-dom';
import { ApiError, get, post, put } from '../../app/api.ts';
import { Field, FormError } from '../../app/forms.tsx';
import { useLocale, useT } from '../../app/i18n.tsx';
import { RequireRole } from '../../app/RequireRole.tsx';
import { Loading } from '../../app/shell.tsx';
import { encyclopediaMessages } from './encyclopedia.messages.ts';
import { entryPath, formatDate, SECTION_KEYS, useCategories, type SectionKey } from './EncyclopediaPages.tsx';

interface RevisionSummary {
  revision: number;
  author: string;
  createdAt: string;
  status: 'published' | 'pending' | 'rejected';
  current: boolean;
  summary: string | null;
  baseRevision: number;
  reviewer: string | null;
  reviewedAt: string | null;
  note: string | null;
}
interface Diff {
  from: number;
  to: number;
  changes: Array<{ field: string; parts: Array<{ value: string; added: boolean; removed: boolean }> }>;
}
interface RevisionContent {
  title: string;
  lang: 'en' | 'fr' | 'zh';
  category: string;
  synonyms: string[];
  department: string | null;
  sections: Partial<Record<SectionKey, string>>;
  related: Array<{ slug: string }>;
}

function fieldLabel(field: string, t: (key: never) => string): string {
  const section = field.startsWith('sections.') ? field.slice(9) : null;
  if (section) return t(`s_${section}` as never);
  const names: Record<string, string> = { title: 'fTitle', category: 'fCategory', department: 'fDepartment', synonyms: 'fSynonyms', related: 'related' };
  return names[field] ? t(names[field] as never) : field;
}

export function HistoryPage() {
  const t = useT(encyclopediaMessages);
  const { locale } = useLocale();
  const { slug = '' } = useParams();
  const [params, setParams] = useSearchParams();
  const [title, setTitle] = useState('');
  const [revisions, setRevisions] = useState<RevisionSummary[] | null>(null);
  const [diff, setDiff] = useState<Diff | null>(null);
  const [error, setError] = useState<string | null>(null);
  const fromId = useId();
  const toId = useId();

  useEffect(() => {
    get<RevisionSummary[]>(`/api/encyclopedia/entries/${encodeURIComponent(slug)}/revisions`).then(setRevisions, (e) => setError(e instanceof ApiError ? e.message : String(e)));
    get<{ title: string }>(`/api/encyclopedia/entries/${encodeURIComponent(slug)}`).then((e) => setTitle(e.title), () => undefined);
  }, [slug]);

  const numbers = (revisions ?? []).map((r) => r.revision);
  const to = Number(params.get('to') ?? numbers[0] ?? 0);
  const from = Number(params.get('from') ?? numbers[1] ?? numbers[0] ?? 0);
  useEffect(() => {
    if (!from || !to || from === to) {
      setDiff(null);
      return;
    }
    get<Diff>(`/api/encyclopedia/entries/${encodeURIComponent(slug)}/diff?from=${from}&to=${to}`).then(setDiff, (e) => setError(e instanceof ApiError ? e.message : String(e)));
  }, [slug, from, to]);

  if (error) return <section className="page narrow"><div className="notice notice-error" role="alert">{error}</div></section>;
  if (!revisions) return <Loading />;
  const choose = (name: 'from' | 'to', value: string) => {
    const next = new URLSearchParams(params);
    next.set('from', String(name === 'from' ? value : from));
    next.set('to', String(name === 'to' ? value : to));
    setParams(next);
  };
  return (
    <section className="page">
      <p className="enc-breadcrumb">
        <Link to={entryPath(slug)}>{t('backToEntry')}</Link>
      </p>
      <h1>{t('historyTitle', { title: title || slug })}</h1>
      <div className="enc-table-wrap" tabIndex={0} role="region" aria-label={t('historyTitle', { title: title || slug })}>
        <table className="enc-table">
          <thead>
            <tr>
              <th scope="col">{t('colRevision')}</th>
              <th scope="col">{t('colAuthor')}</th>
              <th scope="col">{t('colDate')}</th>
              <th scope="col">{t('colStatus')}</th>
              <th scope="col">{t('colSummary')}</th>
            </tr>
          </thead>
          <tbody>
            {revisions.map((r) => (
              <tr key={r.revision}>
                <td>
                  {r.revision} {r.current && <span className="badge">{t('current')}</span>}
                </td>
                <td>{r.author}</td>
                <td>{formatDate(r.createdAt, locale)}</td>
                <td>
                  {t(`st_${r.status}`)}
                  {r.reviewer && r.status !== 'pending' ? ` · ${r.reviewer}` : ''}
                  {r.note ? ` · ${r.note}` : ''}
                </td>
                <td>{r.summary ?? ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {numbers.length > 1 && (
        <div className="enc-compare">
          <label htmlFor={fromId}>{t('from')}</label>
          <select id={fromId} value={from} onChange={(e) => choose('from', e.target.value)}>
            {numbers.map((n) => (
              <option key={n} value={n}>
                {n}
              </option>
            ))}
          </select>
          <label htmlFor={toId}>{t('to')}</label>
          <select id={toId} value={to} onChange={(e) => choose('to', e.target.value)}>
            {numbers.map((n) => (
              <option key={n} value={n}>
                {n}
              </option>
            ))}
          </select>
        </div>
      )}
      {diff && (
        <section className="enc-diff" aria-labelledby="enc-diff-heading">
          <h2 id="enc-diff-heading">{t('diffTitle', { from: diff.from, to: diff.to })}</h2>
          {diff.changes.length === 0 && <p>{t('noChanges')}</p>}
          {diff.changes.map((c) => (
            <div key={c.field} className="enc-diff-field">
              <h3>{fieldLabel(c.field, t as never)}</h3>
              <p>
                {c.parts.map((p, i) => (p.added ? <ins key={i}>{p.value}</ins> : p.removed ? <del key={i}>{p.value}</del> : <span key={i}>{p.value}</span>))}
              </p>
            </div>
          ))}
        </section>
      )}
    </section>
  );
}

function TextArea({ label, value, onChange, error, rows = 4 }: { label: string; value: string; onChange: (v: string) => void; error?: string; rows?: number }) {
  const id = useId();
  return (
    <div className={`field${error ? ' field-invalid' : ''}`}>
      <label htmlFor={id}>{label}</label>
      <textarea id={id} rows={rows} value={value} onChange={(e) => onChange(e.target.value)} aria-invalid={error ? true : undefined} aria-describedby={error ? `${id}-error` : undefined} />
      {error && (
        <p className="field-error" id={`${id}-error`}>
          {error}
        </p>
      )}
    </div>
  );
}

function Select({ label, value, onChange, error, children }: { label: string; value: string; onChange: (v: string) => void; error?: string; children: ReactNode }) {
  const id = useId();
  return (
    <div className={`field${error ? ' field-invalid' : ''}`}>
      <label htmlFor={id}>{label}</label>
      <select id={id} value={value} onChange={(e) => onChange(e.target.value)} aria-invalid={error ? true : undefined}>
        {children}
      </select>
      {error && <p className="field-error">{error}</p>}
    </div>
  );
}

function EditForm() {
  const t = useT(encyclopediaMessages);
  const { slug } = useParams();
  const navigate = useNavigate();
  const categories = useCategories();
  const [departments, setDepartments] = useState<Array<{ code: string; name: string }>>([]);
  const [form, setForm] = useState({ title: '', lang: 'en', category: 'disease', department: '', synonyms: '', summary: '', sections: {} as Partial<Record<SectionKey, string>> });
  const [loaded, setLoaded] = useState(!slug);
  const [fields, setFields] = useState<Record<string, string>>({});
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    get<Array<{ code: string; name: string }>>('/api/departments').then(setDepartments, () => undefined);
    if (!slug) return;
    // Start from the newest revision the editor may see (a pending one included).
    get<RevisionSummary[]>(`/api/encyclopedia/entries/${encodeURIComponent(slug)}/revisions`)
      .then((list) => get<{ content: RevisionContent }>(`/api/encyclopedia/entries/${encodeURIComponent(slug)}/revisions/${(list.find((r) => r.current) ?? list[0])!.revision}`))
      .then(({ content }) => {
        setForm({ title: content.title, lang: content.lang, category: content.category, department: content.department ?? '', synonyms: content.synonyms.join(', '), summary: '', sections: content.sections });
        setLoaded(true);
      })
      .catch((e) => setError(e instanceof ApiError ? e.message : String(e)));
  }, [slug]);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    setFields({});
    const body = {
      title: form.title,
      lang: form.lang,
      category: form.category,
      department: form.department || null,
      synonyms: form.synonyms.split(/[,，]/).map((s) => s.trim()).filter(Boolean),
      sections: { ...form.sections, overview: form.sections.overview ?? '' },
      ...(form.summary.trim() ? { summary: form.summary.trim() } : {}),
    };
    try {
      const result = slug
        ? await put<{ slug: string; revision: number; status: string }>(`/api/encyclopedia/entries/${encodeURIComponent(slug)}`, body)
        : await post<{ slug: string; revision: number; status: string }>('/api/encyclopedia/entries', body);
      if (result.status === 'published') navigate(entryPath(result.slug));
      else setDone(t('savedPending', { n: result.revision }));
    } catch (e) {
      if (e instanceof ApiError) {
        setFields(e.fields);
        setError(e.message);
      } else setError(String(e));
    } finally {
      setBusy(false);
    }
  }

  if (!loaded && !error) return <Loading />;
  const set = (name: 'title' | 'lang' | 'category' | 'department' | 'synonyms' | 'summary') => (v: string) => setForm({ ...form, [name]: v });
  return (
    <section className="page narrow enc-edit">
      <h1>{slug ? `${t('propose')}: ${form.title}` : t('newEntry')}</h1>
      <p className="hint">{t('editIntro')}</p>
      {done ? (
        <div className="notice notice-info" role="status">
          {done} {slug && <Link to={`${entryPath(slug)}/history`}>{t('history')}</Link>}
        </div>
      ) : (
        <form className="card form" onSubmit={submit} noValidate>
          <FormError message={error} />
          <Field label={t('fTitle')} name="title" value={form.title} onChange={(e) => set('title')(e.target.value)} error={fields.title} required />
          <Select label={t('fLang')} value={form.lang} onChange={set('lang')}>
            <option value="en">English</option>
            <option value="fr">Français</option>
            <option value="zh">中文</option>
          </Select>
          <Select label={t('fCategory')} value={form.category} onChange={set('category')} error={fields.category}>
            {categories.map((c) => (
              <option key={c.code} value={c.code}>
                {c.name}
              </option>
            ))}
          </Select>
          <Select label={t('fDepartment')} value={form.department} onChange={set('department')} error={fields.department}>
            <option value="">{t('noDepartment')}</option>
            {departments.map((d) => (
              <option key={d.code} value={d.code}>
                {d.name}
              </option>
            ))}
          </Select>
          <Field label={t('fSynonyms')} name="synonyms" value={form.synonyms} onChange={(e) => set('synonyms')(e.target.value)} hint={t('fSynonymsHint')} />
          {SECTION_KEYS.map((k) => (
            <TextArea key={k} label={t(`s_${k}`)} rows={k === 'overview' ? 6 : 3} value={form.sections[k] ?? ''} onChange={(v) => setForm({ ...form, sections: { ...form.sections, [k]: v } })} error={fields[`sections.${k}`]} />
          ))}
          <Field label={t('fSummary')} name="summary" value={form.summary} onChange={(e) => set('summary')(e.target.value)} />
          <button type="submit" className="button" disabled={busy}>
            {busy ? t('working') : t('save')}
          </button>
        </form>
      )}
    </section>
  );
}

export function EditEntryPage() {
  return (
    <RequireRole roles={['editor', 'doctor', 'admin']} roleName="editor">
      <EditForm />
    </RequireRole>
  );
}

interface Pending {
  slug: string;
  title: string;
  revision: number;
  baseRevision: number;
  author: string;
  createdAt: string;
  summary: string | null;
  isNewEntry: boolean;
}

function Queue() {
  const t = useT(encyclopediaMessages);
  const { locale } = useLocale();
  const [items, setItems] = useState<Pending[] | null>(null);
  const [notes, setNotes] = useState<Record<string, string>>({});
  const [outcome, setOutcome] = useState<Record<string, string>>({});
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    get<Pending[]>('/api/encyclopedia/reviews').then(setItems, (e) => setError(e instanceof ApiError ? e.message : String(e)));
  }, []);
  async function decide(item: Pending, decision: 'approve' | 'reject') {
    const key = `${item.slug}#${item.revision}`;
    setError(null);
    try {
      await post(`/api/encyclopedia/entries/${encodeURIComponent(item.slug)}/revisions/${item.revision}/review`, { decision, ...(notes[key] ? { note: notes[key] } : {}) });
      setOutcome({ ...outcome, [key]: decision === 'approve' ? t('approved') : t('rejected') });
    } catch (e) {
      setError(e instanceof ApiError ? e.message : String(e));
    }
  }
  if (!items) return error ? <div className="notice notice-error" role="alert">{error}</div> : <Loading />;
  return (
    <section className="page">
      <h1>{t('reviewQueue')}</h1>
      <FormError message={error} />
      {items.length === 0 && <p>{t('queueEmpty')}</p>}
      <ul className="enc-queue">
        {items.map((item) => {
          const key = `${item.slug}#${item.revision}`;
          return (
            <li key={key} className="card">
              <h2>
                {item.title} {item.isNewEntry && <span className="badge">{t('newBadge')}</span>}
              </h2>
              <p>{t('queueBy', { n: item.revision, author: item.author, date: formatDate(item.createdAt, locale) })}</p>
              {item.summary && <p>{item.summary}</p>}
              <p>
                <Link to={`${entryPath(item.slug)}/history?from=${item.baseRevision || item.revision}&to=${item.revision}`}>{t('viewChanges')}</Link>
              </p>
              {outcome[key] ? (
                <p role="status">{outcome[key]}</p>
              ) : (
                <div className="enc-decide">
                  <Field label={t('rejectNote')} name={`note-${key}`} value={notes[key] ?? ''} onChange={(e) => setNotes({ ...notes, [key]: e.target.value })} />
                  <button type="button" className="button" onClick={() => decide(item, 'approve')}>
                    {t('approve')}
                  </button>
                  <button type="button" className="button button-danger" onClick={() => decide(item, 'reject')}>
                    {t('reject')}
                  </button>
                </div>
              )}
            </li>
          );
        })}
      </ul>
    </section>
  );
}

export function ReviewQueuePage() {
  return (
    <RequireRole roles={['doctor', 'admin']} roleName="doctor">
      <Queue />
    </RequireRole>
  );
}
