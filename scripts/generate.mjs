// Code generation before typecheck and bundling: runs scripts/generate/*.ts in name order (with tsx).
// Generated files go to gitignored `generated/` folders under src/.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const dir = join(root, 'scripts', 'generate');
if (existsSync(dir)) {
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts')).sort()) {
    execFileSync(process.execPath, ['--import', 'tsx', join(dir, file)], { cwd: root, stdio: 'inherit' });
  }
}
