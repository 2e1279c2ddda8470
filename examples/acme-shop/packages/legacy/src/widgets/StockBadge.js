import React from 'react';

export default function StockBadge({ count, lowAt = 5 }) {
  if (count <= 0) {
    return <span className="badge badge--out">Out of stock</span>;
  }
  const level = count <= lowAt ? 'low' : 'ok';
  return <span className={`badge badge--${level}`}>{count} left</span>;
}
