/**
 * Runs every benchmark in bench/ (files named *.bench.ts, in name order), or the ones named on the command
 * line (`npm run bench -- startup validate`). Each prints its own figures and ratios.
 */
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const wanted = process.argv.slice(2);
const files = readdirSync(here)
  .filter((f) => f.endsWith('.bench.ts'))
  .filter((f) => wanted.length === 0 || wanted.includes(f.replace(/\.bench\.ts$/, '')))
  .sort();
for (const f of files) {
  process.stdout.write(`\n== ${f.replace(/\.bench\.ts$/, '')} ==\n`);
  const mod = (await import(pathToFileURL(join(here, f)).href)) as { default: () => Promise<void> };
  await mod.default();
}
