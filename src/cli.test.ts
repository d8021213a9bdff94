import { describe, expect, it } from 'vitest';
import { runSailctl } from '../test/support/cli.js';
import { normaliseVerbose, parseBool } from './cli.js';

describe('normaliseVerbose', () => {
  it.each([
    [['-v', 'version'], ['--verbose=1', 'version']],
    [['proxy-status', '-v', '1'], ['proxy-status', '--verbose=1']],
    [['-v', '6', 'version'], ['--verbose=6', 'version']],
    [['--verbose'], ['--verbose=1']],
    [['analyze', '--', '-v'], ['analyze', '--', '-v']],
  ])('%j -> %j', (input, expected) => {
    expect(normaliseVerbose(input)).toEqual(expected);
  });
});

describe('parseBool', () => {
  it('accepts istioctl-style booleans', () => {
    expect(parseBool(undefined)).toBe(true);
    expect(parseBool('true')).toBe(true);
    expect(parseBool('false')).toBe(false);
    expect(parseBool('0')).toBe(false);
    expect(() => parseBool('maybe')).toThrow(/expected true or false/);
  });
});

describe('command line handling', () => {
  it('prints help on stdout and exits 0', async () => {
    const r = await runSailctl(['--help']);
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toContain('Usage: sailctl');
    expect(r.stdout).toContain('--istioNamespace');
    expect(r.stderr).toBe('');
  });

  it('prints help when run without arguments', async () => {
    const r = await runSailctl([]);
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toContain('Commands:');
  });

  it('rejects an unknown command with exit 64 and a one-line hint', async () => {
    const r = await runSailctl(['instal']);
    expect(r.exitCode).toBe(64);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/unknown command 'instal'/);
    expect(r.stderr).toContain("Run 'sailctl --help' for usage.");
  });

  it.each([
    [['frob', '--help'], "unknown command 'frob'", "Run 'sailctl --help' for usage."],
    [['-n', 'shop', 'frob', '-h'], "unknown command 'frob'", "Run 'sailctl --help' for usage."],
    [['help', 'frob'], "unknown command 'frob'", "Run 'sailctl --help' for usage."],
    [['x', 'frob', '--help'], "unknown command 'frob'", "Run 'sailctl x --help' for usage."],
    [['proxy-config', 'frob', '--help'], "unknown command 'frob'", "Run 'sailctl proxy-config --help' for usage."],
    [['pc', 'frob', '--help'], "unknown command 'frob'", "Run 'sailctl pc --help' for usage."],
  ])('%j: says the command is unknown (no help) and exits 64', async (args, message, hint) => {
    const r = await runSailctl(args);
    expect(r.exitCode).toBe(64);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(`Error: ${message}\n  ${hint}\n`);
  });

  it.each([
    [['verson', '--help'], "Error: unknown command 'verson'\n(Did you mean version?)\n"],
    [['manifest', 'generat', '--help'], "Error: unknown command 'generat'\n(Did you mean generate?)\n"],
    [['proxy-config', 'listner', '-h'], "Error: unknown command 'listner'\n(Did you mean listener?)\n"],
  ])('%j: suggests what commander suggests', async (args, start) => {
    const r = await runSailctl(args);
    expect(r.exitCode).toBe(64);
    expect(r.stderr.startsWith(start)).toBe(true);
  });

  it.each([
    [['version', '--help'], 'Usage: sailctl version'],
    [['x', 'precheck', '--help'], 'Usage: sailctl x precheck'],
    [['pc', 'cluster', '-h'], 'Usage: sailctl proxy-config cluster'],
    [['manifest', '--help'], 'Usage: sailctl manifest'],
    [['help', 'plan'], 'Usage: sailctl plan'],
    [['--help'], 'Usage: sailctl'],
  ])('%j: known commands still show their help with exit 0', async (args, usage) => {
    const r = await runSailctl(args);
    expect([r.exitCode, r.stderr]).toEqual([0, '']);
    expect(r.stdout).toContain(usage);
  });

  it('rejects an unknown flag with exit 64 and names the command in the hint', async () => {
    const r = await runSailctl(['version', '--remoet=false']);
    expect(r.exitCode).toBe(64);
    expect(r.stderr).toMatch(/unknown option '--remoet=false'/);
    expect(r.stderr).toContain("Run 'sailctl version --help' for usage.");
  });

  it('rejects a malformed --kubeclient-timeout with exit 64', async () => {
    const r = await runSailctl(['version', '--remote=false', '--kubeclient-timeout', 'soon']);
    expect(r.exitCode).toBe(64);
    expect(r.stderr).toContain('invalid --kubeclient-timeout "soon"');
  });

  it('accepts global flags after the command name', async () => {
    const r = await runSailctl(['version', '--remote=false', '-i', 'mesh-system', '--kubeclient-timeout', '2s']);
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toMatch(/^client version: /);
  });

  it('rejects an unknown output format with exit 64', async () => {
    const r = await runSailctl(['version', '--remote=false', '-o', 'xml']);
    expect(r.exitCode).toBe(64);
    expect(r.stderr).toContain('unknown output format "xml"');
  });
});
