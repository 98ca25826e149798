import { RubricAnswers, type KeptAnswersFile } from '../answers/keep.js';
import type { AnswerValue, MemberScores } from '../engine/types.js';
import { escapeControls } from '../problems/describe.js';
import { UserError } from '../problems/user-error.js';
import { questionEntries, tenetIds } from '../rubric/query.js';
import type { Rubric } from '../rubric/types.js';

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
}

/** Packs a member for the main thread. */
export function packMember({ answers, scores }: KeptMember): PackedMember {
  const { answers: kept, ...file } = answers;
  const { tenets, ...brief } = scores;
  return {
    file,
    values: kept.packed,
    notes: kept.notes,
    scores: brief,
    tenets: tenets.map((tenet) => tenet.score),
  };
}

/**
 * The member a worker packed from `file`, on the main thread's copy of its rubric (the same
 * rubric, loaded there): what keeping it there would give. The two copies are one unless the
 * rubric was first named by a file the workers scored and its file changed while the batch ran
 * (the rubrics the main thread had loaded before they started are theirs): when they differ in
 * shape, the run stops with a UserError, since its members' answers cannot be read.
 */
export function unpackMember(packed: PackedMember, rubric: Rubric, file: string): KeptMember {
  const ids = tenetIds(rubric);
  if (
    packed.tenets.length !== ids.length ||
    packed.values.length !== questionEntries(rubric).length
  ) {
    throw new UserError(
      `maturity: ${escapeControls(file)}: its rubric ${rubric.id} changed while the batch was scored (the scoring threads read two versions of it); score the batch again`,
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
