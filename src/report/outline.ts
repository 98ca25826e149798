import { escapeControls } from '../problems/describe.js';
import type { BenchmarkResult } from '../engine/types.js';
import type { ScoredFile } from './types.js';
import {
  benchmarkMark,
  benchmarkSentence,
  completenessLine,
  headline,
  nonLinearNotes,
  pathSentence,
  stageName,
  tenetTitle,
  whereLabel,
} from './wording.js';

/** Where a stage stands, for its status word and colour. */
export type StageStatus = 'attained' | 'n/a' | 'next' | 'not-attained';

export interface StageRow {
  number: number;
  name: string;
  /** null when the stage is n/a. */
  score: number | null;
  threshold: number;
  status: StageStatus;
}

export interface GapRow {
  stage: string;
  tenet: string;
  /** "Stage › Tenet". */
  where: string;
  score: number;
  threshold: number;
  impact: number;
}

export interface MoveRow {
  text: string;
  where: string;
}

export interface BenchmarkRow {
  mark: ReturnType<typeof benchmarkMark>;
  sentence: string;
  statement: string;
}

/** One section of a report, in the words every reporter shares; each reporter only lays it out. */
export type Section =
  | { kind: 'stages'; stages: StageRow[] }
  | { kind: 'notes'; notes: string[] }
  | { kind: 'gaps'; gaps: GapRow[] }
  | { kind: 'path'; stage: string; sentence: string }
  | { kind: 'top' }
  | { kind: 'moves'; moves: MoveRow[] }
  | { kind: 'unanswered'; questions: string[] }
  | { kind: 'benchmarks'; benchmarks: BenchmarkRow[] };

/** What a report of one scored file shows, and in which order. */
export interface ReportOutline {
  /** Organization and unit ("Acme Corp · Marketing"), or null when the file names neither. */
  who: string | null;
  source: string;
  /** The rubric's title and version. */
  rubric: string;
  headline: string;
  completeness: string;
  /** The sections that have something to show, in report order. */
  sections: Section[];
}

/**
 * The outline of one file's report: the sections, in order, with their data and shared wording.
 * Text and Markdown (and HTML) render these and nothing else, so they cannot drift apart.
 */
export function outline(result: ScoredFile): ReportOutline {
  const { assessment: a, rubric } = result;
  const who = [result.organization, result.unit].filter(Boolean).join(' · ');
  const sections: Section[] = [];

  const current = a.currentStage.number;
  sections.push({
    kind: 'stages',
    stages: a.stages.map((stage) => ({
      number: stage.number,
      name: stage.name,
      score: stage.score,
      threshold: stage.threshold,
      status:
        stage.score === null
          ? 'n/a'
          : stage.attained
            ? 'attained'
            : stage.number === current + 1
              ? 'next'
              : 'not-attained',
    })),
  });

  const notes = nonLinearNotes(a, rubric);
  if (notes.length > 0) sections.push({ kind: 'notes', notes });

  if (a.gaps.length > 0) {
    sections.push({
      kind: 'gaps',
      gaps: a.gaps.map((gap) => ({
        stage: stageName(rubric, gap.stage),
        tenet: tenetTitle(rubric, gap.tenet),
        where: whereLabel(rubric, gap.stage, gap.tenet),
        score: gap.score,
        threshold: gap.threshold,
        impact: gap.impact,
      })),
    });
  }

  sections.push(
    a.path
      ? {
          kind: 'path',
          stage: stageName(rubric, a.path.stage),
          sentence: pathSentence(rubric, a.path),
        }
      : { kind: 'top' },
  );

  if (a.moves.length > 0) {
    sections.push({
      kind: 'moves',
      moves: a.moves.map((move) => ({
        text: move.text,
        where: whereLabel(rubric, move.stage, move.tenet),
      })),
    });
  }

  if (a.unanswered.length > 0) sections.push({ kind: 'unanswered', questions: a.unanswered });

  if (a.benchmarks.length > 0) {
    sections.push({ kind: 'benchmarks', benchmarks: a.benchmarks.map(benchmarkRow) });
  }

  return {
    who: who || null,
    // A file name is the one text here no validation has seen: it may hold control characters.
    source: escapeControls(result.source),
    rubric: `${rubric.title} ${rubric.version}`,
    headline: headline(a, rubric),
    completeness: completenessLine(a),
    sections,
  };
}

function benchmarkRow(benchmark: BenchmarkResult): BenchmarkRow {
  return {
    mark: benchmarkMark(benchmark),
    sentence: benchmarkSentence(benchmark),
    statement: benchmark.statement,
  };
}

/** For exhaustive switches over section kinds. */
export function unknownSection(section: never): never {
  throw new Error(`unknown report section ${JSON.stringify(section)}`);
}
