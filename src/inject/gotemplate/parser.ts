/**
 * Parser for Go templates, following text/template/parse/parse.go: actions, control structures with
 * `else if` / `else with` chaining, define/block/template, pipelines with declarations, and Go's parse-time
 * checks (undefined variables, unknown functions when the function names are known, break outside range).
 */
import type { Arg, Command, Node, Pipe, Tree, VarDecl } from './ast.js';
import { lex, LexError, parseNumber, unquote, type Token, type TokenType } from './lexer.js';
import { parseError, type TemplateError } from './template-error.js';

type Marker = { readonly k: 'end'; readonly pos: number } | { readonly k: 'else'; readonly pos: number; readonly chain: 'if' | 'with' | undefined };

interface Frame {
  vars: VarDecl[];
  slots: number;
}

export interface ParseOptions {
  /** When given, an identifier that is not a known function is a parse error, as in Go. */
  readonly isFunc?: (name: string) => boolean;
}

const OPERAND_START: ReadonlySet<TokenType> = new Set([
  'bool',
  'char',
  'dot',
  'field',
  'identifier',
  'number',
  'nil',
  'raw',
  'string',
  'variable',
  'lparen',
]);

function describe(t: Token): string {
  if (t.type === 'eof') return 'EOF';
  if (t.type === 'keyword') return `<${t.val}>`;
  if (t.type === 'right') return '"}}"';
  if (t.type === 'text') return JSON.stringify(t.val.length > 10 ? t.val.slice(0, 10) + '...' : t.val);
  return JSON.stringify(t.val);
}

/** Parses `text` into its named trees: the main one under `name`, then every define and block. */
export function parseTemplates(name: string, text: string, options: ParseOptions = {}): Map<string, Tree> {
  let tokens: Token[];
  try {
    tokens = lex(text);
  } catch (err) {
    if (err instanceof LexError) throw parseError(name, text, err.pos, err.message);
    throw err;
  }
  return new Parser(name, text, tokens, options).parse();
}

class Parser {
  private i = 0;
  private frame: Frame = { vars: [{ name: '$', slot: 0 }], slots: 1 };
  private rangeDepth = 0;
  private readonly trees = new Map<string, Tree>();

  constructor(
    private readonly parseName: string,
    private readonly text: string,
    private readonly tokens: readonly Token[],
    private readonly options: ParseOptions,
  ) {}

  parse(): Map<string, Tree> {
    const root: Node[] = [];
    while (this.peek().type !== 'eof') {
      if (this.peek().type === 'left' && this.tokens[this.i + 1]?.val === 'define' && this.tokens[this.i + 1]?.type === 'keyword') {
        this.i += 2;
        this.parseDefinition('define clause');
        continue;
      }
      const n = this.textOrAction();
      if (n.k === 'end' || n.k === 'else') this.fail(n.pos, `unexpected {{${n.k}}}`);
      root.push(n);
    }
    this.addTree({ name: this.parseName, root, slots: this.frame.slots }, 0);
    return this.trees;
  }

  private fail(pos: number, reason: string): never {
    throw parseError(this.parseName, this.text, pos, reason) satisfies TemplateError;
  }

  private peek(): Token {
    return this.tokens[this.i]!;
  }

  private next(): Token {
    return this.tokens[this.i++]!;
  }

  private expect(type: TokenType, context: string): Token {
    const t = this.next();
    if (t.type !== type) this.fail(t.pos, `unexpected ${describe(t)} in ${context}`);
    return t;
  }

  private addTree(tree: Tree, pos: number): void {
    const existing = this.trees.get(tree.name);
    if (existing && existing.root.some((n) => n.k !== 'text' || n.text.trim() !== '')) {
      if (tree.root.some((n) => n.k !== 'text' || n.text.trim() !== '')) this.fail(pos, `template: multiple definition of template "${tree.name}"`);
      return;
    }
    this.trees.set(tree.name, tree);
  }

  /** Parses a define (or block) body into its own tree with its own variables. */
  private parseDefinition(context: string, name?: string): void {
    const saved = { frame: this.frame, rangeDepth: this.rangeDepth };
    this.frame = { vars: [{ name: '$', slot: 0 }], slots: 1 };
    this.rangeDepth = 0;
    let treeName = name;
    const start = this.peek().pos;
    if (treeName === undefined) {
      treeName = this.templateName(this.next(), context);
      this.expect('right', context);
    }
    const [root, end] = this.itemList();
    if (end.k !== 'end') this.fail(end.pos, `unexpected {{${end.k}}} in ${context}`);
    this.addTree({ name: treeName, root, slots: this.frame.slots }, start);
    this.frame = saved.frame;
    this.rangeDepth = saved.rangeDepth;
  }

  private templateName(t: Token, context: string): string {
    if (t.type !== 'string' && t.type !== 'raw') this.fail(t.pos, `unexpected ${describe(t)} in ${context}`);
    return this.unquote(t);
  }

  private unquote(t: Token): string {
    try {
      return unquote(t.val);
    } catch {
      return this.fail(t.pos, `invalid syntax: ${t.val}`);
    }
  }

  private itemList(): [Node[], Marker] {
    const list: Node[] = [];
    for (;;) {
      if (this.peek().type === 'eof') this.fail(this.peek().pos, 'unexpected EOF');
      const n = this.textOrAction();
      if (n.k === 'end' || n.k === 'else') return [list, n];
      list.push(n);
    }
  }

  private textOrAction(): Node | Marker {
    const t = this.next();
    if (t.type === 'text') return { k: 'text', pos: t.pos, text: t.val };
    if (t.type === 'left') return this.action();
    return this.fail(t.pos, `unexpected ${describe(t)} in input`);
  }

  private action(): Node | Marker {
    const t = this.peek();
    if (t.type === 'keyword') {
      this.next();
      switch (t.val) {
        case 'block':
          return this.blockControl();
        case 'break':
        case 'continue':
          this.expect('right', t.val);
          if (this.rangeDepth === 0) this.fail(t.pos, `{{${t.val}}} outside {{range}}`);
          return { k: t.val, pos: t.pos };
        case 'else': {
          const p = this.peek();
          if (p.type === 'keyword' && (p.val === 'if' || p.val === 'with')) return { k: 'else', pos: t.pos, chain: p.val };
          this.expect('right', 'else');
          return { k: 'else', pos: t.pos, chain: undefined };
        }
        case 'end':
          this.expect('right', 'end');
          return { k: 'end', pos: t.pos };
        case 'if':
        case 'range':
        case 'with':
          return this.control(t.val, t.pos);
        case 'template':
          return this.templateControl();
        default:
          this.fail(t.pos, `unexpected ${describe(t)} in command`);
      }
    }
    return { k: 'action', pos: t.pos, pipe: this.pipeline('command', 'right') };
  }

  private control(kind: 'if' | 'range' | 'with', keywordPos: number): Node {
    let pos = keywordPos;
    const mark = this.frame.vars.length;
    const pipe = this.pipeline(kind, 'right');
    if (kind === 'range') this.rangeDepth++;
    const [list, next] = this.itemList();
    if (kind === 'range') this.rangeDepth--;
    pos = pipe.pos; // Go places a control node at its pipeline
    let elseList: Node[] | undefined;
    if (next.k === 'else') {
      if (next.chain !== undefined && next.chain === kind) {
        const t = this.next();
        elseList = [this.control(kind, t.pos)];
      } else {
        const [rest, end] = this.itemList();
        if (end.k !== 'end') this.fail(end.pos, 'expected end; found {{else}}');
        elseList = rest;
      }
    }
    this.frame.vars.length = mark;
    return { k: kind, pos, pipe, list, elseList };
  }

  /** Go places a template node at its name. */
  private templateControl(): Node {
    const at = this.peek().pos;
    const name = this.templateName(this.next(), 'template clause');
    let pipe: Pipe | undefined;
    if (this.peek().type === 'right') this.next();
    else pipe = this.pipeline('template clause', 'right');
    return { k: 'template', pos: at, name, pipe };
  }

  private blockControl(): Node {
    const at = this.peek().pos;
    const name = this.templateName(this.next(), 'block clause');
    const pipe = this.pipeline('block clause', 'right');
    this.parseDefinition('block clause', name);
    return { k: 'template', pos: at, name, pipe };
  }

  private declare(name: string): VarDecl {
    const decl = { name, slot: this.frame.slots++ };
    return decl;
  }

  private pipeline(context: string, end: 'right' | 'rparen'): Pipe {
    const pos = this.peek().pos;
    const decl: VarDecl[] = [];
    let isAssign = false;
    const pending: string[] = [];
    while (this.peek().type === 'variable') {
      const after = this.tokens[this.i + 1]!;
      if (after.type === 'declare' || after.type === 'assign') {
        pending.push(this.next().val);
        isAssign = this.next().type === 'assign';
        break;
      }
      if (after.type === 'comma') {
        if (context !== 'range' || pending.length > 0) this.fail(after.pos, `too many declarations in ${context}`);
        pending.push(this.next().val);
        this.next();
        if (this.peek().type !== 'variable') this.fail(this.peek().pos, 'range can only initialize variables');
        continue;
      }
      if (pending.length > 0) this.fail(after.pos, `unexpected ${describe(after)} in ${context}`);
      break;
    }
    const cmds: Command[] = [];
    for (;;) {
      const t = this.peek();
      if (t.type === end) {
        this.next();
        break;
      }
      if (!OPERAND_START.has(t.type)) this.fail(t.pos, `unexpected ${describe(t)} in ${context}`);
      cmds.push(this.command());
    }
    if (cmds.length === 0) this.fail(pos, `missing value for ${context}`);
    cmds.slice(1).forEach((c, i) => {
      const k = c.args[0]!.k;
      if (k === 'bool' || k === 'dot' || k === 'nil' || k === 'number' || k === 'string') {
        this.fail(c.pos, `non executable command in pipeline stage ${i + 2}`);
      }
    });
    // Declared variables become visible after their pipeline (assignments reuse the existing slot).
    for (const name of pending) {
      if (isAssign) decl.push(this.lookupVar(name, pos));
      else {
        const d = this.declare(name);
        this.frame.vars.push(d);
        decl.push(d);
      }
    }
    return { pos, decl, isAssign, cmds };
  }

  private command(): Command {
    const pos = this.peek().pos;
    const args: Arg[] = [];
    for (;;) {
      const operand = this.operand();
      const t = this.peek();
      if (operand === undefined) this.fail(t.pos, `unexpected ${describe(t)} in operand`);
      args.push(operand);
      if (t.type === 'right' || t.type === 'rparen') break;
      if (t.type === 'pipe') {
        this.next();
        break;
      }
      if (!t.sp) this.fail(t.pos, `unexpected ${describe(t)} in operand`);
    }
    return { pos, args };
  }

  private operand(): Arg | undefined {
    const node = this.term();
    if (node === undefined || this.peek().type !== 'field' || this.peek().sp) return node;
    const idents: string[] = [];
    const pos = this.peek().pos; // Go places the merged node at its first added field
    while (this.peek().type === 'field' && !this.peek().sp) idents.push(this.next().val.slice(1));
    switch (node.k) {
      case 'field':
        return { k: 'field', pos, idents: [...node.idents, ...idents] };
      case 'var':
        return { ...node, pos, idents: [...node.idents, ...idents] };
      case 'bool':
      case 'string':
      case 'number':
      case 'nil':
      case 'dot':
        return this.fail(node.pos, `unexpected . after term "${this.text.slice(node.pos, this.peek().pos)}"`);
      default:
        return { k: 'chain', pos, node, idents };
    }
  }

  private lookupVar(name: string, pos: number): VarDecl {
    const vars = this.frame.vars;
    for (let j = vars.length - 1; j >= 0; j--) if (vars[j]!.name === name) return vars[j]!;
    return this.fail(pos, `undefined variable "${name}"`);
  }

  private term(): Arg | undefined {
    const t = this.peek();
    switch (t.type) {
      case 'identifier':
        this.next();
        if (this.options.isFunc && !this.options.isFunc(t.val)) this.fail(t.pos, `function "${t.val}" not defined`);
        return { k: 'ident', pos: t.pos, name: t.val };
      case 'dot':
        this.next();
        return { k: 'dot', pos: t.pos };
      case 'nil':
        this.next();
        return { k: 'nil', pos: t.pos };
      case 'variable': {
        this.next();
        const v = this.lookupVar(t.val, t.pos);
        return { k: 'var', pos: t.pos, name: t.val, slot: v.slot, idents: [] };
      }
      case 'field':
        this.next();
        return { k: 'field', pos: t.pos, idents: [t.val.slice(1)] };
      case 'bool':
        this.next();
        return { k: 'bool', pos: t.pos, value: t.val === 'true' };
      case 'char': {
        this.next();
        const s = this.unquote(t);
        if ([...s].length !== 1) this.fail(t.pos, `malformed character constant: ${t.val}`);
        return { k: 'number', pos: t.pos, text: t.val, value: s.codePointAt(0)! };
      }
      case 'number': {
        this.next();
        const parsed = parseNumber(t.val);
        if (parsed === undefined) this.fail(t.pos, `illegal number syntax: "${t.val}"`);
        return { k: 'number', pos: t.pos, text: t.val, value: parsed.value };
      }
      case 'lparen': {
        this.next();
        return { k: 'pipe', pos: t.pos, pipe: this.pipeline('parenthesized pipeline', 'rparen') };
      }
      case 'string':
      case 'raw':
        this.next();
        return { k: 'string', pos: t.pos, text: t.val, value: this.unquote(t) };
      default:
        return undefined;
    }
  }
}
