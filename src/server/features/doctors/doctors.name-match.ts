// Does the name an applicant gave match the name a registry holds? Registries write
// "DUPONT Jean-Pierre", "Jean Pierre Dupont", "李 伟" or "LI WEI"; people write their own
// names with accents, in either order, sometimes without the middle name. Matching ignores
// case, accents, punctuation, spacing and order; it accepts a missing middle name but never
// a different family or given name.

/** Lower-case tokens without accents or punctuation. */
export function nameTokens(name: string): string[] {
  return name
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim()
    .split(' ')
    .filter(Boolean);
}

/** True when `a` and `b` name the same person, allowing for order, accents, case, spacing
 * and one side carrying extra (middle) names. */
export function namesMatch(a: string, b: string): boolean {
  const ta = nameTokens(a);
  const tb = nameTokens(b);
  if (ta.length === 0 || tb.length === 0) return false;
  // Scripts written without spaces (Chinese): compare the letters themselves.
  const compactA = ta.join('');
  const compactB = tb.join('');
  if (compactA === compactB) return true;
  if ([...ta].sort().join('') === [...tb].sort().join('')) return true;
  const [small, large] = ta.length <= tb.length ? [ta, tb] : [tb, ta];
  if (small.length < 2) return false;
  const pool = [...large];
  for (const token of small) {
    const i = pool.indexOf(token);
    if (i < 0) return false;
    pool.splice(i, 1);
  }
  return true;
}
