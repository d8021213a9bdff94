/**
 * vitest global setup: builds the real control plane before any test runs when it is not cached and Go is
 * there (progress on stderr), so the real tier's tests never spend their own time on a build. Without Go it
 * does nothing: the tier's tests then skip loudly, or fail under SAILCTL_REQUIRE_REAL_CLUSTER=1.
 */
import { spawnSync } from 'node:child_process';
import { buildKube, isBuilt, kubeBuildInfo } from '../../../scripts/kube-build.js';

export default async function setup(): Promise<void> {
  const info = kubeBuildInfo();
  if (isBuilt(info)) return;
  if (spawnSync('go', ['version']).status !== 0) return;
  const r = await buildKube(info);
  if (!r.ok) process.stderr.write(`\n!!! the real control plane could not be built: ${r.message}\n\n`);
}
