import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadBuiltinRubric } from '../../src/rubric/builtin.js';

/**
 * Writes `count` answers files of the built-in rubric into `dir` (org-00000.yaml, …): answers
 * spread around a level that differs per file, some unanswered, some n/a, some with notes, the
 * same every time. `broken(i)` makes file i invalid (an answer off the scale); `people` gives each a
 * respondent, a role, a date and a target.
 */
export async function writeAnswersFiles(
  dir: string,
  count: number,
  options: { broken?: (i: number) => boolean; people?: boolean } = {},
): Promise<string[]> {
  const rubric = await loadBuiltinRubric('social-business');
  const questions = rubric.stages.flatMap((stage, s) =>
    stage.tenets.flatMap((tenet) => tenet.questions.map((question) => ({ question, s }))),
  );
  mkdirSync(dir, { recursive: true });
  const names: string[] = [];
  for (let i = 0; i < count; i += 1) {
    const level = (i * 7) % 5;
    const lines = [`organization: Org ${i}`, `unit: Unit ${i % 7}`];
    // `people`: who answered, in which role and when (what a team's report shows of its members).
    if (options.people) {
      lines.push(
        `respondent: Person ${i}`,
        `role: ${['sponsor', 'lead', 'analyst'][i % 3]}`,
        `assessedAt: 2026-11-${String(10 + (i % 9)).padStart(2, '0')}`,
        'target: engagement',
      );
    }
    lines.push('answers:');
    questions.forEach(({ question, s }, n) => {
      if ((i + n) % 13 === 0) return;
      if (question.notApplicable && (i + n) % 17 === 0) {
        lines.push(`  ${question.id}: n/a`);
        return;
      }
      const value = Math.max(0, Math.min(4, level - Math.floor(s / 2) + ((i + n) % 3) - 1));
      lines.push(
        n % 5 === 0
          ? `  ${question.id}: { value: ${value}, note: "seen in review ${i}" }`
          : `  ${question.id}: ${value}`,
      );
    });
    if (options.broken?.(i)) lines.push(`  ${questions[0]!.question.id}x: 9`);
    const name = `org-${String(i).padStart(5, '0')}.yaml`;
    writeFileSync(join(dir, name), `${lines.join('\n')}\n`);
    names.push(name);
  }
  return names;
}
