// Plain-text tables for the terminal: left-aligned columns padded to their widest cell, so the
// output reads the same in a CI log as in a terminal (no colours, no box-drawing).
export function table(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => c.padEnd(widths[i]!))
      .join('  ')
      .trimEnd();
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}

export function int(n: number): string {
  return Math.round(n).toLocaleString('en-US');
}
