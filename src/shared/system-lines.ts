// The lines the platform writes into a chat ("Dr Li has joined the consultation", "Voice call,
// 7 min 12 s"). A line is stored as a key and its parameters beside an English text: the faces
// render it in their reader's language, API clients, exports and older rows read the text.
// The server writes the English text with `systemText(line, 'en')`, so both come from here.
import type { Locale } from './locales.ts';

export type SystemParam = string | number | boolean | string[];
export type SystemParams = Record<string, SystemParam>;

export const SYSTEM_KEYS = [
  'consultation_joined',
  'consultation_expired',
  'check_in_asked',
  'check_in_answered',
  'check_in_taken',
  'follow_up_missed',
  'call_declined',
  'call_missed',
  'call_ended',
  'group_added',
  'group_left',
  'group_removed',
] as const;
export type SystemKey = (typeof SYSTEM_KEYS)[number];

export interface SystemLine {
  key: SystemKey;
  params: SystemParams;
}

/** The words of every line, by language. Parts of a line are joined by `join`. */
export const SYSTEM_WORDS = {
  en: {
    join: ' ',
    consultation_joined: '{name} has joined the consultation.',
    consultation_expired: 'No doctor accepted within the promised {minutes} minutes.',
    expired_refunded: 'You have been refunded in full.',
    expired_free_returned: 'Your free consultation is available again.',
    check_in_asked: 'Check-in from your doctor: how are you now? Better, the same, or worse? Answer on the consultation page.',
    check_in_emergency: 'Emergency first: what the patient describes can be an emergency. Call {number} now if it is happening.',
    check_in_better: 'Check-in: the patient feels better.',
    check_in_same: 'Check-in: the patient feels the same.',
    check_in_worse: 'Check-in: the patient feels worse.',
    check_in_better_text: 'Check-in: the patient feels better: “{text}”',
    check_in_same_text: 'Check-in: the patient feels the same: “{text}”',
    check_in_worse_text: 'Check-in: the patient feels worse: “{text}”',
    check_in_reopened: 'The conversation is open again for the doctor.',
    check_in_taken: '{name} of the department is answering the check-in.',
    follow_up_missed: 'The doctor did not reply in time.',
    follow_up_missed_free:
      'The doctor did not reply in time. This consultation was free, so there is nothing to refund: you can ask another doctor of the department.',
    follow_up_missed_refunded: 'The doctor did not reply in time: {percent}% of the price is being refunded to your {provider} account.',
    follow_up_missed_already: 'The doctor did not reply in time. The refund for a missed follow-up was already made for this consultation.',
    call_audio_declined: 'Voice call declined',
    call_video_declined: 'Video call declined',
    call_missed: 'Missed call',
    call_audio_ended: 'Voice call, {duration}',
    call_video_ended: 'Video call, {duration}',
    group_added: '{name} added {names}',
    group_left: '{name} left',
    group_removed: '{name} removed {other}',
    someone: 'Someone',
    provider_alipay: 'Alipay',
    provider_wechatpay: 'WeChat Pay',
    provider_card: 'card',
    provider_sandbox: 'sandbox',
  },
  zh: {
    join: '',
    consultation_joined: '{name} 已加入问诊。',
    consultation_expired: '在承诺的 {minutes} 分钟内没有医生接诊。',
    expired_refunded: '费用已全额退还。',
    expired_free_returned: '您的免费问诊机会已恢复。',
    check_in_asked: '医生回访：您现在感觉如何？好转、没有变化，还是更糟？请在问诊页面回答。',
    check_in_emergency: '紧急情况优先：患者描述的情况可能是急症。如果正在发生，请立即拨打 {number}。',
    check_in_better: '回访：患者感觉好转。',
    check_in_same: '回访：患者感觉没有变化。',
    check_in_worse: '回访：患者感觉更糟。',
    check_in_better_text: '回访：患者感觉好转：“{text}”',
    check_in_same_text: '回访：患者感觉没有变化：“{text}”',
    check_in_worse_text: '回访：患者感觉更糟：“{text}”',
    check_in_reopened: '对话已重新向医生开放。',
    check_in_taken: '科室的 {name} 正在回复此次回访。',
    follow_up_missed: '医生未能按时回复。',
    follow_up_missed_free: '医生未能按时回复。本次问诊免费，无需退款：您可以向本科室的其他医生提问。',
    follow_up_missed_refunded: '医生未能按时回复：费用的 {percent}% 正在退还至您的{provider}账户。',
    follow_up_missed_already: '医生未能按时回复。本次问诊已退过一次追问未回复的费用。',
    call_audio_declined: '语音通话已拒绝',
    call_video_declined: '视频通话已拒绝',
    call_missed: '未接来电',
    call_audio_ended: '语音通话，{duration}',
    call_video_ended: '视频通话，{duration}',
    group_added: '{name} 添加了 {names}',
    group_left: '{name} 已退出',
    group_removed: '{name} 移除了 {other}',
    someone: '某人',
    provider_alipay: '支付宝',
    provider_wechatpay: '微信支付',
    provider_card: '银行卡',
    provider_sandbox: '沙盒',
  },
  fr: {
    join: ' ',
    consultation_joined: '{name} a rejoint la consultation.',
    consultation_expired: 'Aucun médecin n’a accepté dans les {minutes} minutes promises.',
    expired_refunded: 'Vous avez été remboursé intégralement.',
    expired_free_returned: 'Votre consultation gratuite est de nouveau disponible.',
    check_in_asked: 'Nouvelles de votre médecin : comment allez-vous ? Mieux, pareil ou moins bien ? Répondez sur la page de la consultation.',
    check_in_emergency: 'L’urgence d’abord : ce que décrit le patient peut être une urgence. Appelez le {number} maintenant si cela se produit.',
    check_in_better: 'Nouvelles : le patient se sent mieux.',
    check_in_same: 'Nouvelles : le patient se sent pareil.',
    check_in_worse: 'Nouvelles : le patient se sent moins bien.',
    check_in_better_text: 'Nouvelles : le patient se sent mieux : « {text} »',
    check_in_same_text: 'Nouvelles : le patient se sent pareil : « {text} »',
    check_in_worse_text: 'Nouvelles : le patient se sent moins bien : « {text} »',
    check_in_reopened: 'La conversation est de nouveau ouverte au médecin.',
    check_in_taken: '{name}, du service, répond à la prise de nouvelles.',
    follow_up_missed: 'Le médecin n’a pas répondu à temps.',
    follow_up_missed_free:
      'Le médecin n’a pas répondu à temps. Cette consultation était gratuite, il n’y a donc rien à rembourser : vous pouvez interroger un autre médecin du service.',
    follow_up_missed_refunded: 'Le médecin n’a pas répondu à temps : {percent} % du prix vous est remboursé sur votre compte {provider}.',
    follow_up_missed_already:
      'Le médecin n’a pas répondu à temps. Le remboursement pour une question de suivi sans réponse a déjà été fait pour cette consultation.',
    call_audio_declined: 'Appel vocal refusé',
    call_video_declined: 'Appel vidéo refusé',
    call_missed: 'Appel manqué',
    call_audio_ended: 'Appel vocal, {duration}',
    call_video_ended: 'Appel vidéo, {duration}',
    group_added: '{name} a ajouté {names}',
    group_left: '{name} est parti',
    group_removed: '{name} a retiré {other}',
    someone: 'Quelqu’un',
    provider_alipay: 'Alipay',
    provider_wechatpay: 'WeChat Pay',
    provider_card: 'carte bancaire',
    provider_sandbox: 'bac à sable',
  },
} satisfies Record<Locale, Record<string, string>>;
type Word = keyof (typeof SYSTEM_WORDS)['en'];

/** "7 min 12 s", "45 s", "1 h 2 min" (fr alike, with no-break spaces); "7分12秒" in zh. */
export function spokenDuration(seconds: number, locale: Locale = 'en'): string {
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = seconds % 60;
  const parts =
    h > 0
      ? [
          [h, 'h'],
          [m, 'min'],
        ]
      : m > 0
        ? [
            [m, 'min'],
            [s, 's'],
          ]
        : [[s, 's']];
  const shown = parts.filter(([n], i) => i === 0 || Number(n) > 0);
  if (locale === 'zh') return shown.map(([n, unit]) => `${n}${{ h: '小时', min: '分', s: '秒' }[unit as 'h' | 'min' | 's']}`).join('');
  const space = locale === 'fr' ? '\u00a0' : ' ';
  return shown.map(([n, unit]) => `${n}${space}${unit}`).join(' ');
}

function list(names: SystemParam | undefined, locale: Locale): string {
  const items = Array.isArray(names) ? names : [String(names ?? '')];
  if (locale === 'zh') return items.join('、');
  return items.join(', ');
}

/** The line in `locale`; an unknown key (a newer server) answers null so the caller shows the text. */
export function systemText(line: { key: string; params: SystemParams }, locale: Locale): string | null {
  const words = SYSTEM_WORDS[locale];
  const p = line.params;
  const fill = (word: Word, vars: Record<string, string | number> = {}) => {
    let text: string = words[word];
    // French spacing before : ; ? ! » and after «, where it must not break.
    if (locale === 'fr') text = text.replace(/ ([;:?!»%])/g, '\u00a0$1').replace(/« /g, '«\u00a0');
    for (const [k, v] of Object.entries(vars)) text = text.replaceAll(`{${k}}`, String(v));
    return text;
  };
  const str = (name: string) => (p[name] === undefined || p[name] === '' ? words.someone : String(p[name]));
  const media = p.media === 'video' ? 'video' : 'audio';
  switch (line.key) {
    case 'consultation_joined':
      return fill('consultation_joined', { name: str('name') });
    case 'consultation_expired':
      return [
        fill('consultation_expired', { minutes: Number(p.minutes) }),
        p.outcome === 'refunded' ? fill('expired_refunded') : p.outcome === 'free_credit_returned' ? fill('expired_free_returned') : '',
      ]
        .filter(Boolean)
        .join(words.join);
    case 'check_in_asked':
      return fill('check_in_asked');
    case 'check_in_answered': {
      const answer = p.answer === 'better' || p.answer === 'worse' ? p.answer : 'same';
      const text = typeof p.text === 'string' && p.text ? p.text : null;
      return [
        p.emergencyNumber ? fill('check_in_emergency', { number: String(p.emergencyNumber) }) : '',
        text ? fill(`check_in_${answer}_text`, { text }) : fill(`check_in_${answer}`),
        p.reopened ? fill('check_in_reopened') : '',
      ]
        .filter(Boolean)
        .join(words.join);
    }
    case 'check_in_taken':
      return fill('check_in_taken', { name: str('name') });
    case 'follow_up_missed': {
      const outcome = p.outcome;
      if (outcome === 'free') return fill('follow_up_missed_free');
      if (outcome === 'already_refunded') return fill('follow_up_missed_already');
      if (outcome === 'refunded') {
        const provider = `provider_${String(p.provider)}`;
        return fill('follow_up_missed_refunded', { percent: Number(p.percent), provider: provider in words ? words[provider as Word] : String(p.provider) });
      }
      return fill('follow_up_missed');
    }
    case 'call_declined':
      return fill(`call_${media}_declined`);
    case 'call_missed':
      return fill('call_missed');
    case 'call_ended':
      return fill(`call_${media}_ended`, { duration: spokenDuration(Number(p.seconds) || 0, locale) });
    case 'group_added':
      return fill('group_added', { name: str('name'), names: list(p.names, locale) });
    case 'group_left':
      return fill('group_left', { name: str('name') });
    case 'group_removed':
      return fill('group_removed', { name: str('name'), other: str('other') });
    default:
      return null;
  }
}

/** A line with its English text, as the server stores it. */
export function systemLine(key: SystemKey, params: SystemParams = {}): SystemLine & { text: string } {
  const line = { key, params };
  return { ...line, text: systemText(line, 'en')! };
}

/** The line a follow-up's stored English note was written from (notes keep only their
 * text), so it can be shown in the reader's language; null for any other text. */
export function followUpNoteLine(note: string): SystemLine | null {
  const en = SYSTEM_WORDS.en;
  if (note === en.follow_up_missed) return { key: 'follow_up_missed', params: {} };
  if (note === en.follow_up_missed_free) return { key: 'follow_up_missed', params: { outcome: 'free' } };
  if (note === en.follow_up_missed_already) return { key: 'follow_up_missed', params: { outcome: 'already_refunded' } };
  const refunded = /^The doctor did not reply in time: (\d+)% of the price is being refunded to your (.+) account\.$/.exec(note);
  if (!refunded) return null;
  // The provider as written (its English name, or its code in older notes), back to its code.
  const named = Object.entries(en).find(([word, text]) => word.startsWith('provider_') && text === refunded[2]);
  return {
    key: 'follow_up_missed',
    params: { outcome: 'refunded', percent: Number(refunded[1]), provider: named ? named[0].slice('provider_'.length) : refunded[2]! },
  };
}
