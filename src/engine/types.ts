/** A recorded answer: a value on the question's scale, or "n/a" where the rubric allows it. */
export type AnswerValue = number | 'n/a';

/** One answer with its optional note (evidence). */
export interface Answer {
  value: AnswerValue;
  note?: string;
}

/** Answers by question id; a missing id is unanswered. */
export type AnswerMap = ReadonlyMap<string, Answer>;

/** Options of the engine. */
export interface ScoreOptions {
  /** How many recommended moves to return (default 5). */
  moves?: number;
}

export interface QuestionResult {
  id: string;
  /** The answer, or null when unanswered. */
  value: AnswerValue | null;
  /** In [0, 1]; null when n/a; 0 when unanswered. */
  score: number | null;
  weight: number;
  note?: string;
}

export interface TenetResult {
  id: string;
  title: string;
  weight: number;
  /** Weighted mean of its question scores; null when every question is n/a. */
  score: number | null;
  /** Scored (not n/a) and below its stage's threshold (within 1e-9): a gap when in stages 1..next. */
  belowThreshold: boolean;
  questions: QuestionResult[];
}

export interface StageResult {
  /** 1-based position in the rubric. */
  number: number;
  id: string;
  name: string;
  /** Weighted mean of its tenet scores; null when every tenet is n/a. */
  score: number | null;
  threshold: number;
  /** score >= threshold (within 1e-9), or the stage is n/a. */
  attained: boolean;
  tenets: TenetResult[];
}

/** Question, tenet and stage scores with attainment: what `analyse` and team views work from. */
export interface ScoreSheet {
  stages: StageResult[];
}

/** A tenet below its stage's threshold, in stages 1..next. */
export interface Gap {
  stage: string;
  tenet: string;
  score: number;
  threshold: number;
  weight: number;
  /** weight × (threshold − score). */
  impact: number;
}

export interface Move {
  stage: string;
  tenet: string;
  text: string;
}

/** A tenet's pitfall, warned of because its stage is attained over a foundation gap. */
export interface Pitfall {
  stage: string;
  tenet: string;
  text: string;
}

export interface BenchmarkResult {
  question?: string;
  tenet?: string;
  statement: string;
  share: number;
  atLeast: number;
  source?: string;
  /** The answer (or the tenet's score on the rubric scale); null when unanswered or n/a. */
  value: number | null;
  /** value >= atLeast; null when there is no value. */
  meets: boolean | null;
}

/** Everything the engine concludes from one set of answers (SPEC §3). */
export interface Assessment {
  rubric: { id: string; version: string; title: string };
  currentStage: { number: number; id: string | null; name: string | null };
  /** Current stage + score of the next stage. */
  maturityIndex: number;
  /** Answered questions (n/a included) / all questions. */
  completeness: number;
  /** How many questions the rubric has. */
  questionCount: number;
  stages: StageResult[];
  gaps: Gap[];
  /** The shortest list of next-stage tenets that, raised to full marks, attain it; null at the top. */
  path: { stage: string; tenets: string[] } | null;
  /** Recommended moves, first N (--moves). */
  moves: Move[];
  /** Stages above the current one that are attained anyway. */
  ahead: string[];
  /** Unattained stages below an attained one. */
  foundationGaps: string[];
  /** Pitfalls of tenets whose stage is attained above a foundation gap, in rubric order. */
  pitfalls: Pitfall[];
  /** Question ids without an answer, in rubric order. */
  unanswered: string[];
  benchmarks: BenchmarkResult[];
}
