import { describe, expect, it } from 'vitest';
import { analyzeFixture, briefs } from '../../../test/support/analyze-fixture.js';
import { serviceEntryProtocol } from './serviceentry-protocol.js';

const found = analyzeFixture(serviceEntryProtocol, new URL('./serviceentry-protocol.fixture.yaml', import.meta.url));

describe('serviceentry.ProtocolConflictAnalyzer', () => {
  it('reports each ServiceEntry of a conflicting host and port, at the port', () => {
    expect(briefs(found)).toEqual([
      'IST0177 ServiceEntry shop/mongo-tcp serviceentry-protocol.fixture.yaml:25:5',
      'IST0177 ServiceEntry shop/mongo-mongo serviceentry-protocol.fixture.yaml:33:5',
    ]);
  });

  it('names both entries, the host, the port and the protocols, and points at the other entry', () => {
    expect(found[0]?.message).toContain('shop/mongo-mongo, shop/mongo-tcp');
    expect(found[0]?.message).toContain('"db.example.com"');
    expect(found[0]?.message).toContain('27017');
    expect(found[0]?.message).toContain('MONGO, TCP');
    expect(found[0]?.related.map((r) => r.origin)).toEqual(['ServiceEntry shop/mongo-mongo']);
  });
});
