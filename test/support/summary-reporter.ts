// Prints one closing line, `tests: N passed, N failed, N skipped`, that CI can read
// whatever runner it knows; under CI=true any skipped test fails the run.
import type { Reporter, TestModule } from 'vitest/node';

export default class SummaryReporter implements Reporter {
  onTestRunEnd(testModules: ReadonlyArray<TestModule>): void {
    let passed = 0;
    let failed = 0;
    let skipped = 0;
    for (const module of testModules) {
      for (const test of module.children.allTests()) {
        const state = test.result().state;
        if (state === 'passed') passed++;
        else if (state === 'failed') failed++;
        else skipped++;
      }
      // A file that failed outside its tests (a beforeAll, an import) is a failure, and the
      // tests it could not run are not "skipped" by choice.
      if (module.state() === 'failed' && ![...module.children.allTests()].some((test) => test.result().state === 'failed')) failed++;
    }
    const ci = process.env.CI === 'true' || process.env.CI === '1';
    process.stdout.write(`\ntests: ${passed} passed, ${failed} failed, ${skipped} skipped\n`);
    if (ci && skipped > 0) {
      process.stdout.write(`CI=true: ${skipped} skipped test(s) count as failures.\n`);
      process.exitCode = 1;
    }
  }
}
