// A small in-process scheduler for periodic maintenance (licence expiry checks, clean-ups).
// Each job runs at a fixed interval, never overlaps itself, logs its failures instead of
// crashing the process, and every timer stops when the app closes. With several server
// processes each runs the jobs; jobs must therefore be idempotent (they are: each re-reads
// the state it changes in a transaction).
export interface JobLogger {
  error(obj: unknown, msg?: string): void;
}

interface Job {
  name: string;
  intervalMs: number;
  run: () => Promise<unknown>;
  timer: NodeJS.Timeout | null;
  running: Promise<void> | null;
}

export class JobRunner {
  private readonly jobs = new Map<string, Job>();
  private stopped = false;

  private log: JobLogger = { error: (obj, msg) => console.error(msg ?? 'job failed', obj) };

  /** Failures go to the app's logger once it exists. */
  useLogger(log: JobLogger): void {
    this.log = log;
  }

  /** Runs `run` every `intervalMs`, the first time after `firstDelayMs` (default: one interval). */
  every(name: string, intervalMs: number, run: () => Promise<unknown>, firstDelayMs = intervalMs): void {
    if (this.jobs.has(name)) throw new Error(`job ${name} is already scheduled`);
    const job: Job = { name, intervalMs, run, timer: null, running: null };
    this.jobs.set(name, job);
    this.schedule(job, firstDelayMs);
  }

  private schedule(job: Job, delay: number): void {
    if (this.stopped) return;
    job.timer = setTimeout(() => {
      job.timer = null;
      void this.runNow(job.name).finally(() => this.schedule(job, job.intervalMs));
    }, delay);
    job.timer.unref();
  }

  /** Runs a job at once (tests, `lotus` commands); waits for a run already in flight. */
  async runNow(name: string): Promise<void> {
    const job = this.jobs.get(name);
    if (!job) throw new Error(`no job named ${name}`);
    if (job.running) return job.running;
    job.running = job
      .run()
      .then(() => undefined)
      .catch((error: unknown) => this.log.error({ err: error, job: name }, 'job failed'))
      .finally(() => {
        job.running = null;
      });
    return job.running;
  }

  get names(): string[] {
    return [...this.jobs.keys()];
  }

  /** Stops every timer and waits for runs in flight. */
  async stop(): Promise<void> {
    this.stopped = true;
    const inFlight: Array<Promise<void>> = [];
    for (const job of this.jobs.values()) {
      if (job.timer) clearTimeout(job.timer);
      job.timer = null;
      if (job.running) inFlight.push(job.running);
    }
    await Promise.allSettled(inFlight);
  }
}
