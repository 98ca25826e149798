/** A share as a whole percentage, e.g. 0.456 → "46%". */
export function percent(share: number): string {
  return `${Math.round(share * 100)}%`;
}

/** A number with two decimals, e.g. the maturity index 3.45. */
export function twoDecimals(value: number): string {
  return (Math.round(value * 100) / 100).toFixed(2);
}
