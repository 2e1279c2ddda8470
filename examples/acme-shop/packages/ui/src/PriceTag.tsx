import { formatPrice, money } from '@shop/core';

export interface PriceTagProps {
  price: money.Money;
  compareAt?: money.Money;
  locale?: string;
}

export const PriceTag = ({ price, compareAt, locale }: PriceTagProps) => {
  const onSale = compareAt !== undefined && compareAt.greaterThan(price);
  return (
    <span className={onSale ? 'price price--sale' : 'price'}>
      {onSale && <s className="price__was">{formatPrice(compareAt, locale)}</s>}
      <strong>{formatPrice(price, locale)}</strong>
      {onSale && <em className="price__saving">-{money.formatDiscount(compareAt, price)}</em>}
    </span>
  );
};
