// What the interview tests in tmux share: a temporary folder per test file, fresh folders with a
// copy of the small fixture rubric, `maturity assess` started in a terminal, and the keys that
// answer its prompts.
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll } from 'vitest';
import { BIN, fixture } from '../helpers/run-cli.js';
import { shellQuote, Terminal } from './tmux.js';

/** Whether this runs in CI: CI set to anything but an empty string, 0 or false. */
export const inCI = !['', '0', 'false'].includes(process.env.CI ?? '');

export interface AssessOptions {
  /** The pane's process is the CLI itself (no `EXIT=n` line, the pane closes with it). */
  exec?: boolean;
  width?: number;
  height?: number;
}

/**
 * Registers the hooks of a test file (its temporary folder, terminals closed after each test)
 * and gives the two things its tests start from.
 */
export function interviewTerminals(name: string) {
  let temp = '';
  beforeAll(() => {
    temp = mkdtempSync(join(tmpdir(), `maturity-e2e-${name}-`));
  });
  afterAll(() => {
    if (temp) rmSync(temp, { recursive: true, force: true });
  });
  const open: Terminal[] = [];
  afterEach(() => {
    for (const terminal of open.splice(0)) terminal.close();
  });

  return {
    /** A new empty folder, holding a copy of tests/fixtures/assess/small-rubric.yaml unless told. */
    freshDir(options: { rubric?: boolean } = {}): string {
      const dir = mkdtempSync(join(temp, 'case-'));
      if (options.rubric !== false) {
        copyFileSync(fixture('assess', 'small-rubric.yaml'), join(dir, 'small-rubric.yaml'));
      }
      return dir;
    },

    /**
     * `maturity assess ARGS` in a new terminal, in `dir`, without colour and not under npm (so
     * the hints say `maturity`, not `npx maturity`). Without `exec`, the shell prints the exit
     * code afterwards (`EXIT=n`) and keeps the pane open for reading.
     */
    assess(dir: string, args: string[], options: AssessOptions = {}): Terminal {
      const command = ['node', BIN, 'assess', ...args].map(shellQuote).join(' ');
      const env = 'env -u FORCE_COLOR -u npm_command -u npm_lifecycle_event NO_COLOR=1';
      const run = `cd ${shellQuote(dir)} && exec ${env} ${command}`;
      const terminal = new Terminal(options.exec ? run : `(${run}); echo "EXIT=$?"; sleep 600`, {
        width: options.width ?? 120,
        height: options.height ?? 40,
      });
      open.push(terminal);
      return terminal;
    },
  };
}

/** `n` presses of the down arrow. */
export const DOWN = (n: number): string[] => Array.from({ length: n }, () => 'Down');

/** Waits for the prompt of question `n` (its progress label ends a line), then types `keys`. */
export async function answer(terminal: Terminal, n: number, of: number, ...keys: string[]) {
  await terminal.waitFor(new RegExp(`question ${n} of ${of}\\n`));
  terminal.send(...keys);
}

const METADATA_LABELS = [
  'Organization:',
  'Unit (team',
  'Respondent (your name):',
  'Role:',
  'Target stage',
];

/** Fills the metadata prompts in order; `undefined` (or a missing value) keeps what is there. */
export async function metadata(
  terminal: Terminal,
  values: readonly (string | undefined)[] = [],
): Promise<void> {
  for (const [i, label] of METADATA_LABELS.entries()) {
    await terminal.waitFor(new RegExp(`\\? ${label.replace(/[()]/g, '\\$&')}`));
    const value = values[i];
    if (value !== undefined) terminal.send({ text: value });
    terminal.send('Enter');
  }
}

/** The exit code the shell printed after the CLI ended. */
export async function exitCode(terminal: Terminal): Promise<number> {
  const screen = await terminal.waitFor(/EXIT=\d+/, { history: true });
  return Number(/EXIT=(\d+)/.exec(screen)![1]);
}
