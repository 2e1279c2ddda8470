import React from 'react';
import { formatPrice } from '@shop/core';
import { formatCents } from '@legacy/currency.cjs';
import StockBadge from './StockBadge';

/** Back-office product table; rows are plain objects from `loadStockFile`, or core products. */
export function LegacyProductList({ items, title = 'Products' }) {
  return (
    <table className="legacy-products">
      <caption>{title}</caption>
      <tbody>
        {items.map((item) => (
          <tr key={item.sku}>
            <td>{item.sku}</td>
            <td>{item.name}</td>
            <td>{item.price ? formatPrice(item.price) : formatCents(item.priceCents)}</td>
            <td>
              <StockBadge count={item.stock} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export default LegacyProductList;
