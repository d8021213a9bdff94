/**
 * Kubernetes resource quantities in canonical form, as the API server (and so istiod's output) writes them:
 * `2000m` -> `2`, `1024Mi` -> `1Gi`, `0.5` -> `500m`. Forms it does not recognise are kept as written.
 */
const DECIMAL: Readonly<Record<string, number>> = { n: -9, u: -6, m: -3, '': 0, k: 3, M: 6, G: 9, T: 12, P: 15, E: 18 };
const BINARY: Readonly<Record<string, number>> = { Ki: 10, Mi: 20, Gi: 30, Ti: 40, Pi: 50, Ei: 60 };
const QUANTITY = /^(\d+)(?:\.(\d+))?(n|u|m|k|M|G|T|P|E|Ki|Mi|Gi|Ti|Pi|Ei)?$/;

function decimal(units: bigint, exp: number): string {
  // units are in 10^-9; pick the largest suffix that keeps an integer
  for (const [suffix, e] of Object.entries(DECIMAL).sort((a, b) => b[1] - a[1])) {
    if (e < exp) continue;
    const div = 10n ** BigInt(e + 9);
    if (units % div === 0n) return `${units / div}${suffix}`;
  }
  return `${units}n`;
}

export function canonicalQuantity(text: string): string {
  const m = QUANTITY.exec(text);
  if (!m) return text;
  const [, whole, fraction = '', suffix = ''] = m;
  const digits = BigInt(`${whole}${fraction}`);
  const scale = 10n ** BigInt(fraction.length);
  if (suffix in BINARY) {
    const bytesTimesScale = digits * 2n ** BigInt(BINARY[suffix] as number);
    if (bytesTimesScale % scale === 0n) {
      const bytes = bytesTimesScale / scale;
      for (const [s, e] of Object.entries(BINARY).sort((a, b) => b[1] - a[1])) {
        const div = 2n ** BigInt(e);
        if (bytes % div === 0n && bytes >= div) return `${bytes / div}${s}`;
      }
      if (bytes < 1024n) return decimal(bytes * 10n ** 9n, -9);
      return `${bytes}`;
    }
    return text;
  }
  const exp = DECIMAL[suffix] as number;
  const nanoUnits = (digits * 10n ** BigInt(exp + 9)) / scale;
  if ((digits * 10n ** BigInt(exp + 9)) % scale !== 0n) return text;
  return decimal(nanoUnits, exp + 9 >= 0 ? Math.min(exp, -3) : -9);
}
