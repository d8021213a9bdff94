/**
 * Mesh settings for a run: MeshConfig and MeshNetworks from the `istio` (or `istio-<revision>`) ConfigMap in the
 * snapshot, overridden by `--meshConfigFile` / `--meshNetworksFile` contents. Pure: callers pass parsed data.
 */
import { parse } from 'yaml';
import { isRecord } from './fields.js';
import { K } from './kinds.js';
import type { Snapshot } from './snapshot.js';
import type { MeshSettings } from './types.js';

function parseEmbedded(text: unknown): Record<string, unknown> {
  if (typeof text !== 'string') return {};
  try {
    const v: unknown = parse(text);
    return isRecord(v) ? v : {};
  } catch {
    return {};
  }
}

export interface MeshOverrides {
  meshConfig?: Record<string, unknown>;
  meshNetworks?: Record<string, unknown>;
  istioNamespace: string;
  revision: string;
}

export function meshSettings(snapshot: Snapshot, overrides: MeshOverrides): MeshSettings {
  const name = overrides.revision && overrides.revision !== 'default' ? `istio-${overrides.revision}` : 'istio';
  const cm = snapshot.get(K.ConfigMap, overrides.istioNamespace, name);
  const data = isRecord(cm?.object.data) ? cm.object.data : {};
  return {
    meshConfig: overrides.meshConfig ?? parseEmbedded(data.mesh),
    meshNetworks: overrides.meshNetworks ?? parseEmbedded(data.meshNetworks),
    istioNamespace: overrides.istioNamespace,
    revision: overrides.revision,
  };
}
