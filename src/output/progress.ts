/**
 * Progress on stderr. On a TTY a spinner (ora, loaded only then); otherwise one plain line per finished
 * step, so CI logs stay readable. `json` mode writes NDJSON events instead (`--progress json`).
 */
import type { IO } from './io.js';
import { formatJsonLine } from './json.js';

export interface Step {
  /** Replace the running text. */
  update(text: string): void;
  succeed(text?: string): void;
  fail(text?: string): void;
  warn(text?: string): void;
}

export interface Progress {
  start(text: string): Step;
  /** A line that is not a step (shown between spinners). */
  info(text: string): void;
  warn(text: string): void;
}

export type ProgressMode = 'auto' | 'plain' | 'json' | 'none';

export async function createProgress(io: IO, mode: ProgressMode = 'auto'): Promise<Progress> {
  const err = io.stderr;
  const s = err.style;
  if (mode === 'none') {
    const noop: Step = { update() {}, succeed() {}, fail() {}, warn() {} };
    return { start: () => noop, info() {}, warn() {} };
  }
  if (mode === 'json') {
    const event = (type: string, text: string) => err.write(formatJsonLine({ time: new Date().toISOString(), type, text }));
    return {
      start(text) {
        event('start', text);
        let current = text;
        return {
          update: (t) => {
            current = t;
            event('update', t);
          },
          succeed: (t) => event('succeed', t ?? current),
          fail: (t) => event('fail', t ?? current),
          warn: (t) => event('warn', t ?? current),
        };
      },
      info: (text) => event('info', text),
      warn: (text) => event('warning', text),
    };
  }
  const mark = {
    ok: s.green('✔'),
    fail: s.red('✖'),
    warn: s.yellow('!'),
  };
  if (mode === 'auto' && err.isTTY) {
    const { default: ora } = await import('ora');
    const stream = { write: (t: string) => (err.write(t), true), isTTY: true, columns: err.columns } as unknown as NodeJS.WriteStream;
    return {
      start(text) {
        const spinner = ora({ text, stream, color: err.color ? 'cyan' : false, isEnabled: true, discardStdin: false }).start();
        return {
          update: (t) => {
            spinner.text = t;
          },
          succeed: (t) => spinner.stopAndPersist({ symbol: mark.ok, text: t ?? spinner.text }),
          fail: (t) => spinner.stopAndPersist({ symbol: mark.fail, text: t ?? spinner.text }),
          warn: (t) => spinner.stopAndPersist({ symbol: mark.warn, text: t ?? spinner.text }),
        };
      },
      info: (text) => err.write(`${text}\n`),
      warn: (text) => err.write(`${mark.warn} ${text}\n`),
    };
  }
  return {
    start(text) {
      let current = text;
      return {
        update: (t) => {
          current = t;
        },
        succeed: (t) => err.write(`${mark.ok} ${t ?? current}\n`),
        fail: (t) => err.write(`${mark.fail} ${t ?? current}\n`),
        warn: (t) => err.write(`${mark.warn} ${t ?? current}\n`),
      };
    },
    info: (text) => err.write(`${text}\n`),
    warn: (text) => err.write(`${mark.warn} ${text}\n`),
  };
}
