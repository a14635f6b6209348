// Numbers as a person reads them: a value with its standard uncertainty, rounded together.

// Digits after the decimal point that show `sigma` to two significant figures.
export function decimalsFor(sigma) {
  if (!(sigma > 0) || !Number.isFinite(sigma)) return null;
  return Math.max(0, Math.min(12, 1 - Math.floor(Math.log10(sigma))));
}

export function formatNumber(value, decimals = null) {
  if (!Number.isFinite(value)) return '—';
  if (decimals !== null) return value.toFixed(decimals);
  const magnitude = Math.abs(value);
  if (magnitude !== 0 && (magnitude >= 1e7 || magnitude < 1e-4)) return value.toExponential(6);
  return Number(value.toPrecision(8)).toString();
}

export function formatWithUncertainty(value, sigma, units = '') {
  const suffix = units ? ` ${units}` : '';
  const d = decimalsFor(sigma);
  if (d === null) return `${formatNumber(value)}${suffix}`;
  // An uncertainty at rounding level (exact data) would need a screenful of zeros.
  if (d > 9) return `${formatNumber(value)} ± ${sigma.toExponential(1)}${suffix}`;
  return `${value.toFixed(d)} ± ${sigma.toFixed(d)}${suffix}`;
}

export const formatDegrees = (deg) => `${deg.toFixed(1)}°`;
