import { describe, expect, it } from 'vitest';
import { applyPrometheusMerge, undoPrometheusMerge } from './prometheus.js';

describe('prometheus merge', () => {
  it('scrapes the agent and keeps the app settings for the agent to merge', () => {
    const a: Record<string, string> = { 'prometheus.io/scrape': 'true', 'prometheus.io/port': '9090', 'prometheus.io/path': '/metrics' };
    expect(applyPrometheusMerge(a, true, 15020)).toBe('{"scrape":"true","path":"/metrics","port":"9090"}');
    expect(a).toEqual({ 'prometheus.io/scrape': 'true', 'prometheus.io/port': '15020', 'prometheus.io/path': '/stats/prometheus' });
  });
  it('adds the scrape annotations without an env var when the pod had none', () => {
    const a: Record<string, string> = {};
    expect(applyPrometheusMerge(a, true, 15020)).toBeUndefined();
    expect(a['prometheus.io/port']).toBe('15020');
  });
  it.each([
    ['disabled in the mesh', {}, false],
    ['opted out by annotation', { 'prometheus.istio.io/merge-metrics': 'false' }, true],
    ['scraping turned off', { 'prometheus.io/scrape': 'false' }, true],
  ])('does nothing when %s', (_name, annotations: Record<string, string>, enabled) => {
    const a = { ...annotations };
    expect(applyPrometheusMerge(a, enabled, 15020)).toBeUndefined();
    expect(a).toEqual(annotations);
  });
  it('undo restores the original annotations', () => {
    for (const original of [{}, { 'prometheus.io/scrape': 'true', 'prometheus.io/port': '9090' }, { other: 'x' }] as Array<Record<string, string>>) {
      const a = { ...original };
      const env = applyPrometheusMerge(a, true, 15020);
      undoPrometheusMerge(a, env, 15020);
      expect(a).toEqual(original);
    }
  });
});
