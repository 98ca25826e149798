// The charts of the HTML report: inline SVG drawn from numbers by small pure functions, no library.
// Each chart is an <svg role="img"> labelled by its own <title> and <desc> (the desc is its text
// equivalent), drawn at its natural size on a laptop and scaled down by its viewBox on a phone.
// Colours come from CSS classes, so light mode, dark mode and print restyle every chart at once.

import { percent, percentsAgainst, twoDecimals } from '../../format/numbers.js';
import { html } from '../escape.js';
import { stageNumbers } from '../outline.js';

/** A coordinate with at most one decimal, so the same input always gives the same bytes. */
export function coord(value: number): string {
  const rounded = Math.round(value * 10) / 10;
  return Object.is(rounded, -0) ? '0' : String(rounded);
}

/** A score clamped to [0, 1]. */
function unit(value: number): number {
  return Math.min(1, Math.max(0, value));
}

/**
 * Text shortened to what fits `width` user units at `size` (an average glyph of the system sans
 * is about 0.55 em), with an ellipsis when cut; the whole text stays in the chart's desc.
 */
export function fit(text: string, width: number, size: number): string {
  const room = Math.max(1, Math.floor(width / (size * 0.55)));
  const chars = [...text];
  return chars.length <= room ? text : `${chars.slice(0, room - 1).join('')}…`;
}

/** Text broken into at most `lines` lines of `room` characters at spaces, the last one shortened. */
export function wrapWords(text: string, room: number, lines: number): string[] {
  const out: string[] = [];
  let line = '';
  const words = text.split(/\s+/).filter(Boolean);
  for (let i = 0; i < words.length; i += 1) {
    const word = words[i]!;
    const next = line === '' ? word : `${line} ${word}`;
    if ([...next].length <= room || line === '') {
      line = next;
      continue;
    }
    out.push(line);
    line = word;
    if (out.length === lines - 1) {
      line = words.slice(i).join(' ');
      break;
    }
  }
  if (line !== '') out.push(line);
  return out.map((l, i) =>
    i === out.length - 1 && [...l].length > room ? `${[...l].slice(0, room - 1).join('')}…` : l,
  );
}

/** The opening of a chart: an image labelled by its title and described by its text equivalent. */
function open(
  id: string,
  width: number,
  height: number,
  title: string,
  desc: string,
  className = '',
): string {
  return (
    `<svg class="chart${className ? ` ${className}` : ''}" id="${id}" viewBox="0 0 ${coord(width)} ${coord(height)}" width="${coord(width)}" height="${coord(height)}" role="img" aria-labelledby="${id}-title" aria-describedby="${id}-desc">` +
    `<title id="${id}-title">${html(title)}</title><desc id="${id}-desc">${html(desc)}</desc>`
  );
}

function text(
  x: number,
  y: number,
  content: string,
  className: string,
  anchor?: 'middle' | 'end',
): string {
  const a = anchor ? ` text-anchor="${anchor}"` : '';
  return `<text x="${coord(x)}" y="${coord(y)}" class="${className}"${a}>${html(content)}</text>`;
}

function rect(x: number, y: number, width: number, height: number, className: string): string {
  return `<rect x="${coord(x)}" y="${coord(y)}" width="${coord(width)}" height="${coord(height)}" class="${className}"/>`;
}

function line(x1: number, y1: number, x2: number, y2: number, className: string): string {
  return `<line x1="${coord(x1)}" y1="${coord(y1)}" x2="${coord(x2)}" y2="${coord(y2)}" class="${className}"/>`;
}

/** Where a stage stands, as the stage chart and its table word it. */
export type BarStatus = 'attained' | 'n/a' | 'next' | 'not-attained';

export const STATUS_WORD: Record<BarStatus, string> = {
  attained: 'Attained',
  'n/a': 'n/a',
  next: 'Next',
  'not-attained': 'Not attained',
};

/** A status as a class name ('na' for 'n/a'). */
export function statusClass(status: BarStatus): string {
  return status === 'n/a' ? 'na' : status;
}

export interface StageBar {
  number: number;
  name: string;
  /** null when the stage is n/a. */
  score: number | null;
  threshold: number;
  status: BarStatus;
}

/** The stage chart's size: full-width bars under a line of text, one row per stage. */
export const STAGE_CHART = { width: 840, row: 60, bar: 16 } as const;

/** A bar's geometry: it starts at 0, its width is its score, the threshold is a mark across it. */
export function stageBarGeometry(
  stage: Pick<StageBar, 'score' | 'threshold'>,
  width: number = STAGE_CHART.width,
): { width: number; threshold: number } {
  return { width: unit(stage.score ?? 0) * width, threshold: unit(stage.threshold) * width };
}

/** A tenet's score as shown beside its stage's threshold (69.6% where 70% would read as met). */
function tenetNumber(tenet: { score: number | null; met: boolean }, threshold: number): string {
  return percentsAgainst(tenet.score, threshold, !tenet.met)[0];
}

/** Stage scores as horizontal bars with each stage's threshold marked, and the status in words. */
export function stageBars(id: string, stages: readonly StageBar[], title: string): string {
  const { width, row, bar } = STAGE_CHART;
  const height = stages.length * row + 4;
  const desc = stages
    .map(
      (s) =>
        `Stage ${s.number} ${s.name}: ${stageNumbers(s).join(' against a threshold of ')}, ${STATUS_WORD[s.status].toLowerCase()}.`,
    )
    .join(' ');
  const out = [open(id, width, height, title, desc)];
  stages.forEach((stage, i) => {
    const y = i * row + 4;
    const g = stageBarGeometry(stage);
    const value =
      stage.score === null
        ? 'n/a'
        : `${stageNumbers(stage).join(' of ')} · ${STATUS_WORD[stage.status]}`;
    out.push(`<g class="bar-row s-${statusClass(stage.status)}">`);
    // Names are cut to what fits beside the value even in the phone's larger type (30 units).
    out.push(text(0, y + 22, fit(`${stage.number}  ${stage.name}`, width * 0.45, 30), 'c-label'));
    out.push(text(width, y + 22, value, 'c-value', 'end'));
    out.push(rect(0, y + 32, width, bar, 'c-track'));
    if (g.width > 0) out.push(rect(0, y + 32, g.width, bar, 'c-bar'));
    out.push(line(g.threshold, y + 27, g.threshold, y + 32 + bar + 5, 'c-threshold'));
    out.push('</g>');
  });
  out.push('</svg>');
  return out.join('');
}

export interface GridStage {
  number: number;
  name: string;
  threshold: number;
  /** `met`: scored and not below the stage's threshold (the engine's verdict). */
  tenets: { title: string; score: number | null; met: boolean }[];
}

/** The tenet grid's size: a label column, then one fixed-width cell per tenet of the stage. */
export const TENET_GRID = { width: 840, label: 140, cell: 142, height: 88, gap: 4 } as const;

/** The heat band of a score: 0 (0–20%) to 4 (80–100%), or 'na'. */
export function heatBand(score: number | null): 0 | 1 | 2 | 3 | 4 | 'na' {
  if (score === null) return 'na';
  return Math.min(4, Math.floor(unit(score) * 5 + 1e-9)) as 0 | 1 | 2 | 3 | 4;
}

/**
 * Every tenet by stage as a heat grid: one row per stage in the model's order, one cell per tenet,
 * shaded by its score in five bands, with the score and a ✓ when it meets the stage's threshold,
 * and the title in up to four lines (whole in the cell's tooltip and in the chart's description).
 * A grid rather than a radar: a rubric has 20-odd tenets, which a radar crowds into unreadable
 * spokes and whose area misleads; rows by stage keep the model's order, every tenet stays labelled,
 * and a reader compares cells along a row as they would in a spreadsheet.
 */
export function tenetGrid(id: string, stages: readonly GridStage[], title: string): string {
  const { label, height: cellHeight, gap } = TENET_GRID;
  const most = Math.max(1, ...stages.map((s) => s.tenets.length));
  const cell = Math.min(TENET_GRID.cell, (TENET_GRID.width - label - gap * most) / most);
  const width = label + most * (cell + gap);
  const height = stages.length * (cellHeight + gap);
  const desc = stages
    .map(
      (s) =>
        `Stage ${s.number} ${s.name} (threshold ${percent(s.threshold)}): ${s.tenets
          .map((t) => `${t.title} ${tenetNumber(t, s.threshold)}`)
          .join(', ')}.`,
    )
    .join(' ');
  const out = [open(id, width, height, title, desc)];
  const room = Math.floor((cell - 20) / (11.5 * 0.5));
  stages.forEach((stage, row) => {
    const y = row * (cellHeight + gap);
    out.push(text(0, y + 24, fit(`${stage.number}  ${stage.name}`, label - 10, 15), 'c-label'));
    out.push(text(0, y + 44, `threshold ${percent(stage.threshold)}`, 'c-note'));
    stage.tenets.forEach((tenet, column) => {
      const x = label + column * (cell + gap);
      const band = heatBand(tenet.score);
      const score =
        tenet.score === null
          ? 'n/a'
          : `${tenetNumber(tenet, stage.threshold)}${tenet.met ? ' ✓' : ''}`;
      out.push(`<g class="h-${band}">`);
      out.push(`<title>${html(`${tenet.title}: ${score}`)}</title>`);
      out.push(rect(x, y, cell, cellHeight, 'h-cell'));
      out.push(text(x + 8, y + 22, score, 'h-score'));
      wrapWords(tenet.title, room, 4).forEach((l, i) => {
        out.push(text(x + 8, y + 40 + i * 13, l, 'h-title'));
      });
      out.push('</g>');
    });
  });
  out.push('</svg>');
  return out.join('');
}

export interface IndexPoint {
  date: string;
  index: number;
}

/** The index chart's size: stage lines across, dates along, the plot right of the stage names. */
// Room on the left for "4 Formalized" and on the right for the last date, in the phone's larger type.
export const INDEX_CHART = { width: 840, height: 300, left: 200, right: 64, top: 36, bottom: 48 };

/** Days since 1970 of a YYYY-MM-DD date, for spacing dates by the time between them. */
function dayNumber(date: string): number {
  const [y, m, d] = date.split('-').map(Number);
  return Date.UTC(y ?? 1970, (m ?? 1) - 1, d ?? 1) / 86_400_000;
}

/** Where each point of the index chart sits: x by date (evenly in time), y by the index. */
export function indexGeometry(
  points: readonly IndexPoint[],
  stageCount: number,
): { x: number; y: number }[] {
  const { width, height, left, right, top, bottom } = INDEX_CHART;
  const days = points.map((p) => dayNumber(p.date));
  const first = Math.min(...days);
  const span = Math.max(...days) - first;
  const plot = width - left - right - 40;
  return points.map((p, i) => ({
    x: left + 20 + (span === 0 ? plot / 2 : ((days[i]! - first) / span) * plot),
    y: top + (1 - Math.min(1, Math.max(0, p.index / stageCount))) * (height - top - bottom),
  }));
}

/** The maturity index over time: a line across the stage levels, each point with its value. */
export function indexLine(
  id: string,
  points: readonly IndexPoint[],
  stageNames: readonly string[],
  title: string,
): string {
  const { width, height, left, right, top, bottom } = INDEX_CHART;
  const count = stageNames.length;
  const desc = points.map((p) => `${p.date}: index ${twoDecimals(p.index)}`).join('; ') + '.';
  const out = [open(id, width, height, title, desc, 'index-chart')];
  const yOf = (v: number) => top + (1 - v / count) * (height - top - bottom);
  for (let level = 0; level <= count; level += 1) {
    const y = yOf(level);
    out.push(line(left, y, width - right, y, level === 0 ? 'c-axis' : 'c-grid'));
    const name = level === 0 ? '0' : `${level} ${stageNames[level - 1]}`;
    out.push(text(left - 10, y + 5, fit(name, left - 12, 26), 'c-axis-label', 'end'));
  }
  const at = indexGeometry(points, count);
  if (at.length > 1) {
    const d = at.map((p, i) => `${i === 0 ? 'M' : 'L'}${coord(p.x)} ${coord(p.y)}`).join(' ');
    out.push(`<path d="${d}" class="c-line"/>`);
  }
  at.forEach((p, i) => {
    const point = points[i]!;
    out.push(`<circle cx="${coord(p.x)}" cy="${coord(p.y)}" r="5" class="c-dot"/>`);
    out.push(text(p.x, p.y - 11, twoDecimals(point.index), 'c-value', 'middle'));
    out.push(text(p.x, height - bottom + 30, point.date, 'c-axis-label', 'middle'));
  });
  out.push('</svg>');
  return out.join('');
}

export interface StripRow {
  name: string;
  index: number;
  /** The combined team's row, drawn apart from the respondents. */
  team?: boolean;
}

/** The respondents chart's size: a name column, then the index scale 0 to the number of stages. */
export const STRIP_CHART = { width: 640, label: 200, right: 24, row: 36, top: 30 };

/** Each respondent's maturity index on one scale, the team's combined index last. */
export function memberStrip(
  id: string,
  rows: readonly StripRow[],
  stageCount: number,
  title: string,
): string {
  const { width, label, right, row, top } = STRIP_CHART;
  const height = top + rows.length * row + 6;
  const plot = width - label - right;
  const xOf = (v: number) => label + (Math.min(stageCount, Math.max(0, v)) / stageCount) * plot;
  const desc = rows.map((r) => `${r.name}: index ${twoDecimals(r.index)}`).join('; ') + '.';
  const out = [open(id, width, height, title, desc)];
  for (let level = 0; level <= stageCount; level += 1) {
    const x = xOf(level);
    out.push(line(x, top - 6, x, height - 4, level === 0 ? 'c-axis' : 'c-grid'));
    out.push(text(x, top - 12, String(level), 'c-axis-label', 'middle'));
  }
  rows.forEach((r, i) => {
    const y = top + i * row + row / 2;
    const x = xOf(r.index);
    out.push(`<g class="${r.team ? 'strip-team' : 'strip-member'}">`);
    out.push(text(0, y + 5, fit(r.name, label - 12, 20), r.team ? 'c-name c-team' : 'c-name'));
    out.push(line(label, y, x, y, 'c-stem'));
    out.push(
      r.team
        ? `<rect x="${coord(x - 6)}" y="${coord(y - 6)}" width="12" height="12" transform="rotate(45 ${coord(x)} ${coord(y)})" class="c-dot"/>`
        : `<circle cx="${coord(x)}" cy="${coord(y)}" r="6" class="c-dot"/>`,
    );
    const valueX = x > width - right - 50 ? x - 12 : x + 12;
    out.push(
      text(
        valueX,
        y + 5,
        twoDecimals(r.index),
        'c-value',
        x > width - right - 50 ? 'end' : undefined,
      ),
    );
    out.push('</g>');
  });
  out.push('</svg>');
  return out.join('');
}
