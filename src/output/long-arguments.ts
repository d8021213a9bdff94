/**
 * Command-line arguments of hostile length (a 100 KB `--set`, a pasted file) are never echoed in full to
 * people: on stderr every occurrence of such an argument (or of its `=` parts) is shortened to its first
 * characters and its length, so a message shows it once, short, however many times it quotes it.
 */
import type { OutStream } from './io.js';

/** Arguments longer than this are shortened on stderr. */
export const LONG_ARGUMENT = 200;
const KEPT = 40;

export function shortArgument(text: string): string {
  return `${text.slice(0, KEPT)}…[${text.length} characters]`;
}

/** The long strings to shorten: long arguments, and the long parts of `--flag=value` / `path=value` ones. */
function longPieces(argv: readonly string[]): string[] {
  const pieces = new Set<string>();
  for (const arg of argv) {
    if (arg.length <= LONG_ARGUMENT) continue;
    pieces.add(arg);
    for (const part of arg.split('=')) if (part.length > LONG_ARGUMENT) pieces.add(part);
  }
  // Longest first, so an argument is replaced whole before its parts are.
  return [...pieces].sort((a, b) => b.length - a.length);
}

export function shortenLongArguments(stream: OutStream, argv: readonly string[]): OutStream {
  const pieces = longPieces(argv);
  if (pieces.length === 0) return stream;
  return {
    write: (text: string) => stream.write(pieces.reduce((out, piece) => out.split(piece).join(shortArgument(piece)), text)),
    isTTY: stream.isTTY,
    color: stream.color,
    get columns() {
      return stream.columns;
    },
    style: stream.style,
  };
}
