import type { QuestionResult } from '../engine/types.js';
import { ownText } from '../format/own-text.js';
import type { Result, StreamingReporter, SummaryRow } from './types.js';

/** Version of the JSON report's shape; bumped on any breaking change. */
export const JSON_SCHEMA_VERSION = 1;

/** The JSON form of one scored file (SPEC §5): engine numbers unrounded, ids for references. */
export function jsonResult(result: Result): Record<string, unknown> {
  return jsonFields(result, jsonStages(result));
}

/** The JSON form of a result's stages, tenets and questions (the bulk of a result). */
function jsonStages(result: Result): Record<string, unknown>[] {
  const { assessment, team } = result;
  return assessment.stages.map((stage, i) => ({
    number: stage.number,
    id: stage.id,
    name: stage.name,
    score: stage.score,
    threshold: stage.threshold,
    attained: stage.attained,
    ...(team && { agreement: team.stageAgreement[i] ?? null }),
    tenets: stage.tenets.map((tenet) => ({
      id: tenet.id,
      score: tenet.score,
      weight: tenet.weight,
      questions: tenet.questions.map((question) => ({
        id: question.id,
        value: question.value,
        score: question.score,
        weight: question.weight,
        note: question.note ?? null,
      })),
    })),
  }));
}

/** A result's JSON fields, with `stages` as given. */
function jsonFields(result: Result, stages: unknown): Record<string, unknown> {
  const { assessment, team } = result;
  return {
    source: result.source,
    organization: result.organization ?? null,
    unit: result.unit ?? null,
    respondent: result.respondent ?? null,
    role: result.role ?? null,
    assessedAt: result.assessedAt ?? null,
    rubric: { id: assessment.rubric.id, version: assessment.rubric.version },
    stageCount: assessment.stages.length,
    currentStage: assessment.currentStage,
    maturityIndex: assessment.maturityIndex,
    completeness: assessment.completeness,
    stages,
    gaps: assessment.gaps,
    path: assessment.path,
    moves: assessment.moves,
    ahead: assessment.ahead,
    foundationGaps: assessment.foundationGaps,
    pitfalls: assessment.pitfalls,
    unanswered: assessment.unanswered,
    benchmarks: assessment.benchmarks,
    target: assessment.target,
    ...(result.gate && { gate: result.gate }),
    ...(team && {
      group: result.group,
      combine: team.combine,
      members: team.members,
      agreement: team.agreement,
      disagreements: team.disagreements.map(({ answers, ...rest }) => ({
        ...rest,
        answers: answers.map(({ source, value }) => ({ source, value })),
      })),
      roles: team.roles,
    }),
  };
}

/**
 * The JSON form of the files that could not be scored: `[{source, problems [{line, column, path,
 * message}]}]`; a team that could not be scored has `source: null` and `group {by, key}`, as a
 * team's result does.
 */
export function jsonErrors(rows: readonly SummaryRow[]): Record<string, unknown>[] {
  return rows.flatMap((row) =>
    row.status === 'invalid'
      ? [
          {
            source: row.group ? null : row.source,
            ...(row.group && { group: row.group }),
            problems: row.problems.map((p) => ({
              line: p.line ?? null,
              column: p.line === undefined ? null : (p.column ?? 1),
              path: p.path,
              message: p.message,
            })),
          },
        ]
      : [],
  );
}

/**
 * `{ "schemaVersion": 1, "results": [...], "errors": [...] }`, streamed one result at a time; the
 * files that could not be scored come at the end, in `errors`, with their problems.
 */
export const jsonReporter: StreamingReporter = {
  begin: () => `{\n  "schemaVersion": ${JSON_SCHEMA_VERSION},\n  "results": [`,
  item: (result: Result) => {
    // Stringified two levels deep, the result comes out indented as it sits in the document. Its
    // stages are written by stagesText (the same bytes, in half the time), in place of a marker.
    const nested = JSON.stringify({ results: [jsonFields(result, STAGES_MARKER)] }, null, 2);
    const at = nested.indexOf(STAGES_FIELD);
    return (
      `\n${nested.slice(nested.indexOf('[\n') + 2, at)}"stages": ${stagesText(result)}` +
      nested.slice(at + STAGES_FIELD.length, nested.lastIndexOf('\n  ]'))
    );
  },
  separator: ',',
  invalid: () => '',
  summarises: false,
  end: (rows: readonly SummaryRow[], _options, scored) => {
    const list = JSON.stringify({ errors: jsonErrors(rows) }, null, 2);
    return `${scored > 0 ? '\n  ' : ''}],\n  "errors": ${list.slice(list.indexOf('['), list.lastIndexOf('\n}'))}\n}\n`;
  },
};

/**
 * The `stages` field's value stands for the stages until stagesText replaces it. No other place can
 * read as this field: a key and its colon are written outside any string, and a string's quotes
 * inside it are escaped.
 */
const STAGES_MARKER = '\u0000stages\u0000';
const STAGES_FIELD = `"stages": ${JSON.stringify(STAGES_MARKER)}`;

/** New lines indented 0 to 11 levels of two spaces (results sit at level 2, questions at 8). */
const INDENT = Array.from({ length: 12 }, (_, level) => `\n${'  '.repeat(level)}`);

/**
 * The stages of a result as JSON.stringify(jsonStages(result), null, 2) writes them at the depth of
 * a result's field, byte for byte (a property test holds it to that), for less: an item takes 45 µs
 * instead of 87 (then 63 instead of 96 once written as UTF-8). What comes from the rubric (a
 * stage's number, id, name and threshold, a tenet's id and weight) is written once per rubric and
 * kept, and so is a question's text for the results the engine shares between sheets (frozen, see
 * score.ts), which most questions of a batch are. Few pieces matter as much as little work: the
 * text is made of pieces that writing it must join.
 */
function stagesText(result: Result): string {
  const { stages } = result.assessment;
  if (stages.length === 0) return '[]';
  const agreement = result.team?.stageAgreement;
  let out = '[';
  stages.forEach((stage, i) => {
    const { head, middle } = stagePieces(stage);
    out += `${i === 0 ? '' : ','}${head}${json(stage.score)}${middle}${stage.attained ? 'true' : 'false'},`;
    if (agreement) out += `${INDENT[5]}"agreement": ${json(agreement[i] ?? null)},`;
    out += `${INDENT[5]}"tenets": `;
    if (stage.tenets.length === 0) out += '[]';
    else {
      out += '[';
      stage.tenets.forEach((tenet, t) => {
        out += `${t === 0 ? '' : ','}${tenetHead(tenet.id)}${json(tenet.score)}${tenetMiddle(tenet.weight)}`;
        if (tenet.questions.length === 0) out += '[]';
        else {
          tenet.questions.forEach((question, q) => {
            out += `${q === 0 ? '[' : ','}${INDENT[8]}${questionText(question)}`;
          });
          out += `${INDENT[7]}]`;
        }
        out += `${INDENT[6]}}`;
      });
      out += `${INDENT[5]}]`;
    }
    out += `${INDENT[4]}}`;
  });
  return `${out}${INDENT[3]}]`;
}

/** The texts of the rubric's parts, kept by id (checked against what else they hold), up to a bound. */
const MAX_KEPT = 10_000;
const stageTexts = new Map<
  string,
  { number: number; name: string; threshold: number; head: string; middle: string }
>();
const tenetHeads = new Map<string, string>();
const tenetMiddles = new Map<number, string>();

/** A stage's text up to its score, and from its score to its attainment. */
function stagePieces(stage: Result['assessment']['stages'][number]): {
  head: string;
  middle: string;
} {
  const kept = stageTexts.get(stage.id);
  if (
    kept !== undefined &&
    kept.number === stage.number &&
    kept.name === stage.name &&
    Object.is(kept.threshold, stage.threshold)
  ) {
    return kept;
  }
  const f = INDENT[5]!;
  const pieces = {
    number: stage.number,
    name: stage.name,
    threshold: stage.threshold,
    head: ownText(
      `${INDENT[4]}{${f}"number": ${json(stage.number)},${f}"id": ${json(stage.id)},${f}"name": ${json(stage.name)},${f}"score": `,
    ),
    middle: ownText(`,${f}"threshold": ${json(stage.threshold)},${f}"attained": `),
  };
  if (stageTexts.size < MAX_KEPT) stageTexts.set(stage.id, pieces);
  return pieces;
}

/** A tenet's text up to its score. */
function tenetHead(id: string): string {
  let head = tenetHeads.get(id);
  if (head === undefined) {
    const g = INDENT[7]!;
    head = ownText(`${INDENT[6]}{${g}"id": ${json(id)},${g}"score": `);
    if (tenetHeads.size < MAX_KEPT) tenetHeads.set(id, head);
  }
  return head;
}

/** A tenet's text from its score to its questions. */
function tenetMiddle(weight: number): string {
  let middle = tenetMiddles.get(weight);
  if (middle === undefined) {
    const g = INDENT[7]!;
    middle = ownText(`,${g}"weight": ${json(weight)},${g}"questions": `);
    if (tenetMiddles.size < MAX_KEPT) tenetMiddles.set(weight, middle);
  }
  return middle;
}

const sharedQuestionTexts = new WeakMap<QuestionResult, string>();

function questionText(question: QuestionResult): string {
  const known = sharedQuestionTexts.get(question);
  if (known !== undefined) return known;
  const h = INDENT[9]!;
  const text =
    `{${h}"id": ${json(question.id)},${h}"value": ${json(question.value)},` +
    `${h}"score": ${json(question.score)},${h}"weight": ${json(question.weight)},` +
    `${h}"note": ${json(question.note ?? null)}${INDENT[8]}}`;
  if (!Object.isFrozen(question)) return text;
  const kept = ownText(text);
  sharedQuestionTexts.set(question, kept);
  return kept;
}

/** A scalar as JSON.stringify writes it (a finite number as String does, -0 as 0). */
function json(value: string | number | boolean | null): string {
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : 'null';
  if (typeof value === 'string') return JSON.stringify(value);
  return value === null ? 'null' : value ? 'true' : 'false';
}
