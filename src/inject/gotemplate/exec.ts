/**
 * Compiles parse trees to closures once; executing is then a walk of closures over the data, with variables
 * in per-call slot arrays. Semantics follow text/template/exec.go: field chains and methods, pipelines
 * passing the previous value as the last argument, lazy and/or, truth, range over slices, maps (sorted keys)
 * and integers, break/continue, template calls with a fresh `$`, and Go-worded errors with locations.
 */
import { argString, commandString, nodeString, pipeString, type Arg, type Command, type Node, type Pipe, type Tree } from './ast.js';
import { arityError, type TemplateFunc } from './arity.js';
import { builtinAnd, builtinOr } from './builtins.js';
import { ArgTypeError } from './coerce.js';
import { formatValue } from './format.js';
import { execError, TemplateError } from './template-error.js';
import { FUNC_VALUE, goType, isTrue, mapGet, sortedKeys, STRING_MAP, type GoMap } from './values.js';

/** Marks "no value from a previous pipeline stage" (distinct from a stage that produced no value). */
const MISSING: unique symbol = Symbol('missing');
const BREAK = { signal: 'break' };
const CONTINUE = { signal: 'continue' };
const MAX_DEPTH = 1000;

export interface State {
  out: string;
  vars: unknown[];
  fns: readonly (TemplateFunc | undefined)[];
  tree: string;
  depth: number;
}

type Exec = (s: State, dot: unknown) => void;
type Eval = (s: State, dot: unknown) => unknown;
type CmdEval = (s: State, dot: unknown, final: unknown) => unknown;
type Fail = (s: State, reason: string, cause?: unknown) => TemplateError;

interface Body {
  readonly exec: Exec;
  readonly slots: number;
}

const nil = (v: unknown): unknown => (v === undefined ? null : v);

function errorText(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

export class Program {
  readonly funcNames: string[] = [];
  private readonly funcIndex = new Map<string, number>();
  private readonly bodies = new Map<string, Body>();

  constructor(
    private readonly parseName: string,
    private readonly text: string,
    trees: ReadonlyMap<string, Tree>,
  ) {
    for (const [name, tree] of trees) this.bodies.set(name, { exec: this.list(tree.root), slots: tree.slots });
  }

  templateNames(): string[] {
    return [...this.bodies.keys()];
  }

  run(name: string, data: unknown, fns: readonly (TemplateFunc | undefined)[]): string {
    const body = this.bodies.get(name);
    if (body === undefined) throw new TemplateError(this.parseName, 0, 0, `no template "${name}"`, `template: no template "${name}" associated with template "${this.parseName}"`);
    const vars = new Array<unknown>(body.slots);
    vars[0] = data;
    const s: State = { out: '', vars, fns, tree: name, depth: 0 };
    body.exec(s, data);
    return s.out;
  }

  /** An error at `pos`; Go shows at most 20 characters of the node's source as context. */
  private fail(pos: number, context: () => string): Fail {
    return (s, reason, cause) => {
      const full = [...context()];
      const shown = full.length > 20 ? full.slice(0, 20).join('') + '...' : full.join('');
      return execError(this.parseName, this.text, pos, s.tree, shown, reason, cause);
    };
  }

  private failAt(a: Arg): Fail {
    return this.fail(a.pos, () => argString(a));
  }

  private funcSlot(name: string): number {
    let i = this.funcIndex.get(name);
    if (i === undefined) {
      i = this.funcNames.length;
      this.funcNames.push(name);
      this.funcIndex.set(name, i);
    }
    return i;
  }

  // ------------------------------------------------------------------ statements

  private list(nodes: readonly Node[]): Exec {
    const execs = nodes.map((n) => this.node(n));
    if (execs.length === 1) return execs[0]!;
    return (s, dot) => {
      for (let i = 0; i < execs.length; i++) execs[i]!(s, dot);
    };
  }

  private node(n: Node): Exec {
    switch (n.k) {
      case 'text': {
        const text = n.text;
        return (s) => {
          s.out += text;
        };
      }
      case 'action': {
        const pipe = this.pipe(n.pipe);
        if (n.pipe.decl.length > 0) return (s, dot) => void pipe(s, dot);
        const fail = this.fail(n.pos, () => nodeString(n));
        return (s, dot) => {
          const v = pipe(s, dot);
          if (typeof v === 'string') s.out += v;
          else if (v === undefined) s.out += '<no value>';
          else if (typeof v === 'function') throw fail(s, `can't print ${pipeString(n.pipe)} of type ${goType(v)}`);
          else s.out += formatValue(v);
        };
      }
      case 'if':
      case 'with': {
        const pipe = this.pipe(n.pipe);
        const body = this.list(n.list);
        const otherwise = n.elseList ? this.list(n.elseList) : undefined;
        const isWith = n.k === 'with';
        return (s, dot) => {
          const v = pipe(s, dot);
          if (isTrue(v)) body(s, isWith ? v : dot);
          else if (otherwise) otherwise(s, dot);
        };
      }
      case 'range':
        return this.range(n, this.list(n.list), n.elseList ? this.list(n.elseList) : undefined);
      case 'break':
        return () => {
          throw BREAK;
        };
      case 'continue':
        return () => {
          throw CONTINUE;
        };
      case 'template':
        return this.templateCall(n.name, n.pipe, n.pos);
    }
  }

  private range(n: Extract<Node, { list: readonly Node[] }>, body: Exec, otherwise: Exec | undefined): Exec {
    const p = n.pipe;
    const cmds = this.cmds(p);
    const keySlot = p.decl.length === 2 ? p.decl[0]!.slot : -1;
    const elemSlot = p.decl.length === 2 ? p.decl[1]!.slot : p.decl.length === 1 ? p.decl[0]!.slot : -1;
    const fail = this.fail(n.pos, () => nodeString(n));
    const step = (s: State, key: unknown, elem: unknown): boolean => {
      if (keySlot >= 0) s.vars[keySlot] = key;
      if (elemSlot >= 0) s.vars[elemSlot] = elem;
      try {
        body(s, elem);
      } catch (e) {
        if (e === BREAK) return false;
        if (e !== CONTINUE) throw e;
      }
      return true;
    };
    return (s, dot) => {
      const v = cmds(s, dot);
      let ran = false;
      if (Array.isArray(v)) {
        for (let i = 0; i < v.length; i++) {
          ran = true;
          if (!step(s, i, v[i])) break;
        }
      } else if (typeof v === 'number') {
        if (!Number.isInteger(v)) throw fail(s, `range can't iterate over ${formatValue(v)}`);
        if (keySlot >= 0) throw fail(s, `can't use ${v} to iterate over more than one variable`);
        for (let i = 0; i < v; i++) {
          ran = true;
          if (!step(s, undefined, i)) break;
        }
      } else if (v !== null && typeof v === 'object') {
        for (const k of sortedKeys(v as GoMap)) {
          ran = true;
          if (!step(s, k, mapGet(v as GoMap, k))) break;
        }
      } else if (v !== undefined) {
        throw fail(s, `range can't iterate over ${formatValue(v)}`);
      }
      if (!ran && otherwise) otherwise(s, dot);
    };
  }

  private templateCall(name: string, p: Pipe | undefined, pos: number): Exec {
    const pipe = p ? this.pipe(p) : undefined;
    const fail = this.fail(pos, () => `{{template ${JSON.stringify(name)}${p ? ' ' + pipeString(p) : ''}}}`);
    return (s, dot) => {
      const body = this.bodies.get(name);
      if (body === undefined) throw fail(s, `template "${name}" not defined`);
      const data = pipe ? pipe(s, dot) : undefined;
      if (s.depth >= MAX_DEPTH) throw fail(s, `exceeded maximum template depth (${MAX_DEPTH})`);
      const { vars, tree } = s;
      s.vars = new Array<unknown>(body.slots);
      s.vars[0] = data;
      s.tree = name;
      s.depth++;
      body.exec(s, data);
      s.depth--;
      s.vars = vars;
      s.tree = tree;
    };
  }

  // ------------------------------------------------------------------ pipelines and commands

  /** The pipeline's commands, the result "dug" as Go does (a nil interface becomes no value). */
  private cmds(p: Pipe): Eval {
    const cmds = p.cmds.map((c) => this.command(c));
    if (cmds.length === 1) {
      const only = cmds[0]!;
      return (s, dot) => {
        const v = only(s, dot, MISSING);
        return v === null ? undefined : v;
      };
    }
    return (s, dot) => {
      let v: unknown = MISSING;
      for (let i = 0; i < cmds.length; i++) {
        v = cmds[i]!(s, dot, v);
        if (v === null) v = undefined;
      }
      return v;
    };
  }

  /** A pipeline with its declarations (`$x := ...`, `$x = ...`). */
  private pipe(p: Pipe): Eval {
    const cmds = this.cmds(p);
    if (p.decl.length === 0) return cmds;
    const slots = p.decl.map((d) => d.slot);
    return (s, dot) => {
      const v = cmds(s, dot);
      for (const slot of slots) s.vars[slot] = v;
      return v;
    };
  }

  private command(c: Command): CmdEval {
    const first = c.args[0]!;
    const rest = c.args.slice(1).map((a) => this.arg(a));
    const fail = this.fail(c.pos, () => commandString(c));
    const failFirst = this.failAt(first);
    const notAFunction = (s: State, final: unknown): void => {
      if (rest.length > 0 || final !== MISSING) throw failFirst(s, `can't give argument to non-function ${argString(first)}`);
    };
    switch (first.k) {
      case 'field':
        return this.fieldChain(() => (_s, dot) => dot, first.idents, rest, failFirst);
      case 'var': {
        const slot = first.slot;
        if (first.idents.length === 0) {
          return (s, _dot, final) => {
            notAFunction(s, final);
            return s.vars[slot];
          };
        }
        return this.fieldChain(() => (s) => s.vars[slot], first.idents, rest, failFirst);
      }
      case 'chain':
        if (first.node.k === 'nil') return (s) => {
          throw failFirst(s, `indirection through explicit nil in ${argString(first)}`);
        };
        return this.fieldChain(() => this.arg(first.node), first.idents, rest, failFirst);
      case 'ident':
        return this.call(first.name, c.args.slice(1), rest, failFirst, fail);
      case 'nil':
        return (s) => {
          throw failFirst(s, 'nil is not a command');
        };
      default: {
        const value = this.arg(first);
        return (s, dot, final) => {
          notAFunction(s, final);
          return value(s, dot);
        };
      }
    }
  }

  private arg(a: Arg): Eval {
    switch (a.k) {
      case 'field':
      case 'var':
      case 'chain': {
        const cmd = this.command({ pos: a.pos, args: [a] });
        return (s, dot) => cmd(s, dot, MISSING);
      }
      case 'ident': {
        const call = this.call(a.name, [], [], this.failAt(a), this.failAt(a));
        return (s, dot) => call(s, dot, MISSING);
      }
      case 'pipe':
        return this.pipe(a.pipe);
      case 'dot':
        return (_s, dot) => dot;
      case 'nil':
        return () => null;
      case 'bool':
      case 'number':
      case 'string': {
        const value = a.value;
        return () => value;
      }
    }
  }

  /**
   * A function call. Go names the function for lookup and arity failures, the command for failures of the
   * call, and the argument for an argument of the wrong type.
   */
  private call(name: string, nodes: readonly Arg[], args: readonly Eval[], failName: Fail, fail: Fail): CmdEval {
    const slot = this.funcSlot(name);
    const argFails = nodes.map((a) => this.failAt(a));
    const typeError = (s: State, e: ArgTypeError, argv: readonly unknown[]): TemplateError => {
      const i = argv.indexOf(nil(e.value));
      const node = nodes[i];
      if (node === undefined) return failName(s, e.message, e);
      if (node.k === 'nil') return argFails[i]!(s, `cannot assign nil to ${e.want}`, e);
      if (node.k === 'number' || node.k === 'bool' || node.k === 'string') {
        return argFails[i]!(s, `expected ${e.want}; found ${argString(node)}`, e);
      }
      return argFails[i]!(s, e.message, e);
    };
    return (s, dot, final) => {
      const fn = s.fns[slot];
      if (fn === undefined) throw failName(s, `"${name}" is not a defined function`);
      const argc = args.length + (final === MISSING ? 0 : 1);
      const bad = arityError(name, fn, argc);
      if (bad !== undefined) throw failName(s, bad);
      if (fn === builtinAnd || fn === builtinOr) {
        const wantTrue = fn === builtinOr;
        let v: unknown;
        for (let i = 0; i < args.length; i++) {
          v = args[i]!(s, dot);
          if (isTrue(v) === wantTrue) return v;
        }
        return final === MISSING ? v : final;
      }
      const argv = new Array<unknown>(argc);
      for (let i = 0; i < args.length; i++) argv[i] = nil(args[i]!(s, dot));
      if (final !== MISSING) argv[args.length] = nil(final);
      try {
        return invoke(s, fn, undefined, argv, name, fail);
      } catch (e) {
        throw e instanceof TemplateError && e.cause instanceof ArgTypeError ? typeError(s, e.cause, argv) : e;
      }
    };
  }

  /** `.A.B.C` on the receiver `base` evaluates to; the last element gets the command's arguments. */
  private fieldChain(base: () => Eval, idents: readonly string[], args: readonly Eval[], fail: Fail): CmdEval {
    const receiverOf = base();
    const last = idents.length - 1;
    return (s, dot, final) => {
      let v = receiverOf(s, dot);
      for (let i = 0; i <= last; i++) {
        const name = idents[i]!;
        if (v === undefined) return undefined;
        if (v === null) throw fail(s, `nil pointer evaluating interface {}.${name}`);
        if (typeof v !== 'object' || Array.isArray(v)) throw fail(s, `can't evaluate field ${name} in type ${goType(v)}`);
        const m = v as GoMap;
        const field = mapGet(m, name);
        const hasArgs = i === last && (args.length > 0 || final !== MISSING);
        if (typeof field === 'function' && !(field as unknown as Record<symbol, unknown>)[FUNC_VALUE]) {
          const argv: unknown[] = [];
          if (i === last) {
            for (const a of args) argv.push(nil(a(s, dot)));
            if (final !== MISSING) argv.push(nil(final));
          }
          v = invoke(s, field as TemplateFunc, m, argv, name, fail);
          continue;
        }
        if (hasArgs) throw fail(s, `${name} is not a method but has arguments`);
        v = field === undefined && (m as Record<symbol, unknown>)[STRING_MAP] ? '' : field;
      }
      return v;
    };
  }
}

function invoke(s: State, fn: TemplateFunc, self: unknown, argv: unknown[], name: string, fail: Fail): unknown {
  try {
    return fn.apply(self, argv);
  } catch (e) {
    if (e instanceof TemplateError || e === BREAK || e === CONTINUE) throw e;
    if (e instanceof ArgTypeError) throw fail(s, e.message, e);
    throw fail(s, `error calling ${name}: ${errorText(e)}`, e);
  }
}
