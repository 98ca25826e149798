import type { AnswersHeader } from '../answers/serialize.js';
import type { Answer, AnswerValue } from '../engine/types.js';
import { paint } from '../format/paint.js';
import { wrap } from '../format/wrap.js';
import { questionEntries, type QuestionEntry } from '../rubric/query.js';
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
  theme?: PromptTheme;
}

/** The options of inquirer's `input` the interview uses. */
export interface InputConfig {
  message: string;
  default?: string;
  prefill?: 'tab' | 'editable';
  theme?: PromptTheme;
}

/** The two prompts the interview needs, with inquirer's signatures; injected so tests can script them. */
export interface Prompts {
  select<Value>(config: SelectConfig<Value>): Promise<Value>;
  input(config: InputConfig): Promise<string>;
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
  /** Moving forward, skip questions that already have an answer (continuing a file). */
  skipAnswered: boolean;
  prompts: Prompts;
  /** Called after every answer and every metadata field with everything so far; saves the file. */
  save(answers: ReadonlyMap<string, Answer>, header: AnswersHeader): void | Promise<void>;
  /** Columns to wrap question text to (default 80). */
  width?: number;
  color?: boolean;
}

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
  const tagline = step.stage.tagline ? ` — ${lowerFirst(step.stage.tagline)}` : '';
  return (
    `Stage ${step.stageIndex + 1} of ${stageCount} · ${step.stage.name}${tagline}` +
    ` · question ${step.index + 1} of ${questionCount}`
  );
}

/** What a question prompt can return: a scale value (as `value:N` or `value:n/a`) or an action. */
export type QuestionChoice = `value:${string}` | 'note' | 'help' | 'back';

/** State of one question while it is on screen. */
export interface QuestionState {
  /** The answer saved for it, if any. */
  saved?: Answer;
  note?: string;
  showHelp: boolean;
  /** Where "← Back" leads, or undefined when there is nowhere to go. */
  back?: 'question' | 'metadata';
}

/**
 * The select prompt for one question: progress, tenet, text, the scale as choices keyed by their
 * values (what the answers file records), n/a keyed `n`, then the actions.
 */
export function questionPrompt(
  step: Step,
  rubric: Rubric,
  questionCount: number,
  state: QuestionState,
  options: { width?: number; color?: boolean } = {},
): SelectConfig<QuestionChoice> {
  const c = paint(options.color ?? false);
  const width = Math.max(40, options.width ?? 80);
  const { question, tenet } = step;
  const lines = [
    c.dim(progressLabel(step, rubric.stages.length, questionCount)),
    `  ${c.dim('Tenet:')} ${wrap(tenet.title, width - 9, '         ')}`,
    `  ${c.bold(wrap(question.text, width - 2, '  '))}`,
  ];
  if (state.showHelp && question.help) {
    lines.push(`  ${c.dim('Help:')} ${wrap(question.help, width - 8, '        ')}`);
  }
  if (state.note !== undefined) {
    lines.push(`  ${c.dim('Note:')} ${wrap(state.note, width - 8, '        ')}`);
  }

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

  // The cursor starts on the saved answer, else on the first level.
  const first = choices.find((choice): choice is Choice<QuestionChoice> => 'value' in choice);
  const cursor = savedToken ?? first!.value;
  const summary = `${step.index + 1}/${questionCount} ${truncate(question.text, 60)} →`;
  return {
    message: lines.join('\n'),
    choices,
    default: cursor,
    theme: {
      style: {
        message: (text, status) => (status === 'done' ? summary : text),
        keysHelpTip: () =>
          c.dim(
            `↑↓ or type a value${question.notApplicable ? ' (n for n/a)' : ''} · ⏎ confirm · Ctrl-C to stop (answers are saved)`,
          ),
      },
    },
  };
}

/**
 * Runs the interview: the metadata first (pre-filled), then every question from `start`, stage by
 * stage. Calls `save` after every answer. Resolves to the final header and answers when the last
 * question is answered; rejects with the prompt's error when the user stops (Ctrl-C).
 */
export async function interview(options: InterviewOptions): Promise<InterviewResult> {
  const { rubric, prompts } = options;
  const steps = questionSteps(rubric);
  const answers = new Map(options.answers);
  const header: AnswersHeader = { ...options.header };
  const save = () => options.save(answers, header);
  const next = (from: number): number => {
    let index = from + 1;
    if (options.skipAnswered) {
      while (index < steps.length && answers.has(steps[index]!.question.id)) index += 1;
    }
    return index;
  };

  await askMetadata(prompts, header, save);
  let index = options.start;
  while (index < steps.length) {
    const step = steps[index]!;
    const outcome = await askQuestion(step, answers.get(step.question.id), index, options, steps);
    if (outcome === 'back') {
      if (index === 0) {
        await askMetadata(prompts, header, save);
      } else {
        index -= 1;
      }
      continue;
    }
    answers.set(step.question.id, outcome);
    await save();
    index = next(index);
  }
  return { header, answers };
}

async function askMetadata(
  prompts: Prompts,
  header: AnswersHeader,
  save: () => void | Promise<void>,
): Promise<void> {
  for (const [key, label] of METADATA_PROMPTS) {
    const value = (
      await prompts.input({
        message: label,
        ...(header[key] !== undefined && { default: header[key] }),
        prefill: 'editable',
      })
    ).trim();
    if (value === '') delete header[key];
    else header[key] = value;
    await save();
  }
}

async function askQuestion(
  step: Step,
  saved: Answer | undefined,
  index: number,
  options: InterviewOptions,
  steps: readonly Step[],
): Promise<Answer | 'back'> {
  const state: QuestionState = {
    ...(saved !== undefined && { saved }),
    ...(saved?.note !== undefined && { note: saved.note }),
    showHelp: false,
    back: index === 0 ? 'metadata' : 'question',
  };
  for (;;) {
    const choice = await options.prompts.select(
      questionPrompt(step, options.rubric, steps.length, state, options),
    );
    switch (choice) {
      case 'back':
        return 'back';
      case 'help':
        state.showHelp = !state.showHelp;
        break;
      case 'note': {
        const note = (
          await options.prompts.input({
            message: `Note for question ${step.index + 1} (evidence or a caveat; empty for none):`,
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
        return state.note === undefined ? { value } : { value, note: state.note };
      }
    }
  }
}

function valueToken(value: AnswerValue): QuestionChoice {
  return `value:${value}`;
}

function parseValueToken(token: QuestionChoice): AnswerValue {
  const raw = token.slice('value:'.length);
  return raw === 'n/a' ? 'n/a' : Number(raw);
}

function truncate(text: string, length: number): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length <= length ? flat : `${flat.slice(0, length - 1).trimEnd()}…`;
}

/** "Stake our claim" → "stake our claim", but "CRM everywhere" stays as it is. */
function lowerFirst(text: string): string {
  return /^[A-Z][a-z]/.test(text) ? text[0]!.toLowerCase() + text.slice(1) : text;
}
