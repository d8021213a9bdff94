import { describe, expect, it } from 'vitest';
import { compileTemplate, TemplateError } from './index.js';

function execError(text: string, data: unknown = {}): TemplateError {
  const t = compileTemplate('t', text);
  try {
    t.execute(data);
  } catch (e) {
    if (e instanceof TemplateError) return e;
    throw e;
  }
  throw new Error('expected an execution error');
}

function parseError(text: string, funcNames?: readonly string[]): TemplateError {
  try {
    compileTemplate('t', text, funcNames ? { funcNames } : {});
  } catch (e) {
    if (e instanceof TemplateError) return e;
    throw e;
  }
  throw new Error('expected a parse error');
}

describe('execution errors are worded and located as Go words them', () => {
  // Go's location is `name:line:col` with the column counted from 0 at the failing node.
  const cases: readonly [string, string, unknown, string][] = [
    ['a field of a string', '{{.A.B}}', { A: 's' }, 'template: t:1:4: executing "t" at <.A.B>: can\'t evaluate field B in type string'],
    ['a field of a slice', '{{.L.x}}', { L: [] }, 'template: t:1:4: executing "t" at <.L.x>: can\'t evaluate field x in type []interface {}'],
    ['index out of range', '{{index .L 5}}', { L: [1] }, 'template: t:1:2: executing "t" at <index .L 5>: error calling index: index out of range: 5'],
    ['a field of an explicit nil', 'x\n  {{.N.x}}', { N: null }, 'template: t:2:6: executing "t" at <.N.x>: nil pointer evaluating interface {}.x'],
    ['arguments to a map key', '{{.A 1}}', { A: 's' }, 'template: t:1:2: executing "t" at <.A>: A is not a method but has arguments'],
    ['arguments to a constant', '{{1 2}}', {}, 'template: t:1:2: executing "t" at <1>: can\'t give argument to non-function 1'],
    ['nil as a command', '{{nil}}', {}, 'template: t:1:2: executing "t" at <nil>: nil is not a command'],
    ['an undefined template', '{{template "nope"}}', {}, 'template: t:1:11: executing "t" at <{{template "nope"}}>: template "nope" not defined'],
    ['a comparison of different kinds', '{{eq 1 "1"}}', {}, 'template: t:1:2: executing "t" at <eq 1 "1">: error calling eq: incompatible types for comparison'],
    ['lt on booleans', '{{lt true false}}', {}, 'template: t:1:2: executing "t" at <lt true false>: error calling lt: invalid type for comparison'],
    ['the wrong number of arguments', '{{not 1 2}}', {}, 'template: t:1:2: executing "t" at <not>: wrong number of args for not: want 1 got 2'],
    ['a variadic function with too few', '{{index}}', {}, 'template: t:1:2: executing "t" at <index>: wrong number of args for index: want at least 1 got 0'],
    ['a string parameter given an int constant', '{{upper 5}}', {}, 'template: t:1:8: executing "t" at <5>: expected string; found 5'],
    ['a string parameter given an int value', '{{upper .N}}', { N: 5 }, 'template: t:1:8: executing "t" at <.N>: wrong type for value; expected string; got int'],
    ['a string parameter given nil', '{{upper nil}}', {}, 'template: t:1:8: executing "t" at <nil>: cannot assign nil to string'],
    ['a string parameter given no value', '{{.Nope | upper}}', {}, 'template: t:1:10: executing "t" at <upper>: invalid value; expected string'],
    ['fail', '{{fail "stop here"}}', {}, 'template: t:1:2: executing "t" at <fail "stop here">: error calling fail: stop here'],
    ['required with an empty value', '{{required "name is required" .Name}}', {}, 'template: t:1:2: executing "t" at <required "name is re...>: error calling required: name is required'],
    ['range over a string', '{{range .S}}{{end}}', { S: 'ab' }, 'template: t:1:8: executing "t" at <{{range .S}}{{end}}>: range can\'t iterate over ab'],
    ['two variables over an integer', '{{range $i, $v := 3}}{{end}}', {}, 'template: t:1:8: executing "t" at <{{range $i, $v := 3}...>: can\'t use 3 to iterate over more than one variable'],
    ['len of a number', '{{len 3}}', {}, 'template: t:1:2: executing "t" at <len 3>: error calling len: len of type int'],
    ['division by zero', '{{div 1 0}}', {}, 'template: t:1:2: executing "t" at <div 1 0>: error calling div: runtime error: integer divide by zero'],
  ];
  it.each(cases)('%s', (_name, text, data, message) => {
    expect(execError(text, data).message).toBe(message);
  });

  it('names the define that failed and its line in the source', () => {
    const e = execError('{{define "inner"}}\n  {{index . 3}}\n{{end}}{{template "inner" .L}}', { L: [] });
    expect(e.message).toBe('template: t:2:4: executing "inner" at <index . 3>: error calling index: index out of range: 3');
    expect([e.template, e.line, e.col]).toEqual(['t', 2, 5]);
  });

  it('calls a function the template names but execute() was not given', () => {
    expect(execError('{{mine 1}}').message).toBe('template: t:1:2: executing "t" at <mine>: "mine" is not a defined function');
  });

  it('reports unbounded recursion instead of overflowing the stack', () => {
    expect(execError('{{define "r"}}{{template "r" .}}{{end}}{{template "r" .}}').reason).toBe('exceeded maximum template depth (1000)');
  });
});

describe('parse errors carry the template name, line and column', () => {
  const cases: readonly [string, string, string, number, number][] = [
    ['unexpected EOF in an unclosed if', 'a\n{{if .A}}x', 'unexpected EOF', 2, 11],
    ['an end without a block', '{{end}}', 'unexpected {{end}}', 1, 3],
    ['an else outside a block', 'x {{else}}', 'unexpected {{else}}', 1, 5],
    ['an undefined variable', '{{$x}}', 'undefined variable "$x"', 1, 3],
    ['a variable used outside its scope', '{{if true}}{{$x := 1}}{{end}}{{$x}}', 'undefined variable "$x"', 1, 32],
    ['break outside range', '{{break}}', '{{break}} outside {{range}}', 1, 3],
    ['an unclosed action', 'ab {{.A', 'unclosed action', 1, 6],
    ['an unterminated string', '{{"abc}}', 'unterminated quoted string', 1, 3],
    ['an unclosed comment', '{{/* x }}', 'unclosed comment', 1, 3],
    ['an unmatched paren', '{{(len .L}}', 'unclosed left paren', 1, 10],
    ['operands must be separated by spaces', '{{print .A"x"}}', 'unexpected "\\"x\\"" in operand', 1, 11],
    ['an empty pipeline', '{{}}', 'missing value for command', 1, 3],
    ['a constant after a pipe', '{{.A | "x"}}', 'non executable command in pipeline stage 2', 1, 8],
    ['a bad number', '{{3x}}', 'bad number syntax: "3x"', 1, 3],
    ['a template name that is not a string', '{{template .A}}', 'unexpected ".A" in template clause', 1, 12],
    ['a duplicate define', '{{define "a"}}x{{end}}{{define "a"}}y{{end}}', 'template: multiple definition of template "a"', 1, 32],
  ];
  it.each(cases)('%s', (_name, text, reason, line, col) => {
    const e = parseError(text);
    expect(e.reason).toBe(reason);
    expect([e.line, e.col]).toEqual([line, col]);
    expect(e.message).toBe(`template: t:${line}:${col - 1}: ${reason}`);
  });

  it('makes an unknown function a parse error when the function names are given, as Go does', () => {
    const e = parseError('line one\n  {{.A | nofunc}}', ['annotation']);
    expect([e.reason, e.line, e.col]).toEqual(['function "nofunc" not defined', 2, 10]);
    expect(() => compileTemplate('t', '{{annotation . | quote | default "x"}}', { funcNames: ['annotation'] })).not.toThrow();
  });

  it('accepts unknown functions at compile time when no names are given', () => {
    expect(() => compileTemplate('t', '{{.A | nofunc}}')).not.toThrow();
  });
});

describe('malformed input', () => {
  it('only ever fails with TemplateError, at compile or execute time (seeded random templates)', () => {
    const pieces = ['{{', '}}', '{{- ', ' -}}', '.A', '.B.C', '$x', '$x :=', '=', '|', '(', ')', '"s"', '`r`', "'c'", '1', '-2', '1.5', 'if', 'else', 'end', 'range', 'with', 'define', 'template', 'block', 'break', 'continue', 'nil', 'true', 'len', 'index', 'printf', 'and', 'or', 'not', 'eq', '\n', 'x', '/*', '*/', ',', '$', '.', 'toYaml', 'default', 'quote', 'slice', 'call'];
    const data = [undefined, null, 1, 'str', [1, 'a'], { A: { C: 1 }, B: null }, { A: [1], B: { C: 'x' } }];
    let seed = 7;
    const rnd = (n: number): number => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      return seed % n;
    };
    const escaped: string[] = [];
    let executed = 0;
    for (let i = 0; i < 4000; i++) {
      let text = '';
      for (let j = 0, n = 1 + rnd(12); j < n; j++) text += pieces[rnd(pieces.length)]! + (rnd(2) ? ' ' : '');
      if (rnd(2)) text = `{{${text}}}`;
      let t;
      try {
        t = compileTemplate('fuzz', text);
      } catch (e) {
        if (!(e instanceof TemplateError)) escaped.push(text);
        continue;
      }
      for (const d of data) {
        try {
          t.execute(d);
          executed++;
        } catch (e) {
          if (!(e instanceof TemplateError)) escaped.push(text);
        }
      }
    }
    expect(escaped).toEqual([]);
    expect(executed).toBeGreaterThan(1000);
  });
});
