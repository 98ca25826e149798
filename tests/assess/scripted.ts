import type {
  Choice,
  InputConfig,
  Prompts,
  SelectConfig,
  SeparatorItem,
} from '../../src/assess/interview.js';
import { TARGET_PROMPT } from '../../src/assess/interview.js';

/** One scripted user action: pick a choice by the start of its name, type, keep the default, or Ctrl-C. */
export type Action = { pick: string } | { type: string } | { keep: true } | { ctrlC: true };

export const KEEP: Action = { keep: true };

/** Everything a scripted interview was asked and printed, in order. */
export interface Transcript {
  selects: SelectConfig<unknown>[];
  inputs: InputConfig[];
  /** Lines the interview printed to stay in the scrollback. */
  printed: string[];
  /** Prompts and printed lines in the order they came: `? message` or the printed line. */
  events: string[];
}

/** Whether an item of a select's list is a choice (not a separator). */
export function isChoice<V>(item: Choice<V> | SeparatorItem): item is Choice<V> {
  return 'value' in item;
}

/** Names of the selectable choices of a select prompt. */
export function choiceNames(config: SelectConfig<unknown>): string[] {
  return config.choices.filter(isChoice).map((choice) => choice.name);
}

class ExitPromptError extends Error {
  override name = 'ExitPromptError';
}

/** Prompts that play a script instead of reading a terminal, and record what happened. */
export function scripted(actions: Action[]): { prompts: Prompts; transcript: Transcript } {
  const transcript: Transcript = { selects: [], inputs: [], printed: [], events: [] };
  const queue = [...actions];
  const nextAction = (what: string): Action => {
    const action = queue.shift();
    if (!action) throw new Error(`the script ended, but the interview asked: ${what}`);
    if ('ctrlC' in action) throw new ExitPromptError('User force closed the prompt with SIGINT');
    return action;
  };
  const prompts: Prompts = {
    async select<Value>(config: SelectConfig<Value>): Promise<Value> {
      transcript.selects.push(config as SelectConfig<unknown>);
      transcript.events.push(`? ${config.message}`);
      const action = nextAction(config.message);
      if ('keep' in action) return config.default as Value;
      if (!('pick' in action))
        throw new Error(`expected an input, got a select: ${config.message}`);
      const choice = config.choices.filter(isChoice).find((c) => c.name.startsWith(action.pick));
      if (!choice) {
        throw new Error(
          `no choice "${action.pick}" in ${JSON.stringify(choiceNames(config as SelectConfig<unknown>))}`,
        );
      }
      return choice.value;
    },
    async input(config: InputConfig): Promise<string> {
      // A script that goes on to a question without a word for the target keeps it as it is.
      const next = queue[0];
      if (config.message === TARGET_PROMPT && next && 'pick' in next) {
        transcript.inputs.push(config);
        return config.default ?? '';
      }
      transcript.inputs.push(config);
      transcript.events.push(`? ${config.message}`);
      const action = nextAction(config.message);
      if ('keep' in action) return config.default ?? '';
      if (!('type' in action))
        throw new Error(`expected a select, got an input: ${config.message}`);
      return action.type;
    },
    print(text: string) {
      for (const line of text.split('\n')) {
        transcript.printed.push(line);
        transcript.events.push(line);
      }
    },
  };
  return { prompts, transcript };
}
