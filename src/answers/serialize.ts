import type { Answer } from '../engine/types.js';
import type { Rubric } from '../rubric/types.js';
import { wrap } from '../report/wrap.js';
import { isPlainString } from './fast-yaml.js';
import { METADATA_KEYS, type AnswersFile } from './types.js';

/** What goes into an answers file besides the answers themselves. */
export type AnswersHeader = Omit<AnswersFile, 'answers' | 'ids'>;

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
