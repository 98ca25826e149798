import fc from 'fast-check';
import { assessAnswers as assess } from '../../src/engine/analyse.js';
import type { Answer, AnswerMap, Assessment, ScoreOptions } from '../../src/engine/types.js';
import type {
  Benchmark,
  Question,
  Rubric,
  ScaleLevel,
  Stage,
  Tenet,
} from '../../src/rubric/types.js';

/** The answer scale used when a test does not name one: 0..4, like the built-in rubric. */
export const DEFAULT_SCALE = [0, 1, 2, 3, 4] as const;

export interface QuestionSpec {
  id: string;
  weight?: number;
  notApplicable?: boolean;
  /** Per-question scale override, as the values of its levels. */
  scale?: readonly number[];
}

export interface TenetSpec {
  id: string;
  weight?: number;
  /** Defaults to one question with the tenet's own id. */
  questions?: readonly (string | QuestionSpec)[];
  /** Defaults to one move, `do <tenet id>`. */
  moves?: readonly string[];
  pitfall?: string;
}

export interface StageSpec {
  id: string;
  /** Per-stage override; defaults to the rubric's threshold. */
  threshold?: number;
  tenets: readonly (string | TenetSpec)[];
}

export interface RubricSpec {
  id?: string;
  version?: string;
  threshold?: number;
  scale?: readonly number[];
  stages: readonly StageSpec[];
  benchmarks?: readonly Benchmark[];
}

/** Scale levels for the given values, labelled after their value. */
export function scaleOf(values: readonly number[]): ScaleLevel[] {
  return values.map((value) => ({ value, label: `level ${value}` }));
}

/**
 * A rubric with every default applied, the way the loader hands it to the engine: threshold 0.7,
 * scale 0..4, weights 1, notApplicable false; a tenet given as a string has one question of the same
 * id, so `answers({ a: 3 })` sets tenet `a`.
 */
export function rubric(spec: RubricSpec): Rubric {
  const threshold = spec.threshold ?? 0.7;
  const scale = scaleOf(spec.scale ?? DEFAULT_SCALE);
  const stages: Stage[] = spec.stages.map((stageSpec) => ({
    id: stageSpec.id,
    name: `Stage ${stageSpec.id}`,
    threshold: stageSpec.threshold ?? threshold,
    tenets: stageSpec.tenets.map((tenetSpec): Tenet => {
      const t: TenetSpec = typeof tenetSpec === 'string' ? { id: tenetSpec } : tenetSpec;
      return {
        id: t.id,
        title: `Tenet ${t.id}`,
        weight: t.weight ?? 1,
        questions: (t.questions ?? [t.id]).map((questionSpec): Question => {
          const q: QuestionSpec =
            typeof questionSpec === 'string' ? { id: questionSpec } : questionSpec;
          return {
            id: q.id,
            text: `${q.id}?`,
            weight: q.weight ?? 1,
            notApplicable: q.notApplicable ?? false,
            scale: q.scale ? scaleOf(q.scale) : scale,
          };
        }),
        moves: [...(t.moves ?? [`do ${t.id}`])],
        ...(t.pitfall !== undefined && { pitfall: t.pitfall }),
      };
    }),
  }));
  return {
    id: spec.id ?? 'test-rubric',
    version: spec.version ?? '1.0.0',
    title: 'Test rubric',
    threshold,
    scale,
    stages,
    benchmarks: [...(spec.benchmarks ?? [])],
  };
}

/** An answer map from a plain object: a value, 'n/a', or a full answer with a note. */
export function answers(
  entries: Record<string, number | 'n/a' | Answer> = {},
): Map<string, Answer> {
  return new Map(
    Object.entries(entries).map(([id, answer]) => [
      id,
      typeof answer === 'object' ? answer : { value: answer },
    ]),
  );
}

/** Runs the engine on a plain answers object. */
export function score(
  r: Rubric,
  entries: Record<string, number | 'n/a' | Answer> = {},
  options?: ScoreOptions,
): Assessment {
  return assess(r, answers(entries), options);
}

/** The result of one stage, by id. */
export function stageOf(assessment: Assessment, id: string) {
  const stage = assessment.stages.find((s) => s.id === id);
  if (!stage) throw new Error(`no stage ${id}`);
  return stage;
}

/** The result of one tenet, by id. */
export function tenetOf(assessment: Assessment, id: string) {
  const tenet = assessment.stages.flatMap((s) => s.tenets).find((t) => t.id === id);
  if (!tenet) throw new Error(`no tenet ${id}`);
  return tenet;
}

/** Every question of a rubric, in rubric order. */
export function questionsOf(r: Rubric): Question[] {
  return r.stages.flatMap((stage) => stage.tenets.flatMap((tenet) => tenet.questions));
}

/** The highest value of a question's scale. */
export function topValue(question: Question): number {
  return Math.max(...question.scale.map((level) => level.value));
}

/** Number of runs for property tests; FAST_CHECK_RUNS overrides. */
export const NUM_RUNS = Number(process.env.FAST_CHECK_RUNS) || 200;

/** A scale of 2–6 distinct values, ascending (least mature first), integers or halves. */
export const scaleArb: fc.Arbitrary<number[]> = fc
  .uniqueArray(fc.integer({ min: -20, max: 20 }), { minLength: 2, maxLength: 6 })
  .chain((values) =>
    fc.boolean().map((halves) => values.map((v) => (halves ? v / 2 : v)).sort((a, b) => a - b)),
  );

/** A positive weight: a small integer or an arbitrary double. */
export const weightArb: fc.Arbitrary<number> = fc.oneof(
  fc.integer({ min: 1, max: 5 }),
  fc.double({ min: 0.01, max: 10, noNaN: true, noDefaultInfinity: true }),
);

/** A threshold in (0, 1], with the usual round figures over-represented. */
export const thresholdArb: fc.Arbitrary<number> = fc.oneof(
  fc.constantFrom(0.5, 0.7, 0.75, 0.8, 1),
  fc.double({ min: 0.001, max: 1, noNaN: true, noDefaultInfinity: true }),
);

/** A random small rubric: 1–5 stages, 1–4 tenets each, 1–3 questions each, unique ids. */
export const rubricArb: fc.Arbitrary<Rubric> = fc
  .record({
    threshold: thresholdArb,
    scale: scaleArb,
    stages: fc.array(
      fc.record({
        threshold: fc.option(thresholdArb, { nil: undefined }),
        tenets: fc.array(
          fc.record({
            weight: weightArb,
            moves: fc.integer({ min: 1, max: 3 }),
            questions: fc.array(
              fc.record({
                weight: weightArb,
                notApplicable: fc.boolean(),
                scale: fc.option(scaleArb, { nil: undefined }),
              }),
              { minLength: 1, maxLength: 3 },
            ),
          }),
          { minLength: 1, maxLength: 4 },
        ),
      }),
      { minLength: 1, maxLength: 5 },
    ),
  })
  .map((raw) =>
    rubric({
      threshold: raw.threshold,
      scale: raw.scale,
      stages: raw.stages.map((s, i) => ({
        id: `s${i + 1}`,
        threshold: s.threshold,
        tenets: s.tenets.map((t, j) => {
          const tenetId = `s${i + 1}t${j + 1}`;
          return {
            id: tenetId,
            weight: t.weight,
            moves: Array.from({ length: t.moves }, (_, k) => `${tenetId} move ${k + 1}`),
            questions: t.questions.map((q, k) => ({ id: `${tenetId}q${k + 1}`, ...q })),
          };
        }),
      })),
    }),
  );

/** Answers for a rubric: each question missing, a value of its scale, or n/a where allowed. */
export function answersArb(r: Rubric): fc.Arbitrary<Map<string, Answer>> {
  const perQuestion = questionsOf(r).map((q) => {
    const options: fc.WeightedArbitrary<Answer | undefined>[] = [
      { arbitrary: fc.constant(undefined), weight: 1 },
      {
        arbitrary: fc
          .constantFrom(...q.scale.map((level) => level.value))
          .map((value) => ({ value })),
        weight: 3,
      },
    ];
    // n/a weighs as much as a value, so whole tenets and stages go n/a often enough
    if (q.notApplicable)
      options.push({ arbitrary: fc.constant({ value: 'n/a' as const }), weight: 3 });
    return fc.oneof(...options).map((answer) => [q.id, answer] as const);
  });
  return fc
    .tuple(...perQuestion)
    .map(
      (entries) =>
        new Map(
          entries.flatMap(([id, answer]) => (answer ? [[id, answer] as [string, Answer]] : [])),
        ),
    );
}

/** A random rubric with random answers to it. */
export const caseArb: fc.Arbitrary<{ rubric: Rubric; answers: Map<string, Answer> }> =
  rubricArb.chain((r) => answersArb(r).map((a) => ({ rubric: r, answers: a })));

/** A copy of an answer map with some answers replaced. */
export function withAnswers(base: AnswerMap, changes: Iterable<[string, Answer]>) {
  const copy = new Map(base);
  for (const [id, answer] of changes) copy.set(id, answer);
  return copy;
}
