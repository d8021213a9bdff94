import { describe, expect, it } from 'vitest';
import type { PathSegment } from '../../resources/types.js';
import { checkAuthorizationPolicy, conditionKeyError, globWarning, pathTemplateError, portStringError } from './authorization.js';
import type { SemanticCheck } from './index.js';

interface Found {
  path: PathSegment[];
  message: string;
  severity: 'error' | 'warning';
}

function run(check: SemanticCheck, spec: unknown, metadata: Record<string, unknown> = { name: 'p', namespace: 'ns' }): Found[] {
  const out: Found[] = [];
  check({ apiVersion: 'security.istio.io/v1', kind: 'AuthorizationPolicy', metadata, spec }, { referential: true, report: (path, message, severity = 'error') => out.push({ path, message, severity }) });
  return out;
}
const ap = (spec: unknown) => run(checkAuthorizationPolicy, spec);
const R = ['spec', 'rules', 0];

describe('AuthorizationPolicy: valid policies pass', () => {
  it.each([
    ['allow-nothing', {}],
    ['deny with rules', { action: 'DENY', rules: [{ from: [{ source: { notNamespaces: ['istio-system'] } }] }] }],
    ['custom with provider', { action: 'CUSTOM', provider: { name: 'ext-authz' }, rules: [{ to: [{ operation: { paths: ['/admin/*'] } }] }] }],
    ['audit with empty rule', { action: 'AUDIT', rules: [{}] }],
    [
      'every when key',
      {
        rules: [
          {
            when: [
              { key: 'request.auth.claims[groups]', values: ['admins'] },
              { key: 'request.auth.claims[nested][key]', values: ['x'] },
              { key: 'request.headers[x-token]', notValues: ['*'] },
              { key: 'source.ip', values: ['10.0.0.1', '192.168.0.0/16', '2001:db8::/32'] },
              { key: 'remote.ip', values: ['1.2.3.4'] },
              { key: 'destination.ip', notValues: ['::1'] },
              { key: 'destination.port', values: ['0', '8080', '65535'] },
              { key: 'source.namespace', values: ['prod'] },
              { key: 'source.principal', values: ['cluster.local/ns/a/sa/b'] },
              { key: 'request.auth.principal', values: ['issuer/subject'] },
              { key: 'request.auth.audiences', values: ['aud'] },
              { key: 'request.auth.presenter', values: ['azp'] },
              { key: 'connection.sni', values: ['*.example.com'] },
              { key: 'experimental.envoy.filters.network.mysql_proxy[db.table]', values: ['[update]'] },
            ],
          },
        ],
      },
    ],
    ['path templates', { rules: [{ to: [{ operation: { paths: ['/api/{*}/users/{**}', '/files/{*}/raw', '*/suffix', '/prefix*'] } }] }] }],
    ['service accounts', { rules: [{ from: [{ source: { serviceAccounts: ['prod/reviews'], notServiceAccounts: ['dev/app.v1'] } }] }] }],
    ['targetRefs to a Gateway and a Service', { targetRefs: [{ kind: 'Gateway', group: 'gateway.networking.k8s.io', name: 'gw' }, { kind: 'Service', group: '', name: 'svc' }] }],
  ])('%s', (_name, spec) => {
    expect(ap(spec)).toEqual([]);
  });
});

describe('AuthorizationPolicy: action and provider', () => {
  it.each([
    [{ action: 'CUSTOM', rules: [{}] }, ['spec', 'action'], 'action CUSTOM needs provider.name'],
    [{ action: 'CUSTOM', provider: {}, rules: [{}] }, ['spec', 'provider'], 'provider.name must name an extension provider'],
    [{ action: 'CUSTOM', provider: { name: '' }, rules: [{}] }, ['spec', 'provider'], 'provider.name must name'],
    [{ action: 'DENY', provider: { name: 'x' }, rules: [{}] }, ['spec', 'provider'], 'provider is only used with action CUSTOM, not DENY'],
    [{ provider: { name: 'x' } }, ['spec', 'provider'], 'not ALLOW'],
    [{ action: 'DENY' }, ['spec', 'action'], 'a DENY policy without rules never matches'],
    [{ action: 'AUDIT' }, ['spec', 'action'], 'a AUDIT policy without rules never matches'],
  ])('%j -> %j', (spec, path, message) => {
    const found = ap(spec);
    expect(found.map((f) => f.path)).toEqual([path]);
    expect(found[0]?.message).toContain(message);
    expect(found[0]?.severity).toBe('error');
  });

  it('CUSTOM cannot match on identities: source namespaces/principals and request.auth or source.* conditions', () => {
    const found = ap({
      action: 'CUSTOM',
      provider: { name: 'opa' },
      rules: [
        {
          from: [{ source: { ipBlocks: ['10.0.0.0/8'] } }, { source: { requestPrincipals: ['*'], notNamespaces: ['x'] } }],
          when: [{ key: 'request.auth.claims[iss]', values: ['a'] }, { key: 'source.principal', values: ['a'] }, { key: 'source.ip', values: ['1.1.1.1'] }],
        },
      ],
    });
    expect(found.map((f) => f.path)).toEqual([
      [...R, 'from', 1, 'source', 'notNamespaces'],
      [...R, 'from', 1, 'source', 'requestPrincipals'],
      [...R, 'when', 0, 'key'],
      [...R, 'when', 1, 'key'],
    ]);
    expect(found.every((f) => f.message.includes('not supported with action CUSTOM'))).toBe(true);
  });
});

describe('AuthorizationPolicy: rules', () => {
  it.each([
    [{ from: [] }, [...R, 'from'], 'from must not be empty'],
    [{ to: [] }, [...R, 'to'], 'to must not be empty'],
    [{ when: [] }, [...R, 'when'], 'when must not be empty'],
    [{ from: [{}] }, [...R, 'from', 0], 'from needs a source'],
    [{ from: [{ source: {} }] }, [...R, 'from', 0, 'source'], 'source must set at least one field'],
    [{ from: [{ source: { principals: [] } }] }, [...R, 'from', 0, 'source'], 'source must set at least one field'],
    [{ to: [{}] }, [...R, 'to', 0], 'to needs an operation'],
    [{ to: [{ operation: {} }] }, [...R, 'to', 0, 'operation'], 'operation must set at least one field'],
    [{ from: [{ source: { principals: ['a', ''] } }] }, [...R, 'from', 0, 'source', 'principals', 1], 'must not contain empty strings'],
    [{ to: [{ operation: { hosts: [''] } }] }, [...R, 'to', 0, 'operation', 'hosts', 0], 'must not contain empty strings'],
  ])('%j', (rule, path, message) => {
    const found = ap({ rules: [rule] });
    expect(found.map((f) => f.path)).toEqual([path]);
    expect(found[0]?.message).toContain(message);
  });

  it('reports bad IPs and CIDRs at their exact index, in every IP field', () => {
    const found = ap({
      rules: [
        { from: [{ source: { principals: ['a'] } }, { source: { ipBlocks: ['10.0.0.1', '10.0.0.0/8', '10.0.0.0/33'] } }] },
        { from: [{ source: { notIpBlocks: ['1.2.3'], remoteIpBlocks: ['fe80::1/129'], notRemoteIpBlocks: ['example.com'] } }] },
      ],
    });
    expect(found.map((f) => f.path)).toEqual([
      ['spec', 'rules', 0, 'from', 1, 'source', 'ipBlocks', 2],
      ['spec', 'rules', 1, 'from', 0, 'source', 'notIpBlocks', 0],
      ['spec', 'rules', 1, 'from', 0, 'source', 'remoteIpBlocks', 0],
      ['spec', 'rules', 1, 'from', 0, 'source', 'notRemoteIpBlocks', 0],
    ]);
    expect(found.map((f) => f.message)).toEqual([
      '"10.0.0.0/33" has an invalid prefix length (0..32)',
      '"1.2.3" is not an IP address or CIDR range',
      '"fe80::1/129" has an invalid prefix length (0..128)',
      '"example.com" is not an IP address or CIDR range',
    ]);
  });

  it('reports ports outside 0..65535 and non-numbers in ports and notPorts', () => {
    const found = ap({ rules: [{ to: [{ operation: { ports: ['80', '65536', 'http'], notPorts: ['-1'] } }] }] });
    expect(found.map((f) => [f.path, f.message])).toEqual([
      [[...R, 'to', 0, 'operation', 'ports', 1], 'port 65536 is not in 0..65535'],
      [[...R, 'to', 0, 'operation', 'ports', 2], 'port "http" is not a number'],
      [[...R, 'to', 0, 'operation', 'notPorts', 0], 'port "-1" is not a number'],
    ]);
  });

  it('checks service account syntax: namespace/name, or a bare name in the policy namespace (as Istio)', () => {
    const found = ap({ rules: [{ from: [{ source: { serviceAccounts: ['reviews', 'prod/reviews', 'a/b/c', 'Prod/x', 'Bad_Name'] } }] }] });
    expect(found.map((f) => f.path)).toEqual([2, 3, 4].map((i) => [...R, 'from', 0, 'source', 'serviceAccounts', i]));
    expect(found[0]?.message).toBe('service account "a/b/c" must be written namespace/name, or name for one in the policy\'s namespace');
  });

  it('accepts conditions on source.trustDomain (as Istio)', () => {
    expect(ap({ rules: [{ when: [{ key: 'source.trustDomain', values: ['cluster.local'] }] }] })).toEqual([]);
  });

  it('warns where "*" is matched literally, lower-case methods and relative paths', () => {
    const found = ap({ rules: [{ from: [{ source: { principals: ['cluster.local/ns/*/sa/x', '*'] } }], to: [{ operation: { methods: ['get'], hosts: ['*.a.com*'], paths: ['api/*'] } }] }] });
    expect(found.map((f) => [f.path, f.severity])).toEqual([
      [[...R, 'from', 0, 'source', 'principals', 0], 'warning'],
      [[...R, 'to', 0, 'operation', 'hosts', 0], 'warning'],
      [[...R, 'to', 0, 'operation', 'methods', 0], 'warning'],
      [[...R, 'to', 0, 'operation', 'paths', 0], 'warning'],
    ]);
  });

  it('checks when conditions: known key, values or notValues, value shapes', () => {
    const found = ap({
      rules: [
        {
          when: [
            { key: 'source.ip', values: ['10.0.0.1', 'nope'] },
            { key: 'destination.port', notValues: ['70000'] },
            { key: 'request.auth.claims', values: ['x'] },
            { key: 'request.headers[]', values: ['x'] },
            { key: 'destination.labels', values: ['x'] },
            { key: 'source.namespace' },
            { key: 'source.namespace', values: [''] },
            { key: '', values: ['a'] },
          ],
        },
      ],
    });
    expect(found.map((f) => [f.path, f.message])).toEqual([
      [[...R, 'when', 0, 'values', 1], expect.stringContaining('"nope" is not an IP address')],
      [[...R, 'when', 1, 'notValues', 0], 'port 70000 is not in 0..65535'],
      [[...R, 'when', 2, 'key'], expect.stringContaining('must name its key in brackets')],
      [[...R, 'when', 3, 'key'], expect.stringContaining('must name its key in brackets')],
      [[...R, 'when', 4, 'key'], expect.stringContaining('unknown attribute "destination.labels"')],
      [[...R, 'when', 5], 'condition on source.namespace needs values or notValues'],
      [[...R, 'when', 6, 'values', 0], 'values must not be empty strings'],
      [[...R, 'when', 7, 'key'], 'key must not be empty'],
    ]);
  });
});

describe('AuthorizationPolicy: targeting', () => {
  it('checks selector labels and targetRef kinds and groups', () => {
    const found = run(checkAuthorizationPolicy, {
      selector: { matchLabels: { 'bad key!': 'v', app: 'not valid!' } },
      targetRef: { kind: 'Deployment', name: 'd' },
      targetRefs: [
        { kind: 'Gateway', group: 'networking.istio.io', name: 'gw' },
        { kind: 'ServiceEntry', group: 'networking.istio.io', name: 'se' },
        { kind: 'Service', group: 'core', name: 's' },
        { kind: 'Service', name: 's' },
        { kind: 'GatewayClass', group: 'gateway.networking.k8s.io', name: 'istio-waypoint' },
      ],
    });
    expect(found.map((f) => [f.path, f.severity])).toEqual([
      [['spec', 'selector', 'matchLabels', 'bad key!'], 'error'],
      [['spec', 'selector', 'matchLabels', 'app'], 'error'],
      [['spec', 'targetRef', 'kind'], 'error'],
      [['spec', 'targetRefs', 0, 'group'], 'error'],
      [['spec', 'targetRefs', 3], 'warning'],
      [['spec', 'targetRefs', 4, 'kind'], 'warning'],
    ]);
    expect(found[2]?.message).toContain('cannot target kind "Deployment"');
    expect(found[3]?.message).toBe('Gateway is in group "gateway.networking.k8s.io", not "networking.istio.io"');
  });

  it('accepts a GatewayClass target in the root namespace', () => {
    expect(run(checkAuthorizationPolicy, { targetRefs: [{ kind: 'GatewayClass', group: 'gateway.networking.k8s.io', name: 'istio-waypoint' }] }, { name: 'p', namespace: 'istio-system' })).toEqual([]);
  });
});

describe('vocabulary', () => {
  it.each([
    ['/a/{*}/b', undefined],
    ['/a/{**}', undefined],
    ['/{**}/x.txt', undefined],
    ['/a/{**}/{*}', '{**} must be the last template operator'],
    ['/files/{**}.txt', 'only allowed as the whole segments'],
    ['/a/{id}', 'only allowed as the whole segments'],
    ['/a/{*}x', 'only allowed as the whole segments'],
    ['/a/*/{*}', 'cannot be mixed'],
  ])('path template %s', (path, error) => {
    const e = pathTemplateError(path);
    if (error === undefined) expect(e).toBeUndefined();
    else expect(e).toContain(error);
  });

  it.each([
    ['0', undefined],
    ['65535', undefined],
    ['65536', 'not in 0..65535'],
    ['8080 ', 'not a number'],
    ['', 'not a number'],
  ])('port %j', (port, error) => {
    const e = portStringError(port);
    if (error === undefined) expect(e).toBeUndefined();
    else expect(e).toContain(error);
  });

  it.each([
    ['*', false],
    ['*.example.com', false],
    ['prefix/*', false],
    ['a*b', true],
    ['*ab*', true],
    ['**', true],
  ])('glob %s warns: %s', (value, warns) => {
    expect(globWarning(value) !== undefined).toBe(warns);
  });

  it.each([
    ['request.auth.claims[iss]', true],
    ['request.auth.claims[]', false],
    ['request.auth.claims[iss', false],
    ['request.headers[User-Agent]', true],
    ['experimental.envoy.filters.http.foo[key]', true],
    ['experimental.envoy.filters.http.foo', false],
    ['source.user', false],
    ['connection.sni', true],
  ])('when key %s is valid: %s', (key, ok) => {
    expect(conditionKeyError(key) === undefined).toBe(ok);
  });
});
