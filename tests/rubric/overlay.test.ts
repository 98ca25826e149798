import { readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Problem } from '../../src/problems/user-error.js';
import { checkRubricText, MAX_EXTENDS, type RubricCheck } from '../../src/rubric/load.js';
import { findQuestion, findTenet, questionEntries } from '../../src/rubric/query.js';
import type { Rubric } from '../../src/rubric/types.js';
import { tempFolders } from '../helpers/run-cli.js';

const freshDir = tempFolders('overlay');

/** A small plain rubric: two stages, three tenets, four questions, two benchmarks. */
const BASE = `id: base
version: 1.0.0
title: Base model
threshold: 0.7
scale:
  - { value: 0, label: No }
  - { value: 1, label: Partly }
  - { value: 2, label: Yes }
stages:
  - id: start
    name: Start
    tenets:
      - id: basics
        title: Basics
        weight: 2
        questions:
          - id: has-plan
            text: Is there a plan?
          - id: has-budget
            text: Is there a budget?
        moves:
          - Write a plan.
      - id: people
        title: People
        questions:
          - id: has-owner
            text: Is there an owner?
        moves:
          - Name an owner.
  - id: grow
    name: Grow
    tenets:
      - id: reach
        title: Reach
        questions:
          - id: many-teams
            text: Do many teams take part?
        moves:
          - Invite a team.
benchmarks:
  - question: has-plan
    atLeast: 2
    share: 0.3
    statement: 30% have a plan.
  - tenet: reach
    atLeast: 1
    share: 0.5
    statement: Half reach out.
`;

/** The head every overlay of BASE starts with, then `rest`. */
function overlayOf(
  base: string,
  rest = '',
  head = 'id: mine\nversion: 0.1.0\ntitle: Mine\n',
): string {
  return `extends: ${base}\n${head}${rest}`;
}

let folders = 0;

/** Writes files into a fresh folder and checks `main` there, naming files from that folder. */
function check(files: Record<string, string>, main = 'overlay.yaml'): RubricCheck {
  folders += 1;
  const dir = freshDir(String(folders));
  for (const [file, text] of Object.entries(files)) writeFileSync(join(dir, file), text);
  const path = join(dir, main);
  return checkRubricText(readFileSync(path, 'utf8'), main, { path, cwd: dir });
}

function merged(files: Record<string, string>, main = 'overlay.yaml'): Rubric {
  const { rubric, problems } = check(files, main);
  expect(problems).toEqual([]);
  return rubric!;
}

/** 1-based line and column where `needle` starts in `text` (its `nth` occurrence). */
function position(text: string, needle: string, nth = 1): { line: number; column: number } {
  let at = -1;
  for (let i = 0; i < nth; i += 1) at = text.indexOf(needle, at + 1);
  expect(at).toBeGreaterThanOrEqual(0);
  const before = text.slice(0, at).split('\n');
  return { line: before.length, column: before[before.length - 1]!.length + 1 };
}

function messages(problems: readonly Problem[]): string[] {
  return problems.map((problem) => problem.message);
}

describe('merging an overlay: fields', () => {
  it('takes its own id, version and title, and everything else from the base', () => {
    const rubric = merged({ 'base.yaml': BASE, 'overlay.yaml': overlayOf('base.yaml') });
    const plain = merged({ 'base.yaml': BASE }, 'base.yaml');
    expect(rubric).toEqual({ ...plain, id: 'mine', version: '0.1.0', title: 'Mine' });
  });

  it('replaces the fields it gives, at any level, and keeps the others', () => {
    const rubric = merged({
      'base.yaml': BASE,
      'overlay.yaml': overlayOf(
        'base.yaml',
        `threshold: 0.8
stages:
  - id: start
    threshold: 0.6
    tenets:
      - id: basics
        weight: 5
        questions:
          - id: has-budget
            text: Is there a budget for next year?
            notApplicable: true
`,
      ),
    });
    expect(rubric.threshold).toBe(0.8);
    expect(rubric.stages.map((stage) => stage.threshold)).toEqual([0.6, 0.8]);
    const basics = findTenet(rubric, 'basics')!;
    expect(basics.weight).toBe(5);
    expect(basics.title).toBe('Basics');
    expect(basics.moves).toEqual(['Write a plan.']);
    expect(findQuestion(rubric, 'has-budget')!.question).toEqual({
      id: 'has-budget',
      text: 'Is there a budget for next year?',
      weight: 1,
      notApplicable: true,
      scale: rubric.scale,
    });
    expect(findQuestion(rubric, 'has-plan')!.question.text).toBe('Is there a plan?');
    expect(questionEntries(rubric).map((entry) => entry.question.id)).toEqual([
      'has-plan',
      'has-budget',
      'has-owner',
      'many-teams',
    ]);
  });
});

describe('merging an overlay: adding items', () => {
  it('appends new questions, tenets and stages at the end of their lists', () => {
    const rubric = merged({
      'base.yaml': BASE,
      'overlay.yaml': overlayOf(
        'base.yaml',
        `stages:
  - id: start
    tenets:
      - id: basics
        questions:
          - id: has-review
            text: Is the plan reviewed?
      - id: tools
        title: Tools
        questions:
          - id: has-tools
            text: Are there tools?
        moves:
          - Pick a tool.
  - id: lead
    name: Lead
    tenets:
      - id: lead-others
        title: Lead others
        questions:
          - id: teaches
            text: Do you teach others?
        moves:
          - Teach a team.
`,
      ),
    });
    expect(rubric.stages.map((stage) => stage.id)).toEqual(['start', 'grow', 'lead']);
    expect(rubric.stages[0]!.tenets.map((tenet) => tenet.id)).toEqual([
      'basics',
      'people',
      'tools',
    ]);
    expect(findTenet(rubric, 'basics')!.questions.map((q) => q.id)).toEqual([
      'has-plan',
      'has-budget',
      'has-review',
    ]);
    expect(findTenet(rubric, 'tools')!.weight).toBe(1);
    expect(rubric.stages[2]!.threshold).toBe(0.7);
  });
});

describe('merging an overlay: omit', () => {
  it('removes a question, a tenet or a stage with what it holds', () => {
    const rubric = merged({
      'base.yaml': BASE,
      'overlay.yaml': overlayOf('base.yaml', 'omit: [has-budget, people]\n'),
    });
    expect(rubric.stages[0]!.tenets.map((tenet) => tenet.id)).toEqual(['basics']);
    expect(questionEntries(rubric).map((entry) => entry.question.id)).toEqual([
      'has-plan',
      'many-teams',
    ]);
    expect(findQuestion(rubric, 'has-owner')).toBeUndefined();
  });

  it('drops the benchmarks of the base that name what is gone, including what an omitted item held', () => {
    const withoutStage = merged({
      'base.yaml': BASE,
      'overlay.yaml': overlayOf('base.yaml', 'omit: [grow]\n'),
    });
    expect(withoutStage.stages.map((stage) => stage.id)).toEqual(['start']);
    expect(withoutStage.benchmarks.map((b) => b.question ?? b.tenet)).toEqual(['has-plan']);

    const withoutQuestion = merged({
      'base.yaml': BASE,
      'overlay.yaml': overlayOf('base.yaml', 'omit: [has-plan]\n'),
    });
    expect(withoutQuestion.benchmarks.map((b) => b.question ?? b.tenet)).toEqual(['reach']);
  });

  it('applies after merging: an item changed and omitted is gone', () => {
    const rubric = merged({
      'base.yaml': BASE,
      'overlay.yaml': overlayOf(
        'base.yaml',
        `stages:
  - id: start
    tenets:
      - id: people
        weight: 4
omit: [people]
`,
      ),
    });
    expect(findTenet(rubric, 'people')).toBeUndefined();
  });

  it('accepts an id inside an item it omits as well', () => {
    const rubric = merged({
      'base.yaml': BASE,
      'overlay.yaml': overlayOf('base.yaml', 'omit: [grow, many-teams]\n'),
    });
    expect(rubric.stages).toHaveLength(1);
  });
});

describe('merging an overlay: lists without ids are replaced', () => {
  it('replaces the scale, the moves of a tenet and the benchmarks', () => {
    const rubric = merged({
      'base.yaml': BASE,
      'overlay.yaml': overlayOf(
        'base.yaml',
        `scale:
  - { value: 0, label: Never }
  - { value: 1, label: Sometimes }
  - { value: 2, label: Often }
  - { value: 3, label: Always }
stages:
  - id: start
    tenets:
      - id: basics
        moves:
          - Agree a plan with the owner.
benchmarks:
  - question: has-owner
    atLeast: 1
    share: 0.8
    statement: Most have an owner.
`,
      ),
    });
    expect(rubric.scale.map((level) => level.label)).toEqual([
      'Never',
      'Sometimes',
      'Often',
      'Always',
    ]);
    expect(findQuestion(rubric, 'has-plan')!.question.scale).toEqual(rubric.scale);
    expect(findTenet(rubric, 'basics')!.moves).toEqual(['Agree a plan with the owner.']);
    expect(rubric.benchmarks).toEqual([
      { question: 'has-owner', atLeast: 1, share: 0.8, statement: 'Most have an owner.' },
    ]);
  });
});

describe('chains of overlays', () => {
  it('merges an overlay of an overlay, each on top of the one below', () => {
    const { rubric, problems, bases } = check(
      {
        'base.yaml': BASE,
        'middle.yaml': overlayOf(
          'base.yaml',
          `threshold: 0.9
stages:
  - id: start
    tenets:
      - id: basics
        weight: 3
omit: [has-budget]
`,
          'id: middle\nversion: 2.0.0\ntitle: Middle\n',
        ),
        'top.yaml': overlayOf(
          'middle.yaml',
          `stages:
  - id: start
    tenets:
      - id: basics
        title: The basics
`,
          'id: top\nversion: 3.0.0\ntitle: Top\n',
        ),
      },
      'top.yaml',
    );
    expect(problems).toEqual([]);
    expect(rubric).toMatchObject({ id: 'top', version: '3.0.0', title: 'Top', threshold: 0.9 });
    expect(findTenet(rubric!, 'basics')).toMatchObject({ title: 'The basics', weight: 3 });
    expect(findQuestion(rubric!, 'has-budget')).toBeUndefined();
    expect(bases).toEqual([
      { id: 'middle', version: '2.0.0', title: 'Middle' },
      { id: 'base', version: '1.0.0', title: 'Base model' },
    ]);
  });

  it('refuses a cycle, at the extends that closes it', () => {
    const a = overlayOf('b.yaml', '', 'id: a\nversion: 1.0.0\ntitle: A\n');
    const b = overlayOf('a.yaml', '', 'id: b\nversion: 1.0.0\ntitle: B\n');
    const { rubric, problems } = check({ 'a.yaml': a, 'b.yaml': b }, 'a.yaml');
    expect(rubric).toBeUndefined();
    expect(problems).toEqual([
      {
        file: 'b.yaml',
        path: 'extends',
        message: 'a cycle of overlays: a.yaml → b.yaml → a.yaml',
        line: 1,
        column: 10,
      },
    ]);
  });

  it('refuses an overlay of itself, also through a symbolic link', () => {
    const self = check({ 'self.yaml': overlayOf('self.yaml') }, 'self.yaml').problems;
    expect(messages(self)).toEqual(['a cycle of overlays: self.yaml → self.yaml']);

    const dir = freshDir('link');
    writeFileSync(join(dir, 'real.yaml'), overlayOf('link.yaml'));
    symlinkSync(join(dir, 'real.yaml'), join(dir, 'link.yaml'));
    const path = join(dir, 'real.yaml');
    const linked = checkRubricText(readFileSync(path, 'utf8'), 'real.yaml', { path, cwd: dir });
    expect(messages(linked.problems)).toEqual(['a cycle of overlays: real.yaml → link.yaml']);
  });

  /** Overlays o1 … on → base.yaml: `count` levels of extends. */
  function chainOf(count: number): Record<string, string> {
    const files: Record<string, string> = { 'base.yaml': BASE };
    for (let i = 1; i <= count; i += 1) {
      const next = i === count ? 'base.yaml' : `o${i + 1}.yaml`;
      files[`o${i}.yaml`] = overlayOf(next, '', `id: o${i}\nversion: 1.0.${i}\ntitle: O${i}\n`);
    }
    return files;
  }

  it(`accepts a chain of ${MAX_EXTENDS} overlays`, () => {
    expect(MAX_EXTENDS).toBe(8);
    const { rubric, problems, bases } = check(chainOf(8), 'o1.yaml');
    expect(problems).toEqual([]);
    expect(rubric!.id).toBe('o1');
    expect(bases.map((base) => base.id)).toEqual([
      'o2',
      'o3',
      'o4',
      'o5',
      'o6',
      'o7',
      'o8',
      'base',
    ]);
  });

  it('refuses a chain of 9, at the extends that goes one level too deep', () => {
    const { rubric, problems } = check(chainOf(9), 'o1.yaml');
    expect(rubric).toBeUndefined();
    expect(problems).toEqual([
      {
        file: 'o9.yaml',
        path: 'extends',
        message:
          'too many levels of extends, more than 8: o1.yaml → o2.yaml → o3.yaml → o4.yaml → o5.yaml → o6.yaml → o7.yaml → o8.yaml → o9.yaml → base.yaml',
        line: 1,
        column: 10,
      },
    ]);
  });
});

describe('problems of an overlay point at the file that wrote the node', () => {
  it('an unknown key in the overlay: its line and column, its path in the overlay, a suggestion', () => {
    const overlay = overlayOf(
      'base.yaml',
      `threshold: 70
stages:
  - id: grow
    tenets:
      - id: reach
        wieght: 5
        questions:
          - id: many-teams
            notAplicable: true
`,
    );
    const { problems } = check({ 'base.yaml': BASE, 'overlay.yaml': overlay });
    expect(problems).toEqual([
      {
        file: 'overlay.yaml',
        path: 'threshold',
        message: 'threshold is a share between 0 and 1; did you mean 0.7?',
        ...position(overlay, '70'),
      },
      {
        file: 'overlay.yaml',
        path: 'stages.0.tenets.0.wieght',
        message: 'unknown key "wieght"; did you mean "weight"?',
        ...position(overlay, 'wieght'),
      },
      {
        file: 'overlay.yaml',
        path: 'stages.0.tenets.0.questions.0.notAplicable',
        message: 'unknown key "notAplicable"; did you mean "notApplicable"?',
        ...position(overlay, 'notAplicable'),
      },
    ]);
  });

  it('a bad value the overlay gives to an item of the base: the overlay, with its own path', () => {
    const overlay = overlayOf(
      'base.yaml',
      'stages:\n  - id: grow\n    tenets:\n      - id: reach\n        weight: 0\n',
    );
    const { problems } = check({ 'base.yaml': BASE, 'overlay.yaml': overlay });
    expect(problems).toEqual([
      {
        file: 'overlay.yaml',
        path: 'stages.0.tenets.0.weight',
        message: 'weight must be greater than 0',
        line: position(overlay, 'weight: 0').line,
        column: position(overlay, 'weight: 0').column + 'weight: '.length,
      },
    ]);
  });

  it('a problem of the base: the base, with its own path', () => {
    const base = BASE.replace('        weight: 2\n', '        weight: -2\n        colour: red\n');
    const { problems } = check({ 'base.yaml': base, 'overlay.yaml': overlayOf('base.yaml') });
    expect(problems).toEqual([
      {
        file: 'base.yaml',
        path: 'stages.0.tenets.0.weight',
        message: 'weight must be greater than 0',
        ...position(base, '-2'),
      },
      {
        file: 'base.yaml',
        path: 'stages.0.tenets.0.colour',
        message: 'unknown key "colour"',
        ...position(base, 'colour'),
      },
    ]);
  });

  it("the overlay's own problems come first, then the base's", () => {
    const base = BASE.replace('title: Base model\n', '');
    const overlay = overlayOf('base.yaml', 'author: me\n');
    const { problems } = check({ 'base.yaml': base, 'overlay.yaml': overlay });
    expect(problems.map((p) => `${p.file}:${p.line}:${p.column}: ${p.message}`)).toEqual([
      'overlay.yaml:5:1: unknown key "author"',
      'base.yaml:1:1: missing required field "title"',
    ]);
  });

  it('a syntax error in the base: the base', () => {
    const { problems } = check({
      'base.yaml': 'id: [unclosed\n',
      'overlay.yaml': overlayOf('base.yaml'),
    });
    expect(problems).toHaveLength(1);
    expect(problems[0]!.file).toBe('base.yaml');
  });

  it('an id the overlay adds that the base already uses elsewhere: the overlay, naming the base line', () => {
    const overlay = overlayOf(
      'base.yaml',
      `stages:
  - id: grow
    tenets:
      - id: reach
        questions:
          - id: has-owner
            text: Who owns reaching out?
`,
    );
    const { problems } = check({ 'base.yaml': BASE, 'overlay.yaml': overlay });
    expect(problems).toEqual([
      {
        file: 'overlay.yaml',
        path: 'stages.0.tenets.0.questions.0.id',
        message: `duplicate question id "has-owner" (first used in base.yaml on line ${position(BASE, 'has-owner').line})`,
        ...position(overlay, 'has-owner'),
      },
    ]);
  });
});

describe('changes the base cannot take', () => {
  it('an id the base lacks, without what a new item needs: says so, with the closest id', () => {
    const overlay = overlayOf(
      'base.yaml',
      `stages:
  - id: start
    tenets:
      - id: basic
        weight: 5
        questions:
          - id: has-plan
            text: Is there a written plan?
`,
    );
    const { problems } = check({ 'base.yaml': BASE, 'overlay.yaml': overlay });
    // One problem, not one per missing field.
    expect(problems).toEqual([
      {
        file: 'overlay.yaml',
        path: 'stages.0.tenets.0.id',
        message: 'no tenet "basic" in base; did you mean "basics"?',
        ...position(overlay, 'basic'),
      },
    ]);
  });

  it('an id far from every id of the base: says what a new item needs', () => {
    const overlay = overlayOf(
      'base.yaml',
      'stages:\n  - id: start\n    tenets:\n      - id: governance\n        weight: 5\n',
    );
    const { problems } = check({ 'base.yaml': BASE, 'overlay.yaml': overlay });
    expect(messages(problems)).toEqual([
      'no tenet "governance" in base; a new tenet needs "title", "questions" and "moves"',
    ]);
  });

  it('an id of the base in another place: says where it is', () => {
    const overlay = overlayOf(
      'base.yaml',
      'stages:\n  - id: grow\n    tenets:\n      - id: people\n        weight: 5\n',
    );
    const { problems } = check({ 'base.yaml': BASE, 'overlay.yaml': overlay });
    expect(messages(problems)).toEqual([
      'tenet "people" of base is in stage "start"; change it there',
    ]);
  });

  it('a misspelt stage: one problem for it, none for the items inside', () => {
    const overlay = overlayOf(
      'base.yaml',
      'stages:\n  - id: strat\n    tenets:\n      - id: basics\n        weight: 5\n',
    );
    const { problems } = check({ 'base.yaml': BASE, 'overlay.yaml': overlay });
    expect(messages(problems)).toEqual(['no stage "strat" in base; did you mean "start"?']);
  });

  it('a new question without text inside a tenet of the base', () => {
    const overlay = overlayOf(
      'base.yaml',
      `stages:
  - id: start
    tenets:
      - id: basics
        questions:
          - id: has-a-plan
            weight: 2
`,
    );
    const { problems } = check({ 'base.yaml': BASE, 'overlay.yaml': overlay });
    expect(messages(problems)).toEqual([
      'no question "has-a-plan" in base; did you mean "has-plan"?',
    ]);
  });

  it('an item listed twice in one list', () => {
    const overlay = overlayOf(
      'base.yaml',
      `stages:
  - id: start
    tenets:
      - id: basics
        weight: 3
      - id: basics
        weight: 4
`,
    );
    const { problems } = check({ 'base.yaml': BASE, 'overlay.yaml': overlay });
    expect(problems).toEqual([
      {
        file: 'overlay.yaml',
        path: 'stages.0.tenets.1.id',
        message: 'tenet "basics" is listed twice here; write its changes once',
        ...position(overlay, 'basics', 2),
      },
    ]);
  });

  it('an unknown id in omit, with the closest id of the merged rubric', () => {
    const overlay = overlayOf(
      'base.yaml',
      'omit:\n  - has-budget\n  - has-budgte\n  - nothing-like-it\n',
    );
    const { problems } = check({ 'base.yaml': BASE, 'overlay.yaml': overlay });
    expect(problems).toEqual([
      {
        file: 'overlay.yaml',
        path: 'omit.1',
        message: 'no stage, tenet or question "has-budgte" to omit; did you mean "has-budget"?',
        ...position(overlay, 'has-budgte'),
      },
      {
        file: 'overlay.yaml',
        path: 'omit.2',
        message: 'no stage, tenet or question "nothing-like-it" to omit',
        ...position(overlay, 'nothing-like-it'),
      },
    ]);
  });

  it('omitting every question of a tenet: points at omit and says what to do instead', () => {
    const overlay = overlayOf('base.yaml', 'omit: [has-plan, has-budget]\n');
    const { problems } = check({ 'base.yaml': BASE, 'overlay.yaml': overlay });
    expect(problems).toEqual([
      {
        file: 'overlay.yaml',
        path: 'omit.0',
        message: 'omit leaves tenet "basics" without questions; omit the tenet instead',
        ...position(overlay, 'has-plan'),
      },
    ]);
  });

  it('omitting every stage', () => {
    const overlay = overlayOf('base.yaml', 'omit: [start, grow]\n');
    const { problems } = check({ 'base.yaml': BASE, 'overlay.yaml': overlay });
    expect(messages(problems)).toEqual(['omit leaves the rubric without stages']);
  });

  it("a benchmark the overlay writes about an id it omits is the overlay's mistake", () => {
    const overlay = overlayOf(
      'base.yaml',
      `benchmarks:
  - question: has-budget
    atLeast: 1
    share: 0.4
    statement: 40% have a budget.
omit: [has-budget]
`,
    );
    const { problems } = check({ 'base.yaml': BASE, 'overlay.yaml': overlay });
    expect(problems).toEqual([
      {
        file: 'overlay.yaml',
        path: 'benchmarks.0.question',
        message: 'benchmark names unknown question "has-budget"',
        ...position(overlay, 'has-budget'),
      },
    ]);
  });

  it('an overlay needs its own id, version and title', () => {
    const { problems } = check({
      'base.yaml': BASE,
      'overlay.yaml': 'extends: base.yaml\nthreshold: 0.8\n',
    });
    expect(messages(problems)).toEqual([
      'missing required field "id"',
      'missing required field "version"',
      'missing required field "title"',
    ]);
    const same = check({
      'base.yaml': BASE,
      'overlay.yaml': overlayOf('base.yaml', '', 'id: base\nversion: 1.1.0\ntitle: Mine\n'),
    });
    expect(messages(same.problems)).toEqual([
      'an overlay needs an id of its own: "base" is the id of the rubric it extends',
    ]);
  });

  it('extends must name a built-in or a file', () => {
    const unknown = check({ 'overlay.yaml': overlayOf('social-busines') }).problems;
    expect(unknown).toEqual([
      {
        file: 'overlay.yaml',
        path: 'extends',
        message:
          'unknown rubric "social-busines": not a built-in rubric (social-business, social-business-quick) and no such file; did you mean "social-business"?',
        line: 1,
        column: 10,
      },
    ]);
    const missing = check({ 'overlay.yaml': overlayOf('nope/base.yaml') }).problems;
    expect(messages(missing)).toEqual([
      'cannot read the rubric it extends: nope/base.yaml: no such file',
    ]);
    const wrongType = check({ 'overlay.yaml': overlayOf('[1, 2]') }).problems;
    expect(messages(wrongType)).toEqual(['extends must be a string, not a list']);
  });

  it('changes the shape of nothing it cannot merge: a wrong type is one problem', () => {
    const overlay = overlayOf('base.yaml', 'stages: 5\nomit: has-plan\n');
    const { problems } = check({ 'base.yaml': BASE, 'overlay.yaml': overlay });
    expect(messages(problems)).toEqual([
      'stages must be a list, not the number 5',
      'omit must be a list, not the string "has-plan"',
    ]);
  });
});

describe('files that are not rubrics', () => {
  it('recognises an answers file given as a rubric', () => {
    const text = 'rubric: social-business\norganization: Acme\nanswers:\n  social-listening: 3\n';
    expect(checkRubricText(text, 'team.yaml').problems).toEqual([
      {
        file: 'team.yaml',
        path: '',
        message: 'this looks like an answers file, not a rubric: use maturity score to score it',
        line: 3,
        column: 1,
      },
    ]);
  });

  it('a plain rubric with a percentage threshold gets the hint too, a stage threshold as well', () => {
    const text = BASE.replace('threshold: 0.7', 'threshold: 75').replace(
      '    name: Grow\n',
      '    name: Grow\n    threshold: 100\n',
    );
    expect(messages(checkRubricText(text, 'base.yaml').problems)).toEqual([
      'threshold is a share between 0 and 1; did you mean 0.75?',
      'threshold is a share between 0 and 1; did you mean 1?',
    ]);
    expect(messages(checkRubricText(BASE.replace('0.7', '1.5'), 'base.yaml').problems)).toEqual([
      'threshold must be greater than 0 and at most 1',
    ]);
  });
});

describe('a plain rubric with a misspelt overlay key', () => {
  it('suggests extends for extend and omit for omitt', () => {
    const text = `${BASE}extend: social-business\nomitt: [has-plan]\n`;
    expect(messages(checkRubricText(text, 'base.yaml').problems)).toEqual([
      'unknown key "extend"; did you mean "extends"?',
      'unknown key "omitt"; did you mean "omit"?',
    ]);
  });
});
