import { describe, expect, it } from 'vitest';
import { compileTemplate } from './index.js';
import { formatFloat, quote } from './format.js';

const run = (text: string, data?: unknown): string => compileTemplate('t', text).execute(data);

describe('printf follows Go fmt', () => {
  const cases: readonly [string, string, string][] = [
    ['integer verbs, widths and flags', '{{printf "%d|%5d|%-5d|%05d|%+d|%x|%X|%#x|%o|%b" 42 42 42 42 42 255 255 255 8 5}}', '42|   42|42   |00042|+42|ff|FF|0xff|10|101'],
    ['runes: %c, %q and %U of an int', '{{printf "%c|%q|%U" 65 65 65}}', "A|'A'|U+0041"],
    ['string verbs, widths and precision (in runes)', '{{printf "%s|%7s|%-7s|%.2s|%q|%x" "héllo" "héllo" "héllo" "héllo" "hi" "hi"}}', 'héllo|  héllo|héllo  |hé|"hi"|6869'],
    ['%f defaults to 6 decimals; precision and width', '{{printf "%f|%.2f|%8.3f|%08.3f" 3.14159 3.14159 3.14159 -3.14159}}', '3.141590|3.14|   3.142|-003.142'],
    ['%e and %E have at least two exponent digits', '{{printf "%e|%E|%.2e" 1234.5678 1234.5678 0.000123}}', '1.234568e+03|1.234568E+03|1.23e-04'],
    ['%g switches to an exponent below 1e-4 and from 1e21 (shortest: from exponent 6 up... for %g precision)', '{{printf "%g|%g|%g|%.3g" 0.000012345 100000.5 1e21 1234.5}}', '1.2345e-05|100000.5|1e+21|1.23e+03'],
    ['%v of floats is the shortest %g', '{{printf "%v|%v|%v" 1.5 0.30000000000000004 1234567.5}}', '1.5|0.30000000000000004|1.2345675e+06'],
    ['%t and %v of booleans', '{{printf "%t|%v" true false}}', 'true|false'],
    ['%% is a literal percent', '{{printf "100%%"}}', '100%'],
    ['%T names Go types', '{{printf "%T|%T|%T|%T|%T|%T" 1 "s" 1.5 true (list) (dict)}}', 'int|string|float64|bool|[]interface {}|map[string]interface {}'],
    ['a verb of the wrong type is reported inline', '{{printf "%d|%s|%t" "x" 5 1}}', '%!d(string=x)|%!s(int=5)|%!t(int=1)'],
    ['a missing argument', '{{printf "%s and %s" "a"}}', 'a and %!s(MISSING)'],
    ['an extra argument', '{{printf "%s" "a" 2}}', 'a%!(EXTRA int=2)'],
    ['nil with %v and with %s', '{{printf "%v|%s" nil nil}}', '<nil>|%!s(<nil>)'],
    ['explicit argument indexes', '{{printf "%[2]d %[1]d" 1 2}}', '2 1'],
    ['width from an argument', '{{printf "%*d|%-*d|" 4 7 3 7}}', '   7|7  |'],
    ['verbs apply to each element of a slice', '{{printf "%q|%d|%v" (list "a" "b") (list 1 2) (list 1 "a")}}', '["a" "b"]|[1 2]|[1 a]'],
    ['maps with %v are sorted, nil inside prints <nil>', '{{printf "%v" .}}', 'map[a:<nil> b:[1 x] c:map[d:true]]'],
    ['%x of negative numbers keeps the sign', '{{printf "%x|%d" -255 -3}}', '-ff|-3'],
    ['%6.2f pads negative numbers', '{{printf "%6.2f|" -1.5}}', ' -1.50|'],
    ['%q escapes as strconv.Quote', '{{printf "%q" "é\\t\\x01\\"\\\\"}}', '"é\\t\\x01\\"\\\\"'],
  ];
  it.each(cases)('%s', (_name, text, expected) => {
    expect(run(text, { b: [1, 'x'], a: null, c: { d: true } })).toBe(expected);
  });
});

describe('printing values in actions', () => {
  it('prints nested maps, slices and nil as %v does', () => {
    expect(run('{{.}}', { z: [{ b: 1, a: [] }], y: null, x: '' })).toBe('map[x: y:<nil> z:[map[a:[] b:1]]]');
  });

  it('uses a String method (fmt.Stringer) when there is one', () => {
    expect(run('{{.Mode}} {{printf "%s|%v" .Mode .Mode}} {{print .Mode}}', { Mode: { String: () => 'REDIRECT' } })).toBe('REDIRECT REDIRECT|REDIRECT REDIRECT');
  });

  it('prints floats Go-style', () => {
    expect(run('{{.A}} {{.B}} {{.C}} {{.D}}', { A: 0.5, B: 1e-7, C: 2.5e-5, D: 123456.25 })).toBe('0.5 1e-07 2.5e-05 123456.25');
  });
});

describe('strconv helpers', () => {
  it.each([
    [1e6, 'g', -1, '1e+06'],
    [123456, 'g', -1, '123456'],
    [0.0001, 'g', -1, '0.0001'],
    [0.00001, 'g', -1, '1e-05'],
    [100, 'e', -1, '1e+02'],
    [1.5, 'f', -1, '1.5'],
    [2.675, 'f', 2, '2.67'],
    [0, 'g', -1, '0'],
    [-0.5, 'g', -1, '-0.5'],
    [Infinity, 'g', -1, '+Inf'],
  ] as const)('FormatFloat(%s, %s, %s) = %s', (x, verb, prec, expected) => {
    expect(formatFloat(x, verb, prec)).toBe(expected);
  });

  it.each([
    ['plain', '"plain"'],
    ['tab\tnew\nline', '"tab\\tnew\\nline"'],
    ['bell\x07 del\x7f', '"bell\\a del\\x7f"'],
    ['naïve ☃', '"naïve ☃"'],
    ['sep\u2028', '"sep\\u2028"'],
  ])('Quote(%j) = %s', (input, expected) => {
    expect(quote(input)).toBe(expected);
  });
});
