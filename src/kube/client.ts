// Placeholder replaced by the cluster-port implementation (in progress).
import type { KubeClient, KubeClientOptions } from './types.js';
import { KubeConfigError } from './errors.js';

export async function createKubeClient(_options: KubeClientOptions): Promise<KubeClient> {
  throw new KubeConfigError('the cluster port is not built yet');
}
