import {
  chmodSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  rmSync,
  truncateSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseAnswersText } from '../../src/answers/load.js';
import { checkAnswersAgainstRubric } from '../../src/answers/check.js';
import { checkRubricText, loadRubricFile } from '../../src/rubric/load.js';
import { readTextFile } from '../../src/source/read-text.js';
import { expectCleanFailure, fixture, lines, ROOT } from '../helpers/run-cli.js';
import { runMain } from '../helpers/run-main.js';
import { firstProblem } from './first-problem.js';

const BAD = 'tests/fixtures/bad';
const BUILTIN = join(ROOT, 'rubrics', 'social-business.yaml');
const OK = 'tests/fixtures/ok';
/** Scored with every rubric fixture: it names no question, so only the rubric can fail. */
const EMPTY_ANSWERS = `${OK}/answers-empty-answers.yaml`;

/**
 * One row per file in tests/fixtures/bad: the exit code of `maturity score <file>` (answers-*) or
 * `maturity rubric validate <file>` (rubric-*), and the first problem printed: line, column and
 * message (with the dotted path, as printed). Each position was checked against the fixture: it
 * points at the offending value (or key, for unknown and duplicate keys), at the mapping that lacks
 * a field, or where the parser stopped.
 */
type Row = [file: string, code: number, line: number, column: number, message: string];

// prettier-ignore
const table: Row[] = [
  // Answers: YAML syntax
  ['answers-json-missing-comma.yaml', 2, 1, 34, 'invalid YAML: block collections are not allowed within flow collections'],
  ['answers-yaml-bad-indentation.yaml', 2, 3, 1, 'invalid YAML: all mapping items must start at the same column'],
  ['answers-yaml-colon-in-plain-value.yaml', 2, 1, 15, 'invalid YAML: nested mappings are not allowed in compact mappings'],
  ['answers-yaml-duplicate-key-number.yaml', 2, 3, 1, 'duplicate key (YAML map keys must be unique)'],
  ['answers-yaml-duplicate-key-quoted.yaml', 2, 3, 3, 'duplicate key (YAML map keys must be unique)'],
  ['answers-yaml-duplicate-key.yaml', 2, 4, 3, 'duplicate key (YAML map keys must be unique)'],
  ['answers-yaml-many-syntax-errors.yaml', 2, 2, 7, 'invalid YAML: nested mappings are not allowed in compact mappings'],
  ['answers-yaml-several-documents.yaml', 2, 3, 1, 'the file holds several YAML documents; put everything in one'],
  ['answers-yaml-tab-indent.yaml', 2, 2, 1, 'tabs are not allowed as indentation in YAML; indent with spaces'],
  ['answers-yaml-unclosed-flow-mapping.yaml', 2, 3, 3, 'invalid YAML: flow map in block collection must be sufficiently indented and end with a }'],
  ['answers-yaml-unclosed-flow-sequence.yaml', 2, 4, 3, 'invalid YAML: flow sequence in block collection must be sufficiently indented and end with a ]'],
  ['answers-yaml-unclosed-quote.yaml', 2, 3, 37, 'invalid YAML: this quoted string has no closing "'],
  // Answers: the document itself, encodings, line endings
  ['answers-bom-unknown-question.yaml', 2, 2, 3, 'unknown question "social-listenin" (not in rubric social-business); did you mean "social-listening"? (at answers.social-listenin)'],
  ['answers-crlf-value-off-scale.yaml', 2, 3, 21, '7 is not on the scale of question "social-listening" (0, 1, 2, 3, 4) (at answers.social-listening)'],
  ['answers-document-empty.yaml', 2, 1, 1, 'the answers file is empty; it needs an "answers" mapping'],
  ['answers-document-list.yaml', 2, 1, 1, 'the answers file must be a mapping with an "answers" key, not a list'],
  ['answers-document-number.yaml', 2, 1, 1, 'the answers file must be a mapping with an "answers" key, not the number 42'],
  ['answers-document-only-comments.yaml', 2, 1, 1, 'the answers file is empty; it needs an "answers" mapping'],
  ['answers-document-scalar.yaml', 2, 1, 1, 'the answers file must be a mapping with an "answers" key, not the string "just some text"'],
  ['answers-invalid-utf8.yaml', 2, 2, 10, 'file is not valid UTF-8 text'],
  // Answers: unknown keys, including ones that could pollute prototypes
  ['answers-constructor-key-top-level.yaml', 2, 1, 1, 'unknown key "constructor" (at constructor)'],
  ['answers-proto-key-in-answers.yaml', 2, 2, 3, 'unknown question "__proto__" (not in rubric social-business) (at answers.__proto__)'],
  ['answers-proto-key-top-level.yaml', 2, 1, 1, 'unknown key "__proto__" (at __proto__)'],
  ['answers-prototype-key-in-answer.yaml', 2, 2, 33, 'unknown key "prototype" in an answer (use "value" and "note") (at answers.social-listening.prototype)'],
  ['answers-unknown-key-in-answer.yaml', 2, 2, 33, 'unknown key "evidence" in an answer (use "value" and "note") (at answers.social-listening.evidence)'],
  ['answers-unknown-key-top-level.yaml', 2, 1, 1, 'unknown key "organisation"; did you mean "organization"? (at organisation)'],
  ['rubric-constructor-key-question.yaml', 1, 34, 13, 'unknown key "constructor" (at stages.1.tenets.0.questions.0.constructor)'],
  ['rubric-proto-key-stage.yaml', 1, 12, 5, 'unknown key "__proto__" (at stages.0.__proto__)'],
  ['rubric-prototype-key-top-level.yaml', 1, 4, 1, 'unknown key "prototype" (at prototype)'],
  ['rubric-proto-key-top-level.yaml', 1, 4, 1, 'unknown key "__proto__" (at __proto__)'],
  // Answers: wrong types and missing fields
  ['answers-missing-answers.yaml', 2, 1, 1, 'missing required field "answers" (use {} when nothing is answered yet)'],
  ['answers-missing-value-in-mapping.yaml', 2, 2, 21, 'missing required field "value" in the answer to "social-listening" (at answers.social-listening)'],
  ['answers-note-list.yaml', 2, 5, 7, 'note must be a string, not a list (at answers.social-listening.note)'],
  ['answers-note-number.yaml', 2, 2, 39, 'note must be a string, not the number 42 (at answers.social-listening.note)'],
  ['answers-note-control-character.yaml', 2, 2, 39, 'note must not contain control characters (only tabs and line breaks) (at answers.social-listening.note)'],
  ['answers-organization-control-character.yaml', 2, 1, 15, 'organization must not contain control characters (only tabs and line breaks) (at organization)'],
  ['answers-value-inf.yaml', 2, 2, 21, 'an answer must be a number on the scale, "n/a" or { value, note }, not -.inf (at answers.social-listening)'],
  ['answers-value-nan.yaml', 2, 2, 21, 'an answer must be a number on the scale, "n/a" or { value, note }, not .nan (at answers.social-listening)'],
  ['answers-wrong-type-answers-list.yaml', 2, 2, 3, 'answers must be a mapping of question ids to values, not a list (at answers)'],
  ['answers-wrong-type-answers-string.yaml', 2, 1, 10, 'answers must be a mapping of question ids to values, not the string "all of them" (at answers)'],
  ['answers-wrong-type-organization-number.yaml', 2, 1, 15, 'organization must be a string, not the number 42 (at organization)'],
  ['answers-wrong-type-rubric-list.yaml', 2, 1, 9, 'rubric must be a string, not a list (at rubric)'],
  ['answers-wrong-type-value-boolean.yaml', 2, 2, 21, 'an answer must be a number on the scale, "n/a" or { value, note }, not the string "yes" (at answers.social-listening)'],
  ['answers-wrong-type-value-in-mapping.yaml', 2, 2, 30, 'an answer must be a number on the scale, "n/a" or { value, note }, not the string "high" (at answers.social-listening.value)'],
  ['answers-wrong-type-value-list.yaml', 2, 2, 21, 'an answer must be a number on the scale, "n/a" or { value, note }, not a list (at answers.social-listening)'],
  ['answers-wrong-type-value-quoted-number.yaml', 2, 2, 21, 'an answer must be a number on the scale, "n/a" or { value, note }, not the string "3" (at answers.social-listening)'],
  ['answers-wrong-type-value-string.yaml', 2, 2, 21, 'an answer must be a number on the scale, "n/a" or { value, note }, not the string "three" (at answers.social-listening)'],
  // Answers: checked against the rubric
  ['answers-na-not-allowed.yaml', 2, 2, 21, 'question "social-listening" cannot be answered n/a (at answers.social-listening)'],
  ['answers-na-uppercase.yaml', 2, 2, 25, 'an answer must be a number on the scale, "n/a" or { value, note }, not the string "N/A" (at answers.social-customer-care)'],
  ['answers-rubric-is-a-directory.yaml', 2, 1, 9, 'tests/fixtures/bad: is a directory, not a file (at rubric)'],
  ['answers-rubric-missing-file.yaml', 2, 1, 9, 'tests/fixtures/bad/no-such-rubric.yaml: no such file (at rubric)'],
  ['answers-rubric-unknown-id.yaml', 2, 1, 9, 'unknown rubric "social-bizness": not a built-in rubric (social-business, social-business-quick) and no such file; did you mean "social-business"? (at rubric)'],
  ['answers-unknown-question-with-newline.yaml', 2, 2, 3, 'unknown question "social\\nlistening" (not in rubric social-business); did you mean "social-listening"? (at answers."social\\nlistening")'],
  ['answers-unknown-question-null-value.yaml', 2, 4, 3, 'unknown question "exec-sponsor" (not in rubric social-business) (at answers.exec-sponsor)'],
  ['answers-unknown-question-null.yaml', 2, 4, 3, 'unknown question "social-listenin" (not in rubric social-business); did you mean "social-listening"? (at answers.social-listenin)'],
  ['answers-unknown-question.yaml', 2, 3, 3, 'unknown question "social-hearing" (not in rubric social-business) (at answers.social-hearing)'],
  ['answers-value-fraction.yaml', 2, 2, 28, '2.5 is not on the scale of question "pilot-projects" (0, 1, 2, 3, 4) (at answers.pilot-projects)'],
  ['answers-value-negative.yaml', 2, 2, 19, '-1 is not on the scale of question "pilot-projects" (0, 1, 2, 3, 4) (at answers.pilot-projects)'],
  ['answers-value-off-scale-hex.yaml', 2, 2, 21, '31 is not on the scale of question "social-listening" (0, 1, 2, 3, 4) (at answers.social-listening)'],
  ['answers-value-off-scale.yaml', 2, 2, 21, '5 is not on the scale of question "social-listening" (0, 1, 2, 3, 4) (at answers.social-listening)'],
  // Answers: data only, bounded
  ['answers-alias-bomb.yaml', 2, 1, 1, 'aliases expand too much (more than 100); refused as unsafe'],
  ['answers-alias-cycle.yaml', 2, 3, 19, 'alias *all is inside the node it refers to; refused (data would be endless)'],
  ['answers-alias-undefined.yaml', 2, 2, 21, 'alias *three refers to an anchor &three that is not defined before it'],
  ['answers-deep-block-nesting.yaml', 2, 101, 101, 'the document is nested too deeply (more than 100 levels)'],
  ['answers-deep-flow-nesting.yaml', 2, 1, 109, 'the document is nested too deeply (more than 100 levels)'],
  ['answers-key-is-a-mapping.yaml', 2, 2, 5, 'a mapping key must be a plain value, not a list or a mapping'],
  ['answers-tag-custom.yaml', 2, 1, 15, 'unsupported YAML tag: !secret (files are data only)'],
  ['answers-tag-js-function.yaml', 2, 2, 21, 'unsupported YAML tag: tag:yaml.org,2002:js/function (files are data only)'],
  ['answers-tag-on-mapping.yaml', 2, 1, 10, 'unsupported YAML tag: tag:yaml.org,2002:set (files are data only)'],
  // Rubrics: YAML syntax
  ['rubric-json-trailing-garbage.yaml', 1, 1, 36, 'invalid YAML: unexpected scalar at node end'],
  ['rubric-yaml-bad-indentation.yaml', 1, 13, 13, 'invalid YAML: nested mappings are not allowed in compact mappings'],
  ['rubric-yaml-duplicate-key.yaml', 1, 26, 5, 'duplicate key (YAML map keys must be unique)'],
  ['rubric-yaml-several-documents.yaml', 1, 41, 1, 'the file holds several YAML documents; put everything in one'],
  ['rubric-yaml-tab-indent.yaml', 1, 11, 1, 'tabs are not allowed as indentation in YAML; indent with spaces'],
  ['rubric-yaml-unclosed-block-quote.yaml', 1, 3, 8, "invalid YAML: this quoted string has no closing '"],
  ['rubric-yaml-unclosed-flow-mapping.yaml', 1, 6, 3, 'invalid YAML: flow map in block collection must be sufficiently indented and end with a }'],
  ['rubric-yaml-unclosed-flow-sequence.yaml', 1, 7, 32, 'invalid YAML: flow sequence in block collection must be sufficiently indented and end with a ]'],
  // Rubrics: the document itself, encodings, line endings
  ['rubric-bom-weight-zero.yaml', 1, 15, 17, 'weight must be greater than 0 (at stages.0.tenets.0.weight)'],
  ['rubric-crlf-duplicate-question-id.yaml', 1, 31, 17, 'duplicate question id "has-plan" (first used on line 17) (at stages.1.tenets.0.questions.0.id)'],
  ['rubric-document-empty.yaml', 1, 1, 1, 'the rubric file is empty'],
  ['rubric-document-list.yaml', 1, 1, 1, 'the document must be a mapping, not a list'],
  ['rubric-document-only-comments.yaml', 1, 1, 1, 'the rubric file is empty'],
  ['rubric-document-scalar.yaml', 1, 1, 1, 'the document must be a mapping, not the string "tiny"'],
  ['rubric-invalid-utf8.yaml', 2, 14, 23, 'file is not valid UTF-8 text'],
  // Rubrics: unknown keys at every level, including ones that could pollute prototypes
  ['rubric-unknown-key-benchmark.yaml', 1, 40, 5, 'unknown key "year" (at benchmarks.0.year)'],
  ['rubric-unknown-key-question.yaml', 1, 19, 13, 'unknown key "hint" (at stages.0.tenets.0.questions.0.hint)'],
  ['rubric-unknown-key-question-scale-level.yaml', 1, 36, 44, 'unknown key "points" (at stages.1.tenets.0.questions.0.scale.1.points)'],
  ['rubric-unknown-key-scale-level.yaml', 1, 8, 29, 'unknown key "colour" (at scale.2.colour)'],
  ['rubric-unknown-key-stage.yaml', 1, 26, 5, 'unknown key "summary_text" (at stages.1.summary_text)'],
  ['rubric-unknown-key-tenet.yaml', 1, 30, 9, 'unknown key "wieght"; did you mean "weight"? (at stages.1.tenets.0.wieght)'],
  ['rubric-unknown-key-top-level.yaml', 1, 5, 1, 'unknown key "author" (at author)'],
  // Rubrics: wrong types at every level
  ['rubric-wrong-type-benchmarks-mapping.yaml', 1, 37, 3, 'benchmarks must be a list, not a mapping (at benchmarks)'],
  ['rubric-wrong-type-benchmark-share-string.yaml', 1, 39, 12, 'share must be a finite number, not the string "40%" (at benchmarks.0.share)'],
  ['rubric-wrong-type-id-number.yaml', 1, 1, 5, 'id must be a string, not the number 42 (at id)'],
  ['rubric-wrong-type-moves-mapping.yaml', 1, 23, 11, 'moves must be a list, not a mapping (at stages.0.tenets.0.moves)'],
  ['rubric-wrong-type-not-applicable-string.yaml', 1, 21, 28, 'notApplicable must be true or false, not the string "sometimes" (at stages.0.tenets.0.questions.1.notApplicable)'],
  ['rubric-wrong-type-question-text-number.yaml', 1, 18, 19, 'text must be a string, not the number 42 (at stages.0.tenets.0.questions.0.text)'],
  ['rubric-wrong-type-scale-mapping.yaml', 1, 6, 3, 'scale must be a list, not a mapping (at scale)'],
  ['rubric-wrong-type-stage-item-string.yaml', 1, 10, 5, 'stages[0] must be a mapping, not the string "planning" (at stages.0)'],
  ['rubric-wrong-type-stage-name-list.yaml', 1, 11, 11, 'name must be a string, not a list (at stages.0.name)'],
  ['rubric-wrong-type-tenets-string.yaml', 1, 27, 13, 'tenets must be a list, not the string "review" (at stages.1.tenets)'],
  ['rubric-wrong-type-tenet-title-number.yaml', 1, 29, 16, 'title must be a string, not the number 3 (at stages.1.tenets.0.title)'],
  ['rubric-wrong-type-version-number.yaml', 1, 2, 10, 'version must be a string, not the number 1 (at version)'],
  ['rubric-wrong-type-stages-mapping.yaml', 1, 8, 3, 'stages must be a list, not a mapping (at stages)'],
  // Rubrics: missing required fields and empty lists
  ['rubric-empty-questions.yaml', 1, 30, 20, 'questions must have at least 1 question (at stages.1.tenets.0.questions)'],
  ['rubric-empty-stages.yaml', 1, 9, 9, 'stages must have at least 1 stage (at stages)'],
  ['rubric-empty-tenets.yaml', 1, 27, 13, 'tenets must have at least 1 tenet (at stages.1.tenets)'],
  ['rubric-missing-id.yaml', 1, 1, 1, 'missing required field "id" (at id)'],
  ['rubric-missing-question-id.yaml', 1, 19, 13, 'missing required field "id" (at stages.0.tenets.0.questions.1.id)'],
  ['rubric-missing-scale-label.yaml', 1, 7, 5, 'missing required field "label" (at scale.1.label)'],
  ['rubric-missing-stage-name.yaml', 1, 24, 5, 'missing required field "name" (at stages.1.name)'],
  ['rubric-missing-stages.yaml', 1, 1, 1, 'missing required field "stages" (at stages)'],
  ['rubric-missing-tenet-questions.yaml', 1, 28, 9, 'missing required field "questions" (at stages.1.tenets.0.questions)'],
  ['rubric-missing-title.yaml', 1, 1, 1, 'missing required field "title" (at title)'],
  ['rubric-missing-question-text.yaml', 1, 14, 13, 'missing required field "text" (at stages.0.tenets.0.questions.0.text)'],
  ['rubric-empty-moves.yaml', 1, 16, 16, 'moves must have at least 1 move (at stages.0.tenets.0.moves)'],
  ['rubric-empty-title.yaml', 1, 3, 8, 'title must not be empty (at title)'],
  // Rubrics: formats
  ['rubric-question-id-not-kebab-case.yaml', 1, 14, 17, 'id must be kebab-case: lowercase letters, digits and single dashes (at stages.0.tenets.0.questions.0.id)'],
  ['rubric-version-not-semver.yaml', 1, 2, 10, 'version must be a semantic version such as 1.0.0 (at version)'],
  // Rubrics: duplicate ids
  ['rubric-duplicate-question-id-across-stages.yaml', 1, 31, 17, 'duplicate question id "has-owner" (first used on line 19) (at stages.1.tenets.0.questions.0.id)'],
  ['rubric-duplicate-stage-id.yaml', 1, 24, 9, 'duplicate stage id "start" (first used on line 10) (at stages.1.id)'],
  ['rubric-duplicate-tenet-id-across-stages.yaml', 1, 28, 13, 'duplicate tenet id "basics" (first used on line 13) (at stages.1.tenets.0.id)'],
  // Rubrics: weights and thresholds
  ['rubric-threshold-above-one.yaml', 1, 26, 16, 'threshold must be greater than 0 and at most 1 (at stages.1.threshold)'],
  ['rubric-threshold-negative.yaml', 1, 4, 12, 'threshold must be greater than 0 and at most 1 (at threshold)'],
  ['rubric-threshold-percent-string.yaml', 1, 26, 16, 'threshold must be a finite number, not the string "80%" (at stages.1.threshold)'],
  ['rubric-threshold-zero.yaml', 1, 4, 12, 'threshold must be greater than 0 and at most 1 (at threshold)'],
  ['rubric-weight-inf.yaml', 1, 33, 21, 'weight must be a finite number, not .inf (at stages.1.tenets.0.questions.0.weight)'],
  ['rubric-weight-nan.yaml', 1, 15, 17, 'weight must be a finite number, not .nan (at stages.0.tenets.0.weight)'],
  ['rubric-weight-negative.yaml', 1, 33, 21, 'weight must be greater than 0 (at stages.1.tenets.0.questions.0.weight)'],
  ['rubric-weight-string.yaml', 1, 15, 17, 'weight must be a finite number, not the string "heavy" (at stages.0.tenets.0.weight)'],
  ['rubric-weight-zero.yaml', 1, 15, 17, 'weight must be greater than 0 (at stages.0.tenets.0.weight)'],
  ['rubric-title-control-character.yaml', 1, 3, 8, 'title must not contain control characters (only tabs and line breaks) (at title)'],
  // Rubrics: scales and benchmarks
  ['rubric-benchmark-unknown-question.yaml', 1, 37, 15, 'benchmark names unknown question "has-a-plan"; did you mean "has-plan"? (at benchmarks.0.question)'],
  ['rubric-benchmark-unknown-tenet.yaml', 1, 37, 12, 'benchmark names unknown tenet "basic"; did you mean "basics"? (at benchmarks.0.tenet)'],
  ['rubric-benchmark-no-target.yaml', 1, 19, 5, 'a benchmark needs a "question" or a "tenet" to compare with (at benchmarks.0)'],
  ['rubric-benchmark-question-and-tenet.yaml', 1, 19, 5, 'a benchmark names either a "question" or a "tenet", not both (at benchmarks.0)'],
  ['rubric-benchmark-share-above-one.yaml', 1, 21, 12, 'share must be between 0 and 1; did you mean 0.4? (at benchmarks.0.share)'],
  ['rubric-question-scale-one-level.yaml', 1, 35, 15, 'scale must have at least 2 levels (at stages.1.tenets.0.questions.0.scale)'],
  ['rubric-scale-duplicate-values.yaml', 1, 8, 14, 'duplicate scale value 1 (already used on line 7) (at scale.2.value)'],
  ['rubric-question-scale-duplicate-values.yaml', 1, 19, 24, 'duplicate scale value 2 (already used on line 17) (at stages.0.tenets.0.questions.0.scale.1.value)'],
  ['rubric-scale-one-level.yaml', 1, 6, 3, 'scale must have at least 2 levels (at scale)'],
  ['rubric-scale-value-not-a-number.yaml', 1, 7, 14, 'value must be a finite number, not the string "some" (at scale.1.value)'],
  // Rubrics: data only, bounded
  ['rubric-alias-bomb.yaml', 1, 1, 1, 'aliases expand too much (more than 100); refused as unsafe'],
  ['rubric-deep-flow-nesting.yaml', 1, 4, 410, 'the document is nested too deeply (more than 100 levels)'],
  ['rubric-key-is-a-list.yaml', 1, 4, 1, 'a mapping key must be a plain value, not a list or a mapping'],
  ['rubric-tag-js-function.yaml', 1, 3, 8, 'unsupported YAML tag: tag:yaml.org,2002:js/function (files are data only)'],
  // Rubrics: many problems in one file (the first is shown here; tests/cli/rubric.test.ts has them all)
  ['rubric-several-problems.yaml', 1, 1, 1, 'missing required field "title" (at title)'],
];

const temp = mkdtempSync(join(tmpdir(), 'maturity-hardening-'));
afterAll(() => rmSync(temp, { recursive: true, force: true }));

/** The first line naming `path` in some stderr output. */
function firstLineOf(stderr: string, path: string): string | undefined {
  return stderr.split('\n').find((line) => line.startsWith(`${path}:`));
}

/** `file:line:column: message` as the CLI prints it. */
function expectedLine([file, , line, column, message]: Row): string {
  return `${BAD}/${file}:${line}:${column}: ${message}`;
}

describe('the bad-input corpus', () => {
  it('has a row for every fixture in tests/fixtures/bad, and at least 60 of them', () => {
    const files = readdirSync(fixture('bad')).sort();
    expect(table.map(([file]) => file).sort()).toEqual(files);
    expect(files.length).toBeGreaterThanOrEqual(60);
    for (const file of files) expect(file).toMatch(/^(answers|rubric)-[a-z0-9-]+\.yaml$/);
  });

  const answers = table.filter(([file]) => file.startsWith('answers-'));
  const rubrics = table.filter(([file]) => file.startsWith('rubric-'));

  // Every file in one run: one for all answers files and one for all rubrics. Each file's first
  // line is its first problem; every line names its file.
  it("maturity score <every answers fixture>: exit 2, each file's first problem, each marked invalid", async () => {
    const paths = answers.map(([file]) => `${BAD}/${file}`);
    const result = await runMain(['score', ...paths]);
    expectCleanFailure(result, 2, { output: true });
    // No report, and a summary marking every file invalid.
    const summary = lines(result.stdout);
    expect(summary[0]).toBe(`Summary of ${paths.length} files`);
    expect(summary.slice(2).map((line) => line.split(/\s+/)[0])).toEqual(
      paths.map(() => 'invalid'),
    );
    for (const row of answers) {
      expect(firstLineOf(result.stderr, `${BAD}/${row[0]}`)).toBe(expectedLine(row));
    }
    for (const line of result.stderr.trimEnd().split('\n')) {
      expect(
        paths.some((path) => line.startsWith(`${path}:`)),
        line,
      ).toBe(true);
    }
  });

  it("maturity rubric validate <every rubric fixture>: each file's first problem and count", async () => {
    const paths = rubrics.map(([file]) => `${BAD}/${file}`);
    const result = await runMain(['rubric', 'validate', ...paths]);
    // 2 because one of them cannot be read as text; 1 when all are readable but invalid.
    expectCleanFailure(result, 2);
    for (const row of rubrics) {
      const path = `${BAD}/${row[0]}`;
      expect(firstLineOf(result.stderr, path)).toBe(expectedLine(row));
      const counted = new RegExp(`^${path}: \\d+ problems?$`, 'm').test(result.stderr);
      expect(counted, path).toBe(row[1] === 1);
    }
    for (const line of result.stderr.trimEnd().split('\n')) {
      expect(
        paths.some((path) => line.startsWith(`${path}:`)),
        line,
      ).toBe(true);
    }
  });

  // Then each file on its own, for its exit code.
  it.each(answers)(
    'score %s: exit %i, first problem at %i:%i',
    async (file, code, line, column, message) => {
      const path = `${BAD}/${file}`;
      const result = await runMain(['score', path]);
      expectCleanFailure(result, code);
      expect(firstProblem(result.stderr)).toEqual({ file: path, line, column, message });
    },
  );

  it.each(rubrics)(
    'rubric validate %s: exit %i, first problem at %i:%i; score --rubric says the same',
    async (file, code, line, column, message) => {
      const path = `${BAD}/${file}`;
      const result = await runMain(['rubric', 'validate', path]);
      expectCleanFailure(result, code);
      expect(firstProblem(result.stderr)).toEqual({ file: path, line, column, message });

      // The same rubric used to score: the same first line, and exit 2 (an input error).
      const scored = await runMain(['score', '--rubric', path, EMPTY_ANSWERS]);
      expectCleanFailure(scored, 2);
      expect(scored.stderr.split('\n')[0]).toBe(result.stderr.split('\n')[0]);
    },
  );
});

describe('many problems', () => {
  it('shows at most ten YAML syntax errors, then counts the rest', async () => {
    const path = `${BAD}/answers-yaml-many-syntax-errors.yaml`;
    const result = await runMain(['score', path]);
    expectCleanFailure(result, 2);
    const lines = result.stderr.trimEnd().split('\n');
    expect(lines).toHaveLength(11);
    expect(lines[10]).toBe(`${path}: 20 more YAML problems not shown`);
  });

  it('rubric validate counts every problem, the ones not shown included', async () => {
    // Any file serves: its YAML is broken before it could be read as a rubric.
    const path = `${BAD}/answers-yaml-many-syntax-errors.yaml`;
    const result = await runMain(['rubric', 'validate', path]);
    expectCleanFailure(result, 1);
    const lines = result.stderr.trimEnd().split('\n');
    expect(lines.slice(10)).toEqual([
      `${path}: 20 more YAML problems not shown`,
      `${path}: 30 problems`,
    ]);
  });

  it('reports every unknown key of a big file', async () => {
    // 25,000 lines of eight YAML tokens each: as large as MAX_TOKENS lets a document be.
    const keys = Array.from({ length: 25_000 }, (_, i) => `  q${i}: 1\n`).join('');
    const source = await parseAnswersText(`answers:\n${keys}`, 'big.yaml');
    const problems = await source.position(
      checkAnswersAgainstRubric(source.answers!, loadRubricFile(BUILTIN)),
    );
    expect(problems).toHaveLength(25_000);
    expect(problems[24_999]).toMatchObject({ line: 25_001, column: 3 });
  });
});

describe('files that must be accepted', () => {
  const okFiles = readdirSync(fixture('ok')).sort();
  const okAnswers = okFiles
    .filter((file) => file.startsWith('answers-'))
    .map((file) => `${OK}/${file}`);
  const okRubrics = okFiles
    .filter((file) => file.startsWith('rubric-'))
    .map((file) => `${OK}/${file}`);

  it('scores every answers file in tests/fixtures/ok', async () => {
    const result = await runMain(['score', ...okAnswers]);
    expect(result).toMatchObject({ code: 0, stderr: '' });
  });

  it('validates every rubric in tests/fixtures/ok, and scores with each', async () => {
    const result = await runMain(['rubric', 'validate', ...okRubrics]);
    expect(result).toMatchObject({ code: 0, stderr: '' });
    expect(result.stdout).toBe(okRubrics.map((path) => `${path}: ok\n`).join(''));
    for (const path of okRubrics) {
      const scored = await runMain(['score', '--rubric', path, EMPTY_ANSWERS]);
      expect(scored).toMatchObject({ code: 0, stderr: '' });
    }
  });

  it('scores CRLF line endings and a byte order mark exactly like the plain file', async () => {
    const results = await Promise.all(
      ['good', 'crlf', 'bom'].map(async (name) => {
        const run = await runMain(['score', '--format', 'json', `${OK}/answers-${name}.yaml`]);
        expect(run).toMatchObject({ code: 0, stderr: '' });
        const [result] = (JSON.parse(run.stdout) as { results: Record<string, unknown>[] }).results;
        return { ...result, source: undefined };
      }),
    );
    expect(results[1]).toEqual(results[0]);
    expect(results[2]).toEqual(results[0]);
  });

  it('reads YAML 1.2 scalars as the core schema says (hex, signs, exponents, quotes, escapes)', async () => {
    const run = await runMain(['score', '--format', 'json', `${OK}/answers-tricky-scalars.yaml`]);
    expect(run).toMatchObject({ code: 0, stderr: '' });
    const [result] = (JSON.parse(run.stdout) as { results: Record<string, unknown>[] }).results;
    expect(result).toMatchObject({
      organization: 'Acme # Corp',
      unit: "it's marketing",
      respondent: 'José',
      role: 'café owner',
      assessedAt: '2026-11-22',
    });
    // 0x3, +2, 1e0, 004 and .3e1 are answers; ~ leaves a question unanswered.
    expect(result!.completeness).toBeCloseTo(5 / 53, 12);
  });
});

/** A file written at test time into the temporary folder. */
function write(name: string, content: string | Buffer): string {
  const path = join(temp, name);
  writeFileSync(path, content);
  return path;
}

describe('inputs made at test time', () => {
  it('refuses a 6 GB (sparse) file from its size, before reading it', async () => {
    const path = write('huge.yaml', '');
    truncateSync(path, 6 * 1024 ** 3);
    expect(() => readTextFile(path, 'huge.yaml')).toThrow(
      'huge.yaml: file is too large: 6442450944 bytes, over the 5 MB limit',
    );
    for (const args of [
      ['score', 'huge.yaml'],
      ['rubric', 'validate', 'huge.yaml'],
    ]) {
      const result = await runMain(args, { cwd: temp });
      expectCleanFailure(result, 2);
      expect(result.stderr).toBe(
        'huge.yaml: file is too large: 6442450944 bytes, over the 5 MB limit\n',
      );
    }
  });

  it('refuses a file just over 5 MB and reads one of exactly 5 MB', () => {
    const limit = 5 * 1024 * 1024;
    const over = write('over.yaml', Buffer.alloc(limit + 1, 0x20));
    expect(() => readTextFile(over, 'over.yaml')).toThrow(
      `over.yaml: file is too large: ${limit + 1} bytes, over the 5 MB limit`,
    );
    const at = write('at.yaml', Buffer.alloc(limit, 0x20));
    expect(readTextFile(at, 'at.yaml')).toHaveLength(limit);
  });

  it.runIf(existsSync('/dev/zero'))('stops reading an endless device at the limit', async () => {
    const result = await runMain(['score', '/dev/zero']);
    expectCleanFailure(result, 2);
    expect(result.stderr).toBe(
      '/dev/zero: file is too large: more than 5242880 bytes, over the 5 MB limit\n',
    );
  });

  it('reports a directory given as a file', async () => {
    mkdirSync(join(temp, 'folder.yaml'));
    // score takes a folder for the answers files in it: there are none.
    const empty = await runMain(['score', 'folder.yaml'], { cwd: temp });
    expectCleanFailure(empty, 2);
    expect(empty.stderr).toBe('folder.yaml: no .yaml, .yml or .json files in this folder\n');
    for (const args of [
      ['rubric', 'validate', 'folder.yaml'],
      ['score', '--rubric', 'folder.yaml', fixture('ok', 'answers-good.yaml')],
    ]) {
      const result = await runMain(args, { cwd: temp });
      expectCleanFailure(result, 2);
      expect(result.stderr).toBe('folder.yaml: is a directory, not a file\n');
    }
  });

  it('reports a file that does not exist', async () => {
    for (const args of [
      ['score', 'missing.yaml'],
      ['rubric', 'validate', 'missing.yaml'],
    ]) {
      const result = await runMain(args, { cwd: temp });
      expectCleanFailure(result, 2);
      expect(result.stderr).toBe('missing.yaml: no such file\n');
    }
  });

  it('reports a rubric that names no built-in and no file', async () => {
    for (const args of [
      ['score', '--rubric', 'no-such-rubric', fixture('ok', 'answers-good.yaml')],
      ['rubric', 'show', 'no-such-rubric'],
    ]) {
      const result = await runMain(args, { cwd: temp });
      expectCleanFailure(result, 2);
      expect(result.stderr).toBe(
        'maturity: unknown rubric "no-such-rubric": not a built-in rubric (social-business, social-business-quick) and no such file\n',
      );
    }
  });

  // Root could read it, but maturity goes by the mode bits (README: "Exit codes and errors").
  it('reports a file without read permission, also to root', async () => {
    const path = write('secret.yaml', 'answers: {}\n');
    chmodSync(path, 0o000);
    for (const args of [
      ['score', 'secret.yaml'],
      ['rubric', 'validate', 'secret.yaml'],
    ]) {
      const result = await runMain(args, { cwd: temp });
      expectCleanFailure(result, 2);
      expect(result.stderr).toBe('secret.yaml: permission denied\n');
    }
  });
});

describe('hostile input is refused quickly', () => {
  const deep: [name: string, text: string, line: number, column: number][] = [
    ['100k nested flow sequences', `answers: ${'['.repeat(100_000)}`, 1, 110 - 1],
    ['50k nested flow mappings', `answers: ${'{a: '.repeat(50_000)}`, 1, 10 + 99 * 4],
    [
      '100k nested block sequences on one line',
      `answers:\n  ${'- '.repeat(100_000)}x\n`,
      2,
      3 + 99 * 2,
    ],
    [
      '3000 nested block mappings (4.5 MB)',
      `answers:\n${Array.from({ length: 3000 }, (_, i) => `${' '.repeat(i + 1)}k:\n`).join('')}`,
      101,
      101,
    ],
  ];

  it.each(deep)('%s', async (name, text, line, column) => {
    const message = 'the document is nested too deeply (more than 100 levels)';
    const source = await parseAnswersText(text, 'deep.yaml');
    expect(source.problems[0]).toMatchObject({ message, line, column });
    expect(checkRubricText(text, 'deep.yaml').problems[0]).toMatchObject({ message, line, column });

    const file = write(`deep-${name.split(' ')[0]}.yaml`, text);
    const result = await runMain(['score', file]);
    expectCleanFailure(result, 2);
    expect(result.stderr).toBe(`${file}:${line}:${column}: ${message}\n`);
  });

  it.each(['answers-alias-bomb.yaml', 'rubric-alias-bomb.yaml'])(
    'refuses the alias bomb %s',
    async (file) => {
      const result = await runMain(
        file.startsWith('answers-')
          ? ['score', `${BAD}/${file}`]
          : ['rubric', 'validate', `${BAD}/${file}`],
      );
      expect(firstProblem(result.stderr).message).toBe(
        'aliases expand too much (more than 100); refused as unsafe',
      );
    },
  );

  it('refuses a 5 MB document of a million values before it exhausts memory', async () => {
    const file = write(
      'wide.yaml',
      `answers: {}\nvalues: [${Array(2_500_000).fill('1').join(',')}]\n`,
    );
    const result = await runMain(['score', file]);
    expectCleanFailure(result, 2);
    expect(firstProblem(result.stderr).message).toBe(
      'the document is too large: more than 250000 YAML tokens',
    );
  });
});
