/**
 * validate for the security, telemetry and extensions kinds, end to end through validateResource: schema,
 * CEL rule intent and semantic checks together, each issue with its JSON path and line:column.
 */
import { describe, expect, it } from 'vitest';
import { parseResources } from '../../src/resources/index.js';
import { isIstioKind, validateResource, type ValidationIssue } from '../../src/validators/index.js';

async function issues(yaml: string): Promise<ValidationIssue[]> {
  const { resources, problems } = parseResources({ name: 'in.yaml', text: yaml });
  expect(problems).toEqual([]);
  expect(resources.length).toBe(1);
  return validateResource(resources[0]!);
}
const brief = (list: ValidationIssue[]) => list.map((i) => `${i.line}:${i.col} ${i.pathText}: ${i.message}${i.severity === 'warning' ? ' (warning)' : ''}`);
const doc = (apiVersion: string, kind: string, spec: string) => `apiVersion: ${apiVersion}\nkind: ${kind}\nmetadata:\n  name: x\n  namespace: ns\nspec:\n${spec}`;

const VALID: [string, string, string][] = [
  ['security.istio.io', 'AuthorizationPolicy', '  selector: {matchLabels: {app: web}}\n  action: DENY\n  rules:\n  - from: [{source: {notNamespaces: [prod], ipBlocks: [10.0.0.0/8]}}]\n    to: [{operation: {methods: [POST], paths: ["/admin/*"], ports: ["8080"]}}]\n    when: [{key: "request.auth.claims[groups]", values: [admins]}]\n'],
  ['security.istio.io', 'PeerAuthentication', '  selector: {matchLabels: {app: db}}\n  mtls: {mode: STRICT}\n  portLevelMtls:\n    "3306": {mode: PERMISSIVE}\n'],
  ['security.istio.io', 'RequestAuthentication', '  targetRefs: [{kind: Gateway, group: gateway.networking.k8s.io, name: ingress}]\n  jwtRules:\n  - issuer: https://accounts.example.com\n    jwksUri: https://accounts.example.com/.well-known/jwks.json\n    timeout: 5s\n    outputClaimToHeaders: [{header: x-sub, claim: sub}]\n'],
  ['telemetry.istio.io', 'Telemetry', '  tracing:\n  - providers: [{name: zipkin}]\n    randomSamplingPercentage: 12.5\n    customTags: {team: {literal: {value: payments}}}\n  metrics:\n  - providers: [{name: prometheus}]\n    reportingInterval: 15s\n    overrides:\n    - match: {metric: REQUEST_COUNT}\n      tagOverrides: {request_protocol: {operation: REMOVE}}\n  accessLogging:\n  - providers: [{name: envoy}]\n    filter: {expression: "response.code >= 500"}\n'],
  ['extensions.istio.io', 'WasmPlugin', '  selector: {matchLabels: {istio: ingressgateway}}\n  url: oci://ghcr.io/acme/auth:1.2\n  phase: AUTHN\n  priority: 10\n  failStrategy: FAIL_OPEN\n  pluginConfig: {realm: example}\n  vmConfig: {env: [{name: POD, valueFrom: HOST}]}\n  match: [{mode: SERVER, ports: [{number: 8080}]}]\n'],
  ['extensions.istio.io', 'TrafficExtension', '  targetRefs: [{kind: Gateway, group: gateway.networking.k8s.io, name: gw}]\n  phase: STATS\n  lua:\n    inlineCode: |\n      function envoy_on_response(h) h:headers():add("x-lua", "1") end\n'],
];

describe('security, telemetry and extensions kinds', () => {
  it.each([
    ['security.istio.io/v1', 'AuthorizationPolicy', true],
    ['security.istio.io/v1beta1', 'PeerAuthentication', true],
    ['security.istio.io/v1alpha1', 'RequestAuthentication', false],
    ['telemetry.istio.io/v1', 'Telemetry', true],
    ['telemetry.istio.io/v1alpha1', 'Telemetry', true],
    ['extensions.istio.io/v1alpha1', 'WasmPlugin', true],
    ['extensions.istio.io/v1alpha1', 'TrafficExtension', true],
    ['extensions.istio.io/v1', 'WasmPlugin', false],
  ])('isIstioKind(%s, %s) = %s', (apiVersion, kind, known) => {
    expect(isIstioKind(apiVersion, kind)).toBe(known);
  });

  const versions: Record<string, string[]> = { 'security.istio.io': ['v1', 'v1beta1'], 'telemetry.istio.io': ['v1', 'v1alpha1'], 'extensions.istio.io': ['v1alpha1'] };
  for (const [group, kind, spec] of VALID) {
    for (const v of versions[group] ?? []) {
      it(`a valid ${kind} (${group}/${v}) has no issues`, async () => {
        expect(brief(await issues(doc(`${group}/${v}`, kind, spec)))).toEqual([]);
      });
    }
  }
});

describe('AuthorizationPolicy', () => {
  it('reports schema, CEL and semantic problems with exact paths and positions', async () => {
    const list = await issues(
      doc(
        'security.istio.io/v1',
        'AuthorizationPolicy',
        [
          '  action: REJECT',
          '  selector: {matchLabels: {app: a}}',
          '  targetRef: {kind: Gateway, group: gateway.networking.k8s.io, name: gw}',
          '  rules:',
          '  - from:',
          '    - source: {principals: [a]}',
          '    - source: {ipBlocks: [10.0.0.1, 1.2.3.4/40]}',
          '    to: [{operation: {ports: ["99999"], hots: [a]}}]',
          '    when: [{key: request.auth.claims, values: [x]}, {values: [z]}]',
          '',
        ].join('\n'),
      ),
    );
    expect(brief(list)).toEqual([
      '7:3 spec: set at most one of selector, targetRef and targetRefs',
      '7:11 spec.action: "REJECT" is not one of ALLOW, DENY, AUDIT, CUSTOM',
      '13:37 spec.rules[0].from[1].source.ipBlocks[1]: "1.2.3.4/40" has an invalid prefix length (0..32)',
      '14:31 spec.rules[0].to[0].operation.ports[0]: port 99999 is not in 0..65535',
      '14:41 spec.rules[0].to[0].operation.hots: unknown field "hots"',
      expect.stringMatching(/^15:18 spec\.rules\[0\]\.when\[0\]\.key: "request\.auth\.claims" must name its key in brackets/),
      '15:53 spec.rules[0].when[1]: missing required field "key"',
    ]);
  });

  it('requires a provider for CUSTOM and refuses one otherwise (a oneof of one field)', async () => {
    expect(brief(await issues(doc('security.istio.io/v1', 'AuthorizationPolicy', '  action: CUSTOM\n  rules: [{}]\n')))).toEqual([
      '7:11 spec.action: action CUSTOM needs provider.name (an extension provider of the mesh config)',
    ]);
    expect(brief(await issues(doc('security.istio.io/v1', 'AuthorizationPolicy', '  action: ALLOW\n  provider: {name: opa}\n')))).toEqual([
      '8:13 spec.provider: provider is only used with action CUSTOM, not ALLOW',
    ]);
  });

  it('applies the serviceAccounts CEL rule and the list bounds', async () => {
    const accounts = Array.from({ length: 17 }, (_, i) => `ns/sa${i}`).join(', ');
    const list = await issues(doc('security.istio.io/v1', 'AuthorizationPolicy', `  rules:\n  - from:\n    - source: {serviceAccounts: [${accounts}], principals: [p]}\n`));
    expect(brief(list)).toEqual([
      '9:15 spec.rules[0].from[0].source: serviceAccounts and notServiceAccounts cannot be combined with principals or namespaces',
      expect.stringMatching(/^9:33 spec\.rules\[0\]\.from\[0\]\.source\.serviceAccounts: .*16/),
    ]);
  });
});

describe('PeerAuthentication', () => {
  it('needs a selector for port-level mTLS, ports 1..65535 and known modes', async () => {
    const list = await issues(doc('security.istio.io/v1', 'PeerAuthentication', '  mtls: {mode: STRICTER}\n  portLevelMtls:\n    "0": {mode: DISABLE}\n'));
    expect(brief(list)).toEqual([
      '7:3 spec: portLevelMtls needs a selector with labels',
      '7:16 spec.mtls.mode: "STRICTER" is not one of UNSET, DISABLE, PERMISSIVE, STRICT',
      '9:5 spec.portLevelMtls: port keys must be numbers from 1 to 65535',
    ]);
  });

  it('refuses an empty portLevelMtls and wildcard selectors', async () => {
    const list = await issues(doc('security.istio.io/v1beta1', 'PeerAuthentication', '  selector: {matchLabels: {app: "web-*"}}\n  portLevelMtls: {}\n'));
    expect(list.map((i) => i.pathText)).toEqual(['spec.selector.matchLabels.app', 'spec.portLevelMtls']);
  });
});

describe('RequestAuthentication', () => {
  it('checks issuer, JWKS source, URL scheme, timeout, headers', async () => {
    const list = await issues(
      doc(
        'security.istio.io/v1',
        'RequestAuthentication',
        [
          '  jwtRules:',
          '  - jwksUri: ftp://keys.example.com/jwks',
          '    jwks: "{}"',
          '    timeout: 0.5ms',
          '    fromHeaders: [{name: ""}]',
          '    outputClaimToHeaders: [{header: "x sub", claim: sub}, {header: host, claim: iss}]',
          '',
        ].join('\n'),
      ),
    );
    expect(brief(list)).toEqual([
      '8:5 spec.jwtRules[0]: issuer is required',
      '8:5 spec.jwtRules[0]: set at most one of jwks, jwksUri and jwks_uri',
      '8:14 spec.jwtRules[0].jwksUri: the URL must start with http:// or https://',
      expect.stringMatching(/^9:11 spec\.jwtRules\[0\]\.jwks: jwks must be a JSON Web Key Set/),
      '10:14 spec.jwtRules[0].timeout: must be a valid duration of at least 1ms',
      expect.stringMatching(/^11:26 spec\.jwtRules\[0\]\.fromHeaders\[0\]\.name: /),
      expect.stringMatching(/^12:37 spec\.jwtRules\[0\]\.outputClaimToHeaders\[0\]\.header: "x sub" does not match/),
      '12:68 spec.jwtRules[0].outputClaimToHeaders[1].header: header "host" is reserved and cannot be set from a JWT',
    ]);
  });
});

describe('Telemetry', () => {
  it('checks sampling range, custom tags, tag overrides, filters and targeting', async () => {
    const list = await issues(
      doc(
        'telemetry.istio.io/v1',
        'Telemetry',
        [
          '  selector: {matchLabels: {app: a}}',
          '  targetRefs: [{kind: Service, name: s}]',
          '  tracing:',
          '  - randomSamplingPercentage: 101',
          '    customTags:',
          '      a: {literal: {value: x}, header: {name: h}}',
          '      b: {}',
          '  metrics:',
          '  - overrides:',
          '    - match: {metric: REQUEST_COUNT, customMetric: my_metric}',
          '      tagOverrides: {x: {operation: UPSERT}, w: {operation: REMOVE, value: v}}',
          '  accessLogging:',
          '  - filter: {expression: "response.code >= (400"}',
          '',
        ].join('\n'),
      ),
    );
    expect(brief(list)).toEqual([
      '7:3 spec: set at most one of selector, targetRef and targetRefs',
      '10:31 spec.tracing[0].randomSamplingPercentage: 101 is above the maximum of 100',
      expect.stringMatching(/^12:10 spec\.tracing\[0\]\.customTags\.a: only one of literal, environment, header, formatter may be set/),
      '13:10 spec.tracing[0].customTags.b: tag "b" needs one of literal, environment, header, formatter',
      expect.stringMatching(/^16:14 spec\.metrics\[0\]\.overrides\[0\]\.match: only one of metric, customMetric may be set/),
      '17:25 spec.metrics[0].overrides[0].tagOverrides.x: UPSERT needs a value',
      '17:49 spec.metrics[0].overrides[0].tagOverrides.w: REMOVE takes no value',
      expect.stringMatching(/^19:26 spec\.accessLogging\[0\]\.filter\.expression: filter\.expression is not a valid CEL expression/),
    ]);
  });
});

describe('WasmPlugin and TrafficExtension', () => {
  it('WasmPlugin: url scheme, sha256, enums, priority range, ports, env', async () => {
    const list = await issues(
      doc(
        'extensions.istio.io/v1alpha1',
        'WasmPlugin',
        [
          '  url: s3://bucket/plugin.wasm',
          '  sha256: ABC',
          '  phase: AUTHENTICATION',
          '  failStrategy: FAIL_SLOWLY',
          '  imagePullPolicy: Never',
          '  priority: 2147483648',
          '  match: [{ports: [{number: 0}, {number: 80}, {number: 80}]}]',
          '  vmConfig: {env: [{name: A, valueFrom: HOST, value: x}]}',
          '',
        ].join('\n'),
      ),
    );
    expect(brief(list)).toEqual([
      '7:8 spec.url: url must use one of the schemes oci://, file://, http://, https:// (or none, meaning OCI)',
      expect.stringMatching(/^8:11 spec\.sha256: "ABC" does not match/),
      expect.stringMatching(/^9:10 spec\.phase: "AUTHENTICATION" is not one of/),
      expect.stringMatching(/^10:17 spec\.failStrategy: "FAIL_SLOWLY" is not one of/),
      expect.stringMatching(/^11:20 spec\.imagePullPolicy: "Never" is not one of/),
      '12:13 spec.priority: 2147483648 is above the maximum of 2147483647',
      '13:29 spec.match[0].ports[0].number: 0 is below the minimum of 1',
      '13:56 spec.match[0].ports[2].number: port 80 is listed twice',
      '14:20 spec.vmConfig.env[0]: value is only allowed when valueFrom is INLINE',
    ]);
  });

  it('WasmPlugin: spec and url are required', async () => {
    expect(brief(await issues('apiVersion: extensions.istio.io/v1alpha1\nkind: WasmPlugin\nmetadata: {name: x}\n'))).toEqual(['1:1 : missing required field "spec"']);
    expect(brief(await issues(doc('extensions.istio.io/v1alpha1', 'WasmPlugin', '  phase: STATS\n')))).toEqual(['7:3 spec: missing required field "url"']);
  });

  it('TrafficExtension: exactly one of wasm and lua, selector or targetRefs, no targetRef', async () => {
    const both = await issues(doc('extensions.istio.io/v1alpha1', 'TrafficExtension', '  selector: {matchLabels: {a: b}}\n  targetRefs: [{kind: Gateway, group: gateway.networking.k8s.io, name: g}]\n  wasm: {url: oci://r/f}\n  lua: {inlineCode: "function envoy_on_request(h) end"}\n'));
    expect(brief(both)).toEqual([
      expect.stringMatching(/^7:3 spec: only one of wasm, lua may be set/),
      '7:3 spec: set at most one of selector and targetRefs',
      '7:3 spec: set exactly one of wasm and lua',
    ]);
    const none = await issues(doc('extensions.istio.io/v1alpha1', 'TrafficExtension', '  targetRef: {kind: Gateway, name: g}\n'));
    expect(brief(none)).toEqual(['7:3 spec: set exactly one of wasm and lua', '7:3 spec.targetRef: unknown field "targetRef"']);
  });
});

describe('sailctl validate with policy kinds (in-process CLI)', () => {
  const good = doc('security.istio.io/v1', 'AuthorizationPolicy', '  action: ALLOW\n  rules: [{from: [{source: {namespaces: [prod]}}]}]\n');
  const bad = doc('telemetry.istio.io/v1', 'Telemetry', '  tracing: [{randomSamplingPercentage: -1}]\n');

  it('validates them from stdin: exit 0 when valid', async () => {
    const { runSailctl } = await import('../support/cli.js');
    const r = await runSailctl(['validate', '-f', '-'], { stdin: good });
    expect(r.exitCode).toBe(0);
    expect(r.stderr + r.stdout).toContain('validated 1');
  });

  it('reports file:line:col, kind and path, exit 65 when not', async () => {
    const { runSailctl } = await import('../support/cli.js');
    const r = await runSailctl(['validate', '-f', '-'], { stdin: `${good}---\n${bad}` });
    expect(r.exitCode).toBe(65);
    expect(r.stdout + r.stderr).toMatch(/-:16:40\s+Telemetry ns\/x\s+spec\.tracing\[0\]\.randomSamplingPercentage: -1 is below the minimum of 0/);
  });
});
