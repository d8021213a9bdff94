/**
 * Parse tree of a Go template, shaped like text/template/parse. Variables are resolved while parsing to
 * slots of their template's frame, so execution never looks names up.
 */

export type Arg =
  | { readonly k: 'field'; readonly pos: number; readonly idents: readonly string[] }
  | { readonly k: 'var'; readonly pos: number; readonly name: string; readonly slot: number; readonly idents: readonly string[] }
  | { readonly k: 'chain'; readonly pos: number; readonly node: Arg; readonly idents: readonly string[] }
  | { readonly k: 'ident'; readonly pos: number; readonly name: string }
  | { readonly k: 'dot'; readonly pos: number }
  | { readonly k: 'nil'; readonly pos: number }
  | { readonly k: 'bool'; readonly pos: number; readonly value: boolean }
  | { readonly k: 'number'; readonly pos: number; readonly text: string; readonly value: number }
  | { readonly k: 'string'; readonly pos: number; readonly text: string; readonly value: string }
  | { readonly k: 'pipe'; readonly pos: number; readonly pipe: Pipe };

export interface Command {
  readonly pos: number;
  readonly args: readonly Arg[];
}

export interface VarDecl {
  readonly name: string;
  readonly slot: number;
}

export interface Pipe {
  readonly pos: number;
  readonly decl: readonly VarDecl[];
  readonly isAssign: boolean;
  readonly cmds: readonly Command[];
}

export type Node =
  | { readonly k: 'text'; readonly pos: number; readonly text: string }
  | { readonly k: 'action'; readonly pos: number; readonly pipe: Pipe }
  | {
      readonly k: 'if' | 'with' | 'range';
      readonly pos: number;
      readonly pipe: Pipe;
      readonly list: readonly Node[];
      readonly elseList: readonly Node[] | undefined;
    }
  | { readonly k: 'template'; readonly pos: number; readonly name: string; readonly pipe: Pipe | undefined }
  | { readonly k: 'break' | 'continue'; readonly pos: number };

/** One named template of a set: its body and the number of variable slots a call needs. */
export interface Tree {
  readonly name: string;
  readonly root: readonly Node[];
  readonly slots: number;
}

/** The source form of a node, as Go's Node.String() prints it in error messages. */
export function argString(a: Arg): string {
  switch (a.k) {
    case 'field':
      return '.' + a.idents.join('.');
    case 'var':
      return [a.name, ...a.idents].join('.');
    case 'chain':
      return (a.node.k === 'pipe' ? `(${pipeString(a.node.pipe)})` : argString(a.node)) + '.' + a.idents.join('.');
    case 'ident':
      return a.name;
    case 'dot':
      return '.';
    case 'nil':
      return 'nil';
    case 'bool':
      return String(a.value);
    case 'number':
    case 'string':
      return a.text;
    case 'pipe':
      return `(${pipeString(a.pipe)})`;
  }
}

export function commandString(c: Command): string {
  return c.args.map(argString).join(' ');
}

export function pipeString(p: Pipe): string {
  const decl = p.decl.length > 0 ? `${p.decl.map((d) => d.name).join(', ')} ${p.isAssign ? '=' : ':='} ` : '';
  return decl + p.cmds.map(commandString).join(' | ');
}

/** Go's String() of an action or range node, as error contexts show them. */
export function nodeString(n: Node): string {
  switch (n.k) {
    case 'action':
      return `{{${pipeString(n.pipe)}}}`;
    case 'if':
    case 'with':
    case 'range': {
      const body = n.list.map(nodeString).join('');
      const otherwise = n.elseList ? `{{else}}${n.elseList.map(nodeString).join('')}` : '';
      return `{{${n.k} ${pipeString(n.pipe)}}}${body}${otherwise}{{end}}`;
    }
    case 'text':
      return JSON.stringify(n.text);
    case 'template':
      return `{{template ${JSON.stringify(n.name)}${n.pipe ? ' ' + pipeString(n.pipe) : ''}}}`;
    default:
      return `{{${n.k}}}`;
  }
}
