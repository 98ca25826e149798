import { describe, expect, it } from 'vitest';
import { builtinRubricIds, loadBuiltinRubric } from '../../src/rubric/builtin.js';
import { checkRubricText, loadRubricFile } from '../../src/rubric/load.js';
import { plainRubricFile } from '../../src/rubric/normalise.js';
import { plainRubricYaml } from '../../src/rubric/plain-yaml.js';
import { fixture } from '../helpers/run-cli.js';

describe('a rubric as one plain YAML file', () => {
  it.each(builtinRubricIds())(
    '%s: validates on its own and loads as the same rubric',
    async (id) => {
      const rubric = await loadBuiltinRubric(id);
      const yaml = plainRubricYaml(rubric);
      const { rubric: again, problems } = checkRubricText(yaml, `${id}.yaml`);
      expect(problems).toEqual([]);
      expect(again).toEqual(rubric);
      expect(yaml).not.toMatch(/^(extends|omit):/m);
    },
  );

  it('leaves out what the defaults would add back, and keeps what differs from them', () => {
    const rubric = loadRubricFile(fixture('ok', 'rubric-minimal.yaml'));
    const question = { ...rubric.stages[0]!.tenets[0]!.questions[0]! };
    const file = plainRubricFile(rubric);
    expect(file.stages[0]).not.toHaveProperty('threshold');
    expect(file.stages[0]!.tenets[0]).not.toHaveProperty('weight');
    expect(file.stages[0]!.tenets[0]!.questions[0]).toEqual({
      id: 'has-plan',
      text: 'Is there a written plan?',
    });
    expect(file.stages[1]!.threshold).toBe(0.9);
    expect(file.stages[1]!.tenets[0]!.questions[0]).toMatchObject({
      weight: 3,
      notApplicable: true,
      scale: [
        { value: 1, label: 'Rarely' },
        { value: 2, label: 'Sometimes' },
        { value: 3, label: 'Always' },
      ],
    });
    expect(checkRubricText(plainRubricYaml(rubric), 'minimal.yaml').rubric).toEqual(rubric);
    const { benchmarks: _, ...withoutBenchmarks } = rubric;
    expect(plainRubricFile({ ...withoutBenchmarks, benchmarks: [] })).not.toHaveProperty(
      'benchmarks',
    );
    const changed = {
      ...rubric,
      stages: [
        {
          ...rubric.stages[0]!,
          threshold: 0.9,
          tenets: [
            {
              ...rubric.stages[0]!.tenets[0]!,
              weight: 3,
              questions: [
                {
                  ...question,
                  weight: 2,
                  notApplicable: true,
                  scale: [
                    { value: 0, label: 'No' },
                    { value: 5, label: 'Yes' },
                  ],
                },
              ],
            },
          ],
        },
        ...rubric.stages.slice(1),
      ],
    };
    const again = checkRubricText(plainRubricYaml(changed), 'changed.yaml').rubric;
    expect(again).toEqual(changed);
  });

  it('is deterministic and names what an overlay was merged with', async () => {
    const rubric = await loadBuiltinRubric('social-business-quick');
    const bases = [{ id: 'social-business', version: '1.0.0', title: 'Social business maturity' }];
    const yaml = plainRubricYaml(rubric, bases);
    expect(yaml).toBe(plainRubricYaml(rubric, bases));
    expect(yaml.split('\n')[0]).toBe(
      '# social-business-quick 1.0.0 as one plain rubric file (merged with social-business 1.0.0)',
    );
  });
});
