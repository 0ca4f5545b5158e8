// Text normalisation for search, shared by indexing, querying, snippets and did-you-mean,
// so SQLite and PostgreSQL see exactly the same tokens: NFKC, lower case, diacritics
// stripped ("diabète" → "diabete"), words of letters and digits, and runs of CJK
// characters cut into overlapping bigrams plus the run's last character ("高血糖" →
// 高血 血糖 糖), so a two-character Chinese query matches anywhere in a word and a
// one-character query matches as a prefix.

const CJK = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u;
const WORD_CHAR = /[\p{L}\p{N}]/u;

const ASCII = /^[\x00-\x7f]*$/;
const ASCII_WORD = /[a-z0-9]+/g;
const charCache = new Map<string, string>();
const classCache = new Map<string, number>();
const OTHER = 0;
const WORD = 1;
const HAN = 2;

/** Normalises one character (or code point) the way search does; may return '' or several characters. */
function normaliseChar(c: string): string {
  // ASCII only changes case; anything else is worked out once per character.
  if (c.length === 1 && c.charCodeAt(0) < 128) return c.toLowerCase();
  let n = charCache.get(c);
  if (n === undefined) {
    n = c.normalize('NFKC').toLowerCase().normalize('NFD').replace(/\p{M}/gu, '').normalize('NFC');
    if (charCache.size < 65536) charCache.set(c, n);
  }
  return n;
}

/** CJK, letter or digit, or a separator. */
function classOf(c: string): number {
  if (c.length === 1) {
    const code = c.charCodeAt(0);
    if (code < 128) return (code >= 97 && code <= 122) || (code >= 48 && code <= 57) || (code >= 65 && code <= 90) ? WORD : OTHER;
  }
  let k = classCache.get(c);
  if (k === undefined) {
    k = CJK.test(c) ? HAN : WORD_CHAR.test(c) ? WORD : OTHER;
    if (classCache.size < 65536) classCache.set(c, k);
  }
  return k;
}

export function normalise(text: string): string {
  return text.normalize('NFKC').toLowerCase().normalize('NFD').replace(/\p{M}/gu, '').normalize('NFC');
}

export interface Token {
  text: string;
  /** Range in the normalised text. */
  start: number;
  end: number;
}

/** Tokens of already-normalised text, with their positions. */
export function tokenizeNormalised(text: string): Token[] {
  const tokens: Token[] = [];
  const chars = Array.from(text);
  let offset = 0;
  let word = '';
  let wordStart = 0;
  let cjkRun: Array<{ c: string; start: number }> = [];
  const flushWord = () => {
    if (word) tokens.push({ text: word, start: wordStart, end: wordStart + word.length });
    word = '';
  };
  const flushCjk = () => {
    if (cjkRun.length === 1) {
      const only = cjkRun[0]!;
      tokens.push({ text: only.c, start: only.start, end: only.start + only.c.length });
    } else if (cjkRun.length > 1) {
      for (let i = 0; i + 1 < cjkRun.length; i++) {
        const a = cjkRun[i]!;
        const b = cjkRun[i + 1]!;
        tokens.push({ text: a.c + b.c, start: a.start, end: b.start + b.c.length });
      }
      const last = cjkRun[cjkRun.length - 1]!;
      tokens.push({ text: last.c, start: last.start, end: last.start + last.c.length });
    }
    cjkRun = [];
  };
  for (const c of chars) {
    const kind = classOf(c);
    if (kind === HAN) {
      flushWord();
      cjkRun.push({ c, start: offset });
    } else if (kind === WORD) {
      flushCjk();
      if (!word) wordStart = offset;
      word += c;
    } else {
      flushWord();
      flushCjk();
    }
    offset += c.length;
  }
  flushWord();
  flushCjk();
  return tokens;
}

/** Search tokens of any text. */
export function tokenize(text: string): string[] {
  return tokenizeNormalised(normalise(text)).map((t) => t.text);
}

export const isCjkToken = (token: string): boolean => CJK.test(token);

/**
 * The tokens of a user's query: the same normalisation, with a run's trailing
 * single character dropped when the run also gave bigrams (every bigram must match;
 * the lone last character adds nothing), and no duplicates. Everything the user typed
 * is text: quotes, OR, *, NEAR( are separators or plain words, never syntax.
 */
export function queryTokens(query: string): string[] {
  const tokens = tokenizeNormalised(normalise(query));
  const out: string[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    const prev = tokens[i - 1];
    const isTrailingSingle = Array.from(t.text).length === 1 && isCjkToken(t.text) && prev && isCjkToken(prev.text) && prev.end === t.end;
    if (isTrailingSingle) continue;
    if (!out.includes(t.text)) out.push(t.text);
  }
  return out.slice(0, 32);
}

/** Normalised text with, for each normalised character index, the original index it came from. */
export function normaliseWithMap(text: string): { normalised: string; origin: number[]; originEnd: number[] } {
  let normalised = '';
  const origin: number[] = [];
  const originEnd: number[] = [];
  let index = 0;
  for (const c of text) {
    const n = normaliseChar(c);
    for (let i = 0; i < n.length; i++) {
      origin.push(index);
      originEnd.push(index + c.length);
    }
    normalised += n;
    index += c.length;
  }
  return { normalised, origin, originEnd };
}

const escapeHtml = (value: string) => value.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/** Ranges of `text` (original coordinates) matching any query token. */
export function matchRanges(text: string, tokens: string[], prefixLast = false): Array<[number, number]> {
  if (tokens.length === 0) return [];
  // Most texts hold none of the tokens: a substring test on the normalised text says so
  // before positions are mapped (a token found, or a prefix matched, is always a substring).
  const ascii = ASCII.test(text);
  const plain = ascii ? text.toLowerCase() : Array.from(text, normaliseChar).join('');
  if (!tokens.some((t) => plain.includes(t))) return [];
  const last = tokens[tokens.length - 1]!;
  const ranges: Array<[number, number]> = [];
  if (ascii) {
    // ASCII normalises character for character to lower case, and its words are [a-z0-9] runs.
    for (const m of plain.matchAll(ASCII_WORD)) {
      const word = m[0];
      if (tokens.includes(word) || (prefixLast && word.startsWith(last))) ranges.push([m.index, m.index + word.length]);
    }
  } else {
    const { normalised, origin, originEnd } = normaliseWithMap(text);
    for (const t of tokenizeNormalised(normalised)) {
      const hit = tokens.includes(t.text) || (prefixLast && t.text.startsWith(last));
      if (hit) ranges.push([origin[t.start]!, originEnd[t.end - 1]!]);
    }
  }
  ranges.sort((a, b) => a[0] - b[0]);
  const merged: Array<[number, number]> = [];
  for (const r of ranges) {
    const top = merged[merged.length - 1];
    if (top && r[0] <= top[1]) top[1] = Math.max(top[1], r[1]);
    else merged.push([r[0], r[1]]);
  }
  return merged;
}

/** HTML-escaped text with matches wrapped in <mark>: safe to insert as HTML. */
export function highlight(text: string, ranges: Array<[number, number]>): string {
  let out = '';
  let at = 0;
  for (const [start, end] of ranges) {
    if (start < at) continue;
    out += escapeHtml(text.slice(at, start)) + '<mark>' + escapeHtml(text.slice(start, end)) + '</mark>';
    at = end;
  }
  return out + escapeHtml(text.slice(at));
}

/** A short excerpt around the first match of the first text that has one, highlighted. */
export function snippet(texts: string[], tokens: string[], width = 180, prefixLast = false): string {
  for (const text of texts) {
    if (!text) continue;
    const ranges = matchRanges(text, tokens, prefixLast);
    if (ranges.length === 0) continue;
    const first = ranges[0]![0];
    let start = Math.max(0, first - Math.floor(width / 3));
    if (start > 0) {
      const space = text.lastIndexOf(' ', start);
      start = space > start - 20 && space >= 0 ? space + 1 : start;
    }
    const end = Math.min(text.length, start + width);
    const inside = ranges.filter(([s, e]) => s >= start && e <= end).map(([s, e]) => [s - start, e - start] as [number, number]);
    return (start > 0 ? '…' : '') + highlight(text.slice(start, end), inside) + (end < text.length ? '…' : '');
  }
  const first = texts.find((t) => t) ?? '';
  return escapeHtml(first.slice(0, width)) + (first.length > width ? '…' : '');
}

/** A URL slug from a title: normalised words joined by hyphens; CJK characters kept. */
export function slugify(title: string): string {
  const words: string[] = [];
  let word = '';
  for (const c of normalise(title)) {
    if (WORD_CHAR.test(c)) word += c;
    else if (word) {
      words.push(word);
      word = '';
    }
  }
  if (word) words.push(word);
  return words.join('-').slice(0, 120).replace(/-+$/, '') || 'entry';
}

export const SLUG_PATTERN = '^[\\p{L}\\p{N}]+(-[\\p{L}\\p{N}]+)*$';
const slugRegex = new RegExp(SLUG_PATTERN, 'u');
export const isSlug = (value: string): boolean => value.length <= 160 && slugRegex.test(value);

/** A–Z browsing: the entry's first letter after normalisation, or '#' for anything else. */
export function initialOf(title: string): string {
  const first = normalise(title).trim()[0] ?? '';
  return /[a-z]/.test(first) ? first : '#';
}

/** Restricted Damerau–Levenshtein distance, giving up past `max`. */
export function editDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  const rows: number[][] = [];
  for (let i = 0; i <= a.length; i++) {
    rows.push(new Array<number>(b.length + 1).fill(0));
    rows[i]![0] = i;
  }
  for (let j = 0; j <= b.length; j++) rows[0]![j] = j;
  for (let i = 1; i <= a.length; i++) {
    let best = Infinity;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(rows[i - 1]![j]! + 1, rows[i]![j - 1]! + 1, rows[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, rows[i - 2]![j - 2]! + 1);
      rows[i]![j] = v;
      if (v < best) best = v;
    }
    if (best > max) return max + 1;
  }
  return rows[a.length]![b.length]!;
}

/** Tokens are letters and digits only (see tokenize); index and query builders keep it so. */
export const safeToken = (token: string): string => token.replace(/[^\p{L}\p{N}]/gu, '');
