// One automatic check of an application as a sentence in the reader's language, written from
// the key and parameters the server sends (its English message when the key is unknown here).
import { useLocale, useT } from '../../app/i18n.tsx';
import { formatDate, type Check } from './doctors.api.ts';
import { checkMessages, type CheckMessageKey } from './checks.messages.ts';
import { codeLabel, doctorsMessages } from './doctors.messages.ts';

/** Registries named by the platform itself (a reviewer's manual check), in the reader's words. */
export function useRegistryName(): (name: string) => string {
  const t = useT(checkMessages);
  return (name: string) =>
    name === 'NHC manual check' ? t('registry_nhc') : name === 'Manual check' || name === 'Manual review' ? t('registry_manual') : name;
}

export function CheckSentence({ check }: { check: Check }) {
  const t = useT(checkMessages);
  const td = useT(doctorsMessages);
  const { locale } = useLocale();
  const registryName = useRegistryName();
  const key = `check_${check.key ?? ''}`;
  if (!check.key || !(key in checkMessages.en)) return <>{check.message}</>;
  const list = (items: string[]) => new Intl.ListFormat(locale === 'zh' ? 'zh-CN' : locale, { style: 'long', type: 'conjunction' }).format(items);
  const p = check.params ?? {};
  const vars: Record<string, string | number> = {};
  for (const [name, value] of Object.entries(p)) {
    if (name === 'identifiers' && Array.isArray(value)) vars[name] = list(value.map((k) => codeLabel(td, 'idLabel_', k)));
    else if (name === 'documents' && Array.isArray(value))
      vars[name] = list(value.map((d) => (d === 'identity' ? t('document_identity') : t('document_licence'))));
    else if (name === 'identifier') vars[name] = codeLabel(td, 'idLabel_', String(value));
    else if (name === 'registry') vars[name] = registryName(String(value));
    else if (name === 'date') vars[name] = formatDate(String(value), locale);
    else vars[name] = Array.isArray(value) ? value.join(', ') : typeof value === 'boolean' ? String(value) : value;
  }
  return <>{t(key as CheckMessageKey, vars)}</>;
}
