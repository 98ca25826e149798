import { assessAnswers as assess } from '../../src/engine/analyse.js';
import type { Answer, AnswerValue } from '../../src/engine/types.js';
import type { Result } from '../../src/report/types.js';
import { loadBuiltinRubric } from '../../src/rubric/builtin.js';
import { loadRubricFile } from '../../src/rubric/load.js';
import type { Rubric } from '../../src/rubric/types.js';
import { fixture } from '../helpers/run-cli.js';

/** The small rubric of tests/fixtures/report/small.yaml, loaded and validated like any rubric. */
export const SMALL: Rubric = loadRubricFile(fixture('report', 'small.yaml'));

/** The built-in rubric. */
export const BUILTIN: Rubric = await loadBuiltinRubric('social-business');

/** Metadata of a scored file; `source` defaults to `answers.yaml`. */
export interface Meta {
  source?: string;
  organization?: string;
  unit?: string;
}

/** Scores plain answers with the real engine into a reporter's input. */
export function scored(
  rubric: Rubric,
  values: Record<string, AnswerValue>,
  meta: Meta = {},
): Result {
  const answers = new Map<string, Answer>(
    Object.entries(values).map(([id, value]) => [id, { value }]),
  );
  return {
    source: meta.source ?? 'answers.yaml',
    ...(meta.organization !== undefined && { organization: meta.organization }),
    ...(meta.unit !== undefined && { unit: meta.unit }),
    rubric,
    assessment: assess(rubric, answers),
  };
}

/**
 * Stage 1 at 25%, stages 2 and 3 (the centre of excellence) at full marks, stage 4 n/a: stage 0,
 * index 0.25, ahead [pilot, hub], foundation gap [listen], the CoE trap.
 */
export const SMALL_TRAP = {
  'listening-tool': 1,
  'readiness-audit': 1,
  'pilot-projects': 4,
  'coe-mandate': 4,
  'governance-framework': 4,
  'optional-a': 'n/a',
} as const;

/** Like the trap, but the hub is not attained: a foundation gap without the CoE trap. */
export const SMALL_GAP_NO_TRAP = { ...SMALL_TRAP, 'coe-mandate': 1, 'governance-framework': 1 };

/** Stages 1 and 2 attained, stage 3 at 25% with one question unanswered: index 2.25. */
export const SMALL_CLIMBING = {
  'listening-tool': 4,
  'readiness-audit': 4,
  'pilot-projects': 3,
  'coe-mandate': 2,
} as const;

/** Full marks everywhere, stage 4 n/a: the top stage. */
export const SMALL_TOP = {
  'listening-tool': 4,
  'readiness-audit': 4,
  'pilot-projects': 4,
  'coe-mandate': 4,
  'governance-framework': 4,
  'optional-a': 'n/a',
} as const;

/** Answers to every question of a rubric, the value chosen per stage id (undefined: unanswered). */
export function answersByStage(
  rubric: Rubric,
  value: (stageId: string, questionId: string) => AnswerValue | undefined,
): Record<string, AnswerValue> {
  const answers: Record<string, AnswerValue> = {};
  for (const stage of rubric.stages) {
    for (const tenet of stage.tenets) {
      for (const question of tenet.questions) {
        const v = value(stage.id, question.id);
        if (v !== undefined) answers[question.id] = v;
      }
    }
  }
  return answers;
}

/** Built-in rubric: every question at 3 (stage 6 of 6). */
export const builtinAll3 = () => answersByStage(BUILTIN, () => 3);

/** Built-in rubric: Planning at 1, Presence to Formalized at 4, the rest at 2 (the CoE trap). */
export const builtinTrap = () =>
  answersByStage(BUILTIN, (stage) =>
    stage === 'planning' ? 1 : ['presence', 'engagement', 'formalized'].includes(stage) ? 4 : 2,
  );

/** Built-in rubric: stages 1–3 answered, the rest not (more than ten unanswered). */
export const builtinPartial = () =>
  answersByStage(BUILTIN, (stage) =>
    stage === 'planning' ? 4 : stage === 'presence' ? 3 : stage === 'engagement' ? 2 : undefined,
  );

/** Matches an ANSI escape sequence. */
// eslint-disable-next-line no-control-regex -- looking for escape sequences is the point
export const ANSI = /\x1b\[/;
