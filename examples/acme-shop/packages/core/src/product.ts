import { Entity } from './entity';
import { Money } from './money/money';
import type { Sku } from './types';

export type ProductCategory = 'apparel' | 'home' | 'books' | 'toys';

export interface ProductProps {
  sku: Sku;
  name: string;
  price: Money;
  category: ProductCategory;
  stock?: number;
  tags?: readonly string[];
}

/** Something the shop sells; identified by its SKU. */
export class Product extends Entity<Sku> {
  readonly name: string;
  readonly category: ProductCategory;
  readonly tags: readonly string[];
  private _price: Money;
  private _stock: number;

  constructor(props: ProductProps) {
    super(props.sku);
    this.name = props.name;
    this.category = props.category;
    this.tags = props.tags ?? [];
    this._price = props.price;
    this._stock = props.stock ?? 0;
  }

  get sku(): Sku {
    return this.id;
  }

  get price(): Money {
    return this._price;
  }

  get stock(): number {
    return this._stock;
  }

  isInStock(quantity = 1): boolean {
    return this._stock >= quantity;
  }

  reserve(quantity: number): void {
    if (!this.isInStock(quantity)) {
      throw new Error(`Only ${this._stock} of ${this.sku} left`);
    }
    this._stock -= quantity;
    this.touch();
  }

  reprice(price: Money): void {
    this._price = price;
    this.touch();
  }

  describe(): string {
    return `${this.name} (${this.sku}) at ${this._price.toString()}`;
  }
}

export function compareByPrice(a: Product, b: Product): number {
  return a.price.cents - b.price.cents;
}
