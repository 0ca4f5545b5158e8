// The mini-program's size budget: initial JavaScript of /mini/ (its module scripts and
// module preloads, gzip) must stay at or under 50 KB. Printed by the build and by
// `npm run bench -- mini`.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';

export const MINI_BUDGET_BYTES = 50 * 1024;

/** Initial JavaScript of a built page: every script src and modulepreload href, gzip-sized. */
export function initialJavaScript(distDir, htmlFile) {
  const html = readFileSync(path.join(distDir, htmlFile), 'utf8');
  const urls = new Set();
  for (const match of html.matchAll(/<script[^>]+src="([^"]+)"/g)) urls.add(match[1]);
  for (const match of html.matchAll(/<link[^>]+rel="modulepreload"[^>]+href="([^"]+)"/g)) urls.add(match[1]);
  const files = [...urls].map((url) => {
    const bytes = readFileSync(path.join(distDir, url.replace(/^\//, '')));
    return { url, raw: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length };
  });
  return { files, gzip: files.reduce((sum, f) => sum + f.gzip, 0), raw: files.reduce((sum, f) => sum + f.raw, 0) };
}

export function describeMiniBudget(distDir) {
  const mini = initialJavaScript(distDir, 'mini/index.html');
  const within = mini.gzip <= MINI_BUDGET_BYTES;
  return {
    ...mini,
    within,
    line: `mini-program initial JavaScript: ${(mini.gzip / 1024).toFixed(1)} KB gzip of ${(MINI_BUDGET_BYTES / 1024).toFixed(0)} KB budget (${mini.files.length} file(s))${within ? '' : '  OVER BUDGET'}`,
  };
}
