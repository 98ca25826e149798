/**
 * Rows of cells as aligned columns, two spaces apart. The last column is not padded, so a long
 * value there (a file path) may run on without misaligning the others.
 */
export function columns(rows: readonly (readonly string[])[]): string[] {
  const widths = columnWidths(rows);
  return rows.map((row) => alignedRow(row, widths));
}

/** The width of each column of `rows` (loops, not a spread: a summary may have 100,000 rows). */
export function columnWidths(rows: Iterable<readonly string[]>): number[] {
  const widths: number[] = [];
  for (const row of rows) {
    row.forEach((cell, i) => {
      if (cell.length > (widths[i] ?? 0)) widths[i] = cell.length;
    });
  }
  return widths;
}

/** One row laid out in columns of `widths`, two spaces apart, the last one not padded. */
export function alignedRow(row: readonly string[], widths: readonly number[]): string {
  return row.map((cell, i) => (i === row.length - 1 ? cell : cell.padEnd(widths[i]!))).join('  ');
}
