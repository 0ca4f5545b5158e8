// The credential badge patients see: which register was checked, the identifier partly
// masked, when it was verified and when it is checked again.
import { useLocale, useT } from '../../app/i18n.tsx';
import { formatDate, type Badge } from './doctors.api.ts';
import { doctorsMessages } from './doctors.messages.ts';
import { useRegistryName } from './CheckSentence.tsx';

export function CredentialBadge({ badge, compact = false }: { badge: Badge; compact?: boolean }) {
  const t = useT(doctorsMessages);
  const { locale } = useLocale();
  const registryName = useRegistryName();
  // Say what was actually checked: a registry's automatic match, or a reviewer's recorded check.
  const date = formatDate(badge.verifiedAt, locale);
  const headline =
    badge.checkedBy === 'reviewer'
      ? badge.registry
        ? t('checkedByReviewer', { registry: registryName(badge.registry), date })
        : t('checkedByReviewerNoSource', { date })
      : t('verifiedBy', { registry: registryName(badge.registry) });
  if (compact) {
    return (
      <span className="badge credential-badge">
        <span aria-hidden="true">✓</span> {headline}
      </span>
    );
  }
  return (
    <section className="credential card" aria-labelledby="credential-title">
      <h2 id="credential-title" className="credential-title">
        <span aria-hidden="true">✓</span> {headline}
      </h2>
      <dl className="facts">
        <dt>{t('identifier')}</dt>
        <dd className="mono">{badge.identifier}</dd>
        <dt>{t('verifiedOn')}</dt>
        <dd>{formatDate(badge.verifiedAt, locale)}</dd>
        <dt>{t('nextCheck')}</dt>
        <dd>{formatDate(badge.nextCheckDue, locale)}</dd>
      </dl>
    </section>
  );
}
