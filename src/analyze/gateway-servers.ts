/** Istio Gateway servers read defensively, with the path of each for locations. */
import { num, rec, records, str, stringMap, strings } from './fields.js';
import { splitGatewayHost } from './hosts.js';
import { formatLabels } from './selectors.js';
import type { PathSegment, Resource } from './types.js';

export interface GatewayServer {
  index: number;
  path: PathSegment[];
  port?: number;
  protocol: string;
  /** Host part of each `ns/host` entry. */
  hosts: string[];
  tlsMode: string;
  /** credentialName, and credentialNames entries. */
  credentials: Array<{ name: string; path: PathSegment[] }>;
  serverCertificate?: string;
  privateKey?: string;
}

export function gatewayServers(gw: Resource): GatewayServer[] {
  return records(gw.spec.servers).map(([s, index]) => {
    const path: PathSegment[] = ['spec', 'servers', index];
    const tls = rec(s.tls);
    const credentials: GatewayServer['credentials'] = [];
    const single = str(tls.credentialName);
    if (single) credentials.push({ name: single, path: [...path, 'tls', 'credentialName'] });
    for (const [name, i] of strings(tls.credentialNames)) credentials.push({ name, path: [...path, 'tls', 'credentialNames', i] });
    const port = num(rec(s.port).number);
    return {
      index,
      path,
      ...(port !== undefined ? { port } : {}),
      protocol: (str(rec(s.port).protocol) ?? '').toUpperCase(),
      hosts: strings(s.hosts).map(([h]) => splitGatewayHost(h, gw.namespace).host),
      tlsMode: (str(tls.mode) ?? '').toUpperCase(),
      credentials,
      ...(str(tls.serverCertificate) ? { serverCertificate: tls.serverCertificate as string } : {}),
      ...(str(tls.privateKey) ? { privateKey: tls.privateKey as string } : {}),
    };
  });
}

export function gatewaySelector(gw: Resource): Record<string, string> {
  return stringMap(gw.spec.selector);
}

export function selectorText(gw: Resource): string {
  return formatLabels(gatewaySelector(gw));
}
