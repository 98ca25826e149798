import { escapeControls } from './control-characters.js';

/** A problem found in a user's file: where it is and what is wrong. Wording is final; position is 1-based. */
export interface Problem {
  file?: string;
  /** Dotted path of the offending node, e.g. `stages.0.tenets.1.weight`; empty for the whole document. */
  path: string;
  message: string;
  line?: number;
  column?: number;
  /** Set on a "N more … not shown" line: the number of problems it stands for. */
  omitted?: number;
  /** With `omitted`: counting stopped, so there are more than that. */
  atLeast?: boolean;
}

/** A problem before it has a position: where it is (path, key or value) and what is wrong. */
export interface PathProblem {
  path: PropertyKey[];
  message: string;
  at?: 'key' | 'value';
  /** Where to point instead of `path` (the nearest existing node is used). */
  locate?: PropertyKey[];
}

/** Exit codes of the CLI (SPEC §6). */
export const ExitCode = {
  ok: 0,
  checkFailed: 1,
  usage: 2,
  interrupted: 130,
} as const;

/**
 * An error the user can cause and fix (bad flag, unreadable or invalid file). It carries the problems
 * to print and the exit code; every other error is a bug.
 */
export class UserError extends Error {
  readonly problems: Problem[];
  readonly exitCode: number;
  /** A last line saying what to do about it, printed after the problems. */
  readonly hint: string | undefined;

  constructor(
    message: string,
    options: { problems?: Problem[]; exitCode?: number; hint?: string } = {},
  ) {
    super(message);
    this.name = 'UserError';
    this.problems = options.problems ?? [];
    this.exitCode = options.exitCode ?? ExitCode.usage;
    this.hint = options.hint;
  }

  /**
   * One line per problem (or the message itself when there are none), then the hint if any; with
   * control characters escaped, since messages name files and quote values.
   */
  lines(): string[] {
    const lines = this.problems.length > 0 ? this.problems.map(formatProblem) : [this.message];
    return (this.hint === undefined ? lines : [...lines, this.hint]).map(escapeControls);
  }
}

/**
 * Formats a problem as `file:line:col: message (at path)`, the one-line form every command prints,
 * with control characters (in a file name, say) escaped.
 */
export function formatProblem(problem: Problem): string {
  let where = problem.file ?? '';
  if (problem.line !== undefined) {
    where += `${where ? ':' : ''}${problem.line}:${problem.column ?? 1}`;
  }
  const at = problem.path ? ` (at ${problem.path})` : '';
  return escapeControls(`${where ? `${where}: ` : ''}${problem.message}${at}`);
}

/** Joins a path of keys and indices into its dotted form. */
export function dottedPath(path: readonly PropertyKey[]): string {
  return path.map(String).join('.');
}
