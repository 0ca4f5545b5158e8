// Small conversions shared by every store: both dialects store timestamps as ISO-8601
// UTC text (sortable, identical on both), booleans as 0/1 integers and JSON as text.
export const toBool = (value: unknown): boolean => value === 1 || value === true || value === '1';
export const fromBool = (value: boolean): number => (value ? 1 : 0);
export function parseJson<T>(value: unknown, fallback: T): T {
  if (typeof value !== 'string' || value === '') return fallback;
  try {
    return JSON.parse(value) as T;
  } catch {
    return fallback;
  }
}
