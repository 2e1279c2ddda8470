import { Money } from '@shop/core/money';
import { Product, type ProductProps } from '@shop/core/product';
import type { Sku } from '@shop/core/types';
import { apiUrl } from '../util.js';
import { productListSchema, type ProductDto } from './schemas';

export function toProduct(dto: ProductDto): Product {
  const props: ProductProps = {
    sku: dto.sku as Sku,
    name: dto.name,
    price: Money.fromCents(dto.priceCents, dto.currency),
    category: dto.category,
    stock: dto.stock,
    tags: dto.tags,
  };
  return new Product(props);
}

export async function fetchProducts(signal?: AbortSignal): Promise<Product[]> {
  const response = await fetch(apiUrl('/products'), { signal: signal ?? null });
  if (!response.ok) {
    throw new Error(`GET /products failed with ${response.status}`);
  }
  return productListSchema.parse(await response.json()).map(toProduct);
}
