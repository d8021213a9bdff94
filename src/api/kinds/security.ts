/** security.istio.io: AuthorizationPolicy, PeerAuthentication, RequestAuthentication (served as v1 and v1beta1). */
import { bool, cel, duration, enumOf, list, map, msg, str, withCel } from '../schema/index.js';
import type { KindDefinition } from '../schema/index.js';
import { AGE_COLUMN, SECURITY } from './meta.js';
import { LabelSelector } from './shared.js';
import { ONE_TARGETING_RULE, TARGETING } from './targeting.js';

const VERSIONS = [{ name: 'v1', storage: true }, { name: 'v1beta1' }];

const strings = () => list(str());
const nonEmptyStrings = () => list(str({ minLength: 1 }));

// ---- AuthorizationPolicy ----

const Source = withCel(
  msg(
    {
      ipBlocks: strings(),
      namespaces: strings(),
      notIpBlocks: strings(),
      notNamespaces: strings(),
      notPrincipals: strings(),
      notRemoteIpBlocks: strings(),
      notRequestPrincipals: strings(),
      notServiceAccounts: list(str({ maxLength: 320 }), { maxItems: 16 }),
      notTrustDomains: strings(),
      principals: strings(),
      remoteIpBlocks: strings(),
      requestPrincipals: strings(),
      serviceAccounts: list(str({ maxLength: 320 }), { maxItems: 16, description: 'Peer service accounts, as `namespace/name`.' }),
      trustDomains: strings(),
    },
    { description: 'Who sends the request: peer identities, namespaces, IP ranges, JWT principals.' },
  ),
  cel(
    '!(has(self.serviceAccounts) || has(self.notServiceAccounts)) || [has(self.principals), has(self.notPrincipals), has(self.namespaces), has(self.notNamespaces)].all(x, !x)',
    'serviceAccounts and notServiceAccounts cannot be combined with principals or namespaces',
  ),
);

const Operation = msg(
  {
    hosts: strings(),
    methods: strings(),
    notHosts: strings(),
    notMethods: strings(),
    notPaths: strings(),
    notPorts: strings(),
    paths: strings(),
    ports: strings(),
  },
  { description: 'What is requested: hosts, methods, paths and ports.' },
);

const Condition = msg({ key: str({ description: 'An Istio attribute, e.g. `request.auth.claims[iss]`.' }), notValues: strings(), values: strings() }, { required: ['key'] });

const Rule = msg(
  {
    from: list(msg({ source: Source }), { maxItems: 512 }),
    to: list(msg({ operation: Operation })),
    when: list(Condition),
  },
  { description: 'A request matches a rule when it matches from, to and when (each one if set).' },
);

export const AuthorizationPolicy: KindDefinition = {
  ...SECURITY,
  kind: 'AuthorizationPolicy',
  plural: 'authorizationpolicies',
  shortNames: ['ap'],
  versions: VERSIONS,
  printerColumns: [{ name: 'Action', type: 'string', jsonPath: '.spec.action', description: 'What the policy does with matching requests.' }, AGE_COLUMN],
  spec: withCel(
    msg(
      {
        action: enumOf(['ALLOW', 'DENY', 'AUDIT', 'CUSTOM']),
        provider: msg({ name: str() }, { description: 'The external authorizer (an extension provider of the mesh config) for CUSTOM.' }),
        rules: list(Rule, { maxItems: 512 }),
        ...TARGETING,
      },
      { oneOf: [['provider']], description: 'Access control for workloads: allow, deny, audit or delegate requests that match the rules.' },
    ),
    ONE_TARGETING_RULE,
  ),
};

// ---- PeerAuthentication ----

const MTLS_MODES = ['UNSET', 'DISABLE', 'PERMISSIVE', 'STRICT'];

export const PeerAuthentication: KindDefinition = {
  ...SECURITY,
  kind: 'PeerAuthentication',
  plural: 'peerauthentications',
  shortNames: ['pa'],
  versions: VERSIONS,
  printerColumns: [{ name: 'Mode', type: 'string', jsonPath: '.spec.mtls.mode', description: 'The mutual TLS mode.' }, AGE_COLUMN],
  spec: withCel(
    msg(
      {
        mtls: msg({ mode: enumOf(MTLS_MODES) }),
        portLevelMtls: withCel(
          map(msg({ mode: enumOf(MTLS_MODES) }), { minProperties: 1, description: 'Per-port mTLS modes, keyed by the workload port number.' }),
          cel('self.all(p, p.matches(\'^[0-9]+$\') && int(p) >= 1 && int(p) <= 65535)', 'port keys must be numbers from 1 to 65535'),
        ),
        selector: LabelSelector,
      },
      { description: 'Whether workloads accept plain text, mutual TLS, or both.' },
    ),
    cel(
      '!has(self.portLevelMtls) || (has(self.selector) && has(self.selector.matchLabels) && self.selector.matchLabels.size() > 0)',
      'portLevelMtls needs a selector with labels',
    ),
  ),
};

// ---- RequestAuthentication ----

const HTTP_URL_RULE = cel("url(self).getScheme() in ['http', 'https']", 'the URL must start with http:// or https://');
const jwksUrl = () => withCel(str({ minLength: 1, maxLength: 2048 }), HTTP_URL_RULE);

const JwtRule = withCel(
  msg(
    {
      audiences: nonEmptyStrings(),
      forwardOriginalToken: bool(),
      fromCookies: nonEmptyStrings(),
      fromHeaders: list(msg({ name: str({ minLength: 1 }), prefix: str() }, { required: ['name'] })),
      fromParams: nonEmptyStrings(),
      issuer: str({ minLength: 1, description: 'The `iss` the token must carry.' }),
      jwks: str({ description: 'The JSON Web Key Set, inline.' }),
      jwks_uri: jwksUrl(),
      jwksUri: jwksUrl(),
      outputClaimToHeaders: list(msg({ claim: str({ minLength: 1 }), header: str({ minLength: 1, pattern: '^[-_A-Za-z0-9]+$' }) }, { required: ['header', 'claim'] })),
      outputPayloadToHeader: str(),
      presence: enumOf(['OPTIONAL', 'REQUIRED']),
      spaceDelimitedClaims: list(str({ minLength: 1 }), { maxItems: 64 }),
      timeout: duration({ description: 'How long to wait for the JWKS server.' }),
    },
    { description: 'How to find, verify and use one issuer\'s tokens.' },
  ),
  cel('[has(self.jwksUri), has(self.jwks_uri), has(self.jwks)].filter(x, x).size() <= 1', 'set at most one of jwks, jwksUri and jwks_uri'),
);

export const RequestAuthentication: KindDefinition = {
  ...SECURITY,
  kind: 'RequestAuthentication',
  plural: 'requestauthentications',
  shortNames: ['ra'],
  versions: VERSIONS,
  spec: withCel(
    msg({ jwtRules: list(JwtRule, { maxItems: 4096 }), ...TARGETING }, { description: 'Which JSON Web Tokens workloads accept, and how they read them.' }),
    ONE_TARGETING_RULE,
  ),
};
