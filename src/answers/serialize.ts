import { dirname, join, relative, sep } from 'node:path';
import type { Answer } from '../engine/types.js';
import type { Rubric } from '../rubric/types.js';
import { wrap } from '../format/wrap.js';
import { packageRoot } from '../source/package-root.js';
import { isPlainString } from './fast-yaml.js';
import { METADATA_KEYS, type AnswersFile } from './types.js';
import { questionIndex } from '../rubric/query.js';

/** What goes into an answers file besides the answers themselves. */
export type AnswersHeader = Omit<AnswersFile, 'answers' | 'ids'>;

/**
 * The answers file to write at `path`: JSON when its name ends in `.json`, else commented YAML,
 * linking the shipped JSON Schema by a path relative to the file.
 */
export function formatAnswersFor(
  path: string,
  rubric: Rubric,
  header: AnswersHeader,
  answers: ReadonlyMap<string, Answer> = new Map(),
): string {
  const schema = join(packageRoot(), 'schema', 'answers.schema.json');
  const schemaPath = relative(dirname(path), schema).split(sep).join('/');
  return /\.json$/i.test(path)
    ? formatAnswersJson(rubric, header, answers, { schemaPath })
    : formatAnswersFile(rubric, header, answers, { schemaPath });
}

/**
 * An answers file as JSON: the same fields and every question of the rubric in order, `null` where
 * unanswered. JSON has no comments, so questions and scales are left to the schema and the rubric.
 */
export function formatAnswersJson(
  rubric: Rubric,
  header: AnswersHeader,
  answers: ReadonlyMap<string, Answer> = new Map(),
  options: { schemaPath?: string } = {},
): string {
  const file: Record<string, unknown> = {};
  if (options.schemaPath) file.$schema = options.schemaPath;
  file.rubric = header.rubric ?? rubric.id;
  file.rubricVersion = header.rubricVersion ?? rubric.version;
  for (const key of METADATA_KEYS) file[key] = header[key] ?? null;
  file.target = header.target ?? null;
  const values: Record<string, unknown> = {};
  for (const id of questionIndex(rubric).keys()) {
    const answer = answers.get(id);
    values[id] = answer === undefined ? null : answer.note === undefined ? answer.value : answer;
  }
  file.answers = values;
  return `${JSON.stringify(file, null, 2)}\n`;
}

/**
 * Writes an answers file (SPEC §2) covering every question of the rubric, grouped by stage and
 * tenet in comments, with each question's text, help and scale as comments. Unanswered questions
 * are written as empty values, so the same layout serves as a blank template and as the file the
 * interview saves after every answer. The output is plain YAML that the fast parser reads.
 */
export function formatAnswersFile(
  rubric: Rubric,
  header: AnswersHeader,
  answers: ReadonlyMap<string, Answer> = new Map(),
  options: { schemaPath?: string } = {},
): string {
  const out: string[] = [];
  if (options.schemaPath) out.push(`# yaml-language-server: $schema=${options.schemaPath}`);
  out.push(`# Answers for "${rubric.title}" (${rubric.id} ${rubric.version}).`);
  out.push('# Give each question a value from its scale (listed above it), or leave it empty.');
  out.push(
    '# Add evidence with { value: 3, note: "..." }. Score it with: maturity score <this file>',
  );
  out.push('# The scale, unless a question lists its own:');
  for (const level of rubric.scale) {
    const description = level.description ? `: ${level.description}` : '';
    out.push(comment(`${level.value} ${level.label}${description}`, '#   '));
  }
  out.push(`rubric: ${scalar(header.rubric ?? rubric.id)}`);
  out.push(`rubricVersion: ${scalar(header.rubricVersion ?? rubric.version)}`);
  for (const key of METADATA_KEYS) {
    const value = header[key];
    out.push(`${key}:${value === undefined ? '' : ` ${scalar(value)}`}`);
  }
  const stages = rubric.stages.map((stage) => stage.id).join(', ');
  out.push(
    comment(
      `The stage you aim for, for a roadmap to it (optional): ${stages}, or its number.`,
      '# ',
    ),
  );
  const target = header.target;
  out.push(
    `target:${target === undefined ? '' : ` ${typeof target === 'number' ? target : scalar(target)}`}`,
  );
  out.push('answers:');
  rubric.stages.forEach((stage, s) => {
    out.push('');
    const tagline = stage.tagline ? ` — ${stage.tagline}` : '';
    out.push(`  # ===== Stage ${s + 1} of ${rubric.stages.length}: ${stage.name}${tagline} =====`);
    for (const tenet of stage.tenets) {
      out.push('');
      out.push(`  # --- ${tenet.title} (tenet ${tenet.id}, weight ${tenet.weight}) ---`);
      for (const question of tenet.questions) {
        out.push(comment(question.text, '  # '));
        if (question.help) out.push(comment(`Help: ${question.help}`, '  #   '));
        const levels = question.scale.map((level) => `${level.value} ${level.label}`);
        if (question.notApplicable) levels.push('n/a');
        out.push(`  #   Scale: ${levels.join(' · ')}`);
        const answer = answerText(answers.get(question.id));
        out.push(`  ${question.id}:${answer === undefined ? '' : ` ${answer}`}`);
      }
    }
  });
  return `${out.join('\n')}\n`;
}

function answerText(answer: Answer | undefined): string | undefined {
  if (!answer) return undefined;
  const value = answer.value === 'n/a' ? 'n/a' : String(answer.value);
  return answer.note === undefined ? value : `{ value: ${value}, note: ${scalar(answer.note)} }`;
}

const PLAIN = /^[A-Za-z0-9][A-Za-z0-9 _./-]*$/;

/**
 * A YAML scalar for a string: plain when it is simple text that reads back as the same string
 * (the reader decides, so `0x1F`, `1e3` or `null` are quoted), else double-quoted.
 */
function scalar(text: string): string {
  if (PLAIN.test(text) && isPlainString(text)) return text;
  // JSON's escapes are a subset of YAML's double-quoted ones.
  return JSON.stringify(text);
}

function comment(text: string, prefix: string): string {
  return prefix + wrap(text, 96 - prefix.length, prefix);
}
