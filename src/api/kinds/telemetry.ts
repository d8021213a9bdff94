/** telemetry.istio.io Telemetry (served as v1 and v1alpha1; v1alpha1 is still the storage version, as in Istio). */
import { boolValue, cel, double, duration, enumOf, list, map, msg, nullable, str, withCel } from '../schema/index.js';
import type { KindDefinition } from '../schema/index.js';
import { AGE_COLUMN, TELEMETRY } from './meta.js';
import { ONE_TARGETING_RULE, TARGETING } from './targeting.js';

const ProviderRef = msg({ name: str({ minLength: 1, description: 'An extension provider of the mesh config.' }) }, { required: ['name'] });
const providers = () => list(ProviderRef);

const WORKLOAD_MODES = ['CLIENT_AND_SERVER', 'CLIENT', 'SERVER'];
const ModeMatch = msg({ mode: enumOf(WORKLOAD_MODES) });

const named = () => msg({ defaultValue: str(), name: str({ minLength: 1 }) }, { required: ['name'] });
const valued = () => msg({ value: str({ minLength: 1 }) }, { required: ['value'] });

const CustomTag = msg(
  { environment: named(), formatter: valued(), header: named(), literal: valued() },
  { oneOf: [['literal', 'environment', 'header', 'formatter']], description: 'Where a span tag takes its value from.' },
);

const Tracing = msg(
  {
    customTags: map(CustomTag),
    disableContextPropagation: boolValue(),
    disableSpanReporting: boolValue(),
    enableIstioTags: boolValue(),
    match: ModeMatch,
    providers: providers(),
    randomSamplingPercentage: nullable(double({ minimum: 0, maximum: 100, description: 'Share of requests traced, 0 to 100.' })),
    useRequestIdForTraceSampling: boolValue(),
  },
  { description: 'Tracing settings for the selected workloads.' },
);

const METRICS = [
  'ALL_METRICS',
  'REQUEST_COUNT',
  'REQUEST_DURATION',
  'REQUEST_SIZE',
  'RESPONSE_SIZE',
  'TCP_OPENED_CONNECTIONS',
  'TCP_CLOSED_CONNECTIONS',
  'TCP_SENT_BYTES',
  'TCP_RECEIVED_BYTES',
  'GRPC_REQUEST_MESSAGES',
  'GRPC_RESPONSE_MESSAGES',
];

const TagOverride = withCel(
  msg({ operation: enumOf(['UPSERT', 'REMOVE']), value: str({ description: 'A CEL expression giving the tag value (UPSERT).' }) }),
  cel("!has(self.operation) || self.operation != 'UPSERT' || (has(self.value) && self.value != '')", 'UPSERT needs a value'),
  cel("!has(self.operation) || self.operation != 'REMOVE' || !has(self.value)", 'REMOVE takes no value'),
);

const MetricsOverride = msg({
  disabled: boolValue(),
  match: msg(
    { customMetric: str({ minLength: 1 }), metric: enumOf(METRICS), mode: enumOf(WORKLOAD_MODES) },
    { oneOf: [['metric', 'customMetric']] },
  ),
  tagOverrides: map(TagOverride, { description: 'Tags to add, change or drop, by tag name.' }),
});

const Metrics = msg(
  { overrides: list(MetricsOverride), providers: providers(), reportingInterval: duration() },
  { description: 'Metrics settings for the selected workloads.' },
);

const AccessLogging = msg(
  {
    disabled: boolValue(),
    filter: msg({ expression: str({ description: 'A CEL expression; only requests for which it is true are logged.' }) }),
    match: ModeMatch,
    providers: providers(),
  },
  { description: 'Access log settings for the selected workloads.' },
);

export const Telemetry: KindDefinition = {
  ...TELEMETRY,
  kind: 'Telemetry',
  plural: 'telemetries',
  shortNames: ['telemetry'],
  versions: [{ name: 'v1' }, { name: 'v1alpha1', storage: true }],
  printerColumns: [AGE_COLUMN],
  spec: withCel(
    msg(
      { accessLogging: list(AccessLogging), metrics: list(Metrics), tracing: list(Tracing), ...TARGETING },
      { description: 'Tracing, metrics and access logging for the mesh, a namespace or some workloads.' },
    ),
    ONE_TARGETING_RULE,
  ),
};
