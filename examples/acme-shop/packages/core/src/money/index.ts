export { Money } from './money';
export { Currency, type CurrencyCode } from './currency';
export { default as format, formatDiscount } from './format';
