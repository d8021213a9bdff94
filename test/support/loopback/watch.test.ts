import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApiServer, type ApiServer } from './index.js';
import { call, watch } from './test-client.js';

let server: ApiServer;
beforeAll(async () => {
  server = await startApiServer();
});
afterAll(async () => {
  await server.close();
});

const cm = (name: string, labels: Record<string, string> = {}) => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, labels }, data: { a: '1' } });
const base = '/api/v1/namespaces/default/configmaps';

describe('watch', () => {
  it('starts with the current objects as ADDED, then streams changes', async () => {
    await call(server, 'POST', base, cm('w-existing'));
    const w = watch(server, `${base}?watch=1`);
    await w.waitFor(1);
    await call(server, 'POST', base, cm('w-new'));
    await call(server, 'PATCH', `${base}/w-new`, { data: { a: '2' } }, { 'Content-Type': 'application/merge-patch+json' });
    await call(server, 'DELETE', `${base}/w-new`);
    const events = await w.waitFor(4);
    w.close();
    expect(events.map((e) => [e.type, e.object.metadata.name])).toEqual([
      ['ADDED', 'w-existing'],
      ['ADDED', 'w-new'],
      ['MODIFIED', 'w-new'],
      ['DELETED', 'w-new'],
    ]);
    expect(events[2]!.object.data).toEqual({ a: '2' });
    expect(events[0]!.object).toMatchObject({ apiVersion: 'v1', kind: 'ConfigMap' });
  });

  it('replays history after a resourceVersion and applies selectors (leaving the selection = DELETED)', async () => {
    const list = await call(server, 'GET', base);
    const rv = list.body.metadata.resourceVersion;
    await call(server, 'POST', base, cm('sel-a', { team: 'x' }));
    await call(server, 'POST', base, cm('sel-b', { team: 'y' }));
    await call(server, 'PATCH', `${base}/sel-a`, { metadata: { labels: { team: 'z' } } }, { 'Content-Type': 'application/merge-patch+json' });
    const w = watch(server, `${base}?watch=true&resourceVersion=${rv}&labelSelector=team%3Dx`);
    const events = await w.waitFor(2);
    w.close();
    expect(events.map((e) => [e.type, e.object.metadata.name])).toEqual([
      ['ADDED', 'sel-a'],
      ['DELETED', 'sel-a'],
    ]);
  });

  it('answers 410 Gone (an ERROR event with reason Expired) for a version older than the history', async () => {
    const list = await call(server, 'GET', base);
    const rv = list.body.metadata.resourceVersion;
    await call(server, 'POST', base, cm('after-expiry'));
    server.expireWatchHistory();
    const w = watch(server, `${base}?watch=1&resourceVersion=${rv}`);
    await w.ended;
    expect(w.events).toEqual([
      { type: 'ERROR', object: expect.objectContaining({ kind: 'Status', status: 'Failure', reason: 'Expired', code: 410 }) },
    ]);
  });

  it('sends bookmarks when allowed and ends after timeoutSeconds', async () => {
    const w = watch(server, `${base}?watch=1&allowWatchBookmarks=true&timeoutSeconds=1&labelSelector=none%3Dnone`);
    await w.ended;
    expect(w.events.length).toBeGreaterThanOrEqual(1);
    expect(w.events.every((e) => e.type === 'BOOKMARK')).toBe(true);
    expect(Number(w.events[0]!.object.metadata.resourceVersion)).toBeGreaterThan(0);
  });

  it('logs the watch as verb watch', () => {
    expect(server.requests.some((r) => r.verb === 'watch' && r.resource === 'configmaps' && r.status === 200)).toBe(true);
  });
});
