// `lotus encyclopedia import FILE`: JSON Lines, one entry per line. Every line is checked
// first and every bad one reported by number and reason; only a file with no bad line is
// imported (or, with skipInvalid, its good lines), in batches of one transaction each,
// so no entry is ever half-written. The same slug again makes a new revision.
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { Type, type Static } from 'typebox';
import { Value } from 'typebox/value';
import { EntryBody } from './encyclopedia.schema.ts';
import type { EncyclopediaService, ImportItem } from './encyclopedia.service.ts';
import { isSlug } from './encyclopedia.text.ts';

export const ImportLine = Type.Object(
  {
    ...EntryBody.properties,
    slug: Type.Optional(Type.String({ maxLength: 160 })),
    synthetic: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);

export interface LineProblem {
  line: number;
  reason: string;
}

export interface ImportReport {
  lines: number;
  created: number;
  revised: number;
  problems: LineProblem[];
  imported: boolean;
  seconds: number;
}

export interface ImportOptions {
  batchSize?: number;
  skipInvalid?: boolean;
  author?: string;
  source?: string;
  onProgress?: (done: number, total: number) => void;
}

function schemaReason(value: unknown): string {
  const errors = [...Value.Errors(ImportLine, value)].filter((e) => e.keyword !== 'boolean' && !e.schemaPath.includes('/anyOf/'));
  const first = errors.slice(0, 3).map((e) => {
    const where = e.instancePath ? e.instancePath.slice(1).replaceAll('/', '.') : 'entry';
    if (e.keyword === 'required') return `${where === 'entry' ? '' : where + '.'}${(e.params as { requiredProperties?: string[] }).requiredProperties?.join(', ') ?? 'a field'} is required`;
    if (e.keyword === 'additionalProperties') return `unknown field ${(e.params as { additionalProperties?: string[] }).additionalProperties?.join(', ')}`;
    if (e.keyword === 'anyOf' && where === 'lang') return 'lang must be "en", "fr" or "zh"';
    return `${where} ${e.message}`;
  });
  return first.join('; ') || 'does not match the entry format';
}

/** Checks one line; returns the item to import or the reason it cannot be. */
export async function checkLine(text: string, encyclopedia: EncyclopediaService): Promise<ImportItem | string> {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return `not valid JSON (${(error as Error).message.replace(/^.*?JSON[^:]*: ?/, '')})`;
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return 'each line must be one JSON object';
  if (!Value.Check(ImportLine, value)) return schemaReason(value);
  const line = value as Static<typeof ImportLine>;
  if (line.slug !== undefined && !isSlug(line.slug)) return 'slug must be lower-case words joined by hyphens';
  const { content, fields } = await encyclopedia.checkContent(line);
  if (!content) return Object.entries(fields).map(([field, problem]) => `${field} ${problem}`).join('; ');
  return { ...(line.slug ? { slug: line.slug } : {}), content, synthetic: line.synthetic ?? false };
}

export async function* readLines(file: string): AsyncGenerator<string> {
  const lines = createInterface({ input: createReadStream(file, { encoding: 'utf8' }), crlfDelay: Infinity });
  for await (const line of lines) yield line;
}

export async function importLines(lines: AsyncIterable<string> | Iterable<string>, encyclopedia: EncyclopediaService, options: ImportOptions = {}): Promise<ImportReport> {
  const started = performance.now();
  const items: ImportItem[] = [];
  const problems: LineProblem[] = [];
  let count = 0;
  for await (const text of lines) {
    count += 1;
    if (text.trim() === '') continue;
    const checked = await checkLine(text, encyclopedia);
    if (typeof checked === 'string') problems.push({ line: count, reason: checked });
    else items.push(checked);
  }
  const report: ImportReport = { lines: count, created: 0, revised: 0, problems, imported: false, seconds: 0 };
  if (problems.length > 0 && !options.skipInvalid) {
    report.seconds = (performance.now() - started) / 1000;
    return report;
  }
  const batchSize = options.batchSize ?? 500;
  options.onProgress?.(0, items.length);
  for (let i = 0; i < items.length; i += batchSize) {
    const result = await encyclopedia.importEntries(items.slice(i, i + batchSize), { name: options.author ?? 'Import', source: options.source ?? 'import' });
    report.created += result.created;
    report.revised += result.revised;
    options.onProgress?.(Math.min(items.length, i + batchSize), items.length);
  }
  report.imported = true;
  report.seconds = (performance.now() - started) / 1000;
  return report;
}

/** A progress bar on stderr: redrawn in place on a terminal, a line per tenth otherwise. */
export function progressBar(label: string, stream: NodeJS.WriteStream = process.stderr): (done: number, total: number) => void {
  const started = performance.now();
  let lastTenth = -1;
  return (done, total) => {
    const ratio = total === 0 ? 1 : done / total;
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    const width = 30;
    const filled = Math.round(ratio * width);
    const line = `${label} [${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${done}/${total} ${seconds} s`;
    if (stream.isTTY) stream.write(`\r${line}${done >= total ? '\n' : ''}`);
    else {
      const tenth = Math.floor(ratio * 10);
      if (tenth !== lastTenth) {
        lastTenth = tenth;
        stream.write(line + '\n');
      }
    }
  };
}
