const BARS = '▁▂▃▄▅▆▇█';

/** A sparkline of values between 0 and `max`: one block character per value, ▁ for 0, █ for max. */
export function sparkline(values: readonly number[], max: number): string {
  return values
    .map((value) => {
      const share = max > 0 ? Math.min(1, Math.max(0, value / max)) : 0;
      return BARS[Math.round(share * (BARS.length - 1))];
    })
    .join('');
}
