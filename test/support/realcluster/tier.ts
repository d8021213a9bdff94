/**
 * The real control-plane tier in tests. `realTier(name)` gives an `it` that runs when the binaries are built
 * (vitest's global setup builds them first when Go is there), and otherwise skips with a loud line on stderr,
 * or, when SAILCTL_REQUIRE_REAL_CLUSTER=1 (as .ci/run sets it), fails with the reason.
 * `useRealCluster()` starts one cluster for a describe block and stops it afterwards.
 */
import { afterAll, beforeAll, it as vitestIt, type TestFunction } from 'vitest';
import { isBuilt, kubeBuildInfo } from '../../../scripts/kube-build.js';
import { realClusterRequired, startRealCluster, type RealCluster, type RealClusterOptions } from './index.js';

export function realTierUnavailableReason(): string | undefined {
  if (isBuilt()) return undefined;
  return `the real control plane is not built in ${kubeBuildInfo().dir} (run \`npm run kube-build\`; it needs Go)`;
}

export function realTier(name: string): { it: (title: string, fn: TestFunction, timeout?: number) => void; available: boolean } {
  const reason = realTierUnavailableReason();
  if (!reason) return { it: (title, fn, timeout) => vitestIt(title, fn, timeout), available: true };
  if (realClusterRequired()) {
    return {
      it: (title) =>
        vitestIt(title, () => {
          throw new Error(`${name}: required (SAILCTL_REQUIRE_REAL_CLUSTER) but ${reason}`);
        }),
      available: false,
    };
  }
  process.stderr.write(`\n!!! SKIPPED: ${name} — ${reason}\n\n`);
  return { it: (title, fn, timeout) => vitestIt.skip(`${title} [real tier unavailable: ${reason}]`, fn, timeout), available: false };
}

/** Starts a real cluster before the block's tests (when the tier is available) and stops it after them. */
export function useRealCluster(options: RealClusterOptions = {}): { get(): RealCluster } {
  let cluster: RealCluster | undefined;
  beforeAll(async () => {
    if (realTierUnavailableReason()) return;
    cluster = await startRealCluster(options);
  }, 180_000);
  afterAll(async () => {
    await cluster?.close();
  }, 60_000);
  return {
    get() {
      if (!cluster) throw new Error('the real cluster did not start');
      return cluster;
    },
  };
}
