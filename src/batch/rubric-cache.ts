import { dirname, resolve } from 'node:path';
import type { AnswersSource } from '../answers/load.js';
import type { AnswersFile } from '../answers/types.js';
import { UserError } from '../problems/user-error.js';
import { builtinRubricPath, DEFAULT_RUBRIC } from '../rubric/builtin.js';
import { looksLikePath, resolveRubric, type ResolveOptions } from '../rubric/resolve.js';
import type { Rubric, RubricRef } from '../rubric/types.js';

/** Loads rubrics once per rubric, however many answers files name them. */
export class RubricCache {
  private readonly cache = new Map<string, Promise<Rubric>>();
  private readonly builtin = new Map<string, boolean>();

  constructor(private readonly cwd: string) {}

  /**
   * The rubric for `ref` (a built-in id, or a path relative to `baseDir`), default when undefined.
   * With `fromAnswersFile`, the rules for a `rubric:` field apply (see ResolveOptions).
   */
  get(
    ref: string | undefined,
    baseDir: string = this.cwd,
    options: ResolveOptions = {},
  ): Promise<Rubric> {
    const name = ref ?? DEFAULT_RUBRIC;
    // A built-in is the same rubric from anywhere; a file is keyed by where it really is, since the
    // same relative name in two folders is two rubrics (and by who named it: its errors differ).
    const key = this.isBuiltin(name)
      ? `builtin:${name}`
      : `${options.fromAnswersFile ? 'field' : 'file'}:${resolve(baseDir, name)}`;
    let rubric = this.cache.get(key);
    if (!rubric) {
      const builtin = this.isBuiltin(name);
      rubric = resolveRubric(name, baseDir, this.cwd, options).then((resolved) => {
        origins.set(resolved.rubric, builtin ? 'the built-in rubric' : `from ${resolved.source}`);
        bases.set(resolved.rubric, resolved.bases);
        return resolved.rubric;
      });
      this.cache.set(key, rubric);
    }
    return rubric;
  }

  /**
   * The rubrics loaded so far (those that loaded), for another thread's cache to adopt: plain data,
   * validated once here, so a worker thread neither reads nor validates them again (for a rubric
   * file, the YAML parser and zod are most of what a worker would load) and scores with the same
   * content as this thread, even if the file changes during the run.
   */
  async loaded(): Promise<LoadedRubric[]> {
    const settled = await Promise.allSettled(
      [...this.cache].map(async ([key, rubric]) => ({ key, rubric: await rubric })),
    );
    return settled.flatMap((entry) => {
      if (entry.status !== 'fulfilled') return [];
      const origin = origins.get(entry.value.rubric);
      return [
        {
          ...entry.value,
          ...(origin !== undefined && { origin }),
          bases: bases.get(entry.value.rubric) ?? [],
        },
      ];
    });
  }

  /** Takes in rubrics another thread's cache loaded (see `loaded`). */
  adopt(rubrics: readonly LoadedRubric[]): void {
    for (const { key, rubric, origin, bases: extended } of rubrics) {
      if (origin !== undefined) origins.set(rubric, origin);
      bases.set(rubric, extended);
      this.cache.set(key, Promise.resolve(rubric));
    }
  }

  private isBuiltin(name: string): boolean {
    let builtin = this.builtin.get(name);
    if (builtin === undefined) {
      builtin = !looksLikePath(name) && builtinRubricPath(name) !== undefined;
      this.builtin.set(name, builtin);
    }
    return builtin;
  }
}

/** A rubric as a cache keeps it, where it comes from (see rubricOrigin) and what it extends. */
export interface LoadedRubric {
  key: string;
  rubric: Rubric;
  origin?: string;
  bases: readonly RubricRef[];
}

/** Where each rubric a cache loaded comes from, as messages name it. */
const origins = new WeakMap<Rubric, string>();
/** The rubrics each rubric a cache loaded extends, nearest first. */
const bases = new WeakMap<Rubric, readonly RubricRef[]>();

/** "the built-in rubric", or "from rubrics/mine.yaml": where a rubric of a RubricCache came from. */
export function rubricOrigin(rubric: Rubric): string | undefined {
  return origins.get(rubric);
}

/**
 * The rubric for an answers file at `path`: `--rubric` (relative to the working directory), else
 * the file's `rubric:` field (relative to the file), else the default. A `rubric:` field that names
 * nothing is the file's problem, reported at that field.
 */
export async function rubricForAnswers(
  rubrics: RubricCache,
  path: string,
  flag: string | undefined,
  source: AnswersSource | undefined,
): Promise<Rubric> {
  if (flag !== undefined) return rubrics.get(flag);
  const named = source?.answers?.rubric;
  if (named === undefined) return rubrics.get(undefined);
  try {
    return await rubrics.get(named, dirname(path), { fromAnswersFile: true });
  } catch (error) {
    if (!(error instanceof UserError) || error.problems.length > 0) throw error;
    // In the file, the problem is the file's: no "maturity:" prefix.
    const message = error.message.replace(/^maturity: /, '');
    throw new UserError(message, {
      problems: await source!.position([{ path: ['rubric'], message }]),
    });
  }
}

/**
 * Warnings about an answers file (at `where.answers`) written for another rubric than `--rubric`'s,
 * or for another version of the rubric it names. A file that names a rubric `--rubric`'s overlay
 * extends (directly or further down its chain) is scored with the overlay as asked: no warning, and
 * its `rubricVersion` is checked against that rubric's. Nor is a file whose `rubric:` is a path
 * warned of (it may be the overlay or a base of it: telling would take loading it); its version is
 * checked only when the path is `--rubric`'s file. Nothing else compares one rubric's version with
 * another's.
 */
export function rubricWarnings(
  file: string,
  answers: AnswersFile,
  rubric: Rubric,
  flag: string | undefined,
  where: { answers: string; cwd: string },
): string[] {
  const named = answers.rubric;
  const version = answers.rubricVersion;
  const byPath = named !== undefined && looksLikePath(named);
  // Whether the file names the rubric used: its own (no --rubric), or --rubric's by id or path.
  const same =
    flag === undefined ||
    named === undefined ||
    (byPath
      ? resolve(dirname(where.answers), named) === resolve(where.cwd, flag)
      : named === rubric.id);
  if (same) {
    return version !== undefined && version !== rubric.version
      ? [
          `${file}: warning: answers were given for ${rubric.id} ${version}; scoring with version ${rubric.version}`,
        ]
      : [];
  }
  if (byPath) return [];
  const base = bases.get(rubric)?.find((ref) => ref.id === named);
  if (!base) {
    return [
      `${file}: warning: the file names rubric "${named}" but "${rubric.id}" is used (--rubric)`,
    ];
  }
  return version !== undefined && version !== base.version
    ? [
        `${file}: warning: answers were given for ${base.id} ${version}; ${rubric.id} builds on ${base.id} ${base.version}`,
      ]
    : [];
}
