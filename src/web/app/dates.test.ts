// Times follow the reader's language: a 24-hour clock in Chinese and French, 12-hour in English.
import { describe, expect, it } from 'vitest';
import { formatDate, formatDateTime, formatTime, intlLocale } from './dates.ts';

const afternoon = new Date(2026, 11, 1, 14, 5);

describe('dates in the reader language', () => {
  it('shows a 24-hour clock in zh and fr and a 12-hour one in en', () => {
    expect(formatTime(afternoon, 'fr')).toBe('14:05');
    expect(formatTime(afternoon, 'zh')).toBe('14:05');
    expect(formatTime(afternoon, 'en')).toMatch(/^02:05\s?PM$/);
    expect(formatDateTime(afternoon, 'fr')).toContain('14:05');
    expect(formatDateTime(afternoon, 'zh')).toContain('14:05');
    expect(formatDateTime(afternoon, 'en')).toMatch(/2:05\s?PM/);
    expect(formatDateTime(afternoon.toISOString(), 'fr', { dateStyle: 'short', timeStyle: 'medium' })).toContain('14:05:00');
  });

  it('writes the date in the language', () => {
    expect(formatDate(afternoon, 'fr', { day: 'numeric', month: 'long', year: 'numeric' })).toBe('1 décembre 2026');
    expect(formatDate(afternoon, 'zh', { day: 'numeric', month: 'long', year: 'numeric' })).toBe('2026年12月1日');
    expect(formatDate(afternoon, 'en', { day: 'numeric', month: 'long', year: 'numeric' })).toBe('December 1, 2026');
    expect(intlLocale('zh')).toBe('zh-CN');
  });
});
