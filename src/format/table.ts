/**
 * Rows of cells as aligned columns, two spaces apart. The last column is not padded, so a long
 * value there (a file path) may run on without misaligning the others.
 */
export function columns(rows: readonly (readonly string[])[]): string[] {
  const widths = (rows[0] ?? []).map((_, i) => Math.max(...rows.map((row) => row[i]!.length)));
  return rows.map((row) =>
    row.map((cell, i) => (i === row.length - 1 ? cell : cell.padEnd(widths[i]!))).join('  '),
  );
}
