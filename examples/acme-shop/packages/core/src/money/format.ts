import { Money } from './money';

/** Locale-aware price label, e.g. `$19.99` or `19,99 €`. */
export default function formatPrice(price: Money, locale = 'en-US'): string {
  return new Intl.NumberFormat(locale, { style: 'currency', currency: price.currency }).format(
    price.cents / 100,
  );
}

export function formatDiscount(original: Money, discounted: Money): string {
  if (original.isZero()) {
    return '0%';
  }
  const saved = original.subtract(discounted);
  return `${Math.round((saved.cents / original.cents) * 100)}%`;
}
