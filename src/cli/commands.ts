// Subcommands of `lotus`. A feature adds its own (`encyclopedia import`, `registry
// import`, `bench`) here; the heavy modules load only when their command runs.
import type { Config } from '../server/config.ts';

export class CliError extends Error {
  override name = 'CliError';
}

export interface Command {
  summary: string;
  run(args: string[], config: () => Config): Promise<void>;
}

export const commands: Record<string, Command> = {
  start: {
    summary: 'Start the server (migrates, adds demo data to an empty database, serves every face)',
    async run(_args, config) {
      // Configuration first: a bad value is reported before the server's modules load.
      const loaded = config();
      const { startServer } = await import('../server/main.ts');
      await startServer(loaded);
    },
  },
  migrate: {
    summary: 'Apply pending database migrations and exit',
    async run(_args, config) {
      const { openDatabase } = await import('../server/platform/db/db.ts');
      const { migrateToLatest } = await import('../server/platform/db/migrate.ts');
      const database = openDatabase(config().database);
      try {
        const result = await migrateToLatest(database.db);
        const applied = result.results?.filter((r) => r.status === 'Success') ?? [];
        process.stdout.write(applied.length ? applied.map((r) => `applied ${r.migrationName}`).join('\n') + '\n' : 'database is up to date\n');
      } finally {
        await database.close();
      }
    },
  },
  seed: {
    summary: 'Add the demo data (idempotent)',
    async run(_args, config) {
      const { buildApp } = await import('../server/app.ts');
      const { seedDemo } = await import('../server/demo.ts');
      const lotus = await buildApp(config());
      try {
        await seedDemo(lotus);
        process.stdout.write('demo data is in place\n');
      } finally {
        await lotus.app.close();
      }
    },
  },
  encyclopedia: {
    summary: 'Encyclopedia content: import FILE (JSON Lines) | generate --count N [--lang en|fr|zh]',
    async run(args, config) {
      const { runEncyclopediaCommand } = await import('../server/features/encyclopedia/encyclopedia.cli.ts');
      await runEncyclopediaCommand(args, config);
    },
  },
  registry: {
    summary: 'Load an offline practitioner registry: lotus registry import FILE.csv (any country; see doctors.offline-registry.ts)',
    async run(args, config) {
      const [sub, file] = args;
      if (sub !== 'import' || !file) throw new CliError('usage: lotus registry import FILE.csv (header: country,registry,identifier_kind,identifier,full_name,licence_expires_at)');
      const { readFile } = await import('node:fs/promises');
      const text = await readFile(file, 'utf8').catch(() => {
        throw new CliError(`cannot read ${file}`);
      });
      const { buildApp } = await import('../server/app.ts');
      const lotus = await buildApp(config());
      try {
        const result = await lotus.services.doctors.importRegistry(text, file.split('/').pop() ?? file);
        if (result.errors.length) throw new CliError(`nothing imported; fix these lines first:\n  ${result.errors.slice(0, 50).join('\n  ')}`);
        process.stdout.write(`imported ${result.imported} registry entr${result.imported === 1 ? 'y' : 'ies'}\n`);
      } finally {
        await lotus.app.close();
      }
    },
  },
  bench: {
    summary: 'Run a benchmark: lotus bench <name> (prints a table with a baseline)',
    async run(args) {
      const { runBench } = await import('../../bench/index.ts');
      await runBench(args);
    },
  },
};
