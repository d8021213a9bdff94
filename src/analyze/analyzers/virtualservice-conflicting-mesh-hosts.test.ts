import { describe, expect, it } from 'vitest';
import { analyzeFixture, briefs } from '../../../test/support/analyze-fixture.js';
import { virtualServiceConflictingMeshHosts } from './virtualservice-conflicting-mesh-hosts.js';

const found = analyzeFixture(virtualServiceConflictingMeshHosts, new URL('./virtualservice-conflicting-mesh-hosts.fixture.yaml', import.meta.url));

describe('virtualservice.ConflictingMeshGatewayHostsAnalyzer', () => {
  it('reports exactly the failing cases, at the offending node', () => {
    expect(briefs(found)).toEqual([
      'IST0109 VirtualService default/a virtualservice-conflicting-mesh-hosts.fixture.yaml:10:11',
      'IST0109 VirtualService default/b virtualservice-conflicting-mesh-hosts.fixture.yaml:19:7',
      'IST0109 VirtualService third/one virtualservice-conflicting-mesh-hosts.fixture.yaml:40:11',
      'IST0109 VirtualService fourth/two virtualservice-conflicting-mesh-hosts.fixture.yaml:47:11',
      'IST0109 VirtualService fifth/wild virtualservice-conflicting-mesh-hosts.fixture.yaml:54:11',
    ]);
  });
  it('names both VirtualServices and the host, and relates each to the other', () => {
    expect(found[0]?.message).toContain('default/a,default/b');
    expect(found[0]?.message).toContain('reviews.default.svc.cluster.local');
    expect(found[0]?.related.map((r) => r.origin)).toEqual(['VirtualService default/b']);
    expect(found[4]?.related.map((r) => r.origin)).toEqual(['VirtualService fourth/two', 'VirtualService third/one']);
  });
});
