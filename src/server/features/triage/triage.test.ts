import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { countryForLocale, detectRedFlags, emergencyNumber, RED_FLAGS } from './triage.red-flags.ts';

describe('detectRedFlags', () => {
  const cases: Array<[string, string]> = [
    ['I have had crushing chest pain for an hour', 'chest_pain'],
    ["J'ai une douleur à la poitrine depuis ce matin", 'chest_pain'],
    ['昨晚开始胸痛，还出冷汗', 'chest_pain'],
    ["My dad's face is drooping and he has slurred speech", 'stroke_signs'],
    ['Ma mère a la bouche de travers, on pense à un AVC', 'stroke_signs'],
    ['奶奶突然口角歪斜，说话不清', 'stroke_signs'],
    ["I can't breathe properly since this afternoon", 'breathing_difficulty'],
    ["J'ai du mal à respirer la nuit", 'breathing_difficulty'],
    ['孩子呼吸困难，嘴唇发紫', 'breathing_difficulty'],
    ['Some days I just want to die', 'suicidal_thoughts'],
    ["J'ai des pensées suicidaires depuis des semaines", 'suicidal_thoughts'],
    ['我最近总是想死，不想活了', 'suicidal_thoughts'],
    ['The cut is bleeding heavily and will not stop', 'severe_bleeding'],
    ['Il vomit du sang depuis hier', 'severe_bleeding'],
    ['他今天吐血了', 'severe_bleeding'],
    ['After the peanut my throat is swelling', 'anaphylaxis'],
    ['Elle a fait un choc anaphylactique', 'anaphylaxis'],
    ['吃了虾以后喉咙肿，严重过敏', 'anaphylaxis'],
    ['He is unconscious on the floor', 'unconsciousness'],
    ['爸爸晕倒了叫不醒', 'unconsciousness'],
    ['My son had a seizure this morning', 'seizure'],
    ['孩子发烧抽搐', 'seizure'],
    ['I think she took an overdose of paracetamol', 'poisoning'],
  ];
  it.each(cases)('finds the red flag in %j', (text, flag) => {
    expect(detectRedFlags(text).flags).toContain(flag);
  });

  it('finds several flags once each, in a stable order', () => {
    const result = detectRedFlags('Chest pain, CHEST PAIN and shortness of breath. 胸痛');
    expect(result.flags).toEqual(['chest_pain', 'breathing_difficulty']);
  });

  it('finds nothing in everyday questions', () => {
    for (const text of [
      'What is a normal blood pressure for someone my age?',
      'Quel régime pour le diabète de type 2 ?',
      '湿疹反复发作，有什么护肤建议吗？',
      'My toddler has a mild cough and a runny nose.',
      '',
    ]) {
      expect(detectRedFlags(text).flags).toEqual([]);
    }
  });

  it('never throws and only answers known flags, whatever the text', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 400 }), (text) => {
        const { flags } = detectRedFlags(text);
        return flags.every((f) => (RED_FLAGS as readonly string[]).includes(f)) && new Set(flags).size === flags.length;
      }),
    );
  });
});

describe('emergencyNumber', () => {
  it('knows China, France and the United States', () => {
    expect(emergencyNumber('CN').number).toBe('120');
    expect(emergencyNumber('fr')).toEqual({ country: 'FR', number: '15', others: ['112'] });
    expect(emergencyNumber('US').number).toBe('911');
  });
  it('falls back to 112 for an unknown or missing country', () => {
    expect(emergencyNumber('XX').number).toBe('112');
    expect(emergencyNumber(null).number).toBe('112');
  });
  it('guesses a country from the interface language', () => {
    expect(countryForLocale('zh')).toBe('CN');
    expect(countryForLocale('fr')).toBe('FR');
    expect(countryForLocale('en')).toBe('US');
  });
});
