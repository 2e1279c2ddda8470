'use strict';

const fs = require('fs');
const path = require('path');
const { parseCents } = require('./currency.cjs');

/** Reads the warehouse's `sku;name;price;stock` export into plain objects. */
function loadStockFile(file) {
  const text = fs.readFileSync(path.resolve(file), 'utf8');
  return text
    .split(/\r?\n/)
    .filter((line) => line.trim() && !line.startsWith('#'))
    .map((line) => {
      const [sku, name, price, stock] = line.split(';');
      return { sku, name, priceCents: parseCents(price), stock: Number(stock) };
    });
}

function lowStock(items, threshold) {
  const limit = threshold === undefined ? 5 : threshold;
  return items.filter((item) => item.stock <= limit);
}

exports.loadStockFile = loadStockFile;
exports.lowStock = lowStock;
