// Regenerates docs/report.png, the screenshot in the README: the HTML report of the Acme example at
// 1280 px in Debian's chromium. Run `npm run build` first; needs /usr/bin/chromium.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';

const temp = mkdtempSync(join(tmpdir(), 'maturity-screenshot-'));
const html = join(temp, 'acme.html');
execFileSync('node', [
  'bin/maturity.cjs',
  'score',
  'examples/acme-engagement.yaml',
  '-f',
  'html',
  '-o',
  html,
]);
const context = await chromium.launchPersistentContext(join(temp, 'profile'), {
  executablePath: '/usr/bin/chromium',
  headless: true,
  args: [
    '--headless',
    '--no-sandbox',
    '--disable-gpu',
    '--disable-background-networking',
    '--no-first-run',
  ],
  viewport: { width: 1280, height: 1240 },
});
const page = await context.newPage();
await page.goto(pathToFileURL(html).href);
await page.screenshot({ path: 'docs/report.png' });
await context.close();
rmSync(temp, { recursive: true, force: true });
console.log('docs/report.png');
