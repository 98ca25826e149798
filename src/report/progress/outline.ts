import { percent, signedTwoDecimals, twoDecimals } from '../../format/numbers.js';
import { sparkline } from '../../format/sparkline.js';
import { findQuestion, findTenet } from '../../rubric/query.js';
import type { ProgressGroup } from '../types.js';
import { groupLabel, levelText, stageLabel, stageName, targetLine } from '../wording.js';

/** One tenet that moved: "Build communities (Engagement) 38% → 75%". */
export interface MovedTenet {
  title: string;
  stage: string;
  from: number;
  to: number;
}

/** What a progress report shows of one organization and unit, in the words every format shares. */
export interface ProgressOutline {
  /** "Fabrikam Health · Digital", "(no organization) · (no unit)" for files that name neither. */
  who: string;
  /** "3 assessments, 4 files". */
  count: string;
  rubric: string;
  timeline: { date: string; members: number; stage: string; index: number; completeness: number }[];
  /** The maturity index over time, ▁ to █ (0 to the number of stages). */
  sparkline: string;
  /** The latest target line, or null without a target. */
  target: string | null;
  /** Null with a single assessment. */
  change: {
    /** "Stage 2 → 3, index 2.50 → 3.49 (+0.99) since 2026-01-15". */
    headline: string;
    attained: string[];
    lost: string[];
    improved: MovedTenet[];
    regressed: MovedTenet[];
    gapsClosed: string[];
    newGaps: string[];
    answers: { question: string; change: string }[];
  } | null;
}

/** The outline of one group's progress report. */
export function progressOutline(group: ProgressGroup): ProgressOutline {
  const { rubric, timeline, change } = group;
  const latest = timeline[timeline.length - 1]!.result;
  const files = timeline.reduce((sum, point) => sum + point.members, 0);
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
  const tenet = (id: string) => findTenet(rubric, id)?.title ?? id;
  const moved = (list: NonNullable<ProgressGroup['change']>['improved']): MovedTenet[] =>
    list.map((t) => ({
      title: tenet(t.tenet),
      stage: stageName(rubric, t.stage),
      from: t.from,
      to: t.to,
    }));
  return {
    who: groupLabel(['organization', 'unit'], [group.organization, group.unit]),
    count: `${plural(timeline.length, 'assessment')}, ${plural(files, 'file')}`,
    rubric: `${rubric.title} ${rubric.version}`,
    timeline: timeline.map((point) => ({
      date: point.date,
      members: point.members,
      stage: stageLabel(rubric, point.result.assessment.currentStage.number),
      index: point.result.assessment.maturityIndex,
      completeness: point.result.assessment.completeness,
    })),
    sparkline: sparkline(
      timeline.map((point) => point.result.assessment.maturityIndex),
      rubric.stages.length,
    ),
    target: latest.assessment.target ? targetLine(latest.assessment, rubric) : null,
    change: change && {
      headline:
        `Stage ${change.currentStage.from} → ${change.currentStage.to}, ` +
        `index ${twoDecimals(change.maturityIndex.from)} → ${twoDecimals(change.maturityIndex.to)} ` +
        `(${signedTwoDecimals(change.maturityIndex.delta)}) since ${change.from}`,
      attained: change.stages
        .filter((s) => s.attainedTo && !s.attainedFrom)
        .map((s) => stageName(rubric, s.id)),
      lost: change.stages
        .filter((s) => s.attainedFrom && !s.attainedTo)
        .map((s) => stageName(rubric, s.id)),
      improved: moved(change.improved),
      regressed: moved(change.regressed),
      gapsClosed: change.gapsClosed.map(tenet),
      newGaps: change.newGaps.map(tenet),
      answers: change.answers.map((answer) => {
        const question = findQuestion(rubric, answer.question)?.question;
        return {
          question: question?.text ?? answer.question,
          change: `${levelText(question, answer.from)} → ${levelText(question, answer.to)}`,
        };
      }),
    },
  };
}

/** "Build communities (Engagement) 38% → 75%". */
export function movedText(tenet: MovedTenet): string {
  return `${tenet.title} (${tenet.stage}) ${percent(tenet.from)} → ${percent(tenet.to)}`;
}
