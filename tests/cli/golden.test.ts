import { describe, expect, it } from 'vitest';
import { runMain } from '../helpers/run-main.js';

/** Each example with the headline its report must lead with. */
const EXAMPLES = [
  ['northwind-planning', 'Stage 1 of 6 — Planning · index 1.47'],
  ['globex-coe-trap', 'Stage 0 of 6 — not yet at Planning · index 0.69'],
  ['initech-strategic', 'Stage 5 of 6 — Strategic · index 5.63'],
  ['acme-engagement', 'Stage 2 of 6 — Presence · index 2.48'],
] as const;

describe('golden text reports of the examples', () => {
  it.each(EXAMPLES)('examples/%s.yaml', async (name, headline) => {
    const result = await runMain(['score', `examples/${name}.yaml`]);
    expect(result.code).toBe(0);
    expect(result.stderr).toBe('');
    const lines = result.stdout.split('\n');
    expect(lines).toContain(headline);
    // Readable at 80 columns: count characters (code points), not UTF-16 units.
    const wide = lines.filter((line) => [...line].length > 80);
    expect(wide).toEqual([]);
    await expect(result.stdout).toMatchFileSnapshot(`../golden/${name}.txt`);
  });

  it('the centre-of-excellence example explains the trap', async () => {
    const { stdout } = await runMain(['score', 'examples/globex-coe-trap.yaml']);
    expect(stdout).toMatch(
      /Pitfall: Formalized is attained on top of foundation gaps\. This is\s+the\s+center-of-excellence trap/,
    );
    expect(stdout).toMatch(/Foundation gaps?: Planning/);
    expect(stdout).toMatch(/Ahead: Presence, Engagement, Formalized/);
  });

  it('the other examples have no non-linear notes', async () => {
    for (const [name] of EXAMPLES) {
      if (name === 'globex-coe-trap') continue;
      const { stdout } = await runMain(['score', `examples/${name}.yaml`]);
      expect(stdout).not.toMatch(/Foundation gaps?:|Ahead:|Pitfall|trap/i);
    }
  });
});
