/**
 * Messages used by more than one Istio kind. Define a message here once and reuse the constant; the CRD
 * generator inlines it, the validator generator shares its compiled code.
 */
import { cel, enumOf, intOrString, list, map, msg, str, uint32, withCel } from '../schema/index.js';

/** The status every Istio resource carries (istio.meta.v1alpha1.IstioStatus); unknown fields are kept. */
export const IstioStatus = msg(
  {
    conditions: list(
      msg({
        lastProbeTime: str({ format: 'date-time' }),
        lastTransitionTime: str({ format: 'date-time' }),
        message: str(),
        observedGeneration: intOrString(),
        reason: str(),
        status: str(),
        type: str(),
      }),
    ),
    observedGeneration: intOrString(),
    validationMessages: list(
      msg({
        documentationUrl: str(),
        level: enumOf(['UNKNOWN', 'ERROR', 'WARNING', 'INFO']),
        type: msg({ code: str(), name: str() }),
      }),
    ),
  },
  { preserveUnknown: true },
);

/** A port number that must be 1..65535 although the field is a uint32. */
export const PORT_RULE = cel('0 < self && self <= 65535', 'port must be between 1 and 65535');
export const portNumber = () => withCel(uint32(), PORT_RULE);

/** A label value in a workload selector: no wildcards. */
export const NO_WILDCARD_SELECTOR = cel("!self.contains('*')", 'wildcards are not supported in selectors');

/** `workloadSelector` of Sidecar, ServiceEntry, EnvoyFilter: labels, at most 256, no wildcards. */
export const WorkloadSelector = msg({
  labels: map(withCel(str({ maxLength: 63 }), NO_WILDCARD_SELECTOR), { maxProperties: 256 }),
});

/** `selector` of the type.v1beta1.WorkloadSelector kind (ProxyConfig, DestinationRule, security kinds). */
export const LabelSelector = msg({
  matchLabels: withCel(
    map(withCel(str({ maxLength: 63 }), cel("!self.contains('*')", 'label values may not contain wildcards')), { maxProperties: 4096 }),
    cel("self.all(k, !k.contains('*'))", 'label keys may not contain wildcards'),
    cel('self.all(k, k.size() > 0)', 'label keys may not be empty'),
  ),
});

/** `targetRef`: a reference to a Gateway API / core object (type.v1beta1.PolicyTargetReference). */
export const PolicyTargetReference = msg(
  {
    group: str({ maxLength: 253, pattern: '^$|^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$' }),
    kind: str({ maxLength: 63, minLength: 1, pattern: '^[a-zA-Z]([-a-zA-Z0-9]*[a-zA-Z0-9])?$' }),
    name: str({ maxLength: 253, minLength: 1 }),
    namespace: withCel(str(), cel('self.size() == 0', 'references to other namespaces are not supported yet')),
  },
  { required: ['kind', 'name'] },
);

/** The string match of HTTP routes (exact / prefix / regex, at most one). */
export const StringMatch = msg({ exact: str(), prefix: str(), regex: str() }, { oneOf: [['exact', 'prefix', 'regex']] });

/** A port on a destination (`PortSelector`). */
export const PortSelector = msg({ number: uint32() });

