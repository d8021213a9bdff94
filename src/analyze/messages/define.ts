/**
 * Message types as data, with typed constructors: `ReferencedResourceNotFound('gateway', 'bogus')` checks
 * at compile time that the arguments match the catalogue entry (names, order and types).
 */

export type Level = 'Error' | 'Warning' | 'Info';

/** Ordered from most to least severe: a lower rank is more severe. */
export const LEVEL_RANK: Readonly<Record<Level, number>> = { Error: 0, Warning: 1, Info: 2 };

export type ArgType = 'string' | 'int' | 'string[]' | 'int[]' | 'error';

export interface ArgSpec {
  readonly name: string;
  readonly type: ArgType;
}

type ArgValue<T extends ArgType> = T extends 'int' ? number : T extends 'string[]' ? readonly string[] : T extends 'int[]' ? readonly number[] : string;

export type ArgValues<A extends readonly ArgSpec[]> = { [I in keyof A]: A[I] extends ArgSpec ? ArgValue<A[I]['type']> : never };

export interface MessageType {
  /** `IST0101`. */
  readonly code: string;
  /** `ReferencedResourceNotFound`. */
  readonly name: string;
  readonly level: Level;
  readonly args: readonly ArgSpec[];
  /** One sentence: what this message means. */
  readonly description: string;
  /** Renders the text from the arguments (in catalogue order). */
  render(args: readonly unknown[]): string;
}

/** A message type with its arguments, not yet attached to a resource. */
export interface MessageBody {
  readonly type: MessageType;
  readonly args: readonly unknown[];
}

export type MessageConstructor<A extends readonly ArgSpec[]> = ((...args: ArgValues<A>) => MessageBody) & { readonly type: MessageType };

export function define<const A extends readonly ArgSpec[]>(spec: {
  code: string;
  name: string;
  level: Level;
  args: A;
  description: string;
  text: (...args: ArgValues<A>) => string;
}): MessageConstructor<A> {
  const type: MessageType = {
    code: spec.code,
    name: spec.name,
    level: spec.level,
    args: spec.args,
    description: spec.description,
    render: (args) => spec.text(...(args as ArgValues<A>)),
  };
  const ctor = (...args: ArgValues<A>): MessageBody => ({ type, args });
  return Object.assign(ctor, { type });
}

/** `["a","b"]` for lists, as people read them. */
export function list(values: readonly (string | number)[]): string {
  return `[${values.join(', ')}]`;
}

export function quote(value: string): string {
  return JSON.stringify(value);
}

export function documentationUrl(code: string): string {
  return `https://istio.io/latest/docs/reference/config/analysis/${code.toLowerCase()}/`;
}
