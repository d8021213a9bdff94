/**
 * validate, policy kinds: 10,000 generated security/telemetry/extensions resources (AuthorizationPolicy,
 * PeerAuthentication, RequestAuthentication, Telemetry, WasmPlugin, TrafficExtension; 2% invalid) parsed
 * with positions and validated in one process, against merely parsing the same text with `yaml`.
 * Interleaved runs, medians. Target (as for bench/validate): ratio <= 2.0.
 */
import { parseAllDocuments } from 'yaml';
import { parseResources } from '../src/resources/index.js';
import { validateResources } from '../src/validators/run.js';
import { median, ratio } from './measure.js';

const COUNT = 10_000;

const head = (apiVersion: string, kind: string, i: number) => `apiVersion: ${apiVersion}\nkind: ${kind}\nmetadata:\n  name: ${kind.toLowerCase()}-${i}\n  namespace: ns-${i % 50}\n`;

const TEMPLATES: ((i: number, bad: boolean) => string)[] = [
  (i, bad) => `${head('security.istio.io/v1', 'AuthorizationPolicy', i)}spec:
  selector: {matchLabels: {app: web-${i}}}
  action: ${bad ? 'REJECT' : 'DENY'}
  rules:
  - from:
    - source: {notNamespaces: [ns-${i % 50}], ipBlocks: [10.${i % 256}.0.0/16]}
    to:
    - operation: {methods: [POST, PUT], paths: ["/admin/*", "/api/{*}/internal"], ports: ["8080"]}
    when:
    - key: request.auth.claims[groups]
      values: [admins]
`,
  (i, bad) => `${head('security.istio.io/v1', 'PeerAuthentication', i)}spec:
  selector: {matchLabels: {app: db-${i}}}
  mtls: {mode: STRICT}
  portLevelMtls:
    "${bad ? 0 : 3306}": {mode: PERMISSIVE}
`,
  (i, bad) => `${head('security.istio.io/v1', 'RequestAuthentication', i)}spec:
  targetRefs: [{kind: Gateway, group: gateway.networking.k8s.io, name: gw-${i % 7}}]
  jwtRules:
  - issuer: https://issuer-${i % 10}.example.com
    jwksUri: ${bad ? 'ftp' : 'https'}://issuer-${i % 10}.example.com/jwks.json
    audiences: [api-${i}]
    forwardOriginalToken: true
    outputClaimToHeaders: [{header: x-sub, claim: sub}]
`,
  (i, bad) => `${head('telemetry.istio.io/v1', 'Telemetry', i)}spec:
  selector: {matchLabels: {app: svc-${i}}}
  tracing:
  - providers: [{name: zipkin}]
    randomSamplingPercentage: ${bad ? 150 : 10}
    customTags: {team: {literal: {value: t${i % 9}}}}
  metrics:
  - providers: [{name: prometheus}]
    overrides:
    - match: {metric: REQUEST_COUNT, mode: CLIENT}
      tagOverrides: {request_host: {operation: REMOVE}}
  accessLogging:
  - providers: [{name: envoy}]
    filter: {expression: "response.code >= 500"}
`,
  (i, bad) => `${head('extensions.istio.io/v1alpha1', 'WasmPlugin', i)}spec:
  selector: {matchLabels: {istio: ingressgateway}}
  url: oci://ghcr.io/acme/plugin-${i % 20}:1.${i % 5}
  phase: ${bad ? 'LATE' : 'AUTHN'}
  priority: ${i % 100}
  pluginConfig: {realm: r${i}}
  match: [{mode: SERVER, ports: [{number: 8080}]}]
`,
  (i, bad) => `${head('extensions.istio.io/v1alpha1', 'TrafficExtension', i)}spec:
  targetRefs: [{kind: Gateway, group: gateway.networking.k8s.io, name: gw-${i % 7}}]
  phase: STATS
  ${bad ? 'wasm: {url: oci://r/f}\n  ' : ''}lua:
    inlineCode: |
      function envoy_on_response(h) h:headers():add("x-id", "${i}") end
`,
];

/** Deterministic: every `1/share`-th resource is made invalid. */
function generateCorpus(count: number, invalidShare: number): { text: string; invalid: number } {
  const docs: string[] = [];
  const every = Math.round(1 / invalidShare);
  let invalid = 0;
  for (let i = 0; i < count; i++) {
    const bad = i % every === every - 1;
    if (bad) invalid++;
    docs.push((TEMPLATES[i % TEMPLATES.length] as (i: number, bad: boolean) => string)(i, bad));
  }
  return { text: docs.join('---\n'), invalid };
}

export default async function validatePoliciesBench(): Promise<void> {
  const { text, invalid } = generateCorpus(COUNT, 0.02);
  let found = 0;
  const validateOnce = async () => {
    const start = performance.now();
    const { resources, problems } = parseResources({ name: 'corpus.yaml', text });
    const batch = await validateResources(resources);
    const ms = performance.now() - start;
    if (problems.length > 0 || batch.checked.length !== COUNT) throw new Error('corpus did not load as expected');
    found = batch.checked.filter((c) => c.issues.some((i) => i.severity === 'error')).length;
    return ms;
  };
  const parseOnce = () => {
    const start = performance.now();
    const docs = parseAllDocuments(text).map((d) => d.toJS());
    if (docs.length !== COUNT) throw new Error('parse count');
    return performance.now() - start;
  };
  await validateOnce(); // load the validator modules, warm the JIT
  parseOnce();
  const v: number[] = [];
  const p: number[] = [];
  for (let i = 0; i < 5; i++) {
    p.push(parseOnce());
    v.push(await validateOnce());
  }
  if (found !== invalid) throw new Error(`${invalid} resources were made invalid but ${found} were reported`);
  const vMs = median(v);
  const pMs = median(p);
  const mb = (Buffer.byteLength(text) / 1048576).toFixed(1);
  process.stdout.write(`corpus: ${COUNT} policy resources (${mb} MiB), ${invalid} made invalid, ${found} reported invalid\n`);
  process.stdout.write(`yaml parse only                  ${pMs.toFixed(0).padStart(6)} ms   ${Math.round((COUNT / pMs) * 1000)} resources/s\n`);
  process.stdout.write(`sailctl parse + validate         ${vMs.toFixed(0).padStart(6)} ms   ${Math.round((COUNT / vMs) * 1000)} resources/s   ratio ${ratio(vMs, pMs)} (target <= 2.0)\n`);
}
