/**
 * KindDefinition -> apiextensions.k8s.io/v1 CustomResourceDefinition, as Istio ships it: every served version
 * has the same structural schema, one is the storage version, status is a subresource. Also the document
 * message validators check (apiVersion, kind, metadata, spec, status).
 */
import { IstioStatus } from './kinds/shared.js';
import { ObjectMeta } from './kinds/objectmeta.js';
import { CRD_ANNOTATIONS, CRD_LABELS } from './kinds/meta.js';
import { msg, str, toOpenApi, type JsonSchema, type KindDefinition, type MessageNode } from './schema/index.js';

export interface CrdObject {
  apiVersion: 'apiextensions.k8s.io/v1';
  kind: 'CustomResourceDefinition';
  metadata: { name: string; labels: Record<string, string>; annotations: Record<string, string> };
  spec: JsonSchema;
}

export function crdName(def: KindDefinition): string {
  return `${def.plural}.${def.group}`;
}

export function buildCrd(def: KindDefinition): CrdObject {
  const openAPIV3Schema: JsonSchema = {
    properties: { spec: toOpenApi(def.spec), status: toOpenApi(def.status ?? IstioStatus) },
    ...(def.specRequired ? { required: ['spec'] } : {}),
    type: 'object',
  };
  const singular = def.singular ?? def.kind.toLowerCase();
  return {
    apiVersion: 'apiextensions.k8s.io/v1',
    kind: 'CustomResourceDefinition',
    metadata: { annotations: { ...CRD_ANNOTATIONS }, labels: { ...CRD_LABELS, ...def.labels }, name: crdName(def) },
    spec: {
      group: def.group,
      names: {
        categories: [...def.categories],
        kind: def.kind,
        listKind: def.listKind ?? `${def.kind}List`,
        plural: def.plural,
        ...(def.shortNames ? { shortNames: [...def.shortNames] } : {}),
        singular,
      },
      scope: def.scope ?? 'Namespaced',
      versions: def.versions.map((v) => ({
        ...(def.printerColumns ? { additionalPrinterColumns: def.printerColumns.map((c) => ({ ...c })) } : {}),
        ...(v.deprecated ? { deprecated: true } : {}),
        name: v.name,
        schema: { openAPIV3Schema },
        served: true,
        storage: v.storage === true,
        subresources: { status: {} },
      })),
    },
  };
}

/** The whole document as validators see it. */
export function documentMessage(def: KindDefinition): MessageNode {
  return msg(
    { apiVersion: str(), kind: str(), metadata: ObjectMeta, spec: def.spec, status: def.status ?? IstioStatus },
    def.specRequired ? { required: ['spec'] } : {},
  );
}
