import { describe, expect, it } from 'vitest';
import type { Diagnostic } from '../analyze/types.js';
import { formatAnalyzerList, formatDiagnosticsYaml, formatLog, toRecord } from './analysis.js';
import { createMemoryIO } from './io.js';

const d: Diagnostic = {
  code: 'IST0118',
  level: 'Info',
  origin: 'Service default/web',
  reference: '',
  message: 'Port name web ...',
  documentationUrl: 'https://istio.io/latest/docs/reference/config/analysis/ist0118/',
  related: [{ origin: 'Deployment default/web', message: 'selected by it' }],
  analyzer: 'service.PortNameAnalyzer',
  resource: { kind: 'Service', namespace: 'default', name: 'web' },
};

describe('analysis printers', () => {
  it('log: plain without colour; cluster objects have no position; related lines indented', () => {
    const plain = createMemoryIO({ tty: false });
    expect(formatLog([d], plain.stdout)).toBe('Info [IST0118] (Service default/web) Port name web ...\n    related: Deployment default/web: selected by it\n');
  });

  it('log: coloured on a TTY, never with NO_COLOR', () => {
    expect(formatLog([d], createMemoryIO({ tty: true, env: {} }).stdout)).toMatch(/\u001b\[/);
    expect(formatLog([d], createMemoryIO({ tty: true, env: { NO_COLOR: '1' } }).stdout)).not.toMatch(/\u001b\[/);
  });

  it('records carry no internal fields and no position for cluster objects', () => {
    expect(Object.keys(toRecord(d))).toEqual(['code', 'level', 'origin', 'reference', 'message', 'documentationUrl', 'related']);
    expect(formatDiagnosticsYaml([])).toBe('[]\n');
  });

  it('lists analyzers with aligned descriptions', () => {
    expect(formatAnalyzerList([{ meta: { name: 'a.B', description: 'one' } }, { meta: { name: 'long.Name', description: 'two' } }])).toBe(
      'Available analyzers:\n  a.B         one\n  long.Name   two\n',
    );
  });
});
