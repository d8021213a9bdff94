/** Semantic checks of networking.istio.io kinds (istiod's validation beyond the schema). */
import type { PathSegment } from '../../resources/types.js';
import { arr, entries, num, obj, str, type Obj } from './access.js';
import type { SemanticCheck, SemanticContext } from './index.js';
import { cidrError, exportToErrors, isDns1123Label, isIP, labelKeyError, labelValueError, namespacedHostError, protocolError, regexError, wildcardDomainError } from './names.js';
import { checkVirtualService } from './virtualservice.js';

type P = PathSegment[];

function checkLabels(labels: unknown, path: P, ctx: SemanticContext): void {
  for (const [k, v] of entries(labels)) {
    const e = labelKeyError(k) ?? (typeof v === 'string' ? labelValueError(k, v) : undefined);
    if (e) ctx.report([...path, k], e);
  }
}

function checkExportTo(spec: Obj, ctx: SemanticContext): void {
  for (const { index, message } of exportToErrors(arr(spec.exportTo))) ctx.report(['spec', 'exportTo', index], message);
}

function checkPort(n: unknown, path: P, ctx: SemanticContext): void {
  const v = num(n);
  if (v !== undefined && (v < 1 || v > 65535)) ctx.report(path, `port ${v} is not in 1..65535`);
}

function checkProtocol(p: unknown, path: P, ctx: SemanticContext): void {
  const v = str(p);
  if (v === undefined) return;
  const e = protocolError(v);
  if (e) ctx.report(path, e);
}

const TLS_PROTOCOLS = new Set(['HTTPS', 'TLS']);

function checkServerTls(tls: Obj, protocol: string, path: P, ctx: SemanticContext): void {
  const mode = str(tls.mode) ?? 'PASSTHROUGH';
  const hasCreds = str(tls.credentialName) || arr(tls.credentialNames).length > 0 || arr(tls.tlsCertificates).length > 0;
  const hasFiles = str(tls.serverCertificate) || str(tls.privateKey);
  if (['SIMPLE', 'MUTUAL', 'OPTIONAL_MUTUAL'].includes(mode)) {
    if (!hasCreds && !(str(tls.serverCertificate) && str(tls.privateKey))) {
      ctx.report(path, `TLS mode ${mode} needs credentialName (or serverCertificate and privateKey)`);
    }
    if (mode !== 'SIMPLE' && !hasCreds && !str(tls.caCertificates) && !str(tls.caCertCredentialName)) {
      ctx.report(path, `TLS mode ${mode} needs caCertificates or a credentialName that holds the CA`);
    }
  }
  if (mode === 'ISTIO_MUTUAL' && (hasCreds || hasFiles || str(tls.caCertificates))) {
    ctx.report(path, 'TLS mode ISTIO_MUTUAL uses Istio\'s certificates: do not set credentialName, certificates or keys');
  }
  if (mode === 'AUTO_PASSTHROUGH' && protocol !== 'TLS') ctx.report([...path, 'mode'], 'TLS mode AUTO_PASSTHROUGH needs port protocol TLS');
}

const gateway: SemanticCheck = (doc, ctx) => {
  const spec = obj(doc.spec);
  if (!spec) return;
  checkLabels(spec.selector, ['spec', 'selector'], ctx);
  const servers = arr(spec.servers);
  if (servers.length === 0) ctx.report(['spec'], 'a Gateway needs at least one server');
  const names = new Set<string>();
  const portNames = new Set<string>();
  servers.forEach((s, i) => {
    const server = obj(s);
    if (!server) return;
    const path: P = ['spec', 'servers', i];
    const portName = str(obj(server.port)?.name);
    if (portName !== undefined) {
      // istiod: port names must be unique across a Gateway's servers, even on different port numbers.
      if (portNames.has(portName)) ctx.report([...path, 'port', 'name'], `port name "${portName}" is used by another server; port names in servers must be unique`);
      portNames.add(portName);
    }
    const name = str(server.name);
    if (name) {
      if (names.has(name)) ctx.report([...path, 'name'], `server name "${name}" is used twice`);
      names.add(name);
    }
    const hosts = arr(server.hosts);
    if (Array.isArray(server.hosts) && hosts.length === 0) ctx.report([...path, 'hosts'], 'a server needs at least one host');
    hosts.forEach((h, hi) => {
      const e = typeof h === 'string' ? namespacedHostError(h, false) : undefined;
      if (e) ctx.report([...path, 'hosts', hi], e);
    });
    const port = obj(server.port);
    const protocol = (str(port?.protocol) ?? '').toUpperCase();
    if (port) {
      checkPort(port.number, [...path, 'port', 'number'], ctx);
      checkProtocol(port.protocol, [...path, 'port', 'protocol'], ctx);
      if (port.name === '') ctx.report([...path, 'port', 'name'], 'port name must not be empty');
    }
    const tls = obj(server.tls);
    if (TLS_PROTOCOLS.has(protocol) && !tls) ctx.report([...path], `a ${protocol} server needs tls settings`);
    if (tls) {
      if (!TLS_PROTOCOLS.has(protocol) && protocol !== '' && !tls.httpsRedirect) ctx.report([...path, 'tls'], `tls settings are ignored on a ${protocol} port`, 'warning');
      if (TLS_PROTOCOLS.has(protocol)) checkServerTls(tls, protocol, [...path, 'tls'], ctx);
    }
    const bind = str(server.bind);
    if (bind && !isIP(bind) && !bind.startsWith('unix://')) ctx.report([...path, 'bind'], `bind "${bind}" must be an IP address or unix:// path`);
  });
};

function checkTrafficPolicy(tp: unknown, path: P, ctx: SemanticContext): void {
  const policy = obj(tp);
  if (!policy) return;
  if (Object.keys(policy).length === 0) ctx.report(path, 'a traffic policy needs at least one field');
  const od = obj(policy.outlierDetection);
  for (const f of ['maxEjectionPercent', 'minHealthPercent']) {
    const v = num(od?.[f]);
    if (v !== undefined && (v < 0 || v > 100)) ctx.report([...path, 'outlierDetection', f], `${f} ${v} is not in 0..100`);
  }
  const pool = obj(policy.connectionPool);
  for (const [group, fields] of [
    ['http', ['http1MaxPendingRequests', 'http2MaxRequests', 'maxRequestsPerConnection', 'maxRetries', 'maxConcurrentStreams']],
    ['tcp', ['maxConnections']],
  ] as const) {
    for (const f of fields) {
      const v = num(obj(pool?.[group])?.[f]);
      if (v !== undefined && v < 0) ctx.report([...path, 'connectionPool', group, f], `${f} cannot be negative`);
    }
  }
  const lb = obj(policy.loadBalancer);
  const locality = obj(lb?.localityLbSetting);
  if (locality) {
    if (arr(locality.distribute).length > 0 && arr(locality.failover).length > 0) ctx.report([...path, 'loadBalancer', 'localityLbSetting'], 'distribute and failover cannot both be set');
    arr(locality.distribute).forEach((d, i) => {
      const total = entries(obj(d)?.to).reduce((s, [, w]) => s + (num(w) ?? 0), 0);
      if (total !== 100) ctx.report([...path, 'loadBalancer', 'localityLbSetting', 'distribute', i, 'to'], `weights add up to ${total}, not 100`);
    });
  }
  checkClientTls(policy.tls, [...path, 'tls'], ctx);
  const seen = new Set<number>();
  arr(policy.portLevelSettings).forEach((s, i) => {
    const setting = obj(s);
    const pp: P = [...path, 'portLevelSettings', i];
    const n = num(obj(setting?.port)?.number);
    if (n === undefined) ctx.report(pp, 'port-level settings need port.number');
    else {
      checkPort(n, [...pp, 'port', 'number'], ctx);
      if (seen.has(n)) ctx.report([...pp, 'port', 'number'], `port ${n} has settings twice`);
      seen.add(n);
    }
    checkClientTls(setting?.tls, [...pp, 'tls'], ctx);
  });
  const tunnel = obj(policy.tunnel);
  if (tunnel) {
    checkPort(tunnel.targetPort, [...path, 'tunnel', 'targetPort'], ctx);
    const proto = str(tunnel.protocol);
    if (proto && !['CONNECT', 'POST'].includes(proto)) ctx.report([...path, 'tunnel', 'protocol'], `tunnel protocol "${proto}" must be CONNECT or POST`);
  }
}

function checkClientTls(t: unknown, path: P, ctx: SemanticContext): void {
  const tls = obj(t);
  if (!tls) return;
  const mode = str(tls.mode);
  if (mode === 'MUTUAL' && !str(tls.credentialName) && !(str(tls.clientCertificate) && str(tls.privateKey))) {
    ctx.report(path, 'TLS mode MUTUAL needs credentialName, or clientCertificate and privateKey');
  }
  if (mode === 'ISTIO_MUTUAL' && (str(tls.credentialName) || str(tls.clientCertificate) || str(tls.privateKey) || str(tls.caCertificates))) {
    ctx.report(path, 'TLS mode ISTIO_MUTUAL uses Istio\'s certificates: do not set credentialName, certificates or keys');
  }
}

const destinationRule: SemanticCheck = (doc, ctx) => {
  const spec = obj(doc.spec);
  if (!spec) return;
  const host = str(spec.host);
  if (host !== undefined) {
    const e = wildcardDomainError(host);
    if (e) ctx.report(['spec', 'host'], e);
  }
  checkExportTo(spec, ctx);
  checkTrafficPolicy(spec.trafficPolicy, ['spec', 'trafficPolicy'], ctx);
  const names = new Set<string>();
  arr(spec.subsets).forEach((s, i) => {
    const subset = obj(s);
    if (!subset) return;
    const name = str(subset.name);
    if (name !== undefined) {
      if (!isDns1123Label(name)) ctx.report(['spec', 'subsets', i, 'name'], `subset name "${name}" is not a valid DNS label`);
      if (names.has(name)) ctx.report(['spec', 'subsets', i, 'name'], `subset "${name}" is defined twice`);
      names.add(name);
    }
    checkLabels(subset.labels, ['spec', 'subsets', i, 'labels'], ctx);
    checkTrafficPolicy(subset.trafficPolicy, ['spec', 'subsets', i, 'trafficPolicy'], ctx);
  });
};

function checkEndpointAddress(address: string, resolution: string, path: P, ctx: SemanticContext): void {
  if (address.startsWith('unix://')) return;
  if (resolution === 'STATIC' && !isIP(address)) ctx.report(path, `endpoint address "${address}" must be an IP address with resolution STATIC`);
  else if (!isIP(address) && wildcardDomainError(address) !== undefined) ctx.report(path, `endpoint address "${address}" is not an IP address or DNS name`);
}

const serviceEntry: SemanticCheck = (doc, ctx) => {
  const spec = obj(doc.spec);
  if (!spec) return;
  const resolution = str(spec.resolution) ?? 'NONE';
  arr(spec.hosts).forEach((h, i) => {
    if (typeof h !== 'string' || h === '*') return;
    const e = wildcardDomainError(h);
    if (e) ctx.report(['spec', 'hosts', i], e);
    else if (h.startsWith('*') && (resolution === 'DNS' || resolution === 'DNS_ROUND_ROBIN')) ctx.report(['spec', 'hosts', i], `wildcard host "${h}" cannot be resolved with resolution ${resolution}`);
  });
  arr(spec.addresses).forEach((a, i) => {
    const e = typeof a === 'string' ? cidrError(a) : undefined;
    if (e) ctx.report(['spec', 'addresses', i], e);
  });
  checkExportTo(spec, ctx);
  const portNames = new Set<string>();
  arr(spec.ports).forEach((p, i) => {
    const port = obj(p);
    if (!port) return;
    const name = str(port.name);
    if (name !== undefined) {
      if (!isDns1123Label(name)) ctx.report(['spec', 'ports', i, 'name'], `port name "${name}" is not a valid DNS label`);
      if (portNames.has(name)) ctx.report(['spec', 'ports', i, 'name'], `port name "${name}" is used twice`);
      portNames.add(name);
    }
    checkProtocol(port.protocol, ['spec', 'ports', i, 'protocol'], ctx);
  });
  const endpoints = arr(spec.endpoints);
  if (resolution === 'STATIC' && endpoints.length === 0 && !obj(spec.workloadSelector)) ctx.report(['spec'], 'resolution STATIC needs endpoints or a workloadSelector');
  endpoints.forEach((e, i) => {
    const ep = obj(e);
    if (!ep) return;
    const address = str(ep.address);
    if (address !== undefined) checkEndpointAddress(address, resolution, ['spec', 'endpoints', i, 'address'], ctx);
    checkLabels(ep.labels, ['spec', 'endpoints', i, 'labels'], ctx);
    for (const [name] of entries(ep.ports)) if (portNames.size > 0 && !portNames.has(name)) ctx.report(['spec', 'endpoints', i, 'ports', name], `port "${name}" is not one of the ServiceEntry's ports`);
  });
  checkLabels(obj(spec.workloadSelector)?.labels, ['spec', 'workloadSelector', 'labels'], ctx);
};

function checkWorkloadEntryFields(we: Obj, path: P, ctx: SemanticContext): void {
  const address = str(we.address);
  if (address !== undefined && address !== '' && !address.startsWith('unix://') && !isIP(address) && wildcardDomainError(address) !== undefined) {
    ctx.report([...path, 'address'], `address "${address}" is not an IP address, DNS name or unix:// path`);
  }
  checkLabels(we.labels, [...path, 'labels'], ctx);
}

const workloadEntry: SemanticCheck = (doc, ctx) => {
  const spec = obj(doc.spec);
  if (spec) checkWorkloadEntryFields(spec, ['spec'], ctx);
};

const workloadGroup: SemanticCheck = (doc, ctx) => {
  const spec = obj(doc.spec);
  if (!spec) return;
  const template = obj(spec.template);
  if (template) {
    checkWorkloadEntryFields(template, ['spec', 'template'], ctx);
    if (str(template.address)) ctx.report(['spec', 'template', 'address'], 'the template cannot set an address: each VM brings its own', 'error');
  }
  checkLabels(obj(spec.metadata)?.labels, ['spec', 'metadata', 'labels'], ctx);
};

const sidecar: SemanticCheck = (doc, ctx) => {
  const spec = obj(doc.spec);
  if (!spec) return;
  checkLabels(obj(spec.workloadSelector)?.labels, ['spec', 'workloadSelector', 'labels'], ctx);
  const egress = arr(spec.egress);
  let portless = 0;
  egress.forEach((e, i) => {
    const listener = obj(e);
    if (!listener) return;
    const path: P = ['spec', 'egress', i];
    if (!obj(listener.port)) portless++;
    else {
      checkPort(obj(listener.port)?.number, [...path, 'port', 'number'], ctx);
      checkProtocol(obj(listener.port)?.protocol, [...path, 'port', 'protocol'], ctx);
    }
    const hosts = arr(listener.hosts);
    if (hosts.length === 0) ctx.report([...path, 'hosts'], 'an egress listener needs at least one host');
    hosts.forEach((h, hi) => {
      if (typeof h !== 'string') return;
      const e2 = h.includes('/') ? namespacedHostError(h, true) : `egress host "${h}" must be written namespace/host (e.g. "./*" or "istio-system/*")`;
      if (e2) ctx.report([...path, 'hosts', hi], e2);
    });
  });
  if (portless > 1) ctx.report(['spec', 'egress'], 'only one egress listener may leave out the port');
  arr(spec.ingress).forEach((e, i) => {
    const listener = obj(e);
    if (!listener) return;
    const path: P = ['spec', 'ingress', i];
    checkPort(obj(listener.port)?.number, [...path, 'port', 'number'], ctx);
    checkProtocol(obj(listener.port)?.protocol, [...path, 'port', 'protocol'], ctx);
    const ep = str(listener.defaultEndpoint);
    if (ep && !ep.startsWith('unix://') && !/^(127\.0\.0\.1|0\.0\.0\.0|\[::1\]|\[::\]):\d+$/.test(ep)) {
      ctx.report([...path, 'defaultEndpoint'], `defaultEndpoint "${ep}" must be 127.0.0.1:PORT, 0.0.0.0:PORT, [::1]:PORT, [::]:PORT or unix://path`);
    }
  });
};

const envoyFilter: SemanticCheck = (doc, ctx) => {
  const spec = obj(doc.spec);
  if (!spec) return;
  checkLabels(obj(spec.workloadSelector)?.labels, ['spec', 'workloadSelector', 'labels'], ctx);
  arr(spec.configPatches).forEach((c, i) => {
    const cp = obj(c);
    if (!cp) return;
    const path: P = ['spec', 'configPatches', i];
    const applyTo = str(cp.applyTo);
    if (!applyTo || applyTo === 'INVALID') ctx.report([...path, 'applyTo'], 'applyTo is required');
    const patch = obj(cp.patch);
    const op = str(patch?.operation);
    if (!patch) ctx.report(path, 'patch is required');
    else if (!op || op === 'INVALID') ctx.report([...path, 'patch', 'operation'], 'patch.operation is required');
    else if (op !== 'REMOVE' && patch.value === undefined) ctx.report([...path, 'patch'], `patch.value is required for operation ${op}`);
    if (op && ['INSERT_BEFORE', 'INSERT_AFTER', 'INSERT_FIRST'].includes(op) && applyTo && !['NETWORK_FILTER', 'HTTP_FILTER', 'HTTP_ROUTE', 'LISTENER_FILTER', 'FILTER_CHAIN', 'LISTENER', 'CLUSTER', 'EXTENSION_CONFIG'].includes(applyTo)) {
      ctx.report([...path, 'patch', 'operation'], `operation ${op} does not apply to ${applyTo}`);
    }
    const version = str(obj(obj(cp.match)?.proxy)?.proxyVersion);
    if (version !== undefined) {
      const e = regexError(version);
      if (e) ctx.report([...path, 'match', 'proxy', 'proxyVersion'], e);
    }
  });
};

const proxyConfig: SemanticCheck = (doc, ctx) => {
  const spec = obj(doc.spec);
  if (!spec) return;
  for (const [k] of entries(spec.environmentVariables)) {
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(k)) ctx.report(['spec', 'environmentVariables', k], `"${k}" is not a valid environment variable name`);
  }
  const imageType = str(obj(spec.image)?.imageType);
  if (imageType !== undefined && !['default', 'debug', 'distroless'].includes(imageType)) {
    ctx.report(['spec', 'image', 'imageType'], `image type "${imageType}" is not one of default, debug, distroless`, 'warning');
  }
};

export const checks: Readonly<Record<string, SemanticCheck>> = {
  DestinationRule: destinationRule,
  EnvoyFilter: envoyFilter,
  Gateway: gateway,
  ProxyConfig: proxyConfig,
  ServiceEntry: serviceEntry,
  Sidecar: sidecar,
  VirtualService: (doc, ctx) => {
    checkVirtualService(doc, ctx);
    const spec = obj(doc.spec);
    if (spec) checkExportTo(spec, ctx);
  },
  WorkloadEntry: workloadEntry,
  WorkloadGroup: workloadGroup,
};
