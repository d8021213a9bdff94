/** networking.istio.io ServiceEntry, WorkloadEntry and WorkloadGroup: services and workloads outside Kubernetes. */
import { cel, enumOf, int32, list, map, msg, str, uint32, withCel } from '../schema/index.js';
import type { KindDefinition } from '../schema/index.js';
import { AGE_COLUMN, NETWORKING } from './meta.js';
import { portNumber, WorkloadSelector } from './shared.js';

const V1_VERSIONS = [{ name: 'v1', storage: true }, { name: 'v1alpha3' }, { name: 'v1beta1' }];

const UDS_NO_PORTS = cel("!(has(self.address) && self.address.startsWith('unix://') && has(self.ports))", 'a Unix domain socket address cannot have ports');

/** The fields of a WorkloadEntry, also the template of WorkloadGroup and the endpoints of ServiceEntry. */
const WorkloadEntryFields = msg({
  address: withCel(
    str({ maxLength: 256 }),
    cel("!self.startsWith('unix://') || self.substring(7, 8) in ['/', '@']", 'a Unix domain socket must be an absolute path or an abstract socket'),
    cel("!self.startsWith('unix://') || !self.endsWith('/')", 'a Unix domain socket cannot be a directory'),
  ),
  labels: map(str(), { maxProperties: 256 }),
  locality: str({ maxLength: 2048 }),
  network: str({ maxLength: 2048 }),
  ports: withCel(
    map(portNumber(), { maxProperties: 128 }),
    cel("self.all(k, size(k) < 63 && k.matches('^[a-zA-Z0-9](?:[-a-zA-Z0-9]*[a-zA-Z0-9])?$'))", 'port names must be DNS labels shorter than 63 characters'),
  ),
  serviceAccount: str({ maxLength: 253 }),
  weight: uint32(),
});

const WorkloadEntrySpec = withCel(WorkloadEntryFields, cel('has(self.address) || has(self.network)', 'address is required (unless network is set)'), UDS_NO_PORTS);

export const ServiceEntry: KindDefinition = {
  ...NETWORKING,
  kind: 'ServiceEntry',
  plural: 'serviceentries',
  shortNames: ['se'],
  versions: V1_VERSIONS,
  specRequired: true,
  printerColumns: [
    { name: 'Hosts', type: 'string', jsonPath: '.spec.hosts', description: 'Hosts of the service.' },
    { name: 'Location', type: 'string', jsonPath: '.spec.location', description: 'MESH_EXTERNAL or MESH_INTERNAL.' },
    { name: 'Resolution', type: 'string', jsonPath: '.spec.resolution', description: 'How endpoints are found: NONE, STATIC, DNS...' },
    AGE_COLUMN,
  ],
  spec: withCel(
    msg(
      {
        addresses: list(str({ maxLength: 64 }), { maxItems: 256 }),
        endpoints: list(WorkloadEntrySpec, { maxItems: 4096 }),
        exportTo: list(str()),
        hosts: list(withCel(str(), cel("self != '*'", 'a host cannot be just "*"')), { minItems: 1, maxItems: 256 }),
        location: enumOf(['MESH_EXTERNAL', 'MESH_INTERNAL']),
        ports: withCel(
          list(
            msg({ name: str({ maxLength: 256 }), number: portNumber(), protocol: str({ maxLength: 256 }), targetPort: portNumber() }, { required: ['number', 'name'] }),
            { maxItems: 256, listType: 'map', listMapKeys: ['name'] },
          ),
          cel('self.all(a, self.exists_one(b, a.number == b.number))', 'port numbers must be unique'),
        ),
        resolution: enumOf(['NONE', 'STATIC', 'DNS', 'DNS_ROUND_ROBIN', 'DYNAMIC_DNS']),
        subjectAltNames: list(str()),
        workloadSelector: WorkloadSelector,
      },
      { required: ['hosts'], description: 'Adds entries to the service registry: external services, VMs, other meshes.' },
    ),
    cel('!(has(self.workloadSelector) && has(self.endpoints))', 'workloadSelector and endpoints cannot both be set'),
    cel(
      "!(has(self.addresses) && self.addresses.exists(a, a.contains('/')) && has(self.resolution) && !(self.resolution in ['STATIC', 'NONE']))",
      'CIDR addresses need resolution NONE or STATIC',
    ),
    cel("!(has(self.resolution) && self.resolution != 'NONE') ? !has(self.endpoints) : true", 'resolution NONE cannot have endpoints'),
    cel(
      "has(self.resolution) && self.resolution == 'DNS_ROUND_ROBIN' ? !has(self.endpoints) || self.endpoints.size() <= 1 : true",
      'resolution DNS_ROUND_ROBIN allows at most one endpoint',
    ),
  ),
};

export const WorkloadEntry: KindDefinition = {
  ...NETWORKING,
  kind: 'WorkloadEntry',
  plural: 'workloadentries',
  shortNames: ['we'],
  versions: V1_VERSIONS,
  specRequired: true,
  printerColumns: [AGE_COLUMN, { name: 'Address', type: 'string', jsonPath: '.spec.address', description: 'Address of the workload.' }],
  spec: { ...WorkloadEntrySpec, description: 'A non-Kubernetes workload (a VM, a bare-metal host) as a mesh endpoint.' },
};

const ProbePort = portNumber();

export const WorkloadGroup: KindDefinition = {
  ...NETWORKING,
  kind: 'WorkloadGroup',
  plural: 'workloadgroups',
  shortNames: ['wg'],
  versions: V1_VERSIONS,
  specRequired: true,
  printerColumns: [AGE_COLUMN],
  spec: msg(
    {
      metadata: msg({ annotations: map(str(), { maxProperties: 256 }), labels: map(str(), { maxProperties: 256 }) }),
      probe: msg(
        {
          exec: msg({ command: list(str({ minLength: 1 })) }, { required: ['command'] }),
          failureThreshold: int32({ minimum: 0 }),
          grpc: msg({ port: ProbePort, service: str() }),
          httpGet: msg(
            {
              host: str(),
              httpHeaders: list(msg({ name: str({ pattern: '^[-_A-Za-z0-9]+$' }), value: str() })),
              path: str(),
              port: ProbePort,
              scheme: withCel(str(), cel("self in ['', 'HTTP', 'HTTPS']", 'scheme must be HTTP or HTTPS')),
            },
            { required: ['port'] },
          ),
          initialDelaySeconds: int32({ minimum: 0 }),
          periodSeconds: int32({ minimum: 0 }),
          successThreshold: int32({ minimum: 0 }),
          tcpSocket: msg({ host: str(), port: ProbePort }, { required: ['port'] }),
          timeoutSeconds: int32({ minimum: 0 }),
        },
        { oneOf: [['httpGet', 'tcpSocket', 'exec', 'grpc']] },
      ),
      template: withCel(WorkloadEntryFields, UDS_NO_PORTS),
    },
    { required: ['template'], description: 'A template for the WorkloadEntries of VMs that join the mesh automatically.' },
  ),
};
