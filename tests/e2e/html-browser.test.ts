// The HTML reports in a real browser: Debian's chromium, driven by playwright-core (which never
// downloads a browser of its own). One browser launch for the whole file; each report opens from a
// file URL and is checked at 1280 px, at 360 px and printed to A4. Screenshots are kept for people
// under the temp folder (maturity-html-screenshots), never compared.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runMain } from '../helpers/run-main.js';
import { BUILTIN } from '../report/helpers.js';

const CHROMIUM = '/usr/bin/chromium';
const hasChromium = existsSync(CHROMIUM);
const hasPdftotext = spawnSync('pdftotext', ['-v']).error === undefined;
/** Whether this runs in CI: CI set to anything but an empty string, 0 or false. */
const inCI = !['', '0', 'false'].includes(process.env.CI ?? '');
const SCREENSHOTS = join(tmpdir(), 'maturity-html-screenshots');

interface Report {
  name: string;
  args: string[];
  who: string;
  headline: string;
  charts: string[];
  /** Whether every tenet of the rubric shows (score reports), or only the stages (progress). */
  tenets: boolean;
}

const REPORTS: Report[] = [
  {
    name: 'acme',
    args: ['score', 'examples/acme-engagement.yaml'],
    who: 'Acme Corp · Marketing',
    headline: 'Stage 2 of 6 — Presence · index 2.48',
    charts: ['Stage scores against their thresholds', 'Every tenet by stage'],
    tenets: true,
  },
  {
    name: 'team',
    args: ['score', 'examples/team/*.yaml', '--group-by', 'organization'],
    who: 'Contoso Outfitters',
    headline: 'Stage 2 of 6 — Presence · index 2.56',
    charts: [
      'Stage scores against their thresholds',
      'Every tenet by stage',
      "Each respondent's maturity index",
    ],
    tenets: true,
  },
  {
    name: 'history',
    args: ['progress', 'examples/history/*.yaml'],
    who: 'Fabrikam Health · Digital',
    headline: 'Stage 3 of 6 — Engagement · index 3.49',
    charts: ['The maturity index over time', 'Stage scores against their thresholds'],
    tenets: false,
  },
];

/** Smallest rendered size, in CSS pixels, of any text in a chart. */
const LEGIBLE_PX = 9;

/**
 * Texts of the charts that render smaller than LEGIBLE_PX or stick out of their chart's box (where
 * the browser cuts them), as "text: why" lines; empty when every text reads whole.
 */
async function chartTextProblems(page: Page): Promise<string[]> {
  // A string: the tests compile without the DOM's types.
  return page.evaluate(`(() => {
    const problems = [];
    for (const svg of document.querySelectorAll('svg.chart')) {
      const box = svg.getBoundingClientRect();
      const scale = box.width / svg.viewBox.baseVal.width;
      for (const text of svg.querySelectorAll('text')) {
        const size = parseFloat(getComputedStyle(text).fontSize) * scale;
        const r = text.getBoundingClientRect();
        const label = svg.id + ' "' + text.textContent + '"';
        if (size < ${LEGIBLE_PX}) problems.push(label + ': ' + size.toFixed(1) + ' px');
        if (r.left < box.left - 1 || r.right > box.right + 1) problems.push(label + ': cut');
      }
    }
    return problems;
  })()`);
}

// Skipped where chromium (or pdftotext, for the PDF) is missing, except in CI: there a missing
// tool fails the run instead (.ci/run installs both).
describe.skipIf(!(hasChromium && hasPdftotext) && !inCI)('HTML reports in chromium', () => {
  let temp = '';
  let context: BrowserContext | undefined;

  beforeAll(async () => {
    temp = mkdtempSync(join(tmpdir(), 'maturity-html-browser-'));
    mkdirSync(SCREENSHOTS, { recursive: true });
    for (const report of REPORTS) {
      const out = join(temp, `${report.name}.html`);
      const run = await runMain([...report.args, '--format', 'html', '--output', out]);
      expect(run.stderr).toBe('');
      expect(run.code).toBe(0);
    }
    if (!hasChromium) return;
    const { chromium } = await import('playwright-core');
    context = await chromium.launchPersistentContext(join(temp, 'profile'), {
      executablePath: CHROMIUM,
      headless: true,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
      viewport: { width: 1280, height: 900 },
    });
  }, 60_000);

  afterAll(async () => {
    await context?.close();
    if (temp) rmSync(temp, { recursive: true, force: true });
  });

  it('has chromium and pdftotext to run with', () => {
    expect(hasChromium, `${CHROMIUM} is missing, and CI is set: install chromium (.ci/run)`).toBe(
      true,
    );
    expect(hasPdftotext, 'pdftotext is missing, and CI is set: install poppler-utils').toBe(true);
  });

  for (const report of REPORTS) {
    it(`shows the ${report.name} report whole, on a laptop, a phone and A4`, async () => {
      const file = join(temp, `${report.name}.html`);
      const url = pathToFileURL(file).href;
      const page: Page = await context!.newPage();
      const problems: string[] = [];
      const requests: string[] = [];
      page.on('console', (message) => {
        if (message.type() === 'error' || message.type() === 'warning') {
          problems.push(message.text());
        }
      });
      page.on('pageerror', (error) => problems.push(error.message));
      page.on('request', (request) => requests.push(request.url()));
      try {
        await page.goto(url, { waitUntil: 'load' });

        await expect.poll(() => page.locator('h1').first().innerText()).toBe(report.who);
        expect(await page.locator('.headline').first().innerText()).toBe(report.headline);

        // Each chart is an image named by its <title>, described by its text equivalent.
        const titles = await page.locator('svg.chart > title').allTextContents();
        expect(titles).toEqual(report.charts);
        for (const title of report.charts) {
          await expect
            .poll(() => page.getByRole('img', { name: title, exact: true }).count())
            .toBe(1);
        }

        // Every stage in the stage chart's text, every tenet in the table under the heat grid.
        const stageText = (await page.locator('svg.chart').allTextContents()).join('\n');
        for (const stage of BUILTIN.stages) expect(stageText).toContain(stage.name);
        if (report.tenets) {
          const tenets = page.locator('details.data', { hasText: 'Every tenet as a table' });
          await tenets.locator('summary').click();
          const rows = await tenets.locator('tbody th[scope=row]').allInnerTexts();
          expect(rows).toEqual(BUILTIN.stages.flatMap((s) => s.tenets.map((t) => t.title)));
        }
        expect(await chartTextProblems(page)).toEqual([]);
        await page.screenshot({ path: join(SCREENSHOTS, `${report.name}-1280.png`) });
        await page.emulateMedia({ colorScheme: 'dark' });
        await page.screenshot({ path: join(SCREENSHOTS, `${report.name}-1280-dark.png`) });
        await page.emulateMedia({ colorScheme: 'light' });

        // A phone: nothing wider than the screen; wide tables scroll inside their own box.
        await page.setViewportSize({ width: 360, height: 800 });
        await expect
          .poll(() => page.evaluate('document.scrollingElement.scrollWidth'))
          .toBeLessThanOrEqual(360);
        // Every chart's text is legible on the phone and none is cut at the chart's edge.
        expect(await chartTextProblems(page)).toEqual([]);
        await page.screenshot({ path: join(SCREENSHOTS, `${report.name}-360.png`) });
        await page.setViewportSize({ width: 1280, height: 900 });

        // Printed to A4: the organization on the first page.
        const pdf = await page.pdf({ format: 'A4', printBackground: true, tagged: true });
        const pdfFile = join(temp, `${report.name}.pdf`);
        writeFileSync(pdfFile, pdf);
        writeFileSync(join(SCREENSHOTS, `${report.name}.pdf`), pdf);
        const first = spawnSync(
          'pdftotext',
          ['-f', '1', '-l', '1', '-enc', 'UTF-8', pdfFile, '-'],
          {
            encoding: 'utf8',
          },
        );
        expect(first.status).toBe(0);
        expect(first.stdout.replace(/\s+/g, ' ')).toContain(report.who);
        expect(first.stdout.replace(/\s+/g, ' ')).toContain(report.headline);

        expect(problems).toEqual([]);
        // No request of any kind but the page itself.
        expect(requests).toEqual([url]);
      } finally {
        await page.close();
      }
    });
  }
});
