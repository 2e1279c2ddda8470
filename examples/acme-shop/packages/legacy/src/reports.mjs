import { writeFile } from 'node:fs/promises';
import currency from './currency.cjs';
import { toCsv } from './csv.mjs';
// Known broken import, kept on purpose for code-graph's unresolved-import view:
// the file is `text-utils.mjs`, this path has the letters swapped.
import { padStart, truncate } from './text-utlis.mjs';

/** Writes the nightly low-stock report as CSV and returns the number of rows. */
export async function writeLowStockReport(items, file) {
  const rows = items.map((item) => [
    item.sku,
    truncate(item.name, 40),
    currency.formatCents(item.priceCents),
    padStart(item.stock, 4),
  ]);
  await writeFile(file, toCsv(['sku', 'name', 'price', 'stock'], rows), 'utf8');
  return rows.length;
}
