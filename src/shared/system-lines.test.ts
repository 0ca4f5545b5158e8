// System lines read in each reader's language, from the key and parameters the server stored.
import { describe, expect, it } from 'vitest';
import { followUpNoteLine, spokenDuration, systemLine, systemText, SYSTEM_KEYS, SYSTEM_WORDS, type SystemParams } from './system-lines.ts';

describe('system lines', () => {
  it('render the joined line in Chinese and French from its key, and in English as the stored text', () => {
    const line = systemLine('consultation_joined', { name: '李医生' });
    expect(line.text).toBe('李医生 has joined the consultation.');
    expect(systemText(line, 'zh')).toBe('李医生 已加入问诊。');
    expect(systemText(line, 'fr')).toBe('李医生 a rejoint la consultation.');
  });

  it('say how long a call lasted in the reader’s words', () => {
    expect(spokenDuration(432)).toBe('7 min 12 s');
    expect(spokenDuration(45, 'zh')).toBe('45秒');
    expect(spokenDuration(432, 'zh')).toBe('7分12秒');
    expect(spokenDuration(3720, 'zh')).toBe('1小时2分');
    expect(spokenDuration(3600, 'fr')).toBe('1\u00a0h');
    expect(systemText(systemLine('call_ended', { media: 'video', seconds: 432 }), 'zh')).toBe('视频通话，7分12秒');
    expect(systemLine('call_ended', { media: 'video', seconds: 432 }).text).toBe('Video call, 7 min 12 s');
  });

  it('compose check-in answers with the emergency number first, and list added names per language', () => {
    const answered = systemLine('check_in_answered', { answer: 'same', text: 'chest pain', emergencyNumber: '15', reopened: true });
    expect(answered.text).toBe(
      'Emergency first: what the patient describes can be an emergency. Call 15 now if it is happening. Check-in: the patient feels the same: “chest pain” The conversation is open again for the doctor.',
    );
    expect(systemText(answered, 'zh')).toBe(
      '紧急情况优先：患者描述的情况可能是急症。如果正在发生，请立即拨打 15。回访：患者感觉没有变化：“chest pain”对话已重新向医生开放。',
    );
    expect(systemText(systemLine('group_added', { name: 'Bo', names: ['Cy', 'Dee'] }), 'zh')).toBe('Bo 添加了 Cy、Dee');
    expect(systemText(systemLine('follow_up_missed', { outcome: 'refunded', percent: 50, provider: 'alipay' }), 'fr')).toBe(
      'Le médecin n’a pas répondu à temps\u00a0: 50\u00a0% du prix vous est remboursé sur votre compte Alipay.',
    );
  });

  it('render every key in every language, and answer null for a key this build does not know', () => {
    for (const key of SYSTEM_KEYS) for (const locale of ['en', 'zh', 'fr'] as const) expect(systemText({ key, params: {} }, locale)).toBeTruthy();
    expect(Object.keys(SYSTEM_WORDS.zh).sort()).toEqual(Object.keys(SYSTEM_WORDS.en).sort());
    expect(systemText({ key: 'something_new' as never, params: {} }, 'zh')).toBeNull();
  });

  it('finds the line a follow-up note was written from, to show it in the reader’s language', () => {
    const all: SystemParams[] = [{}, { outcome: 'free' }, { outcome: 'already_refunded' }, { outcome: 'refunded', percent: 50, provider: 'alipay' }];
    for (const params of all) {
      const line = systemLine('follow_up_missed', params);
      expect(followUpNoteLine(line.text)).toEqual({ key: 'follow_up_missed', params });
    }
    expect(systemText(followUpNoteLine('The doctor did not reply in time: 50% of the price is being refunded to your alipay account.')!, 'zh')).toBe(
      '医生未能按时回复：费用的 50% 正在退还至您的支付宝账户。',
    );
    expect(followUpNoteLine('Something else')).toBeNull();
  });
});
