// The `lotus` command: start | migrate | seed | … Each subcommand reads the same
// configuration as the server; a configuration error is one line and exit code 1.
import { ConfigError, loadConfig } from '../server/config.ts';
import { MigrationError } from '../server/platform/db/migrate.ts';
import { commands } from './commands.ts';

const [name = 'help', ...args] = process.argv.slice(2);

async function run(): Promise<void> {
  const command = commands[name];
  if (!command || name === 'help' || name === '--help') {
    process.stdout.write(
      'Usage: lotus <command> [options]\n\n' +
        Object.entries(commands)
          .map(([n, c]) => `  ${n.padEnd(24)} ${c.summary}`)
          .join('\n') +
        '\n',
    );
    process.exitCode = command || name === 'help' || name === '--help' ? 0 : 2;
    return;
  }
  await command.run(args, () => loadConfig(process.env, { persistSecret: true }));
}

run().catch((error: unknown) => {
  if (error instanceof ConfigError) {
    process.stderr.write(`lotus: configuration error: ${error.message}\n`);
  } else if (error instanceof MigrationError) {
    process.stderr.write(`lotus: ${error.message}\n`);
  } else if (error instanceof Error && 'code' in error && (error.code === 'EADDRINUSE' || error.code === 'ECONNREFUSED' || error.code === 'EACCES')) {
    process.stderr.write(`lotus: ${error.message}\n`);
  } else if (error instanceof Error && error.name === 'CliError') {
    process.stderr.write(`lotus: ${error.message}\n`);
  } else {
    process.stderr.write(`lotus: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  }
  process.exit(1);
});
