/** Pure: istiod's config for a proxy against Envoy's, per type, and its printed form. */
import { expect, it } from 'vitest';
import { formatConfigDiff } from '../../src/output/proxy-status.js';
import { readConfigDump } from '../../src/proxyconfig/dump.js';
import { diffConfigs, diffIsClean, differingPaths } from '../../src/proxystatus/diff.js';

const A = 'type.googleapis.com/envoy.admin.v3.';
const dump = (clusters: Array<Record<string, unknown>>, statics: Array<Record<string, unknown>> = []) =>
  readConfigDump({
    configs: [
      { '@type': `${A}ClustersConfigDump`, staticClusters: statics.map((cluster) => ({ cluster })), dynamicActiveClusters: clusters.map((cluster) => ({ cluster, lastUpdated: '2026-01-01T00:00:00Z' })) },
      { '@type': `${A}ListenersConfigDump`, dynamicListeners: [] },
    ],
  });

it('names what is missing, extra and changed (with the differing fields); static clusters are not compared', () => {
  const istiod = dump([{ name: 'a', type: 'EDS' }, { name: 'b', type: 'EDS', connectTimeout: '10s', lb: { policy: ['x', 'y'] } }]);
  const envoy = dump([{ name: 'b', type: 'EDS', connectTimeout: '5s', lb: { policy: ['x', 'z'] } }, { name: 'c' }], [{ name: 'agent' }]);
  const [clusters, listeners, routes] = diffConfigs(istiod, envoy);
  expect(clusters).toEqual({
    label: 'Clusters',
    type: 'CDS',
    missingInEnvoy: ['a'],
    extraInEnvoy: ['c'],
    changed: [{ name: 'b', fields: ['connectTimeout', 'lb.policy[1]'] }],
    envoyLastUpdated: '2026-01-01T00:00:00Z',
  });
  expect(listeners?.missingInEnvoy).toEqual([]);
  expect(routes?.changed).toEqual([]);
  expect(diffIsClean(diffConfigs(istiod, envoy))).toBe(false);
  expect(diffIsClean(diffConfigs(istiod, istiod))).toBe(true);
  expect(formatConfigDiff('web-1.shop', diffConfigs(istiod, envoy))).toBe(
    [
      "Clusters Don't Match (web-1.shop)",
      '  - a (sent by istiod, not in Envoy)',
      '  + c (in Envoy, not sent by istiod)',
      '  ~ b',
      '      connectTimeout',
      '      lb.policy[1]',
      'Listeners Match',
      'Routes Match',
      '',
    ].join('\n'),
  );
});

it('differingPaths stops at the limit', () => {
  const a = Object.fromEntries(Array.from({ length: 10 }, (_, i) => [`k${i}`, i]));
  expect(differingPaths(a, {}, 3)).toEqual(['k0', 'k1', 'k2']);
  expect(differingPaths(1, 2)).toEqual(['(whole resource)']);
});
