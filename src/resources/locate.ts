/**
 * A small path locator: re-reads one document with js-yaml, noting where each node opens and closes (js-yaml's
 * listener), and finds the offset of the node at a path as the reference reader's `nodeAt` does (the first key
 * that matches as text; a missing step gives the nearest existing ancestor). Empty nodes (`key:` with nothing
 * after it) have no text to point at: for those it answers EMPTY and the caller asks the `yaml` package.
 */
import jsYaml from 'js-yaml';
import { K8S_SCHEMA } from './k8s-schema.js';
import type { PathSegment } from './types.js';

interface Frame {
  open: number;
  kind: string | null;
  result: unknown;
  children: Frame[];
}

export const EMPTY = Symbol('empty node');

/** The tree of nodes of `body`, as js-yaml reads it. */
export function nodeTree(body: string): Frame {
  const root: Frame = { open: 0, kind: null, result: undefined, children: [] };
  const stack: Frame[] = [root];
  jsYaml.load(body, {
    schema: K8S_SCHEMA,
    listener(event, state) {
      if (event === 'open') {
        const frame: Frame = { open: state.position, kind: null, result: undefined, children: [] };
        stack[stack.length - 1]?.children.push(frame);
        stack.push(frame);
      } else {
        const frame = stack.pop() as Frame;
        frame.kind = (state as unknown as { kind: string | null }).kind;
        frame.result = state.result;
        // A block sequence item that is a flow collection is opened twice: keep the inner one's children.
        const only = frame.children.length === 1 ? frame.children[0] : undefined;
        if (only && only.result === frame.result && only.kind === frame.kind) frame.children = only.children;
      }
    },
  });
  return root.children[0] ?? root;
}

/** From where js-yaml opened a node to its first character: past blanks, line ends and comments. */
function startOf(body: string, frame: Frame): number | typeof EMPTY {
  if (frame.kind === null) return EMPTY;
  let i = frame.open;
  for (;;) {
    const c = body.charCodeAt(i);
    if (c === 32 || c === 9 || c === 10 || c === 13) i++;
    else if (c === 35) {
      const nl = body.indexOf('\n', i);
      if (nl === -1) return EMPTY;
      i = nl + 1;
    } else return i;
  }
}

/** Offset in `body` of the node at `path` (or of its nearest existing ancestor), or EMPTY. */
export function offsetAt(body: string, root: Frame, path: readonly PathSegment[], at: 'key' | 'value'): number | typeof EMPTY {
  let node = root;
  for (let i = 0; i < path.length; i++) {
    const seg = String(path[i]);
    if (node.kind === 'mapping') {
      const pairs = node.children;
      let k = 0;
      while (k < pairs.length && String(pairs[k]?.result) !== seg) k += 2;
      const key = pairs[k];
      const value = pairs[k + 1];
      if (!key || !value) break;
      if (i === path.length - 1 && at === 'key') return startOf(body, key);
      node = value;
    } else if (node.kind === 'sequence' && typeof path[i] === 'number') {
      const item = node.children[path[i] as number];
      if (!item) break;
      node = item;
    } else break;
  }
  return startOf(body, node);
}
