/**
 * A js-yaml schema that resolves plain scalars as Kubernetes does (go-yaml v2, YAML 1.1) and exactly as the
 * `yaml` package's `yaml-1.1` schema without timestamps does (the reference path in parse.ts): same patterns,
 * same order, same arithmetic. `yes`/`on`/`y` are true, `0777` is octal, `1_000` is 1000, `1:30` is 90,
 * timestamps stay text. Explicit tags, anchors and merge keys never reach this schema: documents holding them
 * are read by the reference path (see parse.ts).
 */
import jsYaml from 'js-yaml';

const NULL = /^(?:~|[Nn]ull|NULL)?$/;
const TRUE = /^(?:Y|y|[Yy]es|YES|[Tt]rue|TRUE|[Oo]n|ON)$/;
const FALSE = /^(?:N|n|[Nn]o|NO|[Ff]alse|FALSE|[Oo]ff|OFF)$/;
const INT_BIN = /^[-+]?0b[0-1_]+$/;
const INT_OCT = /^[-+]?0[0-7_]+$/;
const INT_DEC = /^[-+]?[0-9][0-9_]*$/;
const INT_HEX = /^[-+]?0x[0-9a-fA-F_]+$/;
const FLOAT_NAN = /^(?:[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)$/;
const FLOAT_EXP = /^[-+]?(?:[0-9][0-9_]*)?(?:\.[0-9_]*)?[eE][-+]?[0-9]+$/;
const FLOAT = /^[-+]?(?:[0-9][0-9_]*)?\.[0-9_]*$/;
const INT_TIME = /^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+$/;
const FLOAT_TIME = /^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+\.[0-9_]*$/;

/** As the `yaml` package's intResolve (numbers, not bigints). */
function intOf(str: string, offset: number, radix: number): number {
  const sign = str[0];
  const start = sign === '-' || sign === '+' ? offset + 1 : offset;
  const n = parseInt(str.substring(start).replace(/_/g, ''), radix);
  return sign === '-' ? -1 * n : n;
}

/** As the `yaml` package's parseSexagesimal. */
function sexagesimal(str: string): number {
  const sign = str[0];
  const parts = sign === '-' || sign === '+' ? str.substring(1) : str;
  const res = parts
    .replace(/_/g, '')
    .split(':')
    .reduce((acc, p) => acc * 60 + Number(p), 0);
  return sign === '-' ? -1 * res : res;
}

const STRING = Symbol('string');

/** The value of a plain scalar, or STRING when it stays the text it is. Patterns in the reference's order. */
export function plainScalar(s: string): unknown {
  const c = s.charCodeAt(0);
  // Most scalars start with a letter that begins no null, boolean or number: answer those at once.
  if (c >= 97 && c <= 122 ? !(c === 121 || c === 110 || c === 116 || c === 102 || c === 111) : c >= 65 && c <= 90 && !(c === 89 || c === 78 || c === 84 || c === 70 || c === 79)) return STRING;
  if (NULL.test(s)) return null;
  if (TRUE.test(s)) return true;
  if (FALSE.test(s)) return false;
  if (INT_BIN.test(s)) return intOf(s, 2, 2);
  if (INT_OCT.test(s)) return intOf(s, 1, 8);
  if (INT_DEC.test(s)) return intOf(s, 0, 10);
  if (INT_HEX.test(s)) return intOf(s, 2, 16);
  if (FLOAT_NAN.test(s)) return s.slice(-3).toLowerCase() === 'nan' ? NaN : s[0] === '-' ? Number.NEGATIVE_INFINITY : Number.POSITIVE_INFINITY;
  if (FLOAT_EXP.test(s) || FLOAT.test(s)) return parseFloat(s.replace(/_/g, ''));
  if (INT_TIME.test(s) || FLOAT_TIME.test(s)) return sexagesimal(s);
  return STRING;
}

/** One implicit type for every YAML 1.1 plain scalar that is not a string (only plain scalars are resolved). */
const yaml11Scalar = new jsYaml.Type('tag:sailctl,2026:yaml-1.1-scalar', {
  kind: 'scalar',
  resolve: (data: string) => plainScalar(data) !== STRING,
  construct: (data: string) => plainScalar(data),
});

export const K8S_SCHEMA = jsYaml.FAILSAFE_SCHEMA.extend({ implicit: [yaml11Scalar] });
