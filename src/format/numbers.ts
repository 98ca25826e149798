/** A share as a whole percentage, e.g. 0.456 → "46%". */
export function percent(share: number): string {
  return `${Math.round(share * 100)}%`;
}

/** A number with two decimals, e.g. the maturity index 3.45. */
export function twoDecimals(value: number): string {
  return (Math.round(value * 100) / 100).toFixed(2);
}

/** A change with its sign and two decimals: "+0.64", "−0.20", "±0.00". */
export function signedTwoDecimals(value: number): string {
  const shown = twoDecimals(Math.abs(value));
  if (shown === '0.00') return '±0.00';
  return `${value > 0 ? '+' : '−'}${shown}`;
}
