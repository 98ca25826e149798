import { describe, expect, it } from 'vitest';
import { loadBuiltinRubric } from '../../src/rubric/builtin.js';
import { findStageByReference, stageReference } from '../../src/rubric/query.js';

const rubric = await loadBuiltinRubric('social-business');

describe('findStageByReference (--stage)', () => {
  it('finds a stage by number from 1, by id, and by name in any case', () => {
    const found = (value: string) => {
      const match = findStageByReference(rubric, value, '--stage');
      return 'problem' in match ? match.problem : `${match.number} ${match.stage.id}`;
    };
    expect(found('2')).toBe('2 presence');
    expect(found('presence')).toBe('2 presence');
    expect(found('Presence')).toBe('2 presence');
    expect(found('PRESENCE')).toBe('2 presence');
    expect(found(' engagement ')).toBe('3 engagement');
    expect(found('6')).toBe('6 converged');
  });

  it('says why a value names no stage', () => {
    const problem = (value: string) => {
      const match = findStageByReference(rubric, value, '--stage');
      return 'problem' in match ? match.problem : undefined;
    };
    expect(problem('0')).toBe(
      '--stage 0 is not a stage of rubric social-business: its stages are numbered 1 to 6',
    );
    expect(problem('7')).toBe(
      '--stage 7 is not a stage of rubric social-business: its stages are numbered 1 to 6',
    );
    expect(problem('nope')).toBe(
      '--stage "nope" is not a stage of rubric social-business (1 planning, 2 presence, 3 engagement, 4 formalized, 5 strategic, 6 converged)',
    );
    expect(problem('presnce')).toBe(
      '--stage "presnce" is not a stage of rubric social-business (1 planning, 2 presence, 3 engagement, 4 formalized, 5 strategic, 6 converged); did you mean "presence"?',
    );
  });

  it('refuses a name that several stages share, and prefers an exact id', () => {
    const twins = {
      ...rubric,
      stages: [
        { ...rubric.stages[0]!, id: 'one', name: 'Same' },
        { ...rubric.stages[1]!, id: 'same', name: 'Other' },
        { ...rubric.stages[2]!, id: 'three', name: 'SAME' },
      ],
    };
    expect(findStageByReference(twins, 'same', '--stage')).toMatchObject({ number: 2 });
    expect(findStageByReference(twins, 'Same', '--stage')).toEqual({
      problem:
        '--stage "Same" matches 3 stages of rubric social-business (one, same, three); give its id or number',
    });
  });

  it('stageReference (--min-stage, --target) also allows 0 and names in any case', () => {
    expect(stageReference(rubric, '0', '--min-stage')).toEqual({ number: 0 });
    expect(stageReference(rubric, 'presence', '--min-stage')).toEqual({ number: 2 });
    expect(stageReference(rubric, 'Presence', '--min-stage')).toEqual({ number: 2 });
    expect(stageReference(rubric, 'PRESENCE', '--target')).toEqual({ number: 2 });
  });
});
