import { describe, expect, it } from 'vitest';
import { analyzeFixture, briefs } from '../../../test/support/analyze-fixture.js';
import { webhook } from './webhook.js';

const fixture = new URL('./webhook.fixture.yaml', import.meta.url);

describe('webhook.Analyzer', () => {
  it('reports overlapping injectors on both sides and a missing service', () => {
    const found = analyzeFixture(webhook, fixture);
    expect(briefs(found)).toEqual([
      'IST0139 MutatingWebhookConfiguration istio-sidecar-injector webhook.fixture.yaml:23:3',
      'IST0139 MutatingWebhookConfiguration rogue-injector webhook.fixture.yaml:64:3',
      'IST0139 MutatingWebhookConfiguration rogue-injector webhook.fixture.yaml:67:13',
    ]);
    expect(found[0]?.message).toBe(
      'Webhook overlaps with others: [rogue-injector/all.sidecar-injector.istio.io]. This may cause injection to occur twice.',
    );
    expect(found[2]?.message).toContain('istio-system/istiod-rogue');
  });

  it('does not claim the service is missing when the files are not the whole cluster', () => {
    expect(analyzeFixture(webhook, fixture, { complete: false }).map((d) => d.message)).not.toContain(
      expect.stringContaining('does not exist'),
    );
  });
});
