// Loaded with `node --import`: makes resolving @kubernetes/client-node fail loudly, to prove a command
// never loads the Kubernetes client.
import { register } from 'node:module';

const hook = `export async function resolve(specifier, context, next) {
  if (specifier === '@kubernetes/client-node' || specifier.startsWith('@kubernetes/client-node/')) {
    throw new Error('KUBERNETES_CLIENT_LOADED');
  }
  return next(specifier, context);
}`;
register(`data:text/javascript,${encodeURIComponent(hook)}`);
