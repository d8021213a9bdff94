/**
 * `x precheck` checks as data: each turns what the command read from the cluster (server version, access
 * review answers, istiod Deployments, pods) into analyze Diagnostics with Istio's codes — IST0142 for an
 * unsupported Kubernetes version, IST0141 for a missing permission, IST0136 for alpha annotations in use.
 * Pure: no cluster, no clock.
 */
import { documentationUrl, M, type MessageBody } from '../analyze/messages/index.js';
import type { Diagnostic } from '../analyze/types.js';
import type { AccessReview, AccessReviewResult, KubeObject, ServerVersion } from '../kube/types.js';
import { MIN_KUBERNETES_MINOR } from '../verify/checks.js';
import { ALPHA_ANNOTATIONS } from './alpha-annotations.js';

export interface PrecheckInput {
  serverVersion: ServerVersion;
  /** Every access review install needs, with the answer. */
  access: ReadonlyArray<{ review: AccessReview; result: AccessReviewResult }>;
  /** Pods in all namespaces (for annotations). */
  pods: readonly KubeObject[];
}

export interface PrecheckCheck {
  id: string;
  description: string;
  run(input: PrecheckInput): Diagnostic[];
}

function diagnostic(body: MessageBody, origin: string, resource: Diagnostic['resource'], check: string): Diagnostic {
  return {
    code: body.type.code,
    level: body.type.level,
    origin,
    reference: '',
    message: body.type.render(body.args),
    documentationUrl: documentationUrl(body.type.code),
    related: [],
    analyzer: `precheck.${check}`,
    resource,
  };
}

/** `v1.32.3-gke.100` -> [1, 32]; undefined when it cannot be read. */
export function parseKubeVersion(v: ServerVersion): [number, number] | undefined {
  const fromGit = /^v?(\d+)\.(\d+)/.exec(v.gitVersion);
  const major = Number.parseInt(fromGit?.[1] ?? v.major, 10);
  const minor = Number.parseInt(fromGit?.[2] ?? v.minor, 10);
  return Number.isFinite(major) && Number.isFinite(minor) ? [major, minor] : undefined;
}

/** `deployments.apps` / `namespaces`, for messages. */
export function resourceName(review: AccessReview): string {
  return `${review.resource}${review.subresource ? `/${review.subresource}` : ''}${review.group ? `.${review.group}` : ''}`;
}

export const PRECHECKS: readonly PrecheckCheck[] = [
  {
    id: 'kubernetes-version',
    description: `the Kubernetes version is 1.${MIN_KUBERNETES_MINOR} or newer`,
    run(input) {
      const v = parseKubeVersion(input.serverVersion);
      if (v && (v[0] > 1 || v[1] >= MIN_KUBERNETES_MINOR)) return [];
      return [diagnostic(M.UnsupportedKubernetesVersion(input.serverVersion.gitVersion, `1.${MIN_KUBERNETES_MINOR}`), 'Kubernetes', { kind: 'Cluster', namespace: '', name: '' }, 'kubernetes-version')];
    },
  },
  {
    id: 'install-permissions',
    description: 'the current user may create everything install creates',
    run(input) {
      return input.access
        .filter((a) => !a.result.allowed)
        .map((a) => {
          const name = resourceName(a.review);
          const why = a.result.reason || (a.review.namespace ? `not allowed in namespace ${a.review.namespace}` : 'not allowed cluster-wide');
          return diagnostic(M.InsufficientPermissions(name, why), name, { kind: a.review.resource, namespace: a.review.namespace ?? '', name }, 'install-permissions');
        });
    },
  },
  {
    id: 'alpha-annotations',
    description: 'no pod uses an annotation of an alpha-phase Istio feature',
    run(input) {
      const out: Diagnostic[] = [];
      for (const pod of input.pods) {
        const annotations = pod.metadata.annotations ?? {};
        for (const key of Object.keys(annotations).sort()) {
          if (!ALPHA_ANNOTATIONS.has(key)) continue;
          const ns = pod.metadata.namespace ?? '';
          const name = pod.metadata.name ?? '';
          out.push(diagnostic(M.AlphaAnnotation(key), `Pod ${ns}/${name}`, { kind: 'Pod', namespace: ns, name }, 'alpha-annotations'));
        }
      }
      return out;
    },
  },
];

export function runPrechecks(input: PrecheckInput): Diagnostic[] {
  return PRECHECKS.flatMap((c) => c.run(input));
}
