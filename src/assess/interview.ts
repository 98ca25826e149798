import type { AnswersHeader } from '../answers/serialize.js';
import { scoreSheet } from '../engine/score.js';
import type { Answer, AnswerValue } from '../engine/types.js';
import { percent } from '../format/numbers.js';
import { PLAIN, type Paint } from '../format/paint.js';
import { textWidth, wrapLines } from '../format/wrap.js';
import { questionEntries, stageReference, type QuestionEntry } from '../rubric/query.js';
import type { Rubric } from '../rubric/types.js';
import type { KeyedChoice, KeyedSeparator } from './keyed-select.js';

/** A choice of a select prompt; `key` is what the user types to reach it. */
export type Choice<Value> = KeyedChoice<Value>;

/** A line between choices. */
export type SeparatorItem = KeyedSeparator;

/** The part of inquirer's theme the interview sets. */
export interface PromptTheme {
  style?: {
    /** Renders the message; `status` is "done" once answered, which gets a one-line summary. */
    message?: (text: string, status: string) => string;
    keysHelpTip?: (keys: [key: string, action: string][]) => string | undefined;
  };
}

/** The options of the select prompt (keyed-select.ts) the interview uses. */
export interface SelectConfig<Value> {
  message: string;
  choices: readonly (Choice<Value> | SeparatorItem)[];
  default?: Value;
  /** Columns the choices, the description and the key hints are wrapped to. */
  width?: number;
  theme?: PromptTheme;
}

/** The options of inquirer's `input` the interview uses. */
export interface InputConfig {
  message: string;
  default?: string;
  prefill?: 'tab' | 'editable';
  /** true when the value is acceptable, else why not (shown under the prompt). */
  validate?: (value: string) => boolean | string;
  theme?: PromptTheme;
}

/**
 * The two prompts the interview needs, with inquirer's signatures, and where its lasting lines go;
 * injected so tests can script them. A prompt leaves nothing on screen once it is answered: the
 * interview prints what stays (one line per answer), so help, notes and going back leave no trace.
 */
export interface Prompts {
  select<Value>(config: SelectConfig<Value>): Promise<Value>;
  input(config: InputConfig): Promise<string>;
  /** Writes lines that stay in the scrollback (a newline is added). */
  print(text: string): void;
}

/** One question in interview order, with where it sits in the rubric. */
export type Step = QuestionEntry;

/** Answers and header as the interview leaves them. */
export interface InterviewResult {
  header: AnswersHeader;
  answers: Map<string, Answer>;
}

export interface InterviewOptions {
  rubric: Rubric;
  /** Answers to start from (a resumed file); they are the defaults when a question is asked again. */
  answers: ReadonlyMap<string, Answer>;
  /** The header to save; its organization, unit, respondent and role pre-fill the first prompts. */
  header: AnswersHeader;
  /** Index of the first question to ask after the metadata (see `firstUnanswered`). */
  start: number;
  /**
   * Moving forward, skip questions that already have an answer (continuing a file); past the last
   * question, come back to any left unanswered before `start`, so the interview ends complete.
   */
  skipAnswered: boolean;
  /** Ask the metadata first (default true). ← Back from the first question reaches them anyway. */
  askMetadata?: boolean;
  /** Walk only the stage of `start` (after a jump, the stage jumped to): reviewing one stage. */
  stageOnly?: boolean;
  prompts: Prompts;
  /** Called after every answer and every metadata field with everything so far; saves the file. */
  save(answers: ReadonlyMap<string, Answer>, header: AnswersHeader): void | Promise<void>;
  /**
   * Columns to lay the interview out in (default 80). A function is read again before every
   * prompt, so a terminal resized during one question fits the next.
   */
  width?: number | (() => number);
  /** Styles (chalk's when colour is on); plain by default. */
  paint?: Paint;
}

/** How long one question takes to answer, for the estimate in the introduction. */
export const SECONDS_PER_QUESTION = 20;

/** The narrowest layout; a terminal narrower than this gets lines that wrap. */
const MIN_WIDTH = 30;

/** The metadata fields asked first, in order, with their prompts. */
export const METADATA_PROMPTS = [
  ['organization', 'Organization:'],
  ['unit', 'Unit (team, department or region):'],
  ['respondent', 'Respondent (your name):'],
  ['role', 'Role:'],
] as const;

/** Every question of a rubric in interview order: stage by stage, tenet by tenet. */
export function questionSteps(rubric: Rubric): readonly Step[] {
  return questionEntries(rubric);
}

/** Index of the first question without an answer; the number of questions when all are answered. */
export function firstUnanswered(rubric: Rubric, answers: ReadonlyMap<string, Answer>): number {
  const steps = questionSteps(rubric);
  const found = steps.findIndex((step) => !answers.has(step.question.id));
  return found === -1 ? steps.length : found;
}

/** Where a question sits, e.g. `Stage 2 of 6 · Presence — stake our claim · question 4 of 53`. */
export function progressLabel(step: Step, stageCount: number, questionCount: number): string {
  return progressParts(step, stageCount, questionCount, true).join(' · ');
}

/**
 * The progress label in lines of at most `width` columns: whole when it fits, else without the
 * stage's tagline, else broken between its parts.
 */
export function progressLines(
  step: Step,
  stageCount: number,
  questionCount: number,
  width: number,
): string[] {
  for (const tagline of [true, false]) {
    const label = progressParts(step, stageCount, questionCount, tagline).join(' · ');
    if (textWidth(label) <= width) return [label];
  }
  const lines: string[] = [];
  for (const part of progressParts(step, stageCount, questionCount, false)) {
    const last = lines.at(-1);
    if (last !== undefined && textWidth(`${last} · ${part}`) <= width) {
      lines[lines.length - 1] = `${last} · ${part}`;
    } else {
      lines.push(...wrapLines(part, width));
    }
  }
  return lines;
}

function progressParts(
  step: Step,
  stageCount: number,
  questionCount: number,
  withTagline: boolean,
): string[] {
  const tagline = withTagline && step.stage.tagline ? ` — ${lowerFirst(step.stage.tagline)}` : '';
  return [
    `Stage ${step.stageIndex + 1} of ${stageCount}`,
    `${step.stage.name}${tagline}`,
    `question ${step.index + 1} of ${questionCount}`,
  ];
}

/** What a question prompt can return: a scale value (as `value:N` or `value:n/a`) or an action. */
export type QuestionChoice = `value:${string}` | 'note' | 'help' | 'back' | 'jump';

/** State of one question while it is on screen. */
export interface QuestionState {
  /** The answer saved for it, if any. */
  saved?: Answer;
  note?: string;
  showHelp: boolean;
  /** Where "← Back" leads, or undefined when there is nowhere to go. */
  back?: 'question' | 'metadata';
  /** Offer "Jump to…" (a list of the stages). */
  jump?: boolean;
}

/**
 * The select prompt for one question: progress, tenet, text, the scale as choices keyed by their
 * values (what the answers file records), n/a keyed `n`, then the actions. Every line fits in
 * `width` columns (default 80).
 */
export function questionPrompt(
  step: Step,
  rubric: Rubric,
  questionCount: number,
  state: QuestionState,
  options: { width?: number; paint?: Paint } = {},
): SelectConfig<QuestionChoice> {
  const c = options.paint ?? PLAIN;
  const width = Math.max(MIN_WIDTH, options.width ?? 80);
  const { question, tenet } = step;
  // The first line follows the prompt's prefix (`? `); the others line up under it.
  const progress = progressLines(step, rubric.stages.length, questionCount, width - 2);
  const lines = [
    ...progress.map((line, i) => (i === 0 ? c.dim(line) : `  ${c.dim(line)}`)),
    ...labelled('Tenet:', tenet.title, width, c),
    ...wrapLines(question.text, width - 2).map((line) => `  ${c.bold(line)}`),
  ];
  if (state.showHelp && question.help) lines.push(...labelled('Help:', question.help, width, c));
  if (state.note !== undefined) lines.push(...labelled('Note:', state.note, width, c));

  const savedToken = state.saved ? valueToken(state.saved.value) : undefined;
  const withNote = state.note === undefined ? '' : ' (with a note)';
  const choices: (Choice<QuestionChoice> | SeparatorItem)[] = question.scale.map((level) => {
    const token = valueToken(level.value);
    return {
      value: token,
      key: String(level.value),
      name: level.label + (token === savedToken ? '  (saved answer)' : ''),
      short: level.label + withNote,
      ...(level.description !== undefined && { description: level.description }),
    };
  });
  if (question.notApplicable) {
    choices.push({
      value: 'value:n/a',
      key: 'n',
      name: `n/a — does not apply here${savedToken === 'value:n/a' ? '  (saved answer)' : ''}`,
      short: `n/a${withNote}`,
      description: 'This question does not apply to the organization; it is left out of the score.',
    });
  }
  const answerWidth = Math.max(
    ...choices.map((choice) => textWidth((choice as Choice<QuestionChoice>).short ?? '')),
  );
  choices.push({ type: 'separator', separator: c.dim('  ──────────') });
  choices.push({
    value: 'note',
    name: state.note === undefined ? 'Add a note' : 'Edit the note',
    short: state.note === undefined ? 'adding a note' : 'editing the note',
    description: 'Attach a short note or evidence to this answer, then choose the answer.',
  });
  if (question.help) {
    choices.push({
      value: 'help',
      name: state.showHelp ? 'Hide help' : 'Show help',
      short: state.showHelp ? 'help hidden' : 'help',
      description: state.showHelp ? 'Hide the help text above.' : question.help,
    });
  }
  if (state.back) {
    choices.push({
      value: 'back',
      name: '← Back',
      short: 'back',
      description:
        state.back === 'metadata'
          ? 'Return to organization, unit, respondent and role.'
          : 'Return to the previous question (its answer is kept as the default).',
    });
  }
  if (state.jump) {
    choices.push({
      value: 'jump',
      name: 'Jump to…',
      short: 'jump',
      description: 'Go to another stage: a list of the stages, with how many answers each has.',
    });
  }

  // The cursor starts on the saved answer, else on the first level.
  const first = choices.find((choice): choice is Choice<QuestionChoice> => 'value' in choice);
  const cursor = savedToken ?? first!.value;
  const summary = answeredSummary(step, questionCount, answerWidth, width);
  return {
    message: lines.join('\n'),
    choices,
    default: cursor,
    width,
    theme: {
      style: {
        message: (text, status) => (status === 'done' ? summary : text),
        keysHelpTip: () =>
          `↑↓ or type a value${question.notApplicable ? ' (n for n/a)' : ''} · ⏎ confirm · Ctrl-C to stop (answers are saved)`,
      },
    },
  };
}

/**
 * The line an answered question leaves, e.g. `✔ 4/53 Are the results of the review… → Partly`:
 * the question cut to fit `width` columns with the answer.
 */
export function answeredLine(
  step: Step,
  questionCount: number,
  answer: string,
  width: number,
  c: Paint = PLAIN,
): string {
  const summary = answeredSummary(step, questionCount, textWidth(answer), width);
  const room = width - 2 - textWidth(summary) - 1;
  return `${c.green('✔')} ${summary} ${c.cyan(cut(answer, room))}`;
}

/** `4/53 Question text… →`, leaving room for `✔ ` before it and ` answer` after it. */
function answeredSummary(
  step: Step,
  questionCount: number,
  answerWidth: number,
  width: number,
): string {
  const number = `${step.index + 1}/${questionCount}`;
  const room = width - 2 - textWidth(number) - 1 - 2 - 1 - answerWidth;
  // Too narrow for any useful part of the question: the number and the answer only.
  if (room < 12) return `${number} →`;
  return `${number} ${cut(step.question.text, room)} →`;
}

/**
 * Where a stage stands once its questions are answered, scored by the engine with the answers so
 * far: `Planning: 66% of 70% — not yet attained`.
 */
export function stageStanding(
  rubric: Rubric,
  stageIndex: number,
  answers: ReadonlyMap<string, Answer>,
): { text: string; attained: boolean } {
  const result = scoreSheet(rubric, answers).stages[stageIndex]!;
  const unanswered = questionSteps(rubric).filter(
    (step) => step.stageIndex === stageIndex && !answers.has(step.question.id),
  ).length;
  const open = unanswered === 0 ? '' : ` (${unanswered} unanswered, scored 0)`;
  if (result.score === null) {
    return { text: `${result.name}: n/a (every question answered n/a)`, attained: true };
  }
  const standing = result.attained ? 'attained' : 'not yet attained';
  return {
    text: `${result.name}: ${percent(result.score)} of ${percent(result.threshold)} — ${standing}${open}`,
    attained: result.attained,
  };
}

/** The stage list "Jump to…" opens: each stage with its answered count, and a way to stay. */
export function jumpPrompt(
  rubric: Rubric,
  answers: ReadonlyMap<string, Answer>,
  current: Step,
  options: { width?: number; paint?: Paint; skipAnswered?: boolean } = {},
): SelectConfig<number | 'stay'> {
  const c = options.paint ?? PLAIN;
  const width = Math.max(MIN_WIDTH, options.width ?? 80);
  const steps = questionSteps(rubric);
  const nameWidth = Math.max(...rubric.stages.map((stage) => textWidth(stage.name)));
  const choices: (Choice<number | 'stay'> | SeparatorItem)[] = rubric.stages.map((stage, i) => {
    const inStage = steps.filter((step) => step.stageIndex === i);
    const answered = inStage.filter((step) => answers.has(step.question.id)).length;
    const target = jumpTarget(steps, answers, i, options.skipAnswered ?? true);
    const here = i === current.stageIndex ? '  (this stage)' : '';
    return {
      value: target,
      key: String(i + 1),
      name: `${stage.name.padEnd(nameWidth)}  ${answered} of ${inStage.length} answered${here}`,
      short: stage.name,
      description:
        answered === inStage.length
          ? `Every question of ${stage.name} is answered; goes to question ${target + 1}, its first.`
          : `Goes to question ${target + 1}, the first of ${stage.name} without an answer.`,
    };
  });
  choices.push({ type: 'separator', separator: c.dim('  ──────────') });
  choices.push({
    value: 'stay',
    name: `← Stay at question ${current.index + 1}`,
    short: 'stay',
    description: 'Back to the question you were answering.',
  });
  return {
    message: wrapLines('Jump to which stage?', width - 2, { rest: '  ' }).join('\n'),
    choices,
    default: jumpTarget(steps, answers, current.stageIndex, options.skipAnswered ?? true),
    width,
    theme: {
      style: {
        message: (text) => text,
        keysHelpTip: () => '↑↓ or type a stage number · ⏎ go',
      },
    },
  };
}

/** Where a jump to a stage lands: its first unanswered question, else its first question. */
function jumpTarget(
  steps: readonly Step[],
  answers: ReadonlyMap<string, Answer>,
  stageIndex: number,
  skipAnswered: boolean,
): number {
  const inStage = steps.filter((step) => step.stageIndex === stageIndex);
  const open = skipAnswered ? inStage.find((step) => !answers.has(step.question.id)) : undefined;
  return (open ?? inStage[0]!).index;
}

/**
 * Runs the interview: the metadata first (pre-filled; unless `askMetadata` is false), then the
 * questions from `start`, stage by stage. Calls `save` after every answer, prints a line for each
 * answer and, when a stage is done, where it stands. Resolves to the final header and answers when
 * the walk is over; rejects with the prompt's error when the user stops (Ctrl-C).
 */
export async function interview(options: InterviewOptions): Promise<InterviewResult> {
  const { rubric, prompts } = options;
  const steps = questionSteps(rubric);
  const answers = new Map(options.answers);
  const header: AnswersHeader = { ...options.header };
  const c = options.paint ?? PLAIN;
  const width = () => layoutWidth(options.width);
  const session: Session = {
    options,
    steps,
    answers,
    header,
    width,
    save: () => options.save(answers, header),
  };
  const firstOf = (stage: number) => steps.findIndex((step) => step.stageIndex === stage);
  const lastOf = (stage: number) => steps.findLastIndex((step) => step.stageIndex === stage);
  // The stage a one-stage review walks; undefined for the whole rubric.
  let scope = options.stageOnly ? steps[options.start]?.stageIndex : undefined;
  const unanswered = (i: number) => !answers.has(steps[i]!.question.id);
  // The question after `from`, and whether the walk came round to questions left behind.
  const next = (from: number): { index: number; round: boolean } | undefined => {
    const low = scope === undefined ? 0 : firstOf(scope);
    const high = scope === undefined ? steps.length - 1 : lastOf(scope);
    if (!options.skipAnswered)
      return from + 1 <= high ? { index: from + 1, round: false } : undefined;
    for (let i = from + 1; i <= high; i += 1) if (unanswered(i)) return { index: i, round: false };
    for (let i = low; i <= Math.min(from, high); i += 1) {
      if (unanswered(i)) return { index: i, round: true };
    }
    return undefined;
  };

  if (options.askMetadata ?? true) {
    prompts.print(paragraph('First, who is answering? (optional; ⏎ skips)', width()));
    await askMetadata(session);
  }
  let index: number | undefined = options.start;
  while (index !== undefined && index < steps.length) {
    const step: Step = steps[index]!;
    const outcome = await askQuestion(step, session);
    if (outcome === 'back') {
      if (index === 0) await askMetadata(session);
      else index -= 1;
      continue;
    }
    if ('jump' in outcome) {
      index = outcome.jump;
      if (scope !== undefined) scope = steps[index]!.stageIndex;
      continue;
    }
    answers.set(step.question.id, outcome.answer);
    await session.save();
    prompts.print(answeredLine(step, steps.length, outcome.short, width(), options.paint));
    const after = next(index);
    index = after?.index;
    if (index === undefined || steps[index]!.stageIndex !== step.stageIndex) {
      const standing = stageStanding(rubric, step.stageIndex, answers);
      const colour = standing.attained ? c.green : c.yellow;
      prompts.print(
        wrapLines(standing.text, width(), { rest: '  ' })
          .map((line) => colour(line))
          .join('\n'),
      );
    }
    if (after?.round) {
      const left = steps.filter(
        (s) => (scope === undefined || s.stageIndex === scope) && unanswered(s.index),
      ).length;
      const count = left === 1 ? '1 question is' : `${left} questions are`;
      prompts.print(
        paragraph(`${count} still unanswered: back to question ${after.index + 1}.`, width()),
      );
    }
  }
  return { header, answers };
}

/** What the steps of one interview share. */
interface Session {
  options: InterviewOptions;
  steps: readonly Step[];
  answers: Map<string, Answer>;
  header: AnswersHeader;
  width: () => number;
  save: () => void | Promise<void>;
}

function layoutWidth(option: InterviewOptions['width']): number {
  const columns = typeof option === 'function' ? option() : option;
  return Math.max(MIN_WIDTH, columns ?? 80);
}

async function askMetadata(session: Session): Promise<void> {
  const { options, header } = session;
  for (const [key, label] of METADATA_PROMPTS) {
    const value = (
      await options.prompts.input({
        message: label,
        ...(header[key] !== undefined && { default: header[key] }),
        prefill: 'editable',
      })
    ).trim();
    if (value === '') delete header[key];
    else header[key] = value;
    await session.save();
    printDone(session, label, value);
  }
  // The stage aimed for, if any: kept as the stage's id (or 0), checked as it is typed.
  const { rubric } = options;
  const stageOf = (value: string) => stageReference(rubric, value.trim(), 'the target');
  const current = header.target === undefined ? undefined : stageOf(String(header.target));
  const value = (
    await options.prompts.input({
      message: TARGET_PROMPT,
      ...(current && 'number' in current && { default: String(targetId(rubric, current.number)) }),
      prefill: 'editable',
      validate: (typed) => {
        if (typed.trim() === '') return true;
        const found = stageOf(typed);
        return 'number' in found ? true : `${found.problem.replace(/^the target /, '')}`;
      },
    })
  ).trim();
  const found = value === '' ? undefined : stageOf(value);
  if (found && 'number' in found) header.target = targetId(rubric, found.number);
  else delete header.target;
  await session.save();
  printDone(session, TARGET_PROMPT, header.target === undefined ? '' : String(header.target));
}

/** The prompt for the stage aimed for, asked with the metadata. */
export const TARGET_PROMPT = 'Target stage (optional; an id, name or number):';

/** How a target is saved: the stage's id, or 0 for "stage 0". */
function targetId(rubric: Rubric, number: number): string | number {
  return number === 0 ? 0 : rubric.stages[number - 1]!.id;
}

/** The line an answered metadata prompt leaves: "✔ Organization: Acme Corp". */
function printDone(session: Session, label: string, value: string): void {
  const c = session.options.paint ?? PLAIN;
  const lines = wrapLines(value, session.width(), { first: `✔ ${label} `, rest: '  ' });
  lines[0] = `${c.green('✔')} ${c.bold(label)}${lines[0]!.slice(2 + label.length)}`;
  session.options.prompts.print(lines.join('\n'));
}

async function askQuestion(
  step: Step,
  session: Session,
): Promise<{ answer: Answer; short: string } | { jump: number } | 'back'> {
  const { options, steps, answers } = session;
  const saved = answers.get(step.question.id);
  const state: QuestionState = {
    ...(saved !== undefined && { saved }),
    ...(saved?.note !== undefined && { note: saved.note }),
    showHelp: false,
    back: step.index === 0 ? 'metadata' : 'question',
    jump: options.rubric.stages.length > 1,
  };
  for (;;) {
    const width = session.width();
    const config = questionPrompt(step, options.rubric, steps.length, state, {
      width,
      ...(options.paint !== undefined && { paint: options.paint }),
    });
    const choice = await options.prompts.select(config);
    switch (choice) {
      case 'back':
        return 'back';
      case 'help':
        state.showHelp = !state.showHelp;
        break;
      case 'jump': {
        const target = await options.prompts.select(
          jumpPrompt(options.rubric, answers, step, {
            width: session.width(),
            skipAnswered: options.skipAnswered,
            ...(options.paint !== undefined && { paint: options.paint }),
          }),
        );
        if (target !== 'stay' && target !== step.index) return { jump: target };
        break;
      }
      case 'note': {
        const message = wrapLines(
          `Note for question ${step.index + 1} (evidence or a caveat; empty for none):`,
          session.width(),
          { first: '? ', rest: '  ' },
        )
          .join('\n')
          .slice(2);
        const note = (
          await options.prompts.input({
            message,
            ...(state.note !== undefined && { default: state.note }),
            prefill: 'editable',
          })
        ).trim();
        if (note === '') delete state.note;
        else state.note = note;
        break;
      }
      default: {
        const value = parseValueToken(choice);
        const picked = config.choices.find(
          (item): item is Choice<QuestionChoice> => 'value' in item && item.value === choice,
        );
        const answer = state.note === undefined ? { value } : { value, note: state.note };
        return { answer, short: picked?.short ?? String(value) };
      }
    }
  }
}

/** A labelled paragraph of a question (`  Tenet: …`), the label painted after wrapping. */
function labelled(label: string, text: string, width: number, c: Paint): string[] {
  const lead = `  ${label} `;
  const lines = wrapLines(text, width, { first: lead, rest: ' '.repeat(lead.length) });
  lines[0] = `  ${c.dim(label)}${lines[0]!.slice(2 + label.length)}`;
  return lines;
}

/** Plain text wrapped to `width`. */
function paragraph(text: string, width: number): string {
  return wrapLines(text, width).join('\n');
}

function valueToken(value: AnswerValue): QuestionChoice {
  return `value:${value}`;
}

function parseValueToken(token: QuestionChoice): AnswerValue {
  const raw = token.slice('value:'.length);
  return raw === 'n/a' ? 'n/a' : Number(raw);
}

/** Text on one line, cut to `length` columns with an ellipsis. */
function cut(text: string, length: number): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  if (textWidth(flat) <= length) return flat;
  return `${[...flat]
    .slice(0, Math.max(0, length - 1))
    .join('')
    .trimEnd()}…`;
}

/** "Stake our claim" → "stake our claim", but "CRM everywhere" stays as it is. */
function lowerFirst(text: string): string {
  return /^[A-Z][a-z]/.test(text) ? text[0]!.toLowerCase() + text.slice(1) : text;
}
