import { describe, expect, it } from 'vitest';
import { probersJson, restoreProbes, rewriteProbes } from './probes.js';

describe('probe rewriting', () => {
  const app = () => ({
    name: 'web',
    ports: [{ name: 'http', containerPort: 8080 }],
    livenessProbe: { httpGet: { path: '/live', port: 'http', scheme: 'HTTPS' }, timeoutSeconds: 2, periodSeconds: 5 },
    readinessProbe: { tcpSocket: { port: 8080 }, initialDelaySeconds: 1 },
    startupProbe: { grpc: { port: 9000 } },
  });

  it('points probes at the agent and keeps the originals (named ports resolved) for ISTIO_KUBE_APP_PROBERS', () => {
    const containers: Array<Record<string, any>> = [app(), { name: 'istio-proxy', readinessProbe: { httpGet: { path: '/healthz/ready', port: 15021 } } }];
    const probers = rewriteProbes(containers, 15020);
    expect(containers[0]).toMatchObject({
      livenessProbe: { httpGet: { path: '/app-health/web/livez', port: 15020, scheme: 'HTTP' }, timeoutSeconds: 2, periodSeconds: 5 },
      readinessProbe: { httpGet: { path: '/app-health/web/readyz', port: 15020 }, initialDelaySeconds: 1 },
      startupProbe: { httpGet: { path: '/app-health/web/startupz', port: 15020 } },
    });
    expect(containers[0]).not.toHaveProperty('readinessProbe.tcpSocket');
    expect(containers[1]?.readinessProbe.httpGet.port).toBe(15021);
    expect(probersJson(probers)).toBe(
      '{"/app-health/web/livez":{"httpGet":{"path":"/live","port":8080,"scheme":"HTTPS"},"timeoutSeconds":2},' +
        '"/app-health/web/readyz":{"tcpSocket":{"port":8080}},"/app-health/web/startupz":{"grpc":{"port":9000}}}',
    );
  });

  it('restoreProbes undoes the rewrite (named ports come back as numbers)', () => {
    const containers = [app()];
    const json = probersJson(rewriteProbes(containers, 15020));
    restoreProbes(containers, json);
    const expected = app();
    expected.livenessProbe.httpGet.port = 8080 as unknown as string;
    expect(containers[0]).toEqual(expected);
  });

  it('leaves probes already pointing at the agent alone', () => {
    const containers = [{ name: 'web', readinessProbe: { httpGet: { path: '/app-health/web/readyz', port: 15020 } } }];
    expect(rewriteProbes(containers, 15020)).toEqual({});
  });
});
