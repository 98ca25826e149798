import { DEFAULT_MOVES } from '../engine/analyse.js';
import { COMBINE_RULES, type CombineRule } from '../engine/combine.js';
import type { Io } from '../io.js';
import { escapeControls } from '../problems/describe.js';
import { UserError } from '../problems/user-error.js';

// Options several commands share, parsed once here: each a usage error (exit 2) when wrong.

/** One of `choices`, or a usage error naming them. */
export function parseChoice<T extends string>(
  flag: string,
  value: string | undefined,
  choices: readonly T[],
  fallback: T,
): T {
  const chosen = value ?? fallback;
  if (!(choices as readonly string[]).includes(chosen)) {
    throw new UserError(`maturity: ${flag} must be one of ${choices.join(', ')}`);
  }
  return chosen as T;
}

/** A percentage flag ("80", "80%" or "72.5") as a share in [0, 1]; undefined without the flag. */
export function parsePercent(flag: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const match = /^\s*(\d+(?:\.\d+)?)\s*%?\s*$/.exec(value);
  const number = match ? Number(match[1]) : NaN;
  if (!(number >= 0 && number <= 100)) {
    throw new UserError(
      `maturity: ${flag} must be a percentage from 0 to 100, not ${JSON.stringify(value)}`,
    );
  }
  return number / 100;
}

/** `--combine`, which only means something for files combined into teams. */
export function parseCombine(value: string | undefined, combines: boolean): CombineRule {
  if (value !== undefined && !combines) {
    throw new UserError('maturity: --combine needs --group-by (it combines the files of a group)');
  }
  return parseChoice('--combine', value, COMBINE_RULES, 'median');
}

/** Refuses flags given an empty value (`--output ''`, `--target ' '`). */
export function refuseEmpty(
  flags: readonly [flag: string, value: string | undefined, what: string][],
): void {
  for (const [flag, value, what] of flags) {
    if (value !== undefined && value.trim() === '') {
      throw new UserError(`maturity: ${flag} needs ${what}`);
    }
  }
}

export function parseMoves(value: string | number | undefined): number {
  if (value === undefined) return DEFAULT_MOVES;
  if (!/^\d+$/.test(String(value)))
    throw new UserError(`maturity: --moves must be a whole number, not "${value}"`);
  return Number(value);
}

/** "a, b and c", or the first ten and how many more. */
export function listed(names: readonly string[]): string {
  const shown = names.slice(0, 10).map((name) => escapeControls(name));
  if (names.length > 10) return `${shown.join(', ')} and ${names.length - 10} more`;
  return shown.length === 1 ? shown[0]! : `${shown.slice(0, -1).join(', ')} and ${shown.at(-1)}`;
}

/** A progress line on stderr for long batches, only on a terminal and never on stdout. */
export function progressLine(io: Io, total: number) {
  const active = total >= 50 && Boolean(io.stderr.isTTY);
  let done = 0;
  let shown = false;
  let last = 0;
  return {
    tick() {
      done += 1;
      if (!active) return;
      const now = io.now().getTime();
      if (now - last < 100 && done < total) return;
      last = now;
      io.stderr.write(`\rScoring ${done}/${total}…`);
      shown = true;
    },
    clear() {
      if (shown) io.stderr.write('\r\x1b[K');
      shown = false;
    },
  };
}
