/**
 * The one error type of the engine, for parse and execution failures alike. `message` is worded like Go's
 * text/template (`template: name:line:col: ...`, where Go counts the column from 0), so users comparing with
 * istiod see the same text; the `line` and `col` properties are 1-based, for file:line:col reporting.
 */
export class TemplateError extends Error {
  /** The name given to compileTemplate (Go's ParseName): the source the failing text came from. */
  readonly template: string;
  readonly line: number;
  readonly col: number;
  /** The failure without the location prefix. */
  readonly reason: string;
  constructor(template: string, line: number, col: number, reason: string, goMessage: string, options?: { cause?: unknown }) {
    super(goMessage, options);
    this.name = 'TemplateError';
    this.template = template;
    this.line = line;
    this.col = col;
    this.reason = reason;
  }
}

/** 1-based line and 0-based column (Go's convention) of offset `pos` in `text`. */
export function locate(text: string, pos: number): { line: number; col0: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < pos; i = text.indexOf('\n', i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return { line, col0: pos - lineStart };
}

export function parseError(parseName: string, text: string, pos: number, reason: string): TemplateError {
  const { line, col0 } = locate(text, pos);
  return new TemplateError(parseName, line, col0 + 1, reason, `template: ${parseName}:${line}:${col0}: ${reason}`);
}

export function execError(
  parseName: string,
  text: string,
  pos: number,
  executing: string,
  context: string,
  reason: string,
  cause?: unknown,
): TemplateError {
  const { line, col0 } = locate(text, pos);
  const message = `template: ${parseName}:${line}:${col0}: executing "${executing}" at <${context}>: ${reason}`;
  return new TemplateError(parseName, line, col0 + 1, reason, message, cause === undefined ? undefined : { cause });
}
