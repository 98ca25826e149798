import type { Result, StreamingReporter, SummaryRow } from './types.js';

/** Version of the JSON report's shape; bumped on any breaking change. */
export const JSON_SCHEMA_VERSION = 1;

/** The JSON form of one scored file (SPEC §5): engine numbers unrounded, ids for references. */
export function jsonResult(result: Result): Record<string, unknown> {
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
    stages: assessment.stages.map((stage, i) => ({
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
    })),
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

/** The JSON form of the files that could not be scored: `[{source, problems [{line, column, path, message}]}]`. */
export function jsonErrors(rows: readonly SummaryRow[]): Record<string, unknown>[] {
  return rows.flatMap((row) =>
    row.status === 'invalid'
      ? [
          {
            source: row.source,
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
    // Stringified two levels deep, the result comes out indented as it sits in the document.
    const nested = JSON.stringify({ results: [jsonResult(result)] }, null, 2);
    return `\n${nested.slice(nested.indexOf('[\n') + 2, nested.lastIndexOf('\n  ]'))}`;
  },
  separator: ',',
  invalid: () => '',
  summarises: false,
  end: (rows: readonly SummaryRow[], _options, scored) => {
    const list = JSON.stringify({ errors: jsonErrors(rows) }, null, 2);
    return `${scored > 0 ? '\n  ' : ''}],\n  "errors": ${list.slice(list.indexOf('['), list.lastIndexOf('\n}'))}\n}\n`;
  },
};
