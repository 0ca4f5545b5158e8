// One Kysely instance over either embedded SQLite (better-sqlite3) or PostgreSQL (pg).
// Features type their own tables with `db.withTables<FeatureTables>()`, so this module
// knows no table. Where SQL must differ by dialect, the feature asks `dialectOf(db)`.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect, sql, type Transaction } from 'kysely';
import pg from 'pg';
import type { DatabaseConfig } from '../../config.ts';

// Tables are typed per feature; the shared handle knows none of them.
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export type Db = Kysely<{}>;
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export type Tx = Transaction<{}>;
export type DialectName = 'sqlite' | 'postgres';

const dialects = new WeakMap<object, DialectName>();

// PostgreSQL returns int8 (count(*), sums) as strings; our integers (money in minor
// units, counts, sequence numbers) stay far below 2^53, so parse them as numbers.
pg.types.setTypeParser(20, (value) => Number(value));

export interface OpenedDatabase {
  db: Db;
  dialect: DialectName;
  close(): Promise<void>;
}

export function openDatabase(config: DatabaseConfig): OpenedDatabase {
  if (config.kind === 'sqlite') {
    if (config.file !== ':memory:') mkdirSync(path.dirname(config.file), { recursive: true });
    const database = new SQLite(config.file);
    // WAL lets readers proceed during a write; NORMAL sync is durable across process
    // crashes (the WAL is fsynced at checkpoints); foreign keys are off by default in SQLite.
    database.pragma('journal_mode = WAL');
    database.pragma('synchronous = NORMAL');
    database.pragma('foreign_keys = ON');
    database.pragma('busy_timeout = 5000');
    const db = new Kysely<{}>({ dialect: new SqliteDialect({ database: withStatementCache(database) }) });
    dialects.set(db, 'sqlite');
    return { db, dialect: 'sqlite', close: () => db.destroy() };
  }
  const pool = new pg.Pool({
    connectionString: config.url,
    max: 10,
    ...(config.schema ? { options: `-c search_path=${config.schema}` } : {}),
  });
  const db = new Kysely<{}>({ dialect: new PostgresDialect({ pool }) });
  dialects.set(db, 'postgres');
  return { db, dialect: 'postgres', close: () => db.destroy() };
}

/** Kysely prepares every query anew; compiling the same SQL again costs more than running
 * it. Statements are kept by their text (bounded), which is safe because better-sqlite3
 * runs each one to completion before the next starts, and re-prepares after a schema change. */
function withStatementCache(database: SQLite.Database): SQLite.Database {
  const statements = new Map<string, SQLite.Statement>();
  const prepare = (source: string) => {
    let statement = statements.get(source);
    if (!statement) {
      statement = database.prepare(source);
      if (statements.size >= 2000) statements.clear();
      statements.set(source, statement);
    }
    return statement;
  };
  return new Proxy(database, {
    get(target, property) {
      if (property === 'prepare') return prepare;
      const value = Reflect.get(target, property, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}

/** Which SQL dialect a handle (or a transaction opened from it) speaks. */
export function dialectOf(db: Db | Tx | { dialect: DialectName }): DialectName {
  if ('dialect' in db) return db.dialect;
  const direct = dialects.get(db);
  if (direct) return direct;
  // Transactions are new objects; ask the adapter instead.
  const adapter = db.getExecutor().adapter.constructor.name;
  return adapter.startsWith('Postgres') ? 'postgres' : 'sqlite';
}

export async function ping(db: Db): Promise<void> {
  await sql`select 1`.execute(db);
}

/** True when an error is a unique-constraint violation, in either dialect. */
export function isUniqueViolation(error: unknown): boolean {
  const e = error as { code?: string; message?: string } | null;
  if (!e) return false;
  return e.code === '23505' || e.code === 'SQLITE_CONSTRAINT_UNIQUE' || e.code === 'SQLITE_CONSTRAINT_PRIMARYKEY';
}
