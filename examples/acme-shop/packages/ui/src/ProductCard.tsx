import { memo } from 'react';
import type { Product } from '@shop/core';
import { Button } from './Button';
import { PriceTag } from './PriceTag';

export interface ProductCardProps {
  product: Product;
  onAddToCart?: (product: Product) => void;
}

export const ProductCard = memo(function ProductCard({ product, onAddToCart }: ProductCardProps) {
  const available = product.isInStock();
  return (
    <article className="product-card" data-sku={product.sku}>
      <h3 className="product-card__name">{product.name}</h3>
      <PriceTag price={product.price} />
      <p className="product-card__stock">{available ? `${product.stock} in stock` : 'Sold out'}</p>
      <Button disabled={!available} onClick={() => onAddToCart?.(product)}>
        Add to cart
      </Button>
    </article>
  );
});
