/**
 * The dates an answers file's `assessedAt` may hold: a real calendar date, YYYY-MM-DD, optionally
 * followed by an ISO time (`T10:30`, `T10:30:00Z`, `T10:30:00.5+02:00`), which is read as its date.
 * One pattern for the loader and for the JSON Schema, so the two cannot disagree.
 */
export const ASSESSED_AT =
  /^(?:(?:\d\d[2468][048]|\d\d[13579][26]|\d\d0[48]|[02468][048]00|[13579][26]00)-02-29|\d{4}-(?:(?:0[13578]|1[02])-(?:0[1-9]|[12]\d|3[01])|(?:0[469]|11)-(?:0[1-9]|[12]\d|30)|02-(?:0[1-9]|1\d|2[0-8])))(?:T(?:[01]\d|2[0-3]):[0-5]\d(?::[0-5]\d(?:\.\d+)?)?(?:Z|[+-](?:[01]\d|2[0-3]):[0-5]\d)?)?$/;

/** Why a value is not a date `assessedAt` accepts, or undefined when it is one. */
export function assessedAtProblem(value: string): string | undefined {
  if (ASSESSED_AT.test(value)) return undefined;
  return /^\d{4}-\d\d-\d\d(?:$|T)/.test(value)
    ? `assessedAt ${JSON.stringify(value.slice(0, 40))} is not a real date`
    : `assessedAt must be a date such as 2026-11-22 (or an ISO date-time), not ${JSON.stringify(value.slice(0, 40))}`;
}

/** The date of a valid `assessedAt`: YYYY-MM-DD. */
export function dateOf(value: string): string {
  return value.slice(0, 10);
}
