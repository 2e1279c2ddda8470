import { compareByPrice, Product, type ProductCategory } from './product';
import { InMemoryRepository } from './repository';
import type { Sku } from './types';

/** The products on sale, searchable by name, tag and category. */
export class Catalog extends InMemoryRepository<Product, Sku> {
  static of(products: Iterable<Product>): Catalog {
    const catalog = new Catalog();
    for (const product of products) {
      catalog.save(product);
    }
    return catalog;
  }

  search(query: string): Product[] {
    const needle = query.trim().toLowerCase();
    return this.filter(
      (product) =>
        product.name.toLowerCase().includes(needle) ||
        product.tags.some((tag) => tag.toLowerCase() === needle),
    ).sort(compareByPrice);
  }

  byCategory(category: ProductCategory): Product[] {
    return this.filter((product) => product.category === category);
  }

  inStock(): Product[] {
    return this.filter((product) => product.isInStock());
  }
}
