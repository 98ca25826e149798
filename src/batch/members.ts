import { RubricAnswers, type KeptAnswersFile } from '../answers/keep.js';
import type { AnswerValue, MemberScores } from '../engine/types.js';
import { UserError } from '../problems/user-error.js';
import { tenetIds } from '../rubric/query.js';
import type { Rubric } from '../rubric/types.js';
import { rubricOrigin } from './rubric-cache.js';

/** A team member as scoring a file gives it: its answers as its team keeps them, and its scores. */
export interface KeptMember {
  answers: KeptAnswersFile;
  scores: MemberScores;
}

/**
 * A member as it crosses from a worker thread to the main thread: plain data, its answers as
 * they are packed in rubric order (see RubricAnswers) and its tenet scores in rubric order, which
 * copy in a fraction of the time of a map of answer objects and twenty tenet objects.
 */
export interface PackedMember {
  /** The answers file's fields other than its answers (its rubric, metadata and target). */
  file: Omit<KeptAnswersFile, 'answers'>;
  values: readonly (AnswerValue | null)[];
  notes: readonly (number | string)[];
  scores: Omit<MemberScores, 'tenets'>;
  /** Each tenet's score in rubric order (null when n/a). */
  tenets: (number | null)[];
  /** The shape of the rubric it was packed on (see rubricShape). */
  shape: number;
}

/** Packs a member, kept on `rubric`, for the main thread. */
export function packMember({ answers, scores }: KeptMember, rubric: Rubric): PackedMember {
  const { answers: kept, ...file } = answers;
  const { tenets, ...brief } = scores;
  return {
    file,
    values: kept.packed,
    notes: kept.notes,
    scores: brief,
    tenets: tenets.map((tenet) => tenet.score),
    shape: rubricShape(rubric),
  };
}

/**
 * The member a worker packed from `file`, on the main thread's copy of its rubric (the same
 * rubric, loaded there): what keeping it there would give. The copies have the same content
 * unless the rubric was first named by a file the workers scored and its file changed while the
 * batch ran (the rubrics the main thread had loaded before they started are theirs): when their
 * shapes differ, the member's answers cannot be read here, and the run stops with a UserError.
 */
export function unpackMember(packed: PackedMember, rubric: Rubric, file: string): KeptMember {
  const ids = tenetIds(rubric);
  if (packed.shape !== rubricShape(rubric)) {
    throw new UserError(
      `maturity: rubric ${rubric.id} (${rubricOrigin(rubric) ?? 'its file'}) changed while the batch was scored: the scoring threads read two versions of it (one of them for ${file}); score the batch again`,
    );
  }
  const tenets = new Array<MemberScores['tenets'][number]>(ids.length);
  for (let i = 0; i < ids.length; i += 1) {
    tenets[i] = { id: ids[i]!, score: packed.tenets[i] ?? null };
  }
  return {
    answers: { ...packed.file, answers: new RubricAnswers(rubric, packed.values, packed.notes) },
    scores: { ...packed.scores, tenets },
  };
}

const shapes = new WeakMap<Rubric, number>();

/**
 * A rubric's shape as a packed member depends on it, as a number: the ids of its stages, tenets
 * and questions, in order (FNV-1a over them). Worked out once per rubric and thread.
 */
function rubricShape(rubric: Rubric): number {
  let shape = shapes.get(rubric);
  if (shape === undefined) {
    let hash = 0x811c9dc5;
    const add = (kind: string, id: string) => {
      // A kind and a line feed around each id: no id holds one, so no two lists hash alike by
      // running their ids together.
      const text = `${kind}${id}\n`;
      for (let i = 0; i < text.length; i += 1) {
        hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193);
      }
    };
    for (const stage of rubric.stages) {
      add('s', stage.id);
      for (const tenet of stage.tenets) {
        add('t', tenet.id);
        for (const question of tenet.questions) add('q', question.id);
      }
    }
    shape = hash >>> 0;
    shapes.set(rubric, shape);
  }
  return shape;
}
