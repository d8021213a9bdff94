/**
 * Reading debug endpoints of pods (istiod's 15014, Envoy's 15000) through the API server: `pods/proxy` first,
 * a port-forward when pods/proxy is forbidden or cannot reach the pod. Turns failures into errors that name
 * the pod and the permission, and malformed documents into exit 69 naming their source.
 */
import { ClusterError, isCliError } from '../errors.js';
import { KubeApiError } from '../kube/errors.js';
import type { KubeClient, PodPortRequest } from '../kube/types.js';
import { MalformedDocumentError } from '../proxystatus/document-error.js';

export interface PodDebugRequest extends PodPortRequest {
  /** For messages: `istiod's sync state`, `Envoy's config dump`. */
  what: string;
}

export function podLabel(req: PodPortRequest): string {
  return `pod ${req.namespace}/${req.pod} (port ${req.port}, ${req.path})`;
}

/** Worth trying a port-forward: RBAC forbids pods/proxy, or the API server could not reach the pod. */
function tryForward(err: unknown): boolean {
  return err instanceof KubeApiError && (err.status === 403 || err.status === 502 || err.status === 503);
}

export async function readFromPod(kube: KubeClient, req: PodDebugRequest, post = false): Promise<string> {
  try {
    return post ? await kube.podProxyPost(req) : await kube.podProxyGet(req);
  } catch (proxyErr) {
    if (!tryForward(proxyErr) || post) throw wrap(proxyErr, req);
    try {
      return await kube.portForwardGet(req);
    } catch (forwardErr) {
      if (!isCliError(forwardErr) || forwardErr.exitCode === 130) throw forwardErr;
      const forbidden = (proxyErr as KubeApiError).status === 403;
      const message = forbidden
        ? `cannot read ${req.what} from ${podLabel(req)}: not allowed to get pods/proxy in namespace ${req.namespace}, and the port-forward fallback failed too`
        : `cannot read ${req.what} from ${podLabel(req)}: the API server could not reach the pod, and the port-forward fallback failed too`;
      throw new ClusterError(message, {
        cause: forwardErr,
        details: [
          `pods/proxy: ${(proxyErr as KubeApiError).message}`,
          `port-forward: ${forwardErr.message}`,
          ...(forbidden ? ['Ask for RBAC verb "get" on "pods/proxy" (or "create" on "pods/portforward") in that namespace.'] : []),
        ],
      });
    }
  }
}

function wrap(err: unknown, req: PodDebugRequest): unknown {
  if (err instanceof KubeApiError && err.status === 403) {
    return new ClusterError(`cannot read ${req.what} from ${podLabel(req)}: not allowed to ${post(err)} pods/proxy in namespace ${req.namespace}`, {
      cause: err,
      details: [err.message],
    });
  }
  return err;
}

function post(err: KubeApiError): string {
  return err.verb.startsWith('post') ? 'create' : 'get';
}

/** Runs a parser over a document read from a pod; a malformed document becomes exit 69 naming the pod. */
export function parseFromPod<T>(req: PodDebugRequest, text: string, parse: (text: string) => T): T {
  try {
    return parse(text);
  } catch (err) {
    if (err instanceof MalformedDocumentError) {
      throw new ClusterError(`${req.what} from ${podLabel(req)} is unreadable: ${err.message}`, { cause: err });
    }
    throw err;
  }
}
