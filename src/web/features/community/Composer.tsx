// Writing a thread or a reply: Markdown in a textarea, an image button that uploads and
// inserts the image's Markdown, a pseudonym choice in sensitive forums.
import { useId, useRef, useState, type FormEvent } from 'react';
import { api, ApiError } from '../../app/api.ts';
import { FormError } from '../../app/forms.tsx';
import { useT } from '../../app/i18n.tsx';
import { UrgentNotice, urgentOf, type UrgentGuidance } from '../triage/UrgentNotice.tsx';
import { communityMessages } from './community.messages.ts';

export interface ComposerValues {
  title: string;
  body: string;
  anonymous: boolean;
}

export function Composer({
  withTitle,
  sensitive,
  submitLabel,
  bodyLabel,
  initialBody = '',
  onSubmit,
  onCancel,
}: {
  withTitle?: boolean;
  sensitive?: boolean;
  submitLabel: string;
  bodyLabel: string;
  initialBody?: string;
  onSubmit(values: ComposerValues): Promise<void>;
  onCancel?: () => void;
}) {
  const t = useT(communityMessages);
  const id = useId();
  const [title, setTitle] = useState('');
  const [body, setBody] = useState(initialBody);
  const [anonymous, setAnonymous] = useState(Boolean(sensitive));
  const [error, setError] = useState<string | null>(null);
  const [urgent, setUrgent] = useState<UrgentGuidance | null>(null);
  const [fields, setFields] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  const [uploading, setUploading] = useState(false);
  const fileInput = useRef<HTMLInputElement>(null);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    setFields({});
    setUrgent(null);
    try {
      await onSubmit({ title, body, anonymous });
      setTitle('');
      setBody('');
    } catch (e) {
      if (e instanceof ApiError) {
        setUrgent(urgentOf(e.body));
        setError(e.message);
        setFields(e.fields);
      } else setError(String(e));
    } finally {
      setBusy(false);
    }
  }

  async function upload(file: File) {
    setUploading(true);
    setError(null);
    try {
      const form = new FormData();
      form.append('file', file);
      const result = await api<{ markdown: string }>('POST', '/api/community/images', form);
      setBody((current) => `${current}${current && !current.endsWith('\n') ? '\n\n' : ''}${result.markdown}\n`);
    } catch (e) {
      setError(e instanceof ApiError ? e.message : String(e));
    } finally {
      setUploading(false);
      if (fileInput.current) fileInput.current.value = '';
    }
  }

  return (
    <form className="card form composer" onSubmit={submit} noValidate>
      {urgent && <UrgentNotice urgent={urgent} sent={false} />}
      <FormError message={error} />
      {withTitle && (
        <div className={`field${fields.title ? ' field-invalid' : ''}`}>
          <label htmlFor={`${id}-title`}>{t('threadTitle')}</label>
          <input id={`${id}-title`} value={title} onChange={(e) => setTitle(e.target.value)} maxLength={200} required aria-invalid={fields.title ? true : undefined} aria-describedby={fields.title ? `${id}-title-error` : undefined} />
          {fields.title && (
            <p className="field-error" id={`${id}-title-error`}>
              {fields.title}
            </p>
          )}
        </div>
      )}
      <div className={`field${fields.body ? ' field-invalid' : ''}`}>
        <label htmlFor={`${id}-body`}>{bodyLabel}</label>
        <textarea
          id={`${id}-body`}
          value={body}
          onChange={(e) => setBody(e.target.value)}
          rows={6}
          maxLength={20000}
          required
          aria-invalid={fields.body ? true : undefined}
          aria-describedby={`${id}-hint${fields.body ? ` ${id}-body-error` : ''}`}
        />
        <p className="hint" id={`${id}-hint`}>
          {t('bodyHint')}
        </p>
        {fields.body && (
          <p className="field-error" id={`${id}-body-error`}>
            {fields.body}
          </p>
        )}
      </div>
      {sensitive && (
        <div className="checkbox">
          <input id={`${id}-anon`} type="checkbox" checked={anonymous} onChange={(e) => setAnonymous(e.target.checked)} />
          <label htmlFor={`${id}-anon`}>{t('postAnonymously')}</label>
          <p className="hint">{t('sensitiveHint')}</p>
        </div>
      )}
      <div className="composer-actions">
        <label className="button button-secondary file-button">
          {uploading ? t('uploading') : t('addImage')}
          <input ref={fileInput} type="file" accept="image/png,image/jpeg,image/webp,image/gif" className="visually-hidden" onChange={(e) => e.target.files?.[0] && void upload(e.target.files[0])} />
        </label>
        {onCancel && (
          <button type="button" className="button button-secondary" onClick={onCancel}>
            {t('cancel')}
          </button>
        )}
        <button type="submit" className="button" disabled={busy || uploading}>
          {busy ? t('working') : submitLabel}
        </button>
      </div>
    </form>
  );
}
