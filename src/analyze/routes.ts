/** Walks a VirtualService's destinations (routes, mirrors) with the path of each, for precise locations. */
import { num, rec, records, str } from './fields.js';
import type { PathSegment, Resource } from './types.js';

export interface Destination {
  host: string;
  subset?: string;
  port?: number;
  /** Path of the `destination` mapping. */
  path: PathSegment[];
  /** A mirror destination (`mirror`, `mirrors[]`) rather than a route's. */
  mirror: boolean;
}

function destination(value: unknown, path: PathSegment[], mirror = false): Destination[] {
  const d = rec(value);
  const host = str(d.host);
  if (host === undefined || host === '') return [];
  const subset = str(d.subset);
  const port = num(rec(d.port).number);
  return [{ host, ...(subset ? { subset } : {}), ...(port !== undefined ? { port } : {}), path, mirror }];
}

export function destinations(vs: Resource, options: { mirrors?: boolean } = { mirrors: true }): Destination[] {
  const out: Destination[] = [];
  for (const section of ['http', 'tcp', 'tls'] as const) {
    for (const [rule, i] of records(vs.spec[section])) {
      for (const [route, j] of records(rule.route)) out.push(...destination(route.destination, ['spec', section, i, 'route', j, 'destination']));
      if (section === 'http' && options.mirrors !== false) {
        if (rule.mirror !== undefined) out.push(...destination(rule.mirror, ['spec', section, i, 'mirror'], true));
        for (const [m, k] of records(rule.mirrors)) out.push(...destination(m.destination, ['spec', section, i, 'mirrors', k, 'destination'], true));
      }
    }
  }
  return out;
}

/** Gateways a VirtualService is bound to; `['mesh']` when it sets none. */
export function boundGateways(vs: Resource): string[] {
  const g = Array.isArray(vs.spec.gateways) ? vs.spec.gateways.filter((x): x is string => typeof x === 'string') : [];
  return g.length === 0 ? ['mesh'] : g;
}
