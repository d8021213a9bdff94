/**
 * Yes/no questions on the terminal. Only when standard input is a terminal that can answer: elsewhere the
 * caller must have been told to proceed (`-y`), and a UsageError says so.
 */
import { UsageError } from '../errors.js';
import type { IO } from './io.js';

export async function confirm(io: IO, question: string, flagHint = '-y'): Promise<boolean> {
  const reader = io;
  if (!io.stdinIsTTY || typeof reader.readLine !== 'function') {
    const why = io.stdinIsTTY ? 'this terminal cannot be asked' : 'standard input is not an interactive terminal';
    throw new UsageError(`confirmation needed, but ${why}: pass ${flagHint} to proceed`, { details: [question] });
  }
  io.stderr.write(`${question} (y/N) `);
  const answer = (await reader.readLine())?.trim().toLowerCase();
  return answer === 'y' || answer === 'yes';
}
