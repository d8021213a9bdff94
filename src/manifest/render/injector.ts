/**
 * The data of `istio-sidecar-injector[-rev]`, produced by kube-inject's own writer (src/inject/configmap.ts) so
 * that the installed injector and `kube-inject` use the same templates. This module decides which values the
 * templates get: the parts Istio puts there (global, pilot.cni/env, revision, sidecarInjectorWebhook, gateways' pod security).
 */
import { injectorConfigMapData as writeInjectorData } from '../../inject/configmap.js';
import { isTree, sortKeys, type Tree } from '../merge.js';

export interface InjectorInput {
  values: Record<string, unknown>;
  meshConfig: Record<string, unknown>;
  revision: string;
}

/** The parts of the values the injection templates read. */
export function injectorValues(values: Tree): Tree {
  const pick = (t: unknown, keys: string[]): Tree => (isTree(t) ? Object.fromEntries(keys.filter((k) => k in t).map((k) => [k, t[k]])) : {});
  return sortKeys({
    gateways: pick(values.gateways, ['seccompProfile', 'securityContext']),
    global: values.global ?? {},
    pilot: pick(values.pilot, ['cni', 'env']),
    revision: values.revision ?? '',
    sidecarInjectorWebhook: values.sidecarInjectorWebhook ?? {},
  });
}

export function injectorConfigMapData(input: InjectorInput): { config: string; values: string } {
  return writeInjectorData({ values: injectorValues(input.values as Tree), meshConfig: input.meshConfig, revision: input.revision });
}
