import { describe, expect, it } from 'vitest';
import { canonicalQuantity } from './quantity.js';

describe('canonicalQuantity', () => {
  it.each([
    ['2000m', '2'],
    ['100m', '100m'],
    ['1500m', '1500m'],
    ['0.5', '500m'],
    ['1', '1'],
    ['2k', '2k'],
    ['1000', '1k'],
    ['1024Mi', '1Gi'],
    ['128Mi', '128Mi'],
    ['1536Mi', '1536Mi'],
    ['0.5Gi', '512Mi'],
    ['1e3', '1e3'],
    ['abc', 'abc'],
  ])('%s -> %s', (input, expected) => {
    expect(canonicalQuantity(input)).toBe(expected);
  });
});
