/** A recorded answer: a value on the question's scale, or "n/a" where the rubric allows it. */
export type AnswerValue = number | 'n/a';

/** One answer with its optional note (evidence). Never changed once made: answers are shared. */
export interface Answer {
  readonly value: AnswerValue;
  readonly note?: string;
}

/** Answers by question id; a missing id is unanswered. */
export type AnswerMap = ReadonlyMap<string, Answer>;

/** Options of the engine. */
export interface ScoreOptions {
  /** How many recommended moves to return (default 5). */
  moves?: number;
  /** The target stage's number (0 to the number of stages), for progress and the roadmap. */
  target?: number;
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

/** One question the path raises: from its answer (null when unanswered) to the level it needs. */
export interface PathStep {
  question: string;
  tenet: string;
  from: number | null;
  to: number;
}

/** The fewest one-level answer raises that attain the next stage (SPEC §3). */
export interface StagePath {
  stage: string;
  /** In the order each question was first raised. */
  steps: PathStep[];
  /** The distinct tenets of the steps, in the same order. */
  tenets: string[];
}

/** One phase of the roadmap to a target: an unattained stage, what to raise in it and how. */
export interface RoadmapPhase {
  stage: string;
  score: number;
  threshold: number;
  /** Tenets below the threshold, largest impact first, each to be raised to the threshold. */
  tenets: { tenet: string; score: number; raiseTo: number }[];
  /** Every move of those tenets, in that order. */
  moves: Move[];
}

/** Where the answers stand against a target stage (SPEC §10). */
export interface TargetResult {
  stage: { number: number; id: string | null; name: string | null };
  reached: boolean;
  /** In [0, 1]; 1 exactly when reached. */
  progress: number;
  phases: RoadmapPhase[];
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

/** What a team keeps of a member's own assessment: far less than the assessment itself. */
export type MemberScores = Omit<MemberBrief, 'source' | 'respondent' | 'role'>;

/** A respondent of a team in brief: their own §3 result (SPEC §8). */
export interface MemberBrief {
  source: string;
  respondent: string | null;
  role: string | null;
  currentStage: { number: number; id: string | null; name: string | null };
  maturityIndex: number;
  completeness: number;
  /** The member's own score of every tenet, in rubric order; null when n/a. */
  tenets: { id: string; score: number | null }[];
}

/** A question the respondents answered at least two levels apart (spread ≥ 0.5). */
export interface Disagreement {
  question: string;
  tenet: string;
  stage: string;
  min: number;
  max: number;
  /** (max − min) / (highest − lowest) of the question's scale. */
  spread: number;
  /** Every member's answer, in member order: a value, "n/a", or null when unanswered. */
  answers: { source: string; value: AnswerValue | null; note?: string }[];
}

/** The members of one role, combined the same way. */
export interface RoleView {
  role: string;
  /** How many members have this role. */
  members: number;
  currentStage: { number: number; id: string | null };
  maturityIndex: number;
}

/** Where a team stands beside its standing: its members and how far they agree (SPEC §8). */
export interface TeamStanding {
  combine: 'median' | 'mean' | 'min';
  members: MemberBrief[];
  /** 1 − the mean of the questions' spreads; null when no question has two numeric answers. */
  agreement: number | null;
  /** The same per stage, in stage order. */
  stageAgreement: (number | null)[];
}

/** What a team adds to its §3 result (SPEC §8). */
export interface TeamResult extends TeamStanding {
  /** Largest spread first, then rubric order. */
  disagreements: Disagreement[];
  /** In role order (code points). */
  roles: RoleView[];
}

/** A tenet whose score moved between two assessments. */
export interface TenetChange {
  tenet: string;
  stage: string;
  from: number;
  to: number;
  /** to − from. */
  delta: number;
}

/** What changed from a baseline assessment to the latest (SPEC §9). */
export interface Change {
  /** The two dates compared. */
  from: string;
  to: string;
  currentStage: { from: number; to: number };
  maturityIndex: { from: number; to: number; delta: number };
  /** Stages present in both, in the latest rubric's order; scores null when n/a. */
  stages: {
    id: string;
    from: number | null;
    to: number | null;
    attainedFrom: boolean;
    attainedTo: boolean;
  }[];
  /** Largest rise first, then rubric order. */
  improved: TenetChange[];
  /** Largest fall (most negative) first, then rubric order. */
  regressed: TenetChange[];
  /** Tenet ids, rubric order: gaps of the baseline that are not gaps now. */
  gapsClosed: string[];
  /** Tenet ids, rubric order: gaps now that were not gaps in the baseline. */
  newGaps: string[];
  /** Questions whose (combined) answer changed, in rubric order; null when unanswered. */
  answers: { question: string; from: AnswerValue | null; to: AnswerValue | null }[];
}

/**
 * Where one set of answers stands (SPEC §3): every score, the current stage, the maturity index,
 * completeness and the target, without the analysis an Assessment adds (gaps, path, moves…).
 * What a reporter that reads nothing else (CSV) is given: scoring a batch then skips the rest.
 */
export interface Standing {
  rubric: { id: string; version: string; title: string };
  currentStage: { number: number; id: string | null; name: string | null };
  /** Current stage + score of the next stage. */
  maturityIndex: number;
  /** Answered questions (n/a included) / all questions. */
  completeness: number;
  /** How many questions the rubric has. */
  questionCount: number;
  stages: StageResult[];
  /** Progress and roadmap to the target stage; null without a target. */
  target: TargetResult | null;
}

/** Everything the engine concludes from one set of answers (SPEC §3). */
export interface Assessment extends Standing {
  gaps: Gap[];
  /** The fewest one-level answer raises that attain the next stage; null at the top. */
  path: StagePath | null;
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
