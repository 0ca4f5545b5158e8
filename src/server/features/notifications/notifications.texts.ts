// What an email, a push notification or a text message says, per kind and language. No
// health details ever: only that something happened, and a link to the page behind
// sign-in where the content is.
import type { Locale } from '../../../shared/locales.ts';

export const EXTERNAL_KINDS = [
  'consultation_accepted',
  'consultation_message',
  'consultation_closed',
  'consultation_follow_up_answered',
  'consultation_expired',
  'consultation_new_question',
  'consultation_addressed',
  'consultation_waiting_reminder',
  'doctor_application_decision',
  'doctor_licence_expiring',
] as const;
export type ExternalKind = (typeof EXTERNAL_KINDS)[number];

export const isExternalKind = (kind: string): kind is ExternalKind => (EXTERNAL_KINDS as readonly string[]).includes(kind);

interface Text {
  title: string;
  body: string;
}

const TEXTS: Record<ExternalKind, Record<Locale, Text>> = {
  consultation_accepted: {
    en: { title: 'A doctor took your question', body: 'Your doctor replied: a doctor has joined your consultation. Open it to read and answer.' },
    zh: { title: '医生已接诊', body: '您的医生已回复：一位医生已加入您的问诊。打开即可查看并回复。' },
    fr: { title: 'Un médecin a pris votre question', body: 'Votre médecin a répondu : un médecin a rejoint votre consultation. Ouvrez-la pour lire et répondre.' },
  },
  consultation_message: {
    en: { title: 'New message in your consultation', body: 'You have a new message. Open the consultation to read it.' },
    zh: { title: '问诊有新消息', body: '您有一条新消息。打开问诊即可查看。' },
    fr: { title: 'Nouveau message dans votre consultation', body: 'Vous avez un nouveau message. Ouvrez la consultation pour le lire.' },
  },
  consultation_closed: {
    en: { title: 'Your consultation is closed', body: 'Your doctor closed the consultation and left advice. Open it to read the summary.' },
    zh: { title: '问诊已结束', body: '医生已结束问诊并留下建议。打开即可查看总结。' },
    fr: { title: 'Votre consultation est close', body: 'Votre médecin a clos la consultation et laissé des conseils. Ouvrez-la pour lire le résumé.' },
  },
  consultation_follow_up_answered: {
    en: { title: 'Your doctor answered your follow-up', body: 'Your doctor replied to your follow-up question. Open the consultation to read the answer.' },
    zh: { title: '医生已回复您的追问', body: '您的医生已回复您的追问。打开问诊即可查看回复。' },
    fr: { title: 'Votre médecin a répondu à votre question de suivi', body: 'Votre médecin a répondu à votre question de suivi. Ouvrez la consultation pour lire la réponse.' },
  },
  consultation_expired: {
    en: { title: 'No doctor was free in time', body: 'No doctor took your question within the promised time. You have been refunded or your free consultation is available again.' },
    zh: { title: '未能按时接诊', body: '在承诺时间内没有医生接诊。费用已全额退还，或免费问诊机会已恢复。' },
    fr: { title: 'Aucun médecin disponible à temps', body: 'Aucun médecin n’a pris votre question dans le délai promis. Vous êtes remboursé, ou votre consultation gratuite est de nouveau disponible.' },
  },
  consultation_new_question: {
    en: { title: 'A new question is waiting', body: 'A patient is waiting in your department. Open the queue to take it.' },
    zh: { title: '有新的问诊在等待', body: '您所在科室有患者在等待。打开候诊队列即可接诊。' },
    fr: { title: 'Une nouvelle question attend', body: 'Un patient attend dans votre spécialité. Ouvrez la file pour la prendre.' },
  },
  consultation_addressed: {
    en: { title: 'A patient asked you a question', body: 'A patient addressed a question to you. Open the queue to take it.' },
    zh: { title: '有患者向您提问', body: '一位患者指定向您提问。打开候诊队列即可接诊。' },
    fr: { title: 'Un patient vous a posé une question', body: 'Un patient vous a adressé une question. Ouvrez la file pour la prendre.' },
  },
  consultation_waiting_reminder: {
    en: { title: 'A patient is still waiting', body: 'A question has been waiting for a few minutes and no doctor has taken it yet. Open the queue.' },
    zh: { title: '仍有患者在等待', body: '一条问诊已等待数分钟，尚无医生接诊。请打开候诊队列。' },
    fr: { title: 'Un patient attend toujours', body: 'Une question attend depuis quelques minutes et aucun médecin ne l’a encore prise. Ouvrez la file.' },
  },
  doctor_application_decision: {
    en: { title: 'Your application has a decision', body: 'A reviewer decided on your doctor application. Open it to see the outcome.' },
    zh: { title: '您的申请已有结果', body: '审核人员已处理您的医生申请。打开即可查看结果。' },
    fr: { title: 'Votre candidature a une décision', body: 'Un vérificateur a statué sur votre candidature de médecin. Ouvrez-la pour voir la décision.' },
  },
  doctor_licence_expiring: {
    en: { title: 'Your licence expires soon', body: 'Your medical licence on file expires soon. Send the renewed licence to keep practising.' },
    zh: { title: '您的执业证书即将到期', body: '您登记的执业证书即将到期。请提交更新后的证书以继续执业。' },
    fr: { title: 'Votre autorisation d’exercice expire bientôt', body: 'L’autorisation d’exercice enregistrée expire bientôt. Envoyez celle renouvelée pour continuer à exercer.' },
  },
};

const CHROME: Record<Locale, { open: string; settings: string; unsubscribe: string; why: string }> = {
  en: { open: 'Open Lotus Health', settings: 'Notification settings', unsubscribe: 'Unsubscribe from these emails', why: 'You receive this email because you use Lotus Health. The details stay behind sign-in.' },
  zh: { open: '打开 Lotus Health', settings: '通知设置', unsubscribe: '退订此类邮件', why: '您收到此邮件是因为您在使用 Lotus Health。详细内容需登录后查看。' },
  fr: { open: 'Ouvrir Lotus Health', settings: 'Réglages des notifications', unsubscribe: 'Se désabonner de ces e-mails', why: 'Vous recevez cet e-mail parce que vous utilisez Lotus Health. Les détails restent derrière la connexion.' },
};

export function textFor(kind: ExternalKind, locale: Locale): Text {
  return TEXTS[kind][locale] ?? TEXTS[kind].en;
}

export function chromeFor(locale: Locale) {
  return CHROME[locale] ?? CHROME.en;
}

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/** The email's text and HTML parts. */
export function renderEmail(input: { title: string; body: string; url: string; settingsUrl: string; unsubscribeUrl: string; locale: Locale }): { text: string; html: string } {
  const chrome = chromeFor(input.locale);
  const text = `${input.body}\n\n${chrome.open}: ${input.url}\n\n--\n${chrome.why}\n${chrome.settings}: ${input.settingsUrl}\n${chrome.unsubscribe}: ${input.unsubscribeUrl}\n`;
  const e = escapeHtml;
  const html = `<!doctype html><html lang="${e(input.locale)}"><head><meta charset="utf-8"><title>${e(input.title)}</title></head>
<body style="font-family:system-ui,sans-serif;color:#1f2933;max-width:36rem;margin:auto;padding:1rem">
<h1 style="font-size:1.25rem">${e(input.title)}</h1>
<p>${e(input.body)}</p>
<p><a href="${e(input.url)}" style="display:inline-block;background:#0b6e4f;color:#fff;padding:.6rem 1rem;border-radius:.4rem;text-decoration:none">${e(chrome.open)}</a></p>
<hr><p style="font-size:.85rem;color:#52606d">${e(chrome.why)}<br><a href="${e(input.settingsUrl)}">${e(chrome.settings)}</a> · <a href="${e(input.unsubscribeUrl)}">${e(chrome.unsubscribe)}</a></p>
</body></html>`;
  return { text, html };
}
