import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { brief } from '../../../test/support/analyze-fixture.js';
import { parseResources } from '../../resources/parse.js';
import { runAnalyzers } from '../run.js';
import { Snapshot } from '../snapshot.js';
import { multiClusterService } from './multicluster-service.js';

const fixture = new URL('./multicluster-service.fixture.yaml', import.meta.url);
const svc = (name: string, ports: Array<Record<string, unknown>>, type?: string) => ({
  apiVersion: 'v1',
  kind: 'Service',
  metadata: { name, namespace: 'shop' },
  spec: { selector: { app: name }, ports, ...(type ? { type } : {}) },
});

function run(remote: Array<{ cluster: string; objects: object[] }>) {
  const files = parseResources({ name: 'multicluster-service.fixture.yaml', text: readFileSync(fixture, 'utf8') }).resources;
  return runAnalyzers({ snapshot: new Snapshot({ files, remote: remote as never }), analyzers: [multiClusterService], strict: true });
}

describe('multicluster.MultiClusterServiceAnalyzer', () => {
  it('reports a Service whose ports differ in another cluster, naming the cluster', () => {
    const found = run([{ cluster: 'west', objects: [svc('ratings', [{ name: 'http', port: 9080 }]), svc('reviews', [{ name: 'http', port: 8080 }])] }]);
    expect(found.map(brief)).toEqual(['IST0170 Service shop/reviews multicluster-service.fixture.yaml:16:3']);
    expect(found[0]?.message).toContain('[west]');
    expect(found[0]?.message).toContain('ports differ');
  });
  it('reports a different type, and stays silent without remote clusters', () => {
    const found = run([{ cluster: 'east', objects: [svc('ratings', [{ name: 'http', port: 9080 }], 'NodePort')] }]);
    expect(found.map((d) => d.message)).toEqual([expect.stringContaining('service type differs')]);
    expect(run([])).toEqual([]);
  });
});
