import { describe, expect, it } from 'vitest';
import { compileTemplate, sprigFuncs } from './index.js';

const run = (text: string, data?: unknown): string => compileTemplate('t', text).execute(data);

describe('sprig functions', () => {
  // Expected values are what sprig v3 gives in Go (reasoning in the names where it is not obvious).
  const cases: readonly [string, string, string][] = [
    // defaults and flow
    ['default takes the fallback for empty values', '{{default "d" ""}} {{"" | default "d"}} {{.Nope | default "d"}} {{0 | default 5}} {{list | default "e"}}', 'd d d 5 e'],
    ['default keeps a non-empty value', '{{"x" | default "d"}} {{false | default true}}', 'x true'],
    ['empty: nil, 0, "", false, empty list/map', '{{empty ""}} {{empty 0}} {{empty (list 1)}} {{empty (dict)}} {{empty .Nope}}', 'true true false true true'],
    ['coalesce returns the first non-empty value, or nil (printed as no value)', '{{coalesce "" 0 "x" "y"}} {{coalesce "" 0}}', 'x <no value>'],
    ['ternary takes the condition last, so it can be piped', '{{ternary "a" "b" true}} {{false | ternary "a" "b"}}', 'a b'],
    ['required passes a present value through', '{{required "x needed" "v"}}', 'v'],
    // strings
    ['quote uses %q and skips nil arguments', '{{quote "a\\"b" 1 nil}} {{squote "x"}}', '"a\\"b" "1" \'x\''],
    ['cat joins with spaces, skipping nil', '{{cat "a" 1 nil "b"}}', 'a 1 b'],
    ['indent pads every line; nindent starts with a newline', '[{{indent 2 "a\\nb"}}][{{nindent 2 "a"}}]', '[  a\n  b][\n  a]'],
    ['trim functions (trimAll takes a cutset)', '{{trim "  x  "}}|{{trimAll "-_" "--x_y__"}}|{{trimPrefix "ab" "abc"}}|{{trimSuffix "bc" "abc"}}', 'x|x_y|c|a'],
    ['trunc cuts bytes from the start, or keeps the end when negative', '{{trunc 3 "abcdef"}} {{trunc -2 "abcdef"}} {{trunc 10 "ab"}}', 'abc ef ab'],
    ['case functions', '{{lower "AbC"}} {{upper "aBc"}} {{title "hello wide-world_x"}}', 'abc ABC Hello Wide-World_x'],
    ['replace replaces every occurrence', '{{replace "a" "b" "banana"}}', 'bbnbnb'],
    ['contains/hasPrefix/hasSuffix take the needle first', '{{contains "an" "banana"}} {{hasPrefix "ba" "banana"}} {{hasSuffix "x" "banana"}}', 'true true false'],
    ['split gives a map _0, _1, ...', '{{$p := split "." "a.b.c"}}{{$p._1}} {{len $p}}', 'b 3'],
    ['splitList and join', '{{splitList "," "a,b" | join "+"}} {{join "-" (list 1 nil "x")}}', 'a+b 1-x'],
    ['substr and repeat', '{{substr 1 3 "hello"}} {{repeat 3 "ab"}}', 'el ababab'],
    // lists
    ['append/prepend/first/last/rest/initial', '{{append (list 1 2) 3}} {{prepend (list 1) 0}} {{first (list 1 2)}} {{last (list 1 2)}} {{rest (list 1 2 3)}} {{initial (list 1 2 3)}}', '[1 2 3] [0 1] 1 2 [2 3] [1 2]'],
    ['first of an empty list is nil', '{{first (list)}}', '<no value>'],
    ['uniq, has, without, compact', '{{uniq (list 1 2 1 "a" "a")}} {{has 2 (list 1 2)}} {{without (list 1 2 3 2) 2}} {{compact (list "" 1 0 "x" nil)}}', '[1 2 a] true [1 3] [1 x]'],
    ['sortAlpha sorts the strings of a list', '{{sortAlpha (list "b" "C" "a")}}', '[C a b]'],
    ['concat and reverse', '{{concat (list 1) (list 2 3)}} {{reverse (list 1 2 3)}}', '[1 2 3] [3 2 1]'],
    // dicts
    ['dict, field access, get and hasKey', '{{$d := dict "a" 1 "b" 2}}{{$d.a}} {{get $d "b"}} [{{get $d "z"}}] {{hasKey $d "a"}} {{hasKey $d "z"}}', '1 2 [] true false'],
    ['dict with an odd number of arguments gives the last key ""', '{{dict "a" 1 "b"}}', 'map[a:1 b:]'],
    ['set changes the dict and returns it; unset removes', '{{$d := dict}}{{$_ := set $d "k" "v"}}{{$d.k}} {{unset (dict "a" 1 "b" 2) "a"}}', 'v map[b:2]'],
    ['keys (sorted here) and values in key order', '{{keys (dict "b" 1 "a" 2)}} {{values (dict "b" 1 "a" 2)}}', '[a b] [2 1]'],
    ['pick and omit', '{{pick (dict "a" 1 "b" 2 "c" 3) "a" "c"}} {{omit (dict "a" 1 "b" 2) "a"}}', 'map[a:1 c:3] map[b:2]'],
    ['merge fills what the destination lacks, deeply', '{{merge (dict "a" 1 "n" (dict "x" 1)) (dict "a" 2 "b" 3 "n" (dict "y" 2))}}', 'map[a:1 b:3 n:map[x:1 y:2]]'],
    ['mergeOverwrite lets the source win, deeply', '{{mergeOverwrite (dict "a" 1 "n" (dict "x" 1)) (dict "a" 2 "n" (dict "x" 5 "y" 2))}}', 'map[a:2 n:map[x:5 y:2]]'],
    ['mergeOverwrite overwrites with empty scalars too (sprig docs: key: false)', '{{mergeOverwrite (dict "k" true "s" "x") (dict "k" false)}}', 'map[k:false s:x]'],
    ['merge replaces empty destination values', '{{merge (dict "a" "") (dict "a" "x")}}', 'map[a:x]'],
    ['dig walks nested dicts with a default', '{{dig "a" "b" "none" (dict "a" (dict "b" 1))}} {{dig "a" "z" "none" (dict "a" (dict "b" 1))}}', '1 none'],
    ['deepCopy copies nested values', '{{$a := dict "l" (list 1)}}{{$b := deepCopy $a}}{{$_ := set $b "x" 1}}{{$a}} {{$b}}', 'map[l:[1]] map[l:[1] x:1]'],
    // conversions and math
    ['int, int64, float64, atoi, toString', '{{int "42"}} {{int "x"}} {{int 3.9}} {{int64 "0x10"}} {{float64 "1.5"}} {{atoi "12"}} {{atoi "1.5"}} {{toString 5 | printf "%T"}}', '42 0 3 16 1.5 12 0 string'],
    ['toStrings', '{{toStrings (list 1 "a" true)}}', '[1 a true]'],
    ['integer math (int64)', '{{add 1 2 3}} {{add1 4}} {{sub 5 7}} {{mul 2 3 4}} {{div 7 2}} {{div -7 2}} {{mod 7 3}} {{max 1 5 3}} {{min 4 2}}', '6 5 -2 24 3 -3 1 5 2'],
    ['math casts strings and floats', '{{add "2" 1.9}}', '3'],
    ['until and seq', '{{until 3}} {{seq 3}} {{seq 2 4}} {{seq 0 2 6}} {{seq 3 1}}', '[0 1 2] 1 2 3 2 3 4 0 2 4 6 3 2 1'],
    // types
    ['kindIs/kindOf/typeOf', '{{kindIs "map" (dict)}} {{kindIs "slice" (list)}} {{kindOf "s"}} {{kindIs "invalid" nil}} {{typeOf 1}} {{typeOf (list)}}', 'true true string true int []interface {}'],
    // encodings
    ['base64', '{{b64enc "hello"}} {{b64dec "aGVsbG8="}} {{b64dec "!!"}}', 'aGVsbG8= hello illegal base64 data at input byte 0'],
    ['sha256sum', '{{sha256sum "abc"}}', 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad'],
    ['toJson sorts keys and escapes HTML', '{{toJson (dict "b" (list 1 "<x>&") "a" nil)}}', '{"a":null,"b":[1,"\\u003cx\\u003e\\u0026"]}'],
    ['toRawJson does not escape HTML', '{{toRawJson (list "<x>")}}', '["<x>"]'],
    ['toPrettyJson indents by two spaces', '{{toPrettyJson (dict "a" (list 1) "e" (dict))}}', '{\n  "a": [\n    1\n  ],\n  "e": {}\n}'],
    ['fromJson parses JSON', '{{(fromJson "{\\"a\\":[1,2]}").a}}', '[1 2]'],
    ['fromYaml parses YAML', '{{(fromYaml "a: 1\\nb: [x]").b}}', '[x]'],
    // regular expressions (Go RE2 syntax and Expand)
    ['regexMatch', '{{regexMatch "^[a-z]+$" "abc"}} {{regexMatch "^[a-z]+$" "a1"}}', 'true false'],
    ['regexReplaceAll expands ${1}; $1W names group "1W", which is empty', '{{regexReplaceAll "a(x*)b" "-ab-axxb-" "${1}W"}} {{regexReplaceAll "a(x*)b" "-ab-axxb-" "$1W"}}', '-W-xxW- ---'],
    ['named groups use Go syntax', '{{regexReplaceAll "(?P<w>[a-z]+)-(?P<n>[0-9]+)" "ab-12" "${n}:${w}"}}', '12:ab'],
    ['regexFind and regexFindAll', '{{regexFind "[0-9]+" "ab12cd34"}} {{regexFindAll "[0-9]" "a1b2c3" 2}}', '12 [1 2]'],
  ];
  it.each(cases)('%s', (_name, text, expected) => {
    expect(run(text)).toBe(expected);
  });

  it('exports the sprig map with at least the functions injection templates use', () => {
    const needed = ['default', 'empty', 'coalesce', 'ternary', 'quote', 'squote', 'cat', 'indent', 'nindent', 'trim', 'trimAll', 'trimPrefix', 'trimSuffix', 'trunc', 'lower', 'upper', 'title', 'replace', 'contains', 'hasPrefix', 'hasSuffix', 'split', 'splitList', 'join', 'list', 'append', 'prepend', 'first', 'last', 'rest', 'initial', 'uniq', 'has', 'without', 'compact', 'dict', 'hasKey', 'get', 'set', 'unset', 'keys', 'values', 'pick', 'omit', 'merge', 'mergeOverwrite', 'toString', 'toStrings', 'int', 'int64', 'float64', 'atoi', 'toJson', 'toPrettyJson', 'fromJson', 'toYaml', 'fromYaml', 'b64enc', 'b64dec', 'sortAlpha', 'regexMatch', 'regexReplaceAll', 'until', 'seq', 'add', 'sub', 'mul', 'div', 'mod', 'max', 'min', 'kindIs', 'typeOf', 'deepCopy', 'required', 'fail', 'env'];
    expect(needed.filter((n) => typeof sprigFuncs[n] !== 'function')).toEqual([]);
  });

  it('has no functions that read the clock or randomness', () => {
    for (const name of ['now', 'date', 'randAlpha', 'uuidv4', 'randInt']) expect(sprigFuncs[name]).toBeUndefined();
  });
});
