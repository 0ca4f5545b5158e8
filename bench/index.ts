// `npm run bench -- NAME`: each benchmark prints a table with a baseline measured in the
// same run, so ratios hold on a noisy machine. Benchmarks never decide pass or fail.
export interface Bench {
  summary: string;
  run(args: string[]): Promise<void>;
}

const benches: Record<string, () => Promise<Bench>> = {
  http: async () => (await import('./http.bench.ts')).default,
  mini: async () => (await import('./mini.bench.ts')).default,
  community: async () => (await import('./community.bench.ts')).default,
  encyclopedia: async () => (await import('./encyclopedia.bench.ts')).default,
  chat: async () => (await import('./chat.bench.ts')).default,
  notifications: async () => (await import('./notifications.bench.ts')).default,
  relevance: async () => (await import('./relevance.bench.ts')).default,
};

export async function runBench(args: string[]): Promise<void> {
  const [name, ...rest] = args;
  const load = name ? benches[name] : undefined;
  if (!load) {
    process.stdout.write('Usage: npm run bench -- <name>\n\n');
    for (const [n, l] of Object.entries(benches)) process.stdout.write(`  ${n.padEnd(16)} ${(await l()).summary}\n`);
    if (name) process.exitCode = 2;
    return;
  }
  await (await load()).run(rest);
}
