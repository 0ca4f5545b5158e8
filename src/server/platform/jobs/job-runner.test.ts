import { describe, expect, it } from 'vitest';
import { JobRunner } from './job-runner.ts';

describe('job runner', () => {
  it('runs a job on its interval, never overlapping itself, logs failures, and stops', async () => {
    const runner = new JobRunner();
    const errors: unknown[] = [];
    runner.useLogger({ error: (obj) => errors.push(obj) });
    let runs = 0;
    let concurrent = 0;
    let maxConcurrent = 0;
    runner.every('tick', 10, async () => {
      concurrent++;
      maxConcurrent = Math.max(maxConcurrent, concurrent);
      runs++;
      await new Promise((r) => setTimeout(r, 15));
      concurrent--;
      if (runs === 2) throw new Error('boom');
    }, 0);
    await new Promise((r) => setTimeout(r, 120));
    await runner.stop();
    const after = runs;
    expect(after).toBeGreaterThanOrEqual(3);
    expect(maxConcurrent).toBe(1);
    expect(errors).toHaveLength(1);
    await new Promise((r) => setTimeout(r, 50));
    expect(runs).toBe(after);
    expect(() => runner.every('tick', 10, async () => undefined)).toThrow(/already/);
  });
});
