import { describe, expect, it } from 'vitest';
import { analyzeFixture, briefs } from '../../../test/support/analyze-fixture.js';
import { serviceEntryAddresses } from './serviceentry-addresses.js';

const fixture = new URL('./serviceentry-addresses.fixture.yaml', import.meta.url);

describe('serviceentry.Analyzer', () => {
  it('reports TCP and protocol-less ports of ServiceEntries without addresses', () => {
    expect(briefs(analyzeFixture(serviceEntryAddresses, fixture))).toEqual([
      'IST0134 ServiceEntry shop/redis serviceentry-addresses.fixture.yaml:27:15',
      'IST0134 ServiceEntry shop/legacy serviceentry-addresses.fixture.yaml:35:5',
    ]);
  });

  it('is silent when DNS auto-allocation is on in the mesh config', () => {
    const mesh = { meshConfig: { defaultConfig: { proxyMetadata: { ISTIO_META_DNS_AUTO_ALLOCATE: 'true' } } } };
    expect(analyzeFixture(serviceEntryAddresses, fixture, { mesh })).toEqual([]);
  });
});
