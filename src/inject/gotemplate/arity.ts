/**
 * Go checks the number of arguments of a template function against its signature before calling it
 * ("wrong number of args for indent: want 2 got 1"). JavaScript functions have no such signature, so the
 * engine's own functions declare theirs here; functions passed by callers are called as they are.
 */
export type TemplateFunc = (...args: unknown[]) => unknown;

export interface Arity {
  readonly min: number;
  readonly variadic: boolean;
}

const ARITIES = new WeakMap<TemplateFunc, Arity>();

/** Declares `fn` as taking exactly `n` arguments, or at least `n` when variadic. */
export function arity<F extends TemplateFunc>(n: number, fn: F, variadic = false): F {
  ARITIES.set(fn, { min: n, variadic });
  return fn;
}

/** Go's complaint when `got` arguments do not fit the declared signature of `fn`, else undefined. */
export function arityError(name: string, fn: TemplateFunc, got: number): string | undefined {
  const a = ARITIES.get(fn);
  if (a === undefined) return undefined;
  if (a.variadic ? got >= a.min : got === a.min) return undefined;
  return `wrong number of args for ${name}: want ${a.variadic ? 'at least ' : ''}${a.min} got ${got}`;
}
