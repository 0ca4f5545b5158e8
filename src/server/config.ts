// Environment → typed, validated configuration. Every variable the server reads is
// declared here, so `README.md`'s configuration table and this file tell the same story.
// A bad value throws ConfigError naming the variable; main.ts prints it on one line and
// exits 1, never a stack trace.
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export class ConfigError extends Error {
  constructor(
    readonly variable: string,
    message: string,
  ) {
    super(`${variable}: ${message}`);
    this.name = 'ConfigError';
  }
}

export type DatabaseConfig =
  | { kind: 'sqlite'; file: string } // ':memory:' for tests
  | { kind: 'postgres'; url: string; schema?: string };

export interface Config {
  env: 'development' | 'production' | 'test';
  port: number;
  host: string;
  publicUrl: string;
  dataDir: string;
  database: DatabaseConfig;
  redisUrl: string | null;
  secret: string;
  demo: boolean;
  admin: { email: string; password: string } | null;
  logLevel: string;
  /** scrypt cost parameter N (power of two). Lowered only by tests. */
  passwordHashCost: number;
  /** Sign-in failures allowed per login within `loginWindowSeconds` before 429. */
  loginMaxFailures: number;
  loginWindowSeconds: number;
  /** Accounts one address may create per 10 minutes. */
  registrationsPerIp: number;
  /** LOTUS_PREVIEW_ALLOW: "host:port" pairs whose link previews skip the address and port
   * checks (local fixtures in tests). Empty by default; refused when NODE_ENV=production. */
  previewAllow: string[];
  /** LOTUS_TRUST_PROXY: take the client address from X-Forwarded-For (behind a load balancer). */
  trustProxy: boolean;
  /** Feature settings read by later features; kept as raw strings until a feature parses them. */
  raw: Record<string, string | undefined>;
}

type Env = Record<string, string | undefined>;

function intVar(env: Env, name: string, fallback: number, min: number, max: number): number {
  const value = env[name];
  if (value === undefined || value === '') return fallback;
  if (!/^\d+$/.test(value.trim())) throw new ConfigError(name, `must be a whole number, got "${value}"`);
  const n = Number(value.trim());
  if (n < min || n > max) throw new ConfigError(name, `must be between ${min} and ${max}, got ${n}`);
  return n;
}

function boolVar(env: Env, name: string, fallback: boolean): boolean {
  const value = env[name]?.trim().toLowerCase();
  if (value === undefined || value === '') return fallback;
  if (['1', 'true', 'yes', 'on'].includes(value)) return true;
  if (['0', 'false', 'no', 'off'].includes(value)) return false;
  throw new ConfigError(name, `must be true or false, got "${env[name]}"`);
}

function urlVar(env: Env, name: string, fallback: string, protocols: string[]): string {
  const value = env[name]?.trim() || fallback;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new ConfigError(name, `must be a URL, got "${value}"`);
  }
  if (!protocols.includes(url.protocol)) {
    throw new ConfigError(name, `must start with ${protocols.map((p) => p + '//').join(' or ')}, got "${value}"`);
  }
  return value.replace(/\/+$/, '');
}

function parseDatabase(env: Env, dataDir: string): DatabaseConfig {
  const value = env.DATABASE_URL?.trim();
  if (!value) return { kind: 'sqlite', file: path.join(dataDir, 'lotus.sqlite') };
  if (value.startsWith('postgres://') || value.startsWith('postgresql://')) {
    try {
      new URL(value);
    } catch {
      throw new ConfigError('DATABASE_URL', 'is not a valid postgres:// URL');
    }
    return { kind: 'postgres', url: value };
  }
  if (value === ':memory:' || value === 'sqlite::memory:') return { kind: 'sqlite', file: ':memory:' };
  if (value.startsWith('sqlite:') || value.startsWith('file:')) {
    const file = value.replace(/^(sqlite|file):(\/\/)?/, '');
    if (!file) throw new ConfigError('DATABASE_URL', 'names no SQLite file');
    return { kind: 'sqlite', file: path.resolve(file) };
  }
  throw new ConfigError('DATABASE_URL', `must be postgres://…, sqlite:FILE or empty for the embedded database, got "${value.replace(/\/\/[^@]*@/, '//***@')}"`);
}

/** The secret signs sessions-independent tokens and derives encryption keys. Outside
 * production it is generated once and kept in the data directory so restarts keep working. */
function resolveSecret(env: Env, nodeEnv: Config['env'], dataDir: string, persist: boolean): string {
  const given = env.LOTUS_SECRET?.trim();
  if (given) {
    if (given.length < 32) throw new ConfigError('LOTUS_SECRET', 'must be at least 32 characters');
    return given;
  }
  if (nodeEnv === 'production') throw new ConfigError('LOTUS_SECRET', 'is required when NODE_ENV=production');
  if (!persist) return randomBytes(32).toString('base64url');
  const file = path.join(dataDir, 'secret');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  mkdirSync(dataDir, { recursive: true });
  const secret = randomBytes(32).toString('base64url');
  writeFileSync(file, secret + '\n', { mode: 0o600 });
  return secret;
}

export interface LoadOptions {
  /** Write the generated secret into the data directory (the CLI does; tests do not). */
  persistSecret?: boolean;
}

export function loadConfig(env: Env = process.env, options: LoadOptions = {}): Config {
  const nodeEnvRaw = env.NODE_ENV?.trim() || 'development';
  if (!['development', 'production', 'test'].includes(nodeEnvRaw)) {
    throw new ConfigError('NODE_ENV', `must be development, production or test, got "${nodeEnvRaw}"`);
  }
  const nodeEnv = nodeEnvRaw as Config['env'];
  const port = intVar(env, 'PORT', 3000, 0, 65535);
  const host = env.HOST?.trim() || '0.0.0.0';
  const publicUrl = urlVar(env, 'LOTUS_PUBLIC_URL', `http://localhost:${port}`, ['http:', 'https:']);
  const dataDir = path.resolve(env.LOTUS_DATA_DIR?.trim() || './data');
  const database = parseDatabase(env, dataDir);
  const redisUrl = env.REDIS_URL?.trim() ? urlVar(env, 'REDIS_URL', '', ['redis:', 'rediss:']) : null;

  const adminEmail = env.LOTUS_ADMIN_EMAIL?.trim();
  const adminPassword = env.LOTUS_ADMIN_PASSWORD;
  if (Boolean(adminEmail) !== Boolean(adminPassword)) {
    throw new ConfigError(adminEmail ? 'LOTUS_ADMIN_PASSWORD' : 'LOTUS_ADMIN_EMAIL', 'LOTUS_ADMIN_EMAIL and LOTUS_ADMIN_PASSWORD go together');
  }
  if (adminPassword !== undefined && adminPassword.length < 8) {
    throw new ConfigError('LOTUS_ADMIN_PASSWORD', 'must be at least 8 characters');
  }

  const logLevel = env.LOG_LEVEL?.trim() || (nodeEnv === 'test' ? 'silent' : 'info');
  if (!['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'].includes(logLevel)) {
    throw new ConfigError('LOG_LEVEL', `must be one of fatal, error, warn, info, debug, trace, silent; got "${logLevel}"`);
  }

  const previewAllow = (env.LOTUS_PREVIEW_ALLOW ?? '').split(',').map((pair) => pair.trim().toLowerCase()).filter(Boolean);
  if (previewAllow.length > 0 && nodeEnv === 'production') {
    throw new ConfigError('LOTUS_PREVIEW_ALLOW', 'is for tests only and is refused when NODE_ENV=production');
  }
  for (const pair of previewAllow) {
    if (!/^(\[[0-9a-f:.]+\]|[a-z0-9.-]+):\d{1,5}$/.test(pair)) throw new ConfigError('LOTUS_PREVIEW_ALLOW', `must be comma-separated host:port pairs, got "${pair}"`);
  }

  return {
    env: nodeEnv,
    port,
    host,
    publicUrl,
    dataDir,
    database,
    redisUrl,
    secret: resolveSecret(env, nodeEnv, dataDir, options.persistSecret ?? false),
    demo: boolVar(env, 'LOTUS_DEMO', nodeEnv !== 'production'),
    admin: adminEmail && adminPassword ? { email: adminEmail.toLowerCase(), password: adminPassword } : null,
    logLevel,
    passwordHashCost: nodeEnv === 'test' ? 2 ** 10 : 2 ** 15,
    loginMaxFailures: intVar(env, 'LOTUS_LOGIN_MAX_FAILURES', 5, 1, 1000),
    loginWindowSeconds: intVar(env, 'LOTUS_LOGIN_WINDOW_SECONDS', 900, 1, 86400),
    registrationsPerIp: intVar(env, 'LOTUS_REGISTRATIONS_PER_IP', nodeEnv === 'test' ? 100_000 : 20, 1, 1_000_000),
    previewAllow,
    trustProxy: boolVar(env, 'LOTUS_TRUST_PROXY', false),
    raw: env,
  };
}
