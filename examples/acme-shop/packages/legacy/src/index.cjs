'use strict';

const currency = require('./currency.cjs');
const inventory = require('./inventory.cjs');

module.exports = {
  formatCents: currency.formatCents,
  parseCents: currency.parseCents,
  loadStockFile: inventory.loadStockFile,
  lowStock: inventory.lowStock,
};
