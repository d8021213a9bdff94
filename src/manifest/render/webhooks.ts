/**
 * Admission webhooks: sidecar injection (MutatingWebhookConfiguration `istio-sidecar-injector[-rev]`),
 * config validation (`istio-validator[-rev]-<ns>`) and, for the default revision, `istiod-default-validator`.
 * Selectors follow Istio's so existing namespace labels (`istio-injection`, `istio.io/rev`) keep working.
 */
import type { KubeObject } from '../../kube/types.js';
import { meta, object, text, value, type ComponentName, type RenderContext } from './context.js';

const ADMISSION = 'admissionregistration.k8s.io/v1';
type Expr = { key: string; operator: string; values?: string[] };
const has = (key: string, values: string[]): Expr => ({ key, operator: 'In', values });
const notIn = (key: string, values: string[]): Expr => ({ key, operator: 'NotIn', values });
const absent = (key: string): Expr => ({ key, operator: 'DoesNotExist' });

/** Where the API server reaches the webhook: istiod's Service, or a URL for a remote control plane. */
function clientConfig(ctx: RenderContext, path: string, port?: number): Record<string, unknown> {
  const remote = value(ctx, 'istiodRemote', 'enabled') === true;
  const url = text(ctx, 'istiodRemote', 'injectionURL');
  const caBundle = text(ctx, 'istiodRemote', 'injectionCABundle');
  if (remote && path === '/inject' && url) return { url, ...(caBundle ? { caBundle } : {}) };
  const remoteAddress = text(ctx, 'global', 'remotePilotAddress');
  if (remote && remoteAddress && !/^[\d.:]+$/.test(remoteAddress)) {
    return { url: `https://${remoteAddress}:15017${path}`, ...(caBundle ? { caBundle } : {}) };
  }
  return { service: { name: ctx.istiod, namespace: ctx.ns, path: remote && path === '/inject' ? text(ctx, 'istiodRemote', 'injectionPath') || path : path, ...(port ? { port } : {}) } };
}

/** The injection webhooks for pods of revision (or tag) `rev`; `withDefault` adds the unlabelled-namespace ones. */
function injectionHooks(ctx: RenderContext, rev: string, withDefault: boolean): Array<Record<string, unknown>> {
  const reinvocationPolicy = text(ctx, 'sidecarInjectorWebhook', 'reinvocationPolicy') || 'Never';
  const notDisabled = notIn('sidecar.istio.io/inject', ['false']);
  const hook = (name: string, namespaceSelector: Expr[], objectSelector: Expr[]) => ({
    name,
    admissionReviewVersions: ['v1'],
    clientConfig: clientConfig(ctx, '/inject', 443),
    failurePolicy: 'Fail',
    sideEffects: 'None',
    reinvocationPolicy,
    namespaceSelector: { matchExpressions: namespaceSelector },
    objectSelector: { matchExpressions: objectSelector },
    rules: [{ apiGroups: [''], apiVersions: ['v1'], operations: ['CREATE'], resources: ['pods'] }],
  });
  const webhooks = [
    hook('rev.namespace.sidecar-injector.istio.io', [has('istio.io/rev', [rev]), absent('istio-injection')], [notDisabled]),
    hook('rev.object.sidecar-injector.istio.io', [absent('istio.io/rev'), absent('istio-injection')], [notDisabled, has('istio.io/rev', [rev])]),
  ];
  if (withDefault) {
    const byDefault = value(ctx, 'sidecarInjectorWebhook', 'enableNamespacesByDefault') === true;
    webhooks.push(
      hook('namespace.sidecar-injector.istio.io', [has('istio-injection', ['enabled'])], [notDisabled]),
      hook(
        'object.sidecar-injector.istio.io',
        [absent('istio-injection'), absent('istio.io/rev')],
        byDefault ? [notDisabled, absent('istio.io/rev')] : [has('sidecar.istio.io/inject', ['true']), absent('istio.io/rev')],
      ),
    );
  }
  return webhooks;
}

/** Outside istio-system webhook names also carry the namespace, so control planes in two namespaces do not clash. */
const nsSuffix = (ctx: RenderContext) => (ctx.ns === 'istio-system' ? '' : `-${ctx.ns}`);

export function injectionWebhook(ctx: RenderContext): KubeObject {
  return object(
    ADMISSION,
    'MutatingWebhookConfiguration',
    meta(ctx, 'Pilot', `istio-sidecar-injector${ctx.suffix}${nsSuffix(ctx)}`, { labels: { app: 'sidecar-injector' }, revision: true }),
    { webhooks: injectionHooks(ctx, ctx.revLabel, ctx.install.revision === '') },
  );
}

/**
 * `values.revisionTags`: per tag a webhook that injects pods of namespaces (or pods) labelled
 * `istio.io/rev=<tag>` with this revision; the tag `default` also takes unlabelled `istio-injection` namespaces.
 */
export function revisionTagWebhooks(ctx: RenderContext): KubeObject[] {
  const tags = value(ctx, 'revisionTags');
  return (Array.isArray(tags) ? tags : []).map((tag) =>
    object(
      ADMISSION,
      'MutatingWebhookConfiguration',
      meta(ctx, 'Pilot', `istio-revision-tag-${String(tag)}${nsSuffix(ctx)}`, { labels: { app: 'sidecar-injector', 'istio.io/tag': String(tag) }, revision: true }),
      { webhooks: injectionHooks(ctx, String(tag), String(tag) === 'default') },
    ),
  );
}

const VALIDATED = {
  apiGroups: ['security.istio.io', 'networking.istio.io', 'telemetry.istio.io', 'extensions.istio.io'],
  apiVersions: ['*'],
  operations: ['CREATE', 'UPDATE'],
  resources: ['*'],
};

/** The revision's own validator: objects labelled for this revision (or unlabelled, for the default one). */
export function validationWebhook(ctx: RenderContext): KubeObject {
  const objectSelector =
    ctx.install.revision === ''
      ? { matchExpressions: [has('istio.io/rev', ['default'])] }
      : { matchExpressions: [has('istio.io/rev', [ctx.install.revision])] };
  return object(
    ADMISSION,
    'ValidatingWebhookConfiguration',
    meta(ctx, 'Pilot', `istio-validator${ctx.suffix}-${ctx.ns}`, { labels: { app: 'istiod', istio: 'istiod' }, revision: true }),
    {
      webhooks: [
        {
          name: 'rev.validation.istio.io',
          admissionReviewVersions: ['v1'],
          clientConfig: clientConfig(ctx, '/validate'),
          // istiod switches this to Fail once its serving certificate is in the webhook (as Istio does).
          failurePolicy: 'Ignore',
          sideEffects: 'None',
          objectSelector,
          rules: [VALIDATED],
        },
      ],
    },
  );
}

/** Validation of objects that name no revision, served by the default revision's istiod. */
export function defaultValidator(ctx: RenderContext, component: ComponentName = 'Base'): KubeObject {
  return object(
    ADMISSION,
    'ValidatingWebhookConfiguration',
    meta(ctx, component, 'istiod-default-validator', { labels: { app: 'istiod', 'istio.io/tag': 'default' }, revision: true }),
    {
      webhooks: [
        {
          name: 'validation.istio.io',
          admissionReviewVersions: ['v1'],
          clientConfig: clientConfig(ctx, '/validate'),
          failurePolicy: 'Ignore',
          sideEffects: 'None',
          rules: [VALIDATED],
        },
      ],
    },
  );
}
