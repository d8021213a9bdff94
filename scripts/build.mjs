// Bundle src/main.ts with esbuild into dist/ as ESM with code splitting, so every lazily imported
// command is its own chunk. `npm run build` runs the generators (scripts/generate.mjs) first.
import { build } from 'esbuild';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));

rmSync(join(root, 'dist'), { recursive: true, force: true });
const result = await build({
  absWorkingDir: root,
  entryPoints: ['src/main.ts'],
  outdir: 'dist',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  sourcemap: 'linked',
  metafile: true,
  chunkNames: 'chunks/[name]-[hash]',
  // The Kubernetes client stays a real dependency loaded from node_modules, and only by src/kube/.
  external: ['@kubernetes/client-node'],
  define: { __SAILCTL_VERSION__: JSON.stringify(pkg.version) },
  banner: {
    // Bundled CommonJS dependencies may call require(); give ESM chunks one.
    js: "import { createRequire as __sailctlCreateRequire } from 'node:module'; const require = __sailctlCreateRequire(import.meta.url);",
  },
  logLevel: 'warning',
});
writeFileSync(join(root, 'dist', 'meta.json'), JSON.stringify(result.metafile));
