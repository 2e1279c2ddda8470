export const CSV_SEPARATOR = ',';

function escapeCell(value) {
  const text = value === null || value === undefined ? '' : String(value);
  return /[",\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function toCsvRow(cells) {
  return cells.map(escapeCell).join(CSV_SEPARATOR);
}

export function toCsv(header, rows) {
  return [toCsvRow(header), ...rows.map(toCsvRow)].join('\n') + '\n';
}
