import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { runSailctl } from '../../test/support/cli.js';

describe('sailctl explain', () => {
  it('prints meaning, fix, both examples and the doc link', async () => {
    const r = await runSailctl(['explain', 'ist0132']);
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toMatch(/^IST0132 VirtualServiceHostNotFoundInGateway \(Warning\)\n/);
    expect(r.stdout).toContain('Fix: Add the host to a server of the Gateway');
    expect(r.stdout).toContain('Fails (sailctl analyze --use-kube=false):');
    expect(r.stdout).toContain('Passes:');
    expect(r.stdout).toContain('https://istio.io/latest/docs/reference/config/analysis/ist0132/');
  });

  it('has json and yaml forms', async () => {
    const json = JSON.parse((await runSailctl(['explain', 'IST0101', '-o', 'json'])).stdout) as Record<string, string>;
    expect(json).toMatchObject({ code: 'IST0101', name: 'ReferencedResourceNotFound', level: 'Error' });
    expect(json.failingExample).toContain('kind: VirtualService');
    expect(parse((await runSailctl(['explain', 'IST0101', '-o', 'yaml'])).stdout)).toEqual(json);
  });

  it('explains codes without an example too, and rejects unknown codes and formats (64)', async () => {
    const r = await runSailctl(['explain', 'IST0001']);
    expect(r.exitCode).toBe(0);
    expect(r.stdout).not.toContain('Fails');
    expect((await runSailctl(['explain', 'IST9999'])).exitCode).toBe(64);
    expect((await runSailctl(['explain', 'IST0101', '-o', 'xml'])).exitCode).toBe(64);
    expect((await runSailctl(['explain'])).exitCode).toBe(64);
  });
});
