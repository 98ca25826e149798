import { describe, expect, it } from 'vitest';
import { runMain } from '../helpers/run-main.js';

// Colour is painted after the layout is decided: escape codes take no columns, so a coloured
// report with its escapes stripped is the plain report, byte for byte.

// eslint-disable-next-line no-control-regex -- stripping SGR escape sequences
const strip = (text: string) => text.replace(/\x1b\[[0-9;]*m/g, '');

describe('colour does not change the layout', () => {
  it.each([
    [['score', 'examples/globex-coe-trap.yaml']],
    [['score', 'examples/acme-engagement.yaml', '--target', 'strategic']],
    [['score', 'examples/*.yaml', '--min-stage', '3']],
    [['score', 'examples/team/*.yaml', '--group-by', 'organization']],
    [['progress', 'examples/history/*.yaml']],
    [['rubric', 'show']],
  ])('%j', async (argv) => {
    const coloured = await runMain(argv, { env: { FORCE_COLOR: '1' } });
    const plain = await runMain(argv, { env: { NO_COLOR: '1' } });
    // eslint-disable-next-line no-control-regex -- there must be colour to strip
    expect(coloured.stdout).toMatch(/\x1b\[/);
    expect(strip(coloured.stdout)).toBe(plain.stdout);
  });
});
