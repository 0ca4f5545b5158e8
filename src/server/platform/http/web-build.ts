// The web faces are built by `npm install` (postinstall) or `npm run build`. If a start
// finds no build (e.g. installed with --ignore-scripts), it builds once before serving.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { webRoot } from './web-shell.ts';

const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../..');

export async function ensureWebBuilt(): Promise<void> {
  if (existsSync(path.join(webRoot, 'index.html'))) return;
  process.stdout.write('Building the web interface (first start)…\n');
  const result = spawnSync(process.execPath, [path.join(projectRoot, 'scripts/build-web.mjs')], { stdio: 'inherit', cwd: projectRoot });
  if (result.status !== 0) process.stderr.write('lotus: the web build failed; the API still runs, pages will say so.\n');
}
