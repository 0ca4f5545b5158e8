#!/usr/bin/env node
// The `lotus` command. TypeScript sources run through tsx's loader so there is no
// separate server build step: what is in src/ is what runs.
import { register } from 'tsx/esm/api';
register();
await import('../src/cli/main.ts');
