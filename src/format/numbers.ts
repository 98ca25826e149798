/** A share as a whole percentage, e.g. 0.456 → "46%". */
export function percent(share: number): string {
  return `${Math.round(share * 100)}%`;
}

/** A number with two decimals, e.g. the maturity index 3.45; past 2^53 (a huge impact) as it is. */
export function twoDecimals(value: number): string {
  const hundredths = value * 100;
  // Past 2^53 there are no decimals to round, and past 1.8e306 the product overflows.
  return Number.isFinite(hundredths) && Math.abs(value) < 2 ** 53
    ? (Math.round(hundredths) / 100).toFixed(2)
    : value.toFixed(2);
}
