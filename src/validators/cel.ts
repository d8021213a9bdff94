/**
 * The intent of every CEL rule the schemas declare, as TS predicates keyed by the exact rule text.
 * The API server evaluates the CEL; `sailctl validate` runs these instead (no CEL interpreter).
 * The generator refuses a schema whose rule has no entry here, so the two cannot drift apart.
 */
import { parseGoDuration } from './semantic/durations.js';
import { POLICY_CEL_CHECKS } from './cel-policies.js';

type Obj = Record<string, unknown>;
export type CelCheck = (self: unknown) => boolean;

const has = (o: unknown, k: string): boolean => o !== null && typeof o === 'object' && (o as Obj)[k] !== undefined && (o as Obj)[k] !== null;
const str = (v: unknown): string => (typeof v === 'string' ? v : '');
const keys = (v: unknown): string[] => (v !== null && typeof v === 'object' ? Object.keys(v as Obj) : []);
const atMostOne = (...fields: string[]) => (self: unknown) => fields.filter((f) => has(self, f)).length <= 1;
const PORT_NAME = /^[a-zA-Z0-9](?:[-a-zA-Z0-9]*[a-zA-Z0-9])?$/;

export const CEL_CHECKS: Readonly<Record<string, CelCheck>> = {
  ...POLICY_CEL_CHECKS, // security, telemetry and extensions kinds
  "duration(self) >= duration('1ms')": (self) => {
    const ms = parseGoDuration(str(self));
    return ms !== undefined && ms >= 1;
  },
  '0 < self && self <= 65535': (self) => typeof self !== 'number' || (self > 0 && self <= 65535),
  "!self.contains('*')": (self) => !str(self).includes('*'),
  "self.all(k, !k.contains('*'))": (self) => keys(self).every((k) => !k.includes('*')),
  'self.all(k, k.size() > 0)': (self) => keys(self).every((k) => k.length > 0),
  'self.size() == 0': (self) => str(self).length === 0,
  '!(has(self.tlsCertificates) && has(self.credentialNames))': atMostOne('tlsCertificates', 'credentialNames'),
  '!(has(self.credentialName) && has(self.credentialNames))': atMostOne('credentialName', 'credentialNames'),
  '!(has(self.credentialNames) && has(self.tlsCertificates))': atMostOne('credentialNames', 'tlsCertificates'),
  '!(has(self.workloadSelector) && has(self.endpoints))': atMostOne('workloadSelector', 'endpoints'),
  '!(has(self.workloadSelector) && has(self.targetRefs))': atMostOne('workloadSelector', 'targetRefs'),
  "self != '*'": (self) => self !== '*',
  'has(self.address) || has(self.network)': (self) => has(self, 'address') || has(self, 'network'),
  "!(has(self.address) && self.address.startsWith('unix://') && has(self.ports))": (self) =>
    !(str((self as Obj)?.address).startsWith('unix://') && has(self, 'ports')),
  "!self.startsWith('unix://') || self.substring(7, 8) in ['/', '@']": (self) => {
    const s = str(self);
    return !s.startsWith('unix://') || s[7] === '/' || s[7] === '@';
  },
  "!self.startsWith('unix://') || !self.endsWith('/')": (self) => {
    const s = str(self);
    return !s.startsWith('unix://') || !s.endsWith('/');
  },
  "self.all(k, size(k) < 63 && k.matches('^[a-zA-Z0-9](?:[-a-zA-Z0-9]*[a-zA-Z0-9])?$'))": (self) =>
    keys(self).every((k) => k.length < 63 && PORT_NAME.test(k)),
  'self.all(a, self.exists_one(b, a.number == b.number))': (self) => {
    if (!Array.isArray(self)) return true;
    const numbers = self.map((p) => (p as Obj | null)?.number);
    return new Set(numbers).size === numbers.length;
  },
  "!(has(self.addresses) && self.addresses.exists(a, a.contains('/')) && has(self.resolution) && !(self.resolution in ['STATIC', 'NONE']))":
    (self) => {
      const o = self as Obj;
      const addresses = Array.isArray(o?.addresses) ? (o.addresses as unknown[]) : [];
      const resolution = str(o?.resolution) || 'NONE';
      return !(addresses.some((a) => str(a).includes('/')) && resolution !== 'STATIC' && resolution !== 'NONE');
    },
  "!(has(self.resolution) && self.resolution != 'NONE') ? !has(self.endpoints) : true": (self) =>
    (str((self as Obj)?.resolution) || 'NONE') !== 'NONE' || !has(self, 'endpoints'),
  "has(self.resolution) && self.resolution == 'DNS_ROUND_ROBIN' ? !has(self.endpoints) || self.endpoints.size() <= 1 : true": (self) => {
    const o = self as Obj;
    return str(o?.resolution) !== 'DNS_ROUND_ROBIN' || !Array.isArray(o.endpoints) || o.endpoints.length <= 1;
  },
  "self in ['', 'HTTP', 'HTTPS']": (self) => ['', 'HTTP', 'HTTPS'].includes(str(self)),
  "has(self.waypoint) == (has(self.context) && self.context == 'WAYPOINT')": (self) =>
    has(self, 'waypoint') === (str((self as Obj)?.context) === 'WAYPOINT'),
};
