import { describe, expect, it } from 'vitest';
import { compileTemplate, goFuncValue, goStringMap, type ExecuteOptions } from './index.js';

function run(text: string, data?: unknown, options?: ExecuteOptions): string {
  return compileTemplate('t', text).execute(data, options);
}

const DATA = {
  A: { B: 'x' },
  S: 'str',
  N: null,
  L: ['a', 'b', 'c'],
  Nums: [0, 1, 2, 3, 4],
  M: { b: 2, a: 1, c: 3 },
  Empty: [],
  Labels: goStringMap({ app: 'web' }),
  Obj: { Name: 'obj', Get: () => 'got', Add: (a: unknown, b: unknown) => Number(a) + Number(b) },
  Fn: goFuncValue((a: number, b: number) => a * b),
};

type Case = readonly [name: string, template: string, expected: string];

const cases: readonly Case[] = [
  // text and trimming
  ['trim markers eat all adjacent white space, newlines included', 'a  \n {{- 1 -}} \n b', 'a1b'],
  ['a comment with trim markers leaves nothing', 'a\n  {{- /* note */ -}}\n  b', 'ab'],
  ['a comment without markers keeps the text around it', 'a {{/* note */}} b', 'a  b'],
  ['"{{-3}}" is the number -3, not a trim marker (no space after -)', 'x{{-3}}', 'x-3'],
  ['only the side with the marker is trimmed', ' a {{- "b" }} c ', ' ab c '],
  ['raw strings keep backslashes and newlines', '{{`a\\n\nb`}}', 'a\\n\nb'],
  ['interpreted strings decode escapes', '{{"tab\\there \\u00e9 \\x41"}}', 'tab\there é A'],
  ['chars are runes (ints)', "{{'a'}} {{'\\n'}}", '97 10'],
  ['hex, octal and underscore numbers', '{{0x1F}} {{0o17}} {{1_000}}', '31 15 1000'],
  ['true, false and nil constants', '{{true}} {{false}} {{print nil}}', 'true false <nil>'],
  // fields and data
  ['field chains read map keys', '{{.A.B}}', 'x'],
  ['a missing key prints <no value> (map[string]interface{})', '{{.Nope}}', '<no value>'],
  ['fields of a missing value are quietly missing too', '{{.Nope.Deeper.Still}}', '<no value>'],
  ['a missing key of a map[string]string is ""', '[{{.Labels.tier}}]', '[]'],
  ['index of a missing key: "" for map[string]string, <no value> for interface maps', '[{{index .Labels "x"}}][{{index .M "x"}}]', '[][<no value>]'],
  ['a function-valued field is a method and is called', '{{.Obj.Get}}', 'got'],
  ['a method takes the command arguments', '{{.Obj.Add 2 3}}', '5'],
  ['a method takes the piped value as its last argument', '{{3 | .Obj.Add 2}}', '5'],
  ['a func value is passed to call, not called as a method', '{{call .Fn 6 7}}', '42'],
  ['$ is the root and . the current value', '{{with .A}}{{.B}}{{$.S}}{{end}}', 'xstr'],
  ['parenthesized pipelines can be chained with fields', '{{(.A).B}}', 'x'],
  ['maps print sorted as map[k:v]', '{{.M}}', 'map[a:1 b:2 c:3]'],
  ['slices print as [a b c]', '{{.L}}', '[a b c]'],
  // variables
  ['declaration prints nothing', '{{$x := 1}}{{$x}}', '1'],
  ['a redeclaration in a nested scope shadows, then the outer one is back', '{{$x := 1}}{{if true}}{{$x := 2}}{{$x}}{{end}}{{$x}}', '21'],
  ['assignment changes the outer variable', '{{$x := 1}}{{if true}}{{$x = 2}}{{end}}{{$x}}', '2'],
  ['assignment accumulates across range iterations', '{{$s := ""}}{{range .L}}{{$s = print $s .}}{{end}}{{$s}}', 'abc'],
  ['$ inside range is still the root', '{{range .L}}{{$.S}}{{end}}', 'strstrstr'],
  ['a variable holding a map gives its fields', '{{$a := .A}}{{$a.B}}', 'x'],
  ['a nil kept in a variable is no value: its fields are missing, not an error', '{{$n := .N}}{{$n.x}}', '<no value>'],
  // if / with
  ['else if chains', '{{if .Nope}}1{{else if .S}}2{{else}}3{{end}}', '2'],
  ['if declares a variable visible in both branches', '{{if $v := .S}}{{$v}}{{else}}no{{end}}', 'str'],
  ['with sets dot when the value is true', '{{with .A}}{{.B}}{{else}}none{{end}}', 'x'],
  ['with takes its else when the value is empty', '{{with .Empty}}x{{else}}none{{end}}', 'none'],
  ['else with (Go 1.23)', '{{with .Nope}}a{{else with .S}}b={{.}}{{else}}c{{end}}', 'b=str'],
  ['with declares a variable', '{{with $a := .A}}{{$a.B}}{{end}}', 'x'],
  // range
  ['range over a slice with index and element', '{{range $i, $v := .L}}{{$i}}:{{$v}},{{end}}', '0:a,1:b,2:c,'],
  ['range over a map visits keys in sorted order', '{{range $k, $v := .M}}{{$k}}={{$v}};{{end}}', 'a=1;b=2;c=3;'],
  ['range with one variable gets the element', '{{range $v := .L}}{{$v}}{{end}}', 'abc'],
  ['range over an integer counts from 0 (Go 1.22)', '{{range 3}}{{.}}{{end}}|{{range $i := 2}}{{$i}}{{end}}', '012|01'],
  ['range takes its else when there is nothing to visit', '{{range .Empty}}x{{else}}empty{{end}}', 'empty'],
  ['range over a missing value visits nothing', '{{range .Nope}}x{{else}}none{{end}}', 'none'],
  ['break and continue (Go 1.18)', '{{range .Nums}}{{if eq . 3}}{{break}}{{end}}{{if eq . 1}}{{continue}}{{end}}{{.}}{{end}}', '02'],
  ['nested ranges break only the inner loop', '{{range .L}}{{range $.Nums}}{{if eq . 1}}{{break}}{{end}}{{.}}{{end}}{{.}}{{end}}', '0a0b0c'],
  // define / template / block
  ['template calls a define with new data', '{{define "T"}}[{{.}}]{{end}}{{template "T" "x"}}{{template "T" 1}}', '[x][1]'],
  ['template without data gives the define no value', '{{define "T"}}{{.}}{{end}}{{template "T"}}', '<no value>'],
  ['$ in a define is the data it was called with', '{{define "T"}}{{$}}{{end}}{{template "T" .S}}', 'str'],
  ['block defines and executes in place', '{{block "B" .S}}default {{.}}{{end}}', 'default str'],
  ['defines can recurse', '{{define "R"}}{{if .}}{{len .}}{{template "R" (slice . 1)}}{{end}}{{end}}{{template "R" .L}}', '321'],
  ['text around defines stays in the main template', 'a{{define "T"}}x{{end}}b', 'ab'],
  // builtins
  ['and returns the first false value or the last', '{{and 1 0 2}} {{and 1 2}}', '0 2'],
  ['or returns the first true value or the last', '{{or 0 "" "x"}} [{{or 0 ""}}]', 'x []'],
  ['and/or short-circuit: later arguments are not evaluated', '{{and false (index .L 10)}} {{or true (fail "boom")}}', 'false true'],
  ['and/or take the piped value as the last argument', '{{0 | and 1}} {{"x" | or 0}}', '0 x'],
  ['not', '{{not 0}} {{not "a"}}', 'true false'],
  ['len counts UTF-8 bytes of strings, elements, map keys', '{{len "héllo"}} {{len .L}} {{len .M}}', '6 3 3'],
  ['index walks several levels; a string index is a byte', '{{index .A "B"}} {{index "abc" 1}} {{index .L 2}}', 'x 98 c'],
  ['slice strings by bytes and slices by elements', '{{slice "hello" 1 3}} {{slice .L 1}} {{slice .L}}', 'el [b c] [a b c]'],
  ['print puts spaces only between non-string operands', '{{print 1 2 "a" 3 "b" "c"}}', '1 2a3bc'],
  ['println always separates and ends with a newline', '{{println 1 "a"}}', '1 a\n'],
  ['eq compares with any of several values', '{{eq 1 1}} {{eq "a" "b" "a"}} {{eq "a" "b"}}', 'true true false'],
  ['eq with a missing value is false, not an error', '{{eq .Nope "x"}}', 'false'],
  ['ne lt le gt ge on numbers and strings', '{{ne 1 2}} {{lt 1 2}} {{le 2 2}} {{gt "b" "a"}} {{ge 1 2}}', 'true true true true false'],
  ['html escapes the five characters', `{{html "<a href='x'>&\\"</a>"}}`, '&lt;a href=&#39;x&#39;&gt;&amp;&#34;&lt;/a&gt;'],
  ['js escapes quotes and HTML-significant characters', `{{js "it's <b>=\\\\"}}`, "it\\'s \\u003Cb\\u003E\\u003D\\\\"],
  ['urlquery is url.QueryEscape', '{{urlquery "a b&c=d/é"}}', 'a+b%26c%3Dd%2F%C3%A9'],
  // pipelines
  ['the piped value is the last argument', '{{"x" | printf "%s-%s" "a"}}', 'a-x'],
  ['pipelines chain through several functions', '{{.L | len | printf "%03d"}}', '003'],
  ['a nil result piped on is passed as nil', '{{first .Empty | print}}', '<nil>'],
];

describe('Go text/template semantics', () => {
  it.each(cases)('%s', (_name, template, expected) => {
    expect(run(template, DATA)).toBe(expected);
  });
});

describe('truthiness as Go', () => {
  const values: readonly [string, unknown, boolean][] = [
    ['false', false, false],
    ['0', 0, false],
    ['empty string', '', false],
    ['empty slice', [], false],
    ['empty map', {}, false],
    ['nil', null, false],
    ['no value', undefined, false],
    ['the string "0"', '0', true],
    ['the string "false"', 'false', true],
    ['a slice holding a zero', [0], true],
    ['a non-empty map', { a: 0 }, true],
    ['a non-zero float', 0.5, true],
    ['a negative number', -1, true],
    ['true', true, true],
  ];
  it.each(values)('%s is %s', (_name, value, truth) => {
    expect(run('{{if .V}}T{{else}}F{{end}}', { V: value })).toBe(truth ? 'T' : 'F');
  });
});

describe('compile once, execute many times', () => {
  it('executes the same compiled template with different data and functions', () => {
    const t = compileTemplate('t', '{{greet .}}', { funcNames: ['greet'] });
    expect(t.execute('a', { funcs: { greet: (s) => `hi ${String(s)}` } })).toBe('hi a');
    expect(t.execute('b', { funcs: { greet: (s) => `yo ${String(s)}` } })).toBe('yo b');
  });

  it('lets callers override a builtin or sprig function', () => {
    expect(run('{{quote "x"}}', undefined, { funcs: { quote: () => 'mine' } })).toBe('mine');
  });

  it('lists and executes the named templates of the set', () => {
    const t = compileTemplate('main', 'M{{define "a"}}A{{.}}{{end}}{{block "b" .}}B{{end}}');
    expect([...t.templateNames].sort()).toEqual(['a', 'b', 'main']);
    expect(t.executeTemplate('a', 1)).toBe('A1');
  });

  it('reads env only from the map it is given', () => {
    expect(run('[{{env "HOME"}}]')).toBe('[]');
    expect(run('[{{env "HOME"}}]', undefined, { env: { HOME: '/h' } })).toBe('[/h]');
  });

  it('does not keep state between executions', () => {
    const t = compileTemplate('t', '{{$n := 0}}{{range .}}{{$n = add $n .}}{{end}}{{$n}}');
    expect(t.execute([1, 2])).toBe('3');
    expect(t.execute([5])).toBe('5');
  });
});
