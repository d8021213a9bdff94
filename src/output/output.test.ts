import { describe, expect, it } from 'vitest';
import { colorEnabled, createMemoryIO, streamStyle } from './io.js';
import { createProgress } from './progress.js';
import { redactSecrets } from './redact.js';
import { formatTable } from './table.js';
import { formatYamlDocuments } from './yaml.js';

describe('colorEnabled', () => {
  it('is on for a TTY, off otherwise, and NO_COLOR always wins', () => {
    expect(colorEnabled(true, {})).toBe(true);
    expect(colorEnabled(false, {})).toBe(false);
    expect(colorEnabled(true, { NO_COLOR: '1' })).toBe(false);
    expect(colorEnabled(true, { NO_COLOR: '1', FORCE_COLOR: '1' })).toBe(false);
    expect(colorEnabled(false, { FORCE_COLOR: '1' })).toBe(true);
    expect(colorEnabled(true, { TERM: 'dumb' })).toBe(false);
  });
  it('NO_COLOR counts only when non-empty; FORCE_COLOR forces, except 0 and false', () => {
    expect(colorEnabled(true, { NO_COLOR: '' })).toBe(true);
    for (const force of ['', '1', '2', '3', 'true']) expect(colorEnabled(false, { FORCE_COLOR: force }), force).toBe(true);
    for (const force of ['0', 'false']) expect(colorEnabled(true, { FORCE_COLOR: force }), force).toBe(false);
    expect(colorEnabled(false, { FORCE_COLOR: '1', TERM: 'dumb' })).toBe(true);
  });
  it('streamStyle follows the same rules for a stream written to directly (the demo script)', () => {
    expect(streamStyle({ write: () => true, isTTY: true }, {}).bold('t')).toBe('\u001b[1mt\u001b[22m');
    expect(streamStyle({ write: () => true, isTTY: false }, {}).bold('t')).toBe('t');
    expect(streamStyle({ write: () => true, isTTY: true }, { NO_COLOR: '1' }).bold('t')).toBe('t');
    expect(streamStyle({ write: () => true }, { FORCE_COLOR: '1' }).bold('t')).toBe('\u001b[1mt\u001b[22m');
  });
  it('styles are plain text without colour', () => {
    const io = createMemoryIO({ tty: true, env: { NO_COLOR: '1' } });
    expect(io.stderr.style.red('x')).toBe('x');
    const coloured = createMemoryIO({ tty: true, env: {} });
    expect(coloured.stderr.style.red('x')).not.toBe('x');
  });
});

describe('formatTable', () => {
  it('aligns columns with three spaces and no trailing blanks', () => {
    expect(formatTable(['NAME', 'READY'], [['istiod-abc', 'true'], ['x', 'false']])).toBe(
      'NAME         READY\nistiod-abc   true\nx            false\n',
    );
  });
});

describe('formatYamlDocuments', () => {
  it('separates documents with ---', () => {
    expect(formatYamlDocuments([{ a: 1 }, { b: 2 }])).toBe('---\na: 1\n---\nb: 2\n');
  });
});

describe('progress', () => {
  it('writes one plain line per finished step when stderr is not a TTY', async () => {
    const io = createMemoryIO();
    const p = await createProgress(io);
    const step = p.start('Applying CRDs');
    step.update('Applying CRDs (3/15)');
    step.succeed();
    p.start('Waiting for istiod').fail('istiod not ready: ImagePullBackOff');
    expect(io.err()).toBe('✔ Applying CRDs (3/15)\n✖ istiod not ready: ImagePullBackOff\n');
    expect(io.out()).toBe('');
  });
  it('writes NDJSON events in json mode', async () => {
    const io = createMemoryIO();
    const p = await createProgress(io, 'json');
    p.start('Applying CRDs').succeed('Applied 15 CRDs');
    const events = io
      .err()
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { type: string; text: string });
    expect(events.map((e) => [e.type, e.text])).toEqual([
      ['start', 'Applying CRDs'],
      ['succeed', 'Applied 15 CRDs'],
    ]);
  });
});

describe('redactSecrets', () => {
  it.each([
    ['Authorization: Bearer abcdefghijklmnop123', 'abcdefghijklmnop123'],
    ['token: s3cr3t-t0ken-value', 's3cr3t-t0ken-value'],
    ['"client-key-data":"LS0tLS1CRUdJTiBSU0EgUFJJVkFURSBLRVk="', 'LS0tLS1CRUdJTiBSU0EgUFJJVkFURSBLRVk='],
    ['jwt eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJl here', 'eyJhbGciOiJSUzI1NiJ9'],
    ['-----BEGIN RSA PRIVATE KEY-----\nMIIEabc\n-----END RSA PRIVATE KEY-----', 'MIIEabc'],
  ])('masks %j', (text, secret) => {
    const out = redactSecrets(text);
    expect(out).not.toContain(secret);
    expect(out).toContain('REDACTED');
  });
  it('leaves ordinary text alone', () => {
    const text = 'deployments.apps "istiod" not found in namespace istio-system';
    expect(redactSecrets(text)).toBe(text);
  });
});

describe('confirm', () => {
  it('asks on stderr and accepts y/yes only', async () => {
    const { confirm } = await import('./prompt.js');
    for (const [answer, expected] of [['y', true], ['YES', true], ['n', false], ['', false], [undefined, false]] as const) {
      const base = createMemoryIO();
      const io = { ...base, stdinIsTTY: true, readLine: async () => answer };
      expect(await confirm(io, 'Install Istio?')).toBe(expected);
      expect(base.err()).toBe('Install Istio? (y/N) ');
    }
  });
  it('refuses with a usage error when nobody can answer', async () => {
    const { confirm } = await import('./prompt.js');
    await expect(confirm(createMemoryIO({ stdin: '' }), 'Install Istio?')).rejects.toThrow(/pass -y to proceed/);
  });
});
