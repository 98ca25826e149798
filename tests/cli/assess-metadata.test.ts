// Collecting a team one respondent at a time: assess pre-fills who answers from flags, and asks for
// the stage aimed for with the metadata (issues 14 and 15).
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadAnswersFile } from '../../src/answers/load.js';
import { fixtureCopies } from '../helpers/run-cli.js';
import { CTRL_C, ENTER, runInTerminal } from '../helpers/run-in-terminal.js';

const fixturesCopy = fixtureCopies('assess-metadata', 'assess');

describe('assess --organization, --unit, --respondent, --role, --target', () => {
  it('pre-fill the file and are not asked again', async () => {
    const dir = fixturesCopy();
    const result = await runInTerminal(
      [
        'assess',
        'dana.yaml',
        '--rubric',
        'small-rubric.yaml',
        '--organization',
        'Acme',
        '--unit',
        'Marketing',
        '--role',
        'Head of social',
        '--respondent',
        'Dana',
        '--target',
        '2',
      ],
      dir,
      [
        ['question 1 of 4', `1${ENTER}`],
        ['question 2 of 4', CTRL_C],
      ],
    );
    expect(result.code).toBe(130);
    expect(result.stdout).not.toContain('Organization:');
    const saved = await loadAnswersFile(join(dir, 'dana.yaml'));
    expect(saved.answers).toMatchObject({
      organization: 'Acme',
      unit: 'Marketing',
      role: 'Head of social',
      respondent: 'Dana',
      target: 'finish', // stage 2 of the small rubric, saved by its id
    });
  });

  it('refuse a target the rubric lacks before asking anything', async () => {
    const dir = fixturesCopy();
    const result = await runInTerminal(
      ['assess', 'x.yaml', '--rubric', 'small-rubric.yaml', '--target', 'nirvana'],
      dir,
    );
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^maturity: --target "nirvana" is not a stage of rubric /);
  });
});

describe('the target is asked with the metadata', () => {
  it('takes an id, a name or a number, saves the stage id, and says what it does not know', async () => {
    const dir = fixturesCopy();
    const result = await runInTerminal(
      ['assess', 'new.yaml', '--rubric', 'small-rubric.yaml'],
      dir,
      [
        ['Organization:', ENTER],
        ['Unit', ENTER],
        ['Respondent', ENTER],
        ['Role:', ENTER],
        // A stage the rubric lacks is refused where it is typed; the number 2 is taken.
        ['Target stage', `nirvana${ENTER}`],
        ['is not a stage of rubric', `${'\x7f'.repeat(7)}2${ENTER}`],
        ['question 1 of 4', CTRL_C],
      ],
    );
    expect(result.code).toBe(130);
    const saved = await loadAnswersFile(join(dir, 'new.yaml'));
    expect(saved.answers!.target).toBe('finish');
  });
});
