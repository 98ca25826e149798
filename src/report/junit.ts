import { escapeControls } from '../problems/describe.js';
import type { StageResult } from '../engine/types.js';
import { xml, xmlText } from './escape.js';
import type { ScoredFile, StreamingReporter } from './types.js';
import { nonLinearNotes, pathSentence, whereLabel } from './wording.js';
import { percent } from '../format/numbers.js';

/**
 * JUnit XML for CI dashboards: a test suite per answers file, a test case per stage, failed when the
 * stage is not attained. Totals on <testsuites> are left out: they are unknown when it is opened.
 */
export const junitReporter: StreamingReporter = {
  begin: () => '<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="maturity">\n',
  item: (result) => renderSuite(result),
  end: () => '</testsuites>\n',
};

/** One <testsuite> for a scored file. */
export function renderSuite(result: ScoredFile): string {
  const a = result.assessment;
  const failures = a.stages.filter((stage) => !stage.attained).length;
  const out: string[] = [];
  out.push(
    `  <testsuite name="${xml(escapeControls(result.source))}" tests="${a.stages.length}" failures="${failures}" errors="0" skipped="0">`,
  );
  const properties: [string, string | undefined][] = [
    ['organization', result.organization],
    ['unit', result.unit],
    ['rubric', a.rubric.id],
    ['rubricVersion', a.rubric.version],
    ['currentStage', String(a.currentStage.number)],
    ['currentStageId', a.currentStage.id ?? undefined],
    ['maturityIndex', String(a.maturityIndex)],
    ['completeness', String(a.completeness)],
  ];
  out.push('    <properties>');
  for (const [name, value] of properties) {
    if (value !== undefined) out.push(`      <property name="${name}" value="${xml(value)}"/>`);
  }
  out.push('    </properties>');

  const classname = xml(`${a.rubric.id}.${escapeControls(result.source)}`);
  for (const stage of a.stages) {
    const open = `    <testcase classname="${classname}" name="${xml(`Stage ${stage.number} ${stage.name}`)}"`;
    if (stage.score === null) {
      out.push(
        `${open}>`,
        `      <system-out>${xmlText(`${stage.name} is n/a: every question of it was answered n/a, so it counts as attained.`)}</system-out>`,
        '    </testcase>',
      );
    } else if (stage.attained) {
      out.push(`${open}/>`);
    } else {
      out.push(
        `${open}>`,
        `      <failure message="${xml(failureMessage(stage.score, stage.threshold))}" type="not-attained">${xmlText(failureDetails(result, stage))}</failure>`,
        '    </testcase>',
      );
    }
  }
  out.push('  </testsuite>');
  return `${out.join('\n')}\n`;
}

/**
 * "score 45% below threshold 70%": whole percentages, or as many decimals as it takes for the two
 * to differ (69.6% below 70.0%), since rounding both the same way keeps the score below.
 */
function failureMessage(score: number, threshold: number): string {
  let [shownScore, shownThreshold] = [percent(score), percent(threshold)];
  for (let digits = 1; digits <= 4 && shownScore === shownThreshold; digits += 1) {
    shownScore = `${(score * 100).toFixed(digits)}%`;
    shownThreshold = `${(threshold * 100).toFixed(digits)}%`;
  }
  return `score ${shownScore} below threshold ${shownThreshold}`;
}

/** The tenets holding a stage back, its path and moves when it is next, and the non-linear notes. */
function failureDetails(result: ScoredFile, stage: StageResult): string {
  const { assessment: a, rubric } = result;
  const lines = [`Stage ${stage.number} ${stage.name} is not attained.`];
  const below = stage.tenets.filter((tenet) => tenet.belowThreshold);
  if (below.length > 0) {
    lines.push('Tenets below the threshold:');
    for (const tenet of below) {
      lines.push(`- ${tenet.title}: ${percent(tenet.score!)} of ${percent(stage.threshold)}`);
    }
  }
  if (a.path?.stage === stage.id) {
    lines.push(pathSentence(rubric, a.path));
    const moves = a.moves.filter((move) => move.stage === stage.id);
    if (moves.length > 0) {
      lines.push('Recommended moves:');
      for (const move of moves) {
        lines.push(`- ${move.text} (${whereLabel(rubric, move.stage, move.tenet)})`);
      }
    }
  }
  if (a.foundationGaps.includes(stage.id)) lines.push(...nonLinearNotes(a, rubric));
  return lines.join('\n');
}
