import type { ServerResponse } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { json, startTinyServer, status, type TinyServer } from '../../test/support/tiny-server.js';
import { createKubeClient } from './client.js';
import type { KubeObject, WatchEvent } from './types.js';
import { diffEvents } from './watch.js';

const cm = (name: string, rv: string): KubeObject => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, namespace: 'ns', resourceVersion: rv } });

describe('diffEvents', () => {
  it('emits ADDED for new, MODIFIED for changed resourceVersion, DELETED for gone, nothing for unchanged', () => {
    const seen = new Map([
      ['ns/same', cm('same', '1')],
      ['ns/changed', cm('changed', '1')],
      ['ns/gone', cm('gone', '1')],
    ]);
    const events = diffEvents(seen, [cm('same', '1'), cm('changed', '5'), cm('new', '6')]);
    expect(events.map((e) => `${e.type} ${e.object.metadata.name}`)).toEqual(['MODIFIED changed', 'ADDED new', 'DELETED gone']);
  });
});

let server: TinyServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

function line(res: ServerResponse, type: string, object: unknown): void {
  res.write(`${JSON.stringify({ type, object })}\n`);
}

describe('watch', () => {
  it('lists first, streams events, re-lists on 410 Expired with synthetic events, and stops on its signal', async () => {
    // The "cluster": a set of ConfigMaps that changes while the watch is disconnected.
    let state = [cm('a', '10'), cm('b', '11')];
    let watches = 0;
    server = await startTinyServer((req, res) => {
      if (!req.url.startsWith('/api/v1/namespaces/ns/configmaps')) return;
      const q = new URL(req.url, 'http://x').searchParams;
      if (q.get('watch') !== '1') return json(res, { metadata: { resourceVersion: watches === 0 ? '11' : '30' }, items: state });
      watches++;
      res.writeHead(200, { 'Content-Type': 'application/json' });
      if (watches === 1) {
        expect(q.get('resourceVersion')).toBe('11');
        line(res, 'ADDED', cm('c', '12'));
        line(res, 'BOOKMARK', { metadata: { resourceVersion: '13' } });
        // While we are away: b changes, a is deleted, d appears; our version is now too old.
        state = [cm('b', '20'), cm('c', '12'), cm('d', '21')];
        line(res, 'ERROR', { kind: 'Status', apiVersion: 'v1', status: 'Failure', code: 410, reason: 'Expired', message: 'too old resource version: 13 (25)' });
        return void res.end();
      }
      expect(q.get('resourceVersion')).toBe('30');
      line(res, 'MODIFIED', cm('d', '31'));
      // Keep the stream open until the test aborts.
    });
    const client = await createKubeClient({ kubeconfig: server.kubeconfigPath, timeoutMs: 2_000, env: {}, retry: { attempts: 3, baseDelayMs: 1, maxDelayMs: 5 } });
    const controller = new AbortController();
    const events: string[] = [];
    const done = client.watch('v1', 'ConfigMap', { namespace: 'ns', signal: controller.signal }, (e: WatchEvent) => {
      events.push(`${e.type} ${e.object.metadata.name}@${e.object.metadata.resourceVersion} ${e.object.kind}`);
      if (e.object.metadata.name === 'd' && e.type === 'MODIFIED') controller.abort();
    });
    await done;
    expect(events).toEqual([
      'ADDED a@10 ConfigMap',
      'ADDED b@11 ConfigMap',
      'ADDED c@12 ConfigMap',
      'MODIFIED b@20 ConfigMap',
      'ADDED d@21 ConfigMap',
      'DELETED a@10 ConfigMap',
      'MODIFIED d@31 ConfigMap',
    ]);
    expect(watches).toBe(2);
  });

  it('reconnects after the connection drops and fails with the API error for a non-retryable answer', async () => {
    let watches = 0;
    server = await startTinyServer((req, res) => {
      if (!req.url.startsWith('/api/v1/namespaces/ns/configmaps')) return;
      const q = new URL(req.url, 'http://x').searchParams;
      if (q.get('watch') !== '1') return json(res, { metadata: { resourceVersion: '1' }, items: [] });
      watches++;
      if (watches === 1) return void res.socket?.destroy();
      if (watches === 2) return status(res, 503, 'ServiceUnavailable', 'later');
      return status(res, 403, 'Forbidden', 'configmaps is forbidden');
    });
    const client = await createKubeClient({ kubeconfig: server.kubeconfigPath, timeoutMs: 2_000, env: {}, retry: { attempts: 3, baseDelayMs: 1, maxDelayMs: 5 } });
    const err = await client.watch('v1', 'ConfigMap', { namespace: 'ns', signal: new AbortController().signal }, () => {}).catch((e: Error) => e);
    expect((err as Error).message).toBe('forbidden: cannot watch configmaps in namespace ns (context "tiny-context")');
    expect(watches).toBe(3);
  });
});
