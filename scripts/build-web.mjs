#!/usr/bin/env node
// Builds the four web faces into dist/web with Vite. Runs on `npm install` (postinstall)
// and `npm run build`; `lotus start` runs it when no build is found.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const ifMissing = process.argv.includes('--if-missing');
if (ifMissing && existsSync(path.join(root, 'dist/web/index.html')) && !process.env.LOTUS_REBUILD_WEB) process.exit(0);

let vite;
try {
  vite = await import('vite');
} catch {
  console.log('lotus: vite is not installed (production install without dev dependencies?); skipping the web build.');
  process.exit(0);
}
await vite.build({ configFile: path.join(root, 'vite.config.ts'), logLevel: process.env.CI ? 'warn' : 'info' });

const { describeMiniBudget } = await import('./mini-budget.mjs');
const budget = describeMiniBudget(path.join(root, 'dist/web'));
console.log(budget.line);
if (!budget.within) process.exitCode = 1;
