// What a person is told when a red flag is found, and what a doctor reads about it. The
// screening runs before any other check on every path where a patient writes (asking, the
// mini-program, chat, forums), so someone who types nine characters about wanting to die
// is shown the emergency number instead of "write at least a sentence".
//
// Asking a doctor stops (422 `urgent_symptoms`) until the patient acknowledges: waiting for
// an online reply could cost the time an ambulance needs. A chat message to one's doctor and
// a forum post are never blocked: the message goes through and the writer is shown the same
// guidance (`urgent` in the answer, also on a validation error), because silencing someone
// in distress who is talking to a person is worse than a banner.
import type { Locale } from '../../../shared/locales.ts';
import { AppError } from '../../platform/http/errors.ts';
import { detectRedFlags, emergencyNumber, emergencyNumbers, type RedFlag } from './triage.red-flags.ts';

export interface UrgentGuidance {
  flags: RedFlag[];
  country: string;
  /** The numbers to call, the first one first (`["15", "112"]` in France). */
  emergencyNumbers: string[];
  message: string;
}

const urgentMessages: Record<Locale, (number: string) => string> = {
  en: (n) => `What you describe can be an emergency. Call ${n} now if it is happening. An online consultation cannot help in time.`,
  fr: (n) => `Ce que vous décrivez peut être une urgence. Appelez le ${n} maintenant si cela se produit. Une consultation en ligne ne peut pas aider à temps.`,
  zh: (n) => `您描述的情况可能是急症。如果正在发生，请立即拨打 ${n}。在线问诊无法及时提供帮助。`,
};

/** The red flags in a text and, when there are any, what to tell its writer. */
export function screen(text: string, country: string, locale: Locale): UrgentGuidance | null {
  const { flags } = detectRedFlags(text);
  if (flags.length === 0) return null;
  const numbers = emergencyNumbers(country);
  return { flags, country: emergencyNumber(country).country, emergencyNumbers: numbers, message: urgentMessages[locale](numbers[0]!) };
}

/** 422 `urgent_symptoms`: the stop before asking a doctor. `emergencyNumber` (the first of
 * `emergencyNumbers`) is kept for clients that read one number. */
export function urgentSymptoms(guidance: UrgentGuidance): AppError {
  return new AppError(422, 'urgent_symptoms', guidance.message, undefined, {
    emergencyNumber: guidance.emergencyNumbers[0],
    emergencyNumbers: guidance.emergencyNumbers,
    emergency: emergencyNumber(guidance.country),
    country: guidance.country,
    flags: guidance.flags,
  });
}

/** A validation error that also carries the emergency guidance, when the text had red flags. */
export function withGuidance(error: AppError, guidance: UrgentGuidance | null): AppError {
  if (!guidance) return error;
  return new AppError(error.statusCode, error.code, error.message, error.fields, { ...(error.extra ?? {}), urgent: guidance });
}

const flagNames: Record<Locale, Record<RedFlag, string>> = {
  en: {
    chest_pain: 'Possible chest pain',
    stroke_signs: 'Possible signs of a stroke',
    breathing_difficulty: 'Possible difficulty breathing',
    suicidal_thoughts: 'Possible suicidal thoughts',
    severe_bleeding: 'Possible severe bleeding',
    anaphylaxis: 'Possible severe allergic reaction',
    unconsciousness: 'Possible loss of consciousness',
    seizure: 'Possible seizure',
    poisoning: 'Possible poisoning or overdose',
  },
  fr: {
    chest_pain: 'Douleur thoracique possible',
    stroke_signs: 'Signes possibles d’AVC',
    breathing_difficulty: 'Difficulté à respirer possible',
    suicidal_thoughts: 'Idées suicidaires possibles',
    severe_bleeding: 'Saignement grave possible',
    anaphylaxis: 'Réaction allergique grave possible',
    unconsciousness: 'Perte de connaissance possible',
    seizure: 'Crise convulsive possible',
    poisoning: 'Intoxication ou surdosage possible',
  },
  zh: {
    chest_pain: '可能胸痛',
    stroke_signs: '可能有中风征兆',
    breathing_difficulty: '可能呼吸困难',
    suicidal_thoughts: '可能有自杀念头',
    severe_bleeding: '可能严重出血',
    anaphylaxis: '可能严重过敏反应',
    unconsciousness: '可能失去意识',
    seizure: '可能抽搐发作',
    poisoning: '可能中毒或服药过量',
  },
};

const continued: Record<Locale, string> = {
  en: 'the patient was shown emergency guidance and chose to continue',
  fr: 'le patient a vu les consignes d’urgence et a choisi de continuer',
  zh: '患者已看到急救指引，并选择继续问诊',
};

/** The flags as sentences a doctor reads in their own language, never as codes. */
export function redFlagNotes(flags: readonly string[], locale: Locale): string[] {
  const names = flagNames[locale];
  const sep = locale === 'zh' ? '：' : locale === 'fr' ? ' : ' : ': ';
  return flags.filter((f): f is RedFlag => f in names).map((f) => `${names[f]}${sep}${continued[locale]}`);
}
