import { escapeControls } from './problems/describe.js';
import { ExitCode, UserError } from './problems/user-error.js';
import type { Io } from './io.js';
import { checkHelpTopic, CommanderError, createProgram } from './cli/program.js';

export type { Io } from './io.js';

/** Exit code for a bug (an error that is not the user's); see the README. */
export const BUG_EXIT_CODE = 70;

/** Runs the CLI with the given arguments and streams; resolves to the process exit code. */
export async function main(io: Io): Promise<number> {
  try {
    let run: (() => Promise<number>) | undefined;
    const program = createProgram(io, (chosen) => {
      run = chosen;
    });
    checkHelpTopic(program, io.argv);
    try {
      await program.parseAsync(io.argv, { from: 'user' });
    } catch (error) {
      if (error instanceof CommanderError) {
        // Help and version exit 0; every parse error is a usage error.
        return error.exitCode === 0 ? ExitCode.ok : ExitCode.usage;
      }
      throw error;
    }
    return run ? await run() : ExitCode.ok;
  } catch (error) {
    if (error instanceof UserError) {
      for (const line of error.lines()) io.stderr.write(`${line}\n`);
      return error.exitCode;
    }
    if (io.env.DEBUG) {
      io.stderr.write(
        `${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
      );
    } else {
      const message = error instanceof Error ? error.message : String(error);
      io.stderr.write(
        `maturity: internal error: ${escapeControls(message.split('\n')[0] ?? '')}\n` +
          'This is a bug in maturity; please report it with the command you ran (DEBUG=1 shows details).\n',
      );
    }
    return BUG_EXIT_CODE;
  }
}
