/**
 * Envoy's admin API prints proto field names (`dynamic_active_clusters`); istiod prints proto JSON names
 * (`dynamicActiveClusters`). Readers see one spelling: lower-case snake_case keys become camelCase. Keys
 * that are not lower snake case (`CLUSTER_ID`, `@type`, `envoy.filters.network.tcp_proxy`) are kept.
 */
const SNAKE = /^[a-z][a-z0-9]*(?:_[a-z0-9]+)+$/;

export function camelKey(key: string): string {
  return SNAKE.test(key) ? key.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase()) : key;
}

export function camelKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(camelKeys);
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value as Record<string, unknown>)) out[camelKey(k)] = camelKeys(v);
  return out;
}
