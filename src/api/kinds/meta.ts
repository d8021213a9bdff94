/** What all kinds of one API group have in common on their CRDs. */
import type { KindDefinition } from '../schema/index.js';

type GroupDefaults = Pick<KindDefinition, 'group' | 'categories' | 'labels'>;

export const NETWORKING: GroupDefaults = { group: 'networking.istio.io', categories: ['istio-io', 'networking-istio-io'] };
export const SECURITY: GroupDefaults = { group: 'security.istio.io', categories: ['istio-io', 'security-istio-io'], labels: { istio: 'security' } };
export const TELEMETRY: GroupDefaults = { group: 'telemetry.istio.io', categories: ['istio-io', 'telemetry-istio-io'], labels: { istio: 'telemetry' } };
export const EXTENSIONS: GroupDefaults = { group: 'extensions.istio.io', categories: ['istio-io', 'extensions-istio-io'] };

/** Labels Istio puts on every CRD it ships (the chart's labels). */
export const CRD_LABELS: Readonly<Record<string, string>> = { app: 'istio-pilot', chart: 'istio', heritage: 'Tiller', release: 'istio' };
/** Annotations Istio puts on every CRD: Helm keeps CRDs on uninstall. */
export const CRD_ANNOTATIONS: Readonly<Record<string, string>> = { 'helm.sh/resource-policy': 'keep' };

/** The "Age" column every Istio kind shows. */
export const AGE_COLUMN = { name: 'Age', type: 'date', jsonPath: '.metadata.creationTimestamp', description: 'Time since the object was created.' } as const;
