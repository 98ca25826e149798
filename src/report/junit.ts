import { escapeControls } from '../problems/describe.js';
import { reaches } from '../engine/score.js';
import type { StageResult } from '../engine/types.js';
import { xml, xmlText } from './escape.js';
import { formatProblem } from '../problems/user-error.js';
import { countProblems, gateWords } from './outline.js';
import type { Failure, Result, StreamingReporter } from './types.js';
import {
  completenessShown,
  groupLabel,
  nonLinearNotes,
  pathSentence,
  stepWords,
  whereLabel,
  whoLabel,
} from './wording.js';
import { percentsBelow, percentShort } from '../format/numbers.js';

/**
 * JUnit XML for CI dashboards: a test suite per answers file (or team), a test case per stage,
 * failed when the stage is not attained. With a gate (--min-stage, --min-completeness) a test case
 * per gate comes first, and stages above the minimum that are not attained are skipped rather
 * than failed, so a dashboard is red exactly when a gate fails. An invalid file is a suite with an
 * <error>. Totals on <testsuites> are left out: they are unknown when it is opened.
 */
export const junitReporter: StreamingReporter = {
  begin: () => '<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="maturity">\n',
  item: (result) => renderSuite(result),
  separator: '',
  invalid: (failure) => renderInvalid(failure),
  summarises: false,
  end: () => '</testsuites>\n',
};

/** A test case: passed, failed, skipped, or passed with a note. */
interface TestCase {
  name: string;
  outcome: 'passed' | 'failure' | 'skipped';
  message?: string;
  type?: string;
  details?: string;
  note?: string;
}

/** One <testsuite> for a scored file or a team. */
export function renderSuite(result: Result): string {
  const a = result.assessment;
  const gate = result.gate;
  const minimum = gate?.minimum?.number ?? 0;
  const cases: TestCase[] = [];
  for (const words of gate ? gateCases(result) : []) cases.push(words);
  for (const stage of a.stages) {
    const name = `Stage ${stage.number} ${stage.name}`;
    if (stage.score === null) {
      cases.push({
        name,
        outcome: 'passed',
        note: `${stage.name} is n/a: every question of it was answered n/a, so it counts as attained.`,
      });
    } else if (stage.attained) {
      cases.push({ name, outcome: 'passed' });
    } else if (gate && stage.number > minimum) {
      cases.push({
        name,
        outcome: 'skipped',
        message: `not attained (${failureMessage(stage.score, stage.threshold)}), and not required by the gate`,
      });
    } else {
      cases.push({
        name,
        outcome: 'failure',
        type: 'not-attained',
        message: failureMessage(stage.score, stage.threshold),
        details: failureDetails(result, stage),
      });
    }
  }
  if (a.target) {
    // A target is an aspiration, not a gate: not reached is skipped, never failed.
    const { stage, reached, progress, phases } = a.target;
    const name = stage.number === 0 ? 'stage 0' : `${stage.name}`;
    cases.push(
      reached
        ? { name: `reaches target ${name}`, outcome: 'passed' }
        : {
            name: `reaches target ${name}`,
            outcome: 'skipped',
            message: `${percentShort(progress)} of the way to ${name}; ${phases.length} phase${phases.length === 1 ? '' : 's'} to go`,
          },
    );
  }

  const count = (outcome: TestCase['outcome']) => cases.filter((c) => c.outcome === outcome).length;
  const out: string[] = [];
  out.push(
    `  <testsuite name="${xml(suiteName(result))}" tests="${cases.length}" failures="${count('failure')}" errors="0" skipped="${count('skipped')}">`,
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
    ['target', a.target ? String(a.target.stage.number) : undefined],
    ['targetProgress', a.target ? String(a.target.progress) : undefined],
    ['gatePassed', gate ? String(gate.passed) : undefined],
  ];
  out.push(...propertyLines(properties));
  const classname = xml(`${a.rubric.id}.${suiteName(result)}`);
  for (const c of cases) out.push(...testCase(classname, c));
  out.push('  </testsuite>');
  return `${out.join('\n')}\n`;
}

/** The gate's test cases: "reaches at least Formalized", "answers at least 80% of the questions". */
function gateCases(result: Result): TestCase[] {
  const gate = result.gate!;
  const a = result.assessment;
  const [stageWords, completenessWords] = [
    gate.minimum ? gateWords({ ...gate, minimumCompleteness: null })[0] : undefined,
    gate.minimumCompleteness !== null ? gateWords({ ...gate, minimum: null })[0] : undefined,
  ];
  const cases: TestCase[] = [];
  if (gate.minimum && stageWords) {
    const below = a.currentStage.number < gate.minimum.number;
    const at =
      a.currentStage.number === 0
        ? 'stage 0'
        : `stage ${a.currentStage.number} (${a.currentStage.name})`;
    cases.push(
      below
        ? {
            name: stageWords,
            outcome: 'failure',
            type: 'below-minimum',
            message: `at ${at}, below the minimum`,
          }
        : { name: stageWords, outcome: 'passed' },
    );
  }
  if (gate.minimumCompleteness !== null && completenessWords) {
    // The gate's own rule (see gateOf in batch/report-files.ts).
    const below = !reaches(a.completeness, gate.minimumCompleteness);
    cases.push(
      below
        ? {
            name: completenessWords,
            outcome: 'failure',
            type: 'incomplete',
            message: `${completenessShown(a.completeness, gate)} of the questions answered`,
          }
        : { name: completenessWords, outcome: 'passed' },
    );
  }
  return cases;
}

function testCase(classname: string, c: TestCase): string[] {
  const open = `    <testcase classname="${classname}" name="${xml(c.name)}"`;
  switch (c.outcome) {
    case 'passed':
      return c.note === undefined
        ? [`${open}/>`]
        : [`${open}>`, `      <system-out>${xmlText(c.note)}</system-out>`, '    </testcase>'];
    case 'skipped':
      return [`${open}>`, `      <skipped message="${xml(c.message ?? '')}"/>`, '    </testcase>'];
    case 'failure':
      return [
        `${open}>`,
        `      <failure message="${xml(c.message ?? '')}" type="${c.type ?? 'failed'}">${xmlText(c.details ?? '')}</failure>`,
        '    </testcase>',
      ];
  }
}

/**
 * An invalid file: a suite of one test case in error, carrying every problem. A team that could
 * not be scored is one too, named and with the properties of its suite when scored, so that a
 * dashboard's history of the team goes on.
 */
function renderInvalid(failure: Failure): string {
  const count = countProblems(failure.problems);
  const problems = `${count} problem${count === 1 ? '' : 's'}`;
  const { group } = failure;
  const name = xml(group ? groupLabel(group.by, group.key) : escapeControls(failure.source));
  // (An empty value of the group is no property, as in a scored team's suite.)
  const properties = propertyLines(
    group
      ? group.by.map((field, i): [string, string | undefined] => [field, group.key[i] || undefined])
      : [],
  );
  return [
    `  <testsuite name="${name}" tests="1" failures="0" errors="1" skipped="0">`,
    ...properties,
    `    <testcase classname="maturity.${name}" name="${group ? 'team scored' : 'valid answers file'}">`,
    `      <error message="${xml(group ? `team not scored: ${problems}` : `not a valid answers file: ${problems}`)}" type="invalid">${xmlText(failure.problems.map(formatProblem).join('\n'))}</error>`,
    '    </testcase>',
    '  </testsuite>',
    '',
  ].join('\n');
}

/** A suite's <properties>, of the values given (none: no element). */
function propertyLines(properties: readonly [string, string | undefined][]): string[] {
  const lines = properties.flatMap(([name, value]) =>
    value === undefined ? [] : [`      <property name="${name}" value="${xml(value)}"/>`],
  );
  return lines.length === 0 ? [] : ['    <properties>', ...lines, '    </properties>'];
}

/** A file's suite is named for the file, a team's for who it is ("Contoso Outfitters"). */
function suiteName(result: Result): string {
  // A file name may hold control characters: shown escaped, as in the other reports.
  return result.source === null ? (whoLabel(result) ?? '') : escapeControls(result.source);
}

/** "score 45% below threshold 70%" (69.6% below 70.0% where whole percentages would be equal). */
function failureMessage(score: number, threshold: number): string {
  const [shownScore, shownThreshold] = percentsBelow(score, threshold);
  return `score ${shownScore} below threshold ${shownThreshold}`;
}

/** The tenets holding a stage back, its path and moves when it is next, and the non-linear notes. */
function failureDetails(result: Result, stage: StageResult): string {
  const { assessment: a, rubric } = result;
  const lines = [`Stage ${stage.number} ${stage.name} is not attained.`];
  const below = stage.tenets.filter((tenet) => tenet.belowThreshold);
  if (below.length > 0) {
    lines.push('Tenets below the threshold:');
    for (const tenet of below) {
      const [score, threshold] = percentsBelow(tenet.score!, stage.threshold);
      lines.push(`- ${tenet.title}: ${score} of ${threshold}`);
    }
  }
  if (a.path?.stage === stage.id) {
    lines.push(pathSentence(a, rubric));
    for (const step of a.path.steps) {
      const { question, change } = stepWords(rubric, step);
      lines.push(`- ${question}: ${change}`);
    }
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
