import { describe, expect, it } from 'vitest';
import { analyzeFixture, briefs } from '../../../test/support/analyze-fixture.js';
import { conditions } from './conditions.js';

const found = analyzeFixture(conditions, new URL('./conditions.fixture.yaml', import.meta.url));

describe('conditions.ConditionAnalyzer', () => {
  it('reports failing conditions at the condition entry', () => {
    expect(briefs(found)).toEqual([
      'IST0171 WorkloadEntry vms/vm-1 conditions.fixture.yaml:24:5',
      'IST0171 HTTPRoute shop/web conditions.fixture.yaml:40:7',
    ]);
  });
  it('carries the type, reason and message', () => {
    expect(found[0]?.message).toContain('Healthy');
    expect(found[0]?.message).toContain('HealthCheckFailed');
    expect(found[0]?.message).toContain('connection refused');
  });
});
