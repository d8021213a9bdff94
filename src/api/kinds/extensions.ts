/** extensions.istio.io: WasmPlugin and TrafficExtension (v1alpha1). */
import { cel, enumOf, int32, int64, list, msg, nullable, preserve, str, withCel } from '../schema/index.js';
import type { KindDefinition } from '../schema/index.js';
import { AGE_COLUMN, EXTENSIONS } from './meta.js';
import { LabelSelector } from './shared.js';
import { ONE_TARGETING_RULE, TARGETING, TargetRefs } from './targeting.js';

const VERSIONS = [{ name: 'v1alpha1', storage: true }];

/** Where a module may be fetched from: OCI registries, files on the proxy, HTTP(S) servers (no scheme = OCI). */
const URL_SCHEME_RULE = cel(
  "(isURL(self) ? url(self).getScheme() : (isURL('http://' + self) ? '' : 'invalid')) in ['', 'http', 'https', 'oci', 'file']",
  'url must use one of the schemes oci://, file://, http://, https:// (or none, meaning OCI)',
);

const EnvVar = withCel(
  msg(
    {
      name: str({ minLength: 1, maxLength: 256 }),
      value: str({ maxLength: 2048 }),
      valueFrom: enumOf(['INLINE', 'HOST'], { description: 'INLINE: `value`; HOST: the proxy\'s own environment variable of that name.' }),
    },
    { required: ['name'] },
  ),
  cel("!has(self.valueFrom) || self.valueFrom != 'HOST' || !has(self.value)", 'value is only allowed when valueFrom is INLINE'),
);

const VmConfig = msg({ env: list(EnvVar, { maxItems: 256, listType: 'map', listMapKeys: ['name'] }) }, { description: 'Settings of the Wasm VM.' });

const TrafficSelector = msg(
  {
    mode: enumOf(['UNDEFINED', 'CLIENT', 'SERVER', 'CLIENT_AND_SERVER']),
    ports: list(msg({ number: int64({ minimum: 1, maximum: 65535 }) }, { required: ['number'] }), { listType: 'map', listMapKeys: ['number'] }),
  },
  { description: 'Traffic the extension applies to: direction and ports.' },
);

const PULL_POLICIES = ['UNSPECIFIED_POLICY', 'IfNotPresent', 'Always'];
const PLUGIN_TYPES = ['UNSPECIFIED_PLUGIN_TYPE', 'HTTP', 'NETWORK'];
const FAIL_STRATEGIES = ['FAIL_CLOSE', 'FAIL_OPEN', 'FAIL_RELOAD'];

/** The module fields WasmPlugin has at its top level and TrafficExtension under `wasm`. */
const wasmModuleFields = {
  failStrategy: enumOf(FAIL_STRATEGIES),
  imagePullPolicy: enumOf(PULL_POLICIES),
  imagePullSecret: str({ minLength: 1, maxLength: 253, description: 'A Secret with credentials for the OCI registry.' }),
  pluginConfig: preserve({ description: 'Passed to the plugin as its configuration.' }),
  pluginName: str({ minLength: 1, maxLength: 256 }),
  sha256: str({ pattern: '(^$|^[a-f0-9]{64}$)', description: 'Checksum of the module, 64 lower-case hex digits.' }),
  type: enumOf(PLUGIN_TYPES),
  url: withCel(str({ minLength: 1, description: 'Where to fetch the module: oci://, file://, http(s)://.' }), URL_SCHEME_RULE),
  verificationKey: str(),
  vmConfig: VmConfig,
};

export const WasmPlugin: KindDefinition = {
  ...EXTENSIONS,
  kind: 'WasmPlugin',
  plural: 'wasmplugins',
  versions: VERSIONS,
  printerColumns: [AGE_COLUMN],
  specRequired: true,
  spec: withCel(
    msg(
      {
        ...wasmModuleFields,
        match: list(TrafficSelector),
        phase: enumOf(['UNSPECIFIED_PHASE', 'AUTHN', 'AUTHZ', 'STATS']),
        priority: nullable(int32({ description: 'Order among plugins of the same phase: higher runs first.' })),
        ...TARGETING,
      },
      { required: ['url'], description: 'A WebAssembly module added to the proxies\' filter chains.' },
    ),
    ONE_TARGETING_RULE,
  ),
};

export const TrafficExtension: KindDefinition = {
  ...EXTENSIONS,
  kind: 'TrafficExtension',
  plural: 'trafficextensions',
  versions: VERSIONS,
  printerColumns: [AGE_COLUMN],
  specRequired: true,
  spec: withCel(
    msg(
      {
        lua: msg({ inlineCode: str({ minLength: 1, maxLength: 65536 }) }, { required: ['inlineCode'], description: 'A Lua filter, inline.' }),
        match: list(TrafficSelector),
        phase: enumOf(['UNSPECIFIED', 'AUTHN', 'AUTHZ', 'STATS']),
        priority: nullable(int32({ description: 'Order among extensions of the same phase: higher runs first.' })),
        selector: LabelSelector,
        targetRefs: TargetRefs,
        wasm: msg(wasmModuleFields, { required: ['url'], description: 'A WebAssembly module.' }),
      },
      { oneOf: [['wasm', 'lua']], description: 'A Wasm or Lua filter added to the proxies\' filter chains.' },
    ),
    cel('!(has(self.selector) && has(self.targetRefs))', 'set at most one of selector and targetRefs'),
    cel('has(self.wasm) != has(self.lua)', 'set exactly one of wasm and lua'),
  ),
};
