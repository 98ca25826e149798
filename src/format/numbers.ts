/** A share as a whole percentage, e.g. 0.456 → "46%". */
export function percent(share: number): string {
  return `${Math.round(share * 100)}%`;
}

/**
 * A score the engine found below its threshold, and the threshold, as whole percentages, or with
 * as many decimals (up to four) as it takes for the two to differ: rounded alike, "70% of 70%"
 * would read as reached. 0.696 and 0.7 → "69.6%" and "70.0%"; 0.45 and 0.7 → "45%" and "70%".
 * Closer still (the engine's tolerance is a billionth), the score is rounded down: 69.9999%.
 */
export function percentsBelow(score: number, threshold: number): [string, string] {
  let shown: [string, string] = [percent(score), percent(threshold)];
  for (let digits = 1; digits <= FINEST && shown[0] === shown[1]; digits += 1) {
    shown = [`${(score * 100).toFixed(digits)}%`, `${(threshold * 100).toFixed(digits)}%`];
  }
  if (shown[0] === shown[1]) {
    const down = Math.floor(score * 10 ** (FINEST + 2)) / 10 ** FINEST;
    shown[0] = `${down.toFixed(FINEST)}%`;
  }
  return shown;
}

/** The most decimals percentsBelow shows. */
const FINEST = 4;

/**
 * A score (null for n/a) and its threshold as percentages: percentsBelow when the engine found
 * the score below it.
 */
export function percentsAgainst(
  score: number | null,
  threshold: number,
  below: boolean,
): [string, string] {
  if (score === null) return ['n/a', percent(threshold)];
  return below ? percentsBelow(score, threshold) : [percent(score), percent(threshold)];
}

/**
 * A share short of the whole as a whole percentage that never reads "100%" (0.996 → "99%"): for
 * progress that has not arrived, where a rounded "100% of the way · not reached" would contradict itself.
 */
export function percentShort(share: number): string {
  return share < 1 ? `${Math.min(99, Math.round(share * 100))}%` : percent(share);
}

/** A number with two decimals, e.g. the maturity index 3.45; past 2^53 (a huge impact) as it is. */
export function twoDecimals(value: number): string {
  const hundredths = value * 100;
  // Past 2^53 there are no decimals to round, and past 1.8e306 the product overflows.
  return Number.isFinite(hundredths) && Math.abs(value) < 2 ** 53
    ? (Math.round(hundredths) / 100).toFixed(2)
    : value.toFixed(2);
}

/** A change with its sign and two decimals: "+0.64", "−0.20", "±0.00". */
export function signedTwoDecimals(value: number): string {
  const shown = twoDecimals(Math.abs(value));
  if (shown === '0.00') return '±0.00';
  return `${value > 0 ? '+' : '−'}${shown}`;
}
