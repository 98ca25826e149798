import { dirname, resolve } from 'node:path';
import type { AnswersSource } from '../answers/load.js';
import type { AnswersFile } from '../answers/types.js';
import { UserError } from '../problems/user-error.js';
import { builtinRubricPath, DEFAULT_RUBRIC } from '../rubric/builtin.js';
import { looksLikePath, resolveRubric, type ResolveOptions } from '../rubric/resolve.js';
import type { Rubric } from '../rubric/types.js';

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
      return [{ ...entry.value, ...(origin !== undefined && { origin }) }];
    });
  }

  /** Takes in rubrics another thread's cache loaded (see `loaded`). */
  adopt(rubrics: readonly LoadedRubric[]): void {
    for (const { key, rubric, origin } of rubrics) {
      if (origin !== undefined) origins.set(rubric, origin);
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

/** A rubric as a cache keeps it, where it comes from (see rubricOrigin). */
export interface LoadedRubric {
  key: string;
  rubric: Rubric;
  origin?: string;
}

/** Where each rubric a cache loaded comes from, as messages name it. */
const origins = new WeakMap<Rubric, string>();

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

/** Warnings about an answers file written for another rubric or another version of it. */
export function rubricWarnings(
  file: string,
  answers: AnswersFile,
  rubric: Rubric,
  flag: string | undefined,
): string[] {
  const warnings: string[] = [];
  if (
    flag !== undefined &&
    answers.rubric !== undefined &&
    !looksLikePath(answers.rubric) &&
    answers.rubric !== rubric.id
  ) {
    warnings.push(
      `${file}: warning: the file names rubric "${answers.rubric}" but "${rubric.id}" is used (--rubric)`,
    );
  }
  if (answers.rubricVersion !== undefined && answers.rubricVersion !== rubric.version) {
    warnings.push(
      `${file}: warning: answers were given for ${rubric.id} ${answers.rubricVersion}; scoring with version ${rubric.version}`,
    );
  }
  return warnings;
}
