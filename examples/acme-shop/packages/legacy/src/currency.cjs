'use strict';

const SYMBOLS = { USD: '$', EUR: '€', GBP: '£' };

function formatCents(cents, currency) {
  const code = currency || 'USD';
  const sign = cents < 0 ? '-' : '';
  return sign + (SYMBOLS[code] || code + ' ') + (Math.abs(cents) / 100).toFixed(2);
}

function parseCents(text) {
  const cleaned = String(text).replace(/[^0-9.-]/g, '');
  const value = Number.parseFloat(cleaned);
  if (Number.isNaN(value)) {
    throw new TypeError('Not a price: ' + text);
  }
  return Math.round(value * 100);
}

module.exports = { formatCents, parseCents, SYMBOLS };
