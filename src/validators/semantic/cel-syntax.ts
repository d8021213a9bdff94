/**
 * A light well-formedness check of CEL expressions written in resources (Telemetry filters and tag values):
 * not empty, strings closed, brackets balanced, no operator left dangling. Not a CEL parser: it catches the
 * typing mistakes that make Envoy reject the expression, and lets everything plausible through.
 */
const CLOSE: Record<string, string> = { ')': '(', ']': '[', '}': '{' };

export function celSyntaxError(expression: string): string | undefined {
  const text = expression.trim();
  if (text === '') return 'the expression is empty';
  const stack: { ch: string; at: number }[] = [];
  for (let i = 0; i < text.length; i++) {
    const ch = text[i] as string;
    if (ch === '"' || ch === "'") {
      const triple = text.startsWith(ch.repeat(3), i);
      const quote = triple ? ch.repeat(3) : ch;
      let j = i + quote.length;
      for (; j < text.length; j++) {
        if (text[j] === '\\') {
          j++;
          continue;
        }
        if (!triple && text[j] === '\n') break;
        if (text.startsWith(quote, j)) break;
      }
      if (j >= text.length || !text.startsWith(quote, j)) return `string starting at column ${i + 1} is not closed`;
      i = j + quote.length - 1;
    } else if (ch === '(' || ch === '[' || ch === '{') stack.push({ ch, at: i });
    else if (ch in CLOSE) {
      const open = stack.pop();
      if (!open || open.ch !== CLOSE[ch]) return `"${ch}" at column ${i + 1} has no matching opening bracket`;
    }
  }
  const open = stack.pop();
  if (open) return `"${open.ch}" at column ${open.at + 1} is never closed`;
  if (/(&&|\|\||[+\-*/%<>=!?:.,]|\bin)$/.test(text)) return 'the expression ends with an operator';
  if (/^(&&|\|\||[*/%<>=?:.,]|in\b)/.test(text)) return 'the expression starts with an operator';
  return undefined;
}
