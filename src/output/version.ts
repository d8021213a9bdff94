/**
 * `version` output. Long text (sailctl's own, with revisions and namespaces), short text as istioctl prints it
 * (`--short`: the bare client version when there is no control plane to report), json and yaml.
 */
import type { ComponentVersion, DataPlaneVersion } from '../versioninfo/collect.js';
import { formatJson } from './json.js';
import { formatYaml } from './yaml.js';

export interface Versions {
  client: { version: string; istioApi: string; defaultIstioTag: string };
  /** Undefined when the cluster was not asked or could not be read. */
  controlPlane?: ComponentVersion[];
  dataPlane?: DataPlaneVersion[];
}

export type VersionFormat = 'text' | 'short' | 'json' | 'yaml';

const proxies = (n: number) => `${n} ${n === 1 ? 'proxy' : 'proxies'}`;

function formatLong(v: Versions): string[] {
  const { client, controlPlane, dataPlane } = v;
  const lines = [`client version: ${client.version} (Istio API ${client.istioApi}, installs Istio ${client.defaultIstioTag})`];
  if (controlPlane) {
    if (controlPlane.length === 0) lines.push('control plane version: none found (no istiod Deployment)');
    for (const c of controlPlane) lines.push(`control plane version: ${c.version} (revision ${c.revision}, namespace ${c.namespace})`);
  }
  if (dataPlane) {
    if (dataPlane.length === 0) lines.push('data plane version: none (no injected pods)');
    for (const d of dataPlane) lines.push(`data plane version: ${d.version} (${proxies(d.proxies)}, revision ${d.revision})`);
  }
  return lines;
}

/**
 * istioctl's `version --short`: without a control plane, the bare client version; with one, `client version:`,
 * one `control plane version:` line when every istiod runs the same version (else one `istiod version:` line
 * per revision), and the data plane as `1.31.4 (3 proxies), 1.32.0 (1 proxies)` (istioctl's wording).
 */
function formatShort(v: Versions): string[] {
  const { client, controlPlane, dataPlane } = v;
  if (!controlPlane || controlPlane.length === 0) return [client.version];
  const versions = [...new Set(controlPlane.map((c) => c.version))];
  const lines = [`client version: ${client.version}`];
  if (versions.length === 1) lines.push(`control plane version: ${versions[0]}`);
  else for (const c of controlPlane) lines.push(`istiod version: ${c.version}`);
  if (dataPlane) {
    const counts = new Map<string, number>();
    for (const d of dataPlane) counts.set(d.version, (counts.get(d.version) ?? 0) + d.proxies);
    const shown = [...counts].sort(([a], [b]) => a.localeCompare(b)).map(([version, n]) => `${version} (${n} proxies)`);
    lines.push(`data plane version: ${shown.length > 0 ? shown.join(', ') : 'none'}`);
  }
  return lines;
}

export function formatVersions(v: Versions, format: VersionFormat): string {
  if (format === 'json' || format === 'yaml') {
    const doc = {
      clientVersion: v.client,
      ...(v.controlPlane ? { meshVersion: v.controlPlane } : {}),
      ...(v.dataPlane ? { dataPlaneVersion: v.dataPlane } : {}),
    };
    return format === 'json' ? formatJson(doc) : formatYaml(doc);
  }
  return `${(format === 'short' ? formatShort(v) : formatLong(v)).join('\n')}\n`;
}
