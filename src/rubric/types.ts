/** One level of an answer scale. */
export interface ScaleLevel {
  value: number;
  label: string;
  description?: string;
}

/** A question with its defaults applied (weight 1, the rubric's scale). */
export interface Question {
  id: string;
  text: string;
  help?: string;
  weight: number;
  notApplicable: boolean;
  /** Levels as written, least mature first. */
  scale: ScaleLevel[];
}

/** A tenet of a stage: weighted, asked through questions, with recommended moves. */
export interface Tenet {
  id: string;
  title: string;
  description?: string;
  weight: number;
  questions: Question[];
  moves: string[];
  /** Warned of when the tenet's stage is attained over a foundation gap. */
  pitfall?: string;
}

/** A stage of the model, with its threshold resolved. */
export interface Stage {
  id: string;
  name: string;
  tagline?: string;
  summary?: string;
  threshold: number;
  tenets: Tenet[];
}

/** A published figure to compare an answer (or a tenet) against. */
export interface Benchmark {
  question?: string;
  tenet?: string;
  atLeast: number;
  share: number;
  /** About how many organizations the survey asked. */
  surveyed?: number;
  statement: string;
  source?: string;
}

/** A validated rubric with every default applied; what the engine and reporters consume. */
export interface Rubric {
  id: string;
  version: string;
  title: string;
  description?: string;
  source?: string;
  threshold: number;
  scale: ScaleLevel[];
  stages: Stage[];
  benchmarks: Benchmark[];
}

/** A rubric as reports name it: for the rubrics an overlay extends. */
export interface RubricRef {
  id: string;
  version: string;
  title: string;
}

/** Threshold used when neither the rubric nor the stage sets one. */
export const DEFAULT_THRESHOLD = 0.7;
