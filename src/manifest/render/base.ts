/**
 * The cluster-wide base: Istio's CRDs, the reader ServiceAccount remote istiods use, and (for the default
 * revision) the validating webhook for objects that name no revision.
 */
import type { KubeObject } from '../../kube/types.js';
import { istioCrds } from './crds.js';
import { meta, object, value, type RenderContext } from './context.js';
import { renderStablePolicy } from './stable-policy.js';
import { defaultValidator } from './webhooks.js';

export function renderBase(ctx: RenderContext): KubeObject[] {
  const excluded = new Set((value(ctx, 'base', 'excludedCRDs') as string[] | undefined) ?? []);
  const crds =
    value(ctx, 'base', 'enableIstioConfigCRDs') === false
      ? []
      : istioCrds()
          .filter((crd) => !excluded.has(crd.metadata.name ?? ''))
          .map((crd) => ({
            ...crd,
            metadata: { ...crd.metadata, labels: { ...crd.metadata.labels, ...meta(ctx, 'Base', crd.metadata.name ?? '').labels } },
          }));
  const out: KubeObject[] = [
    ...crds,
    object('v1', 'ServiceAccount', meta(ctx, 'Base', 'istio-reader-service-account', { namespace: ctx.ns, labels: { app: 'istio-reader' } })),
  ];
  if (ctx.install.revision === '' && value(ctx, 'global', 'configValidation') === true) out.push(defaultValidator(ctx));
  if (value(ctx, 'experimental', 'stableValidationPolicy') === true) out.push(...renderStablePolicy(ctx));
  return out;
}
