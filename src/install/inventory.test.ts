import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../kube/types.js';
import { isControllerMade } from './inventory.js';

const endpoints = (managers: string[]): KubeObject => ({
  apiVersion: 'v1',
  kind: 'Endpoints',
  metadata: { name: 'istiod', namespace: 'istio-system', labels: { 'operator.istio.io/component': 'Pilot' }, managedFields: managers.map((manager) => ({ manager, operation: 'Update' })) },
});

describe('isControllerMade', () => {
  it('is true for objects only kube-controller-manager wrote (Endpoints that copy a Service label, seen on a real API server)', () => {
    expect(isControllerMade(endpoints(['kube-controller-manager']))).toBe(true);
  });
  it('is false for what sailctl or anyone else applied, and for objects without managedFields', () => {
    expect(isControllerMade(endpoints(['sailctl']))).toBe(false);
    expect(isControllerMade(endpoints(['kube-controller-manager', 'sailctl']))).toBe(false);
    expect(isControllerMade(endpoints([]))).toBe(false);
  });
});
