/** networking.istio.io Gateway, and the server-side TLS settings it shares with Sidecar. */
import { bool, boolValue, cel, enumOf, list, map, msg, str, uint32, withCel } from '../schema/index.js';
import type { KindDefinition } from '../schema/index.js';
import { NETWORKING } from './meta.js';

const TLS_VERSIONS = ['TLS_AUTO', 'TLSV1_0', 'TLSV1_1', 'TLSV1_2', 'TLSV1_3'];

/** ServerTLSSettings: how a listener terminates (or passes through) TLS. */
export const ServerTLSSettings = withCel(
  msg({
    caCertCredentialName: str(),
    caCertificates: str(),
    caCrl: str(),
    cipherSuites: list(str()),
    credentialName: str(),
    credentialNames: list(str(), { minItems: 1, maxItems: 2 }),
    ecdhCurves: list(str()),
    httpsRedirect: bool(),
    insecureSkipVerify: boolValue(),
    maxProtocolVersion: enumOf(TLS_VERSIONS),
    minProtocolVersion: enumOf(TLS_VERSIONS),
    mode: enumOf(['PASSTHROUGH', 'SIMPLE', 'MUTUAL', 'AUTO_PASSTHROUGH', 'ISTIO_MUTUAL', 'OPTIONAL_MUTUAL']),
    privateKey: str(),
    serverCertificate: str(),
    subjectAltNames: list(str()),
    tlsCertificates: list(msg({ caCertificates: str(), privateKey: str(), serverCertificate: str() }), { minItems: 1, maxItems: 2 }),
    verifyCertificateHash: list(str()),
    verifyCertificateSpki: list(str()),
  }),
  cel('!(has(self.tlsCertificates) && has(self.credentialNames))', 'credentialNames and tlsCertificates cannot both be set'),
  cel('!(has(self.credentialName) && has(self.credentialNames))', 'credentialName and credentialNames cannot both be set'),
  cel('!(has(self.credentialNames) && has(self.tlsCertificates))', 'credentialNames and tlsCertificates cannot both be set'),
);

/** The port a Gateway server listens on. */
export const GatewayPort = msg(
  { name: str(), number: uint32(), protocol: str(), targetPort: uint32() },
  { required: ['number', 'protocol', 'name'] },
);

export const Gateway: KindDefinition = {
  ...NETWORKING,
  kind: 'Gateway',
  plural: 'gateways',
  shortNames: ['gw'],
  versions: [{ name: 'v1', storage: true }, { name: 'v1alpha3' }, { name: 'v1beta1' }],
  spec: msg(
    {
      selector: map(str(), { description: 'Labels of the gateway pods this configuration applies to.' }),
      servers: list(
        msg(
          {
            bind: str(),
            defaultEndpoint: str(),
            hosts: list(str()),
            name: str(),
            port: GatewayPort,
            tls: ServerTLSSettings,
          },
          { required: ['port', 'hosts'] },
        ),
        { description: 'The listeners of the gateway.' },
      ),
    },
    { description: 'Configures a load balancer at the edge of the mesh: ports, protocols, hosts and TLS.' },
  ),
};
