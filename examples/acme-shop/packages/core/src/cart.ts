import { Entity } from './entity';
import type { CurrencyCode } from './money/currency';
import { Money } from './money/money';
import type { Product } from './product';
import type { Sku } from './types';

export interface CartLine {
  readonly product: Product;
  quantity: number;
}

/** A customer's shopping cart: products and quantities, one line per SKU. */
export class Cart extends Entity {
  private readonly lines = new Map<Sku, CartLine>();

  constructor(
    id: string,
    readonly currency: CurrencyCode = 'USD',
  ) {
    super(id);
  }

  add(product: Product, quantity = 1): this {
    if (product.price.currency !== this.currency) {
      throw new TypeError(`${product.sku} is priced in ${product.price.currency}`);
    }
    const line = this.lines.get(product.sku);
    const wanted = (line?.quantity ?? 0) + quantity;
    if (!product.isInStock(wanted)) {
      throw new Error(`Not enough ${product.name} in stock`);
    }
    this.lines.set(product.sku, { product, quantity: wanted });
    this.touch();
    return this;
  }

  remove(sku: Sku): void {
    this.lines.delete(sku);
    this.touch();
  }

  get items(): readonly CartLine[] {
    return [...this.lines.values()];
  }

  get count(): number {
    return this.items.reduce((total, line) => total + line.quantity, 0);
  }

  isEmpty(): boolean {
    return this.lines.size === 0;
  }

  subtotal(): Money {
    return this.items.reduce(
      (sum, line) => sum.add(line.product.price.multiply(line.quantity)),
      Money.zero(this.currency),
    );
  }

  clear(): void {
    this.lines.clear();
    this.touch();
  }

  describe(): string {
    return `Cart ${this.id}: ${this.count} item(s), ${this.subtotal().toString()}`;
  }
}
