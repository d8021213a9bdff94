/**
 * The `stable` profile's admission control (`experimental.stableValidationPolicy`): a ValidatingAdmissionPolicy
 * and its binding that deny Istio resources and fields which are not stable — the alpha kinds EnvoyFilter,
 * WasmPlugin and ProxyConfig, and Telemetry's alpha fields — for objects of this control-plane revision.
 */
import type { KubeObject } from '../../kube/types.js';
import { meta, object, type RenderContext } from './context.js';

const ALPHA_TELEMETRY_FIELDS = [
  ['tracing', 'useRequestIdForTraceSampling'],
  ['metrics', 'reportingInterval'],
  ['accessLogging', 'filter'],
] as const;

export function renderStablePolicy(ctx: RenderContext): KubeObject[] {
  const revision = ctx.install.revision;
  const suffix = `${revision ? `-${revision}` : ''}-${ctx.ns}.istio.io`;
  const policyName = `stable-channel-policy${suffix}`;
  const telemetryAlpha = ALPHA_TELEMETRY_FIELDS.map(
    ([list, field]) => `(has(object.spec.${list}) ? object.spec.${list} : []).exists(e, has(e.${field}))`,
  ).join(' || ');
  const policy = object('admissionregistration.k8s.io/v1', 'ValidatingAdmissionPolicy', meta(ctx, 'Base', policyName), {
    spec: {
      failurePolicy: 'Fail',
      matchConstraints: {
        resourceRules: [
          {
            apiGroups: ['security.istio.io', 'networking.istio.io', 'telemetry.istio.io', 'extensions.istio.io'],
            apiVersions: ['*'],
            operations: ['CREATE', 'UPDATE'],
            resources: ['*'],
          },
        ],
        objectSelector: { matchExpressions: [{ key: 'istio.io/rev', operator: 'In', values: [revision || 'default'] }] },
      },
      validations: [
        { expression: "object.kind != 'EnvoyFilter'", message: 'EnvoyFilter is an alpha API: the stable channel does not allow it' },
        { expression: "object.kind != 'WasmPlugin'", message: 'WasmPlugin is an alpha API: the stable channel does not allow it' },
        { expression: "object.kind != 'ProxyConfig'", message: 'ProxyConfig is an alpha API: the stable channel does not allow it' },
        {
          expression: `object.kind != 'Telemetry' || !(${telemetryAlpha})`,
          message: 'this Telemetry uses alpha fields (useRequestIdForTraceSampling, reportingInterval, accessLogging filter)',
        },
      ],
    },
  });
  const binding = object('admissionregistration.k8s.io/v1', 'ValidatingAdmissionPolicyBinding', meta(ctx, 'Base', `stable-channel-policy-binding${suffix}`), {
    spec: { policyName, validationActions: ['Deny'] },
  });
  return [policy, binding];
}
