// Red-flag detection: words that describe symptoms needing urgent care now, not a forum
// answer or a chat with a doctor in an hour. Pure and synchronous, so the community (a
// banner above a post) and consultations (a warning before a patient waits) share one
// list. It errs on the side of showing guidance: a false alarm costs a banner, a miss
// can cost a life, so negations ("no chest pain") are deliberately not subtracted.

export const RED_FLAGS = [
  'chest_pain',
  'stroke_signs',
  'breathing_difficulty',
  'suicidal_thoughts',
  'severe_bleeding',
  'anaphylaxis',
  'unconsciousness',
  'seizure',
  'poisoning',
] as const;
export type RedFlag = (typeof RED_FLAGS)[number];

export interface RedFlagResult {
  flags: RedFlag[];
}

// One list per flag, English, French and Chinese together. Latin patterns are matched on
// text lowered and stripped of accents; Chinese on the text as written (NFKC).
const patterns: Record<RedFlag, RegExp[]> = {
  chest_pain: [
    /\bchest (pain|pains|tightness|pressure)\b/,
    /\b(pain|pressure|tightness|crushing) (in|on) (my|the) chest\b/,
    /\bheart attack\b/,
    /\bdouleurs? (a |dans )?la poitrine\b/,
    /\bdouleurs? thoraciques?\b/,
    /\boppression thoracique\b/,
    /\bcrise cardiaque\b/,
    /\binfarctus\b/,
    /胸痛|胸口痛|胸口疼|胸闷|胸部疼痛|心绞痛|心梗|心肌梗/,
  ],
  stroke_signs: [
    /\bstroke\b/,
    /\b(face|mouth) (is )?(drooping|droops|drooped)\b/,
    /\bslurred speech\b/,
    /\b(sudden )?(numbness|weakness) (in|on|of) (one|my left|my right|the left|the right) (side|arm|leg)\b/,
    /\bavc\b/,
    /\baccident vasculaire\b/,
    /\bvisage (paralyse|deforme)\b/,
    /\bbouche de travers\b/,
    /\bdifficultes? a parler\b/,
    /中风|脑卒中|卒中|口角歪斜|嘴歪|说话不清|口齿不清|半身麻木|一侧肢体无力/,
  ],
  breathing_difficulty: [
    /\b(difficulty|trouble|struggling|hard) (breathing|to breathe)\b/,
    /\bcan'?t (breathe|catch my breath)\b/,
    /\bcannot breathe\b/,
    /\bshort(ness)? of breath\b/,
    /\bbreathless\b/,
    /\bchoking\b/,
    /\b(difficultes?|mal) a respirer\b/,
    /\bj'?etouffe\b/,
    /\bessouffle(e|ment)?\b/,
    /\bsouffle court\b/,
    /呼吸困难|喘不过气|透不过气|喘不上气|憋气|窒息/,
  ],
  suicidal_thoughts: [
    /\bsuicid(e|al)\b/,
    /\bkill(ing)? myself\b/,
    /\bend (my|it) (life|all)\b/,
    /\bwant to die\b/,
    /\bself[- ]harm\b/,
    /\bhurt(ing)? myself\b/,
    /\bme (suicider|tuer)\b/,
    /\bsuicidaires?\b/,
    /\ben finir\b/,
    /\bmettre fin a (ma|mes) (vie|jours)\b/,
    /\benvie de mourir\b/,
    /自杀|轻生|不想活|想死|结束生命|自残|割腕/,
  ],
  severe_bleeding: [
    /\b(heavy|severe|uncontrolled|won'?t stop) bleeding\b/,
    /\bbleeding (heavily|a lot|won'?t stop|that won'?t stop|will not stop)\b/,
    /\b(vomiting|coughing|throwing up) blood\b/,
    /\bsaigne(ment)? (abondant|beaucoup|qui ne s'?arrete pas)\b/,
    /\bhemorragie\b/,
    /\b(vomit|vomi|vomis|crache|crachat de) du sang\b/,
    /大出血|血流不止|出血不止|吐血|咯血|便血很多/,
  ],
  anaphylaxis: [
    /\banaphyla(xis|ctic)\b/,
    /\b(throat|tongue|lips?) (is |are )?(swelling|swollen|closing)\b/,
    /\bswollen (throat|tongue|lips?)\b/,
    /\bchoc anaphylactique\b/,
    /\banaphylaxie\b/,
    /\boedeme de quincke\b/,
    /\b(gorge|langue|levres?) (gonflee?s?|enflee?s?)\b/,
    /过敏性休克|严重过敏|喉咙肿|喉头水肿|舌头肿/,
  ],
  unconsciousness: [
    /\bunconscious\b/,
    /\b(passed|passing) out\b/,
    /\bunresponsive\b/,
    /\bwon'?t wake up\b/,
    /\binconscient(e)?\b/,
    /\bperte de connaissance\b/,
    /\bs'?est evanoui(e)?\b/,
    /昏迷|失去意识|叫不醒|晕倒|不省人事/,
  ],
  seizure: [
    /\bseizures?\b/,
    /\bconvuls(ion|ions|ing)\b/,
    /\bconvulsions?\b/,
    /\bcrise d'?epilepsie\b/,
    /抽搐|癫痫发作|抽风/,
  ],
  poisoning: [
    /\boverdose(d)?\b/,
    /\bpoison(ed|ing)\b/,
    /\bswallowed (bleach|pills|detergent)\b/,
    /\bsurdose\b/,
    /\bintoxication\b/,
    /\bempoisonne(e|ment)?\b/,
    /服药过量|吃了很多药|中毒|误服|喝了农药/,
  ],
};

function fold(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[’`]/g, "'")
    .toLowerCase()
    .replace(/\s+/g, ' ');
}

/** Which red flags a text describes. Order follows RED_FLAGS; each flag at most once. */
export function detectRedFlags(text: string): RedFlagResult {
  if (!text) return { flags: [] };
  const latin = fold(text);
  const cjk = text.normalize('NFKC');
  const flags = RED_FLAGS.filter((flag) => patterns[flag].some((re) => re.test(latin) || re.test(cjk)));
  return { flags };
}

// The numbers themselves live in src/shared so the faces can show a corrected country's
// numbers at once; the server decides with the same table.
export { emergencyNumber, emergencyNumbers, type EmergencyNumber } from '../../../shared/emergency-numbers.ts';

/** The likeliest country for an interface language, when nothing better is known. */
export function countryForLocale(locale: string): string {
  if (locale === 'zh') return 'CN';
  if (locale === 'fr') return 'FR';
  return 'US';
}

/** An ISO 3166-1 alpha-2 code, shape only (two letters); `ZZ` (unknown) is refused. */
export function isCountryCode(value: string): boolean {
  return /^[A-Z]{2}$/.test(value) && value !== 'ZZ';
}

/** The region of the most preferred language tag that names one: `en-GB,en;q=0.8` → `GB`.
 * Numeric regions (`es-419`) and scripts (`zh-Hans`) are not countries. */
export function regionOfAcceptLanguage(header: string | undefined | null): string | null {
  if (!header) return null;
  const ranked = header
    .split(',')
    .map((part) => {
      const [tag, ...params] = part.trim().split(';');
      const q = params.find((p) => p.trim().startsWith('q='));
      return { tag: (tag ?? '').trim(), q: q ? Number(q.trim().slice(2)) || 0 : 1 };
    })
    .sort((a, b) => b.q - a.q);
  for (const { tag } of ranked) {
    const region = tag.split('-').slice(1).find((part) => /^[A-Za-z]{2}$/.test(part));
    if (region) return region.toUpperCase();
  }
  return null;
}
