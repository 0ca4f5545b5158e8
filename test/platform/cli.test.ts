// The `lotus` command as an operator meets it: configuration errors in one line with
// exit code 1, migrations safe when two processes start together, graceful shutdown.
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { testDb } from '../support/app.ts';

const lotus = path.resolve(import.meta.dirname, '../../bin/lotus.js');

function run(args: string[], env: Record<string, string>, options: { killAfterReady?: boolean } = {}) {
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
    const child = spawn(process.execPath, [lotus, ...args], {
      env: { PATH: process.env.PATH ?? '', NODE_ENV: 'test', LOG_LEVEL: 'silent', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => {
      stdout += d;
      if (options.killAfterReady && stdout.includes('Lotus Health is running')) child.kill('SIGTERM');
    });
    child.stderr.on('data', (d) => (stderr += d));
    child.on('exit', (code) => resolve({ code, stdout, stderr }));
  });
}

const dataDir = () => mkdtempSync(path.join(os.tmpdir(), 'lotus-cli-'));

// Process-level behaviour does not depend on the database: run it once, in the SQLite project.
if (testDb === 'sqlite') describe('configuration errors', () => {
  it.each([
    [{ PORT: 'eighty' }, /PORT: must be a whole number/],
    [{ DATABASE_URL: 'mysql://x' }, /DATABASE_URL: must be postgres/],
    [{ NODE_ENV: 'production' }, /LOTUS_SECRET: is required when NODE_ENV=production/],
    [{ LOTUS_ADMIN_EMAIL: 'root@example.com' }, /LOTUS_ADMIN_PASSWORD/],
    [{ LOTUS_DEMO: 'perhaps' }, /LOTUS_DEMO: must be true or false/],
    [{ LOTUS_TRUST_PROXY: 'sometimes' }, /LOTUS_TRUST_PROXY: must be true or false/],
  ])('%o stops the server with one line and exit code 1', async (env, message) => {
    const result = await run(['start'], { LOTUS_DATA_DIR: dataDir(), ...env });
    expect(result.code).toBe(1);
    const lines = result.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^lotus: configuration error: /);
    expect(lines[0]).toMatch(message);
    expect(result.stderr).not.toMatch(/\bat .*\.(ts|js):\d+/);
  });
});

if (testDb === 'sqlite') describe('start and stop', () => {
  it('starts on an empty data directory, prints the faces and demo logins, and exits 0 on SIGTERM', async () => {
    const result = await run(['start'], { LOTUS_DATA_DIR: dataDir(), PORT: '0', HOST: '127.0.0.1' }, { killAfterReady: true });
    expect(result.stdout).toContain('/doctor');
    expect(result.stdout).toContain('/admin');
    expect(result.stdout).toContain('/mini/');
    expect(result.stdout).toContain('patient@lotus.demo');
    expect(result.code).toBe(0);
  }, 30_000);
});

// Registered only in the PostgreSQL project (not skipped in the SQLite one).
if (testDb === 'postgres') describe('migrations on PostgreSQL', () => {
  it('two processes migrating one empty database at the same moment both succeed', async () => {
    const admin = new pg.Client({ connectionString: process.env.TEST_DATABASE_URL });
    await admin.connect();
    const name = `lotus_migrate_${process.pid}_${Date.now()}`;
    await admin.query(`create database ${name}`);
    try {
      const url = new URL(process.env.TEST_DATABASE_URL!);
      url.pathname = `/${name}`;
      const env = { DATABASE_URL: url.toString(), LOTUS_DATA_DIR: dataDir() };
      const [a, b] = await Promise.all([run(['migrate'], env), run(['migrate'], env)]);
      expect([a.code, b.code, a.stderr + b.stderr]).toEqual([0, 0, '']);
      const check = new pg.Client({ connectionString: url.toString() });
      await check.connect();
      const { rows } = await check.query('select count(*)::int as n from kysely_migration');
      const { rows: users } = await check.query('select count(*)::int as n from departments');
      await check.end();
      expect(rows[0].n).toBeGreaterThan(0);
      expect(users[0].n).toBeGreaterThan(10); // reference data inserted once, not twice
    } finally {
      await admin.query(`drop database if exists ${name} with (force)`);
      await admin.end();
    }
  }, 60_000);
});
