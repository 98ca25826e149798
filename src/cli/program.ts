import { Command, CommanderError, Option } from 'commander';
import pkg from '../../package.json' with { type: 'json' };
import { DEFAULT_MOVES } from '../engine/analyse.js';
import { FORMATS } from '../report/index.js';
import { PROGRESS_FORMATS } from '../report/progress/index.js';
import type { Io } from '../io.js';
import { UserError } from '../problems/user-error.js';
import { escapeControls } from '../problems/describe.js';
import {
  runRubricInit,
  runRubricList,
  runRubricSchema,
  runRubricShow,
  runRubricValidate,
} from './rubric.js';
import { runScore } from './score.js';
import { runTemplate } from './template.js';

/** Runs a parsed command and returns its exit code. */
type Run = () => Promise<number>;

function examples(...lines: string[]): string {
  return `\nExamples:\n${lines.map((line) => `  $ ${line}`).join('\n')}\n`;
}

/** Adds one top-level command and its options to the program. */
type Define = (program: Command, io: Io, setRun: (run: Run) => void) => void;

/**
 * Builds the commander program for `io.argv`; the chosen action is handed to `setRun`. The light
 * commands are bundled with the parser: one module loads faster than a chain of small chunks
 * (measured with `npm run bench`). What is heavy (the interview and inquirer, the YAML parser, zod,
 * globbing) is imported only when a command really needs it.
 */
export function createProgram(io: Io, setRun: (run: Run) => void): Command {
  const program = new Command('maturity')
    .description(
      'Assess how mature an organization is against a maturity model, find the gaps and the next moves.',
    )
    .version(pkg.version, '-V, --version', 'print the version')
    .helpOption('-h, --help', 'show help')
    .helpCommand('help [command]', 'show help for a command')
    .exitOverride()
    .configureOutput({
      writeOut: (text) => io.stdout.write(text),
      writeErr: (text) => io.stderr.write(text),
      // Commander prints an error and a suggestion on two lines; users get one, with what they
      // typed escaped (an argument may hold an escape sequence).
      outputError: (text, write) => write(`${escapeControls(oneLine(text))}\n`),
      getOutHelpWidth: () => Math.min(io.stdout.columns ?? 80, 100),
      getErrHelpWidth: () => 80,
    })
    .addHelpText(
      'after',
      examples(
        'maturity score examples/acme-engagement.yaml',
        'maturity assess my-team.yaml',
        'maturity rubric show',
      ) + '\nRun `maturity <command> --help` for the options of a command.\n',
    );

  const only = commandAlone(io.argv);
  for (const [name, define] of Object.entries(COMMANDS)) {
    if (only === undefined || only === name) define(program, io, setRun);
  }
  return program;
}

/**
 * The command that `argv` runs, when it is the only one the program needs: the others are then
 * not built (commander takes a few milliseconds to build them all). Undefined when `argv` may show
 * the list of commands or another command's help, or names no command: then all are built.
 */
export function commandAlone(argv: readonly string[]): string | undefined {
  const first = argv[0];
  if (first === undefined || !Object.hasOwn(COMMANDS, first)) return undefined;
  return argv.some((word) => word === 'help' || word === '-h' || word === '--help')
    ? undefined
    : first;
}

const defineAssess: Define = (program, io, setRun) => {
  program
    .command('assess')
    .description('answer the rubric interactively; saves after every answer, resumable')
    .argument('[answers-file]', 'where to save the answers', 'maturity-answers.yaml')
    .option('--rubric <name|path>', 'built-in rubric name or rubric file')
    .option('--resume', 'walk through a finished file again, with its answers as defaults')
    .option('--force', 'start over, replacing an existing finished file')
    .option(
      '--stage <number|id|name>',
      'start at this stage; with --resume, review only this stage',
    )
    .option('--organization <name>', 'pre-fill the organization (then it is not asked)')
    .option('--unit <name>', 'pre-fill the unit (team, department or region)')
    .option('--respondent <name>', 'pre-fill who answers')
    .option('--role <role>', "pre-fill the respondent's role")
    .option('--target <id|name|number>', 'the stage to aim for, saved in the file')
    .option('--no-color', 'disable colour')
    .addHelpText(
      'after',
      examples(
        'maturity assess',
        'maturity assess team.yaml --resume',
        'maturity assess team.yaml --stage presence',
      ) +
        '\nIt needs a terminal: without one (piped, CI) it exits 2; use `maturity template` and' +
        ' `maturity score` instead.\n--resume and --force cannot be used together.\n' +
        'Exit codes: 0 done · 2 usage or input error · 130 stopped with Ctrl-C (answers saved)\n',
    )
    .action((file: string, options: Record<string, unknown>) =>
      setRun(async () => (await import('./assess.js')).runAssess(io, file, options)),
    );
};

const defineScore: Define = (program, io, setRun) => {
  program
    .command('score')
    .description('score answers files and report stage, gaps and moves')
    .argument(
      '<files...>',
      'answers files, folders (their *.yaml, *.yml, *.json), globs (quote them), or - for stdin',
    )
    .option('--rubric <name|path>', 'built-in rubric name or rubric file (default: from each file)')
    .addOption(
      new Option('-f, --format <format>', 'output format').choices(FORMATS).default('text'),
    )
    .option('-o, --output <file>', 'write the report to a file (atomically) instead of stdout')
    .option('--min-stage <id|name|number>', 'exit 1 when any file is below this stage')
    .option(
      '--min-completeness <percent>',
      'exit 1 when any file has answered less than this share of the questions',
    )
    .option(
      '--target <id|name|number>',
      "the stage to aim for: progress and a phased roadmap (default: each file's target:)",
    )
    .addOption(
      new Option(
        '--group-by <fields>',
        'combine the files of each organization and/or unit into one team result',
      ).choices(['organization', 'unit', 'organization,unit']),
    )
    .addOption(
      new Option(
        '--combine <rule>',
        "how a team's answers combine, with --group-by (default: median)",
      ).choices(['median', 'mean', 'min']),
    )
    .addOption(
      new Option('--moves <n>', 'how many recommended moves to show').default(
        DEFAULT_MOVES,
        String(DEFAULT_MOVES),
      ),
    )
    .option('--strict', 'unanswered questions are errors')
    .option('--no-color', 'disable colour')
    .addHelpText(
      'after',
      examples(
        'maturity score examples/acme-engagement.yaml',
        "maturity score 'answers/*.yaml' --format csv --output summary.csv",
        'maturity score team.yaml --min-stage formalized --format junit -o report.xml',
        "maturity score 'team/*.yaml' --group-by organization",
        'maturity score team.yaml --format html -o report.html',
      ) + exitCodes('--min-stage, --min-completeness'),
    )
    .action((files: string[], options: Record<string, unknown>) =>
      setRun(async () => runScore(io, files, options)),
    );
};

const defineProgress: Define = (program, io, setRun) => {
  program
    .command('progress')
    .description('follow answers files over time: a timeline and what changed since the baseline')
    .argument('<files...>', 'dated answers files or globs (assessedAt: YYYY-MM-DD in each)')
    .option('--rubric <name|path>', 'built-in rubric name or rubric file (default: from each file)')
    .addOption(
      new Option(
        '--combine <rule>',
        'how the files of one date combine into a team (default: median)',
      ).choices(['median', 'mean', 'min']),
    )
    .option('--since <date>', 'compare with the latest assessment on or before this date')
    .option('--target <id|name|number>', 'the stage to aim for (default: from the files)')
    .addOption(
      new Option('-f, --format <format>', 'output format')
        .choices(PROGRESS_FORMATS)
        .default('text'),
    )
    .option('-o, --output <file>', 'write the report to a file (atomically) instead of stdout')
    .option('--fail-on-regression', 'exit 1 when a stage or the index fell since the baseline')
    .option('--no-color', 'disable colour')
    .addHelpText(
      'after',
      examples(
        "maturity progress 'examples/history/*.yaml'",
        "maturity progress 'assessments/*.yaml' --since 2026-01-01 --fail-on-regression",
        "maturity progress 'assessments/*.yaml' --format html -o progress.html",
      ) + exitCodes('--fail-on-regression'),
    )
    .action((files: string[], options: Record<string, unknown>) =>
      setRun(async () => (await import('./progress.js')).runProgress(io, files, options)),
    );
};

const defineTemplate: Define = (program, io, setRun) => {
  program
    .command('template')
    .description('write a blank answers file: every question, the scale in comments')
    .option('--rubric <name|path>', 'built-in rubric name or rubric file')
    .option('-o, --output <file>', 'write to a file instead of stdout')
    .option('--force', 'overwrite an existing output file')
    .option('--organization <name>', 'pre-fill the organization')
    .option('--unit <name>', 'pre-fill the unit (team, department or region)')
    .option('--respondent <name>', 'pre-fill who answers')
    .option('--role <role>', "pre-fill the respondent's role")
    .option('--target <id|name|number>', 'pre-fill the stage to aim for')
    .addHelpText(
      'after',
      examples(
        'maturity template --output team.yaml',
        'maturity template --organization Acme --role "Head of service" -o dana.yaml',
        'maturity score team.yaml',
      ),
    )
    .action((options: Record<string, unknown>) => setRun(async () => runTemplate(io, options)));
};

const defineRubric: Define = (program, io, setRun) => {
  const rubric = program
    .command('rubric')
    .description('list, show, validate and create rubrics')
    .helpCommand('help [command]', 'show help for a rubric command')
    .addHelpText(
      'after',
      examples('maturity rubric list', 'maturity rubric validate my-rubric.yaml'),
    );

  rubric
    .command('list')
    .description('list the built-in rubrics')
    .addOption(
      new Option('-f, --format <format>', 'output format')
        .choices(['text', 'json'])
        .default('text'),
    )
    .addHelpText('after', examples('maturity rubric list'))
    .action((options: Record<string, unknown>) => setRun(async () => runRubricList(io, options)));

  rubric
    .command('show')
    .description(
      'show a rubric as an outline, as normalized JSON, or as one plain YAML rubric file (an overlay merged)',
    )
    .argument('[name|path]', 'built-in rubric name or rubric file', 'social-business')
    .addOption(
      new Option('-f, --format <format>', 'output format')
        .choices(['text', 'json', 'yaml'])
        .default('text'),
    )
    .option('--no-color', 'disable colour')
    .addHelpText(
      'after',
      examples(
        'maturity rubric show',
        'maturity rubric show my-rubric.yaml --format json',
        'maturity rubric show my-overlay.yaml --format yaml > merged.yaml',
      ),
    )
    .action((ref: string, options: Record<string, unknown>) =>
      setRun(async () => runRubricShow(io, ref, options)),
    );

  rubric
    .command('validate')
    .description('check rubric files; every problem with file:line:column')
    .argument('<files...>', 'rubric files')
    .addHelpText('after', examples('maturity rubric validate my-rubric.yaml'))
    .action((files: string[]) => setRun(async () => runRubricValidate(io, files)));

  rubric
    .command('schema')
    .description('print the JSON Schema of rubric files (or of answers files)')
    .option('--answers', 'the schema of answers files instead')
    .addHelpText('after', examples('maturity rubric schema > rubric.schema.json'))
    .action((options: Record<string, unknown>) => setRun(async () => runRubricSchema(io, options)));

  rubric
    .command('init')
    .description(
      'write a starter rubric: a commented skeleton, an overlay of another rubric, or a copy of it',
    )
    .argument('<file>', 'the new rubric file (never overwritten)')
    .option('--from <name|path>', 'write an overlay that extends this rubric')
    .option('--copy', 'with --from: write a full copy instead, with a new id and version')
    .addHelpText(
      'after',
      examples(
        'maturity rubric init my-rubric.yaml',
        'maturity rubric init acme.yaml --from social-business',
        'maturity rubric init mine.yaml --from social-business --copy',
      ),
    )
    .action((file: string, options: Record<string, unknown>) =>
      setRun(async () => runRubricInit(io, file, options)),
    );
};

/** The top-level commands, in the order help lists them. */
const COMMANDS: Record<string, Define> = {
  assess: defineAssess,
  score: defineScore,
  progress: defineProgress,
  template: defineTemplate,
  rubric: defineRubric,
};

/** The exit codes a command's help lists, with the options that make it fail a check. */
function exitCodes(checks: string): string {
  return `\nExit codes: 0 done · 1 a check failed (${checks}) · 2 usage or input error\n`;
}

/**
 * `maturity help nope` and `maturity rubric help nope` are unknown-command errors, like
 * `maturity nope` (commander would print the whole help instead).
 */
export function checkHelpTopic(program: Command, argv: readonly string[]): void {
  let level = program;
  for (let i = 0; i < argv.length; i += 1) {
    const word = argv[i]!;
    if (word.startsWith('-')) return;
    if (word === 'help') {
      const topic = argv[i + 1];
      if (topic === undefined || topic.startsWith('-')) return;
      const names = level.commands.map((c) => c.name()).filter((name) => name !== 'help');
      if (!names.includes(topic)) {
        const where = level === program ? 'maturity' : `maturity ${level.name()}`;
        throw new UserError(
          `maturity: unknown command '${topic}' (the commands of ${where} are ${names.join(', ')})`,
        );
      }
      return;
    }
    const next = level.commands.find((c) => c.name() === word);
    if (!next) return;
    level = next;
  }
}

function oneLine(text: string): string {
  return text
    .trim()
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean)
    .join(' ')
    .replace(/^error: /, 'maturity: ');
}

export { CommanderError };
