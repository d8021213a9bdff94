/**
 * Install checks as data (linkerd style): each check has an id, a category, what it verifies, a hint for when
 * it fails, and whether a failure makes the remaining checks pointless (`fatal`).
 */
import type { KubeClient, ObjectRef } from '../kube/types.js';

export type Category = 'kubernetes-api' | 'istio-crds' | 'control-plane' | 'webhooks' | 'gateways' | 'resources';

export const CATEGORY_TITLES: Record<Category, string> = {
  'kubernetes-api': 'Kubernetes API',
  'istio-crds': 'Istio CRDs',
  'control-plane': 'Istio control plane',
  webhooks: 'Webhooks',
  gateways: 'Gateways',
  resources: 'Installed resources',
};

/** What should be in the cluster: from a render (flags given) or discovered from what is installed. */
export interface VerifyTarget {
  mode: 'rendered' | 'discovered';
  /** Revisions (`default` for the default one). */
  revisions: string[];
  crds: string[];
  controlPlane: ObjectRef[];
  gateways: ObjectRef[];
  webhooks: ObjectRef[];
  /** Every other object of the install (rendered mode only). */
  others: ObjectRef[];
}

export interface VerifyEnv {
  kube: KubeClient;
  /** Finds (or renders) the target once; checks share it. */
  target(): Promise<VerifyTarget>;
  /** The Istio namespace (`-i`, default istio-system); with install flags, the rendered control plane's wins. */
  istioNamespace?: string;
  signal?: AbortSignal;
}

export interface Totals {
  crds: number;
  deployments: number;
}

export interface CheckOutcome {
  ok: boolean;
  /** Replaces the description in the report, e.g. with counts. */
  description?: string;
  /** One line per problem (or per item checked, when useful). */
  details?: string[];
  /** A passed check that still deserves attention. */
  warning?: boolean;
  counts?: Partial<Totals>;
}

export interface Check {
  id: string;
  category: Category;
  description: string;
  hint: string;
  fatal: boolean;
  run(env: VerifyEnv): Promise<CheckOutcome>;
}

export interface CheckResult {
  id: string;
  category: Category;
  description: string;
  status: 'ok' | 'warning' | 'failed';
  details: string[];
  /** Present when the check failed. */
  hint?: string;
}

export interface VerifyReport {
  healthy: boolean;
  results: CheckResult[];
  totals: Totals;
  /** Checks not run because a fatal one failed. */
  skipped: string[];
}
