import type { Address } from './address';
import type { Cart, CartLine } from './cart';
import type { Customer } from './customer';
import { Entity } from './entity';
import { Money } from './money';
import { PricingEngine, type Quote } from './pricing/engine';

export enum OrderStatus {
  Pending = 'pending',
  Paid = 'paid',
  Shipped = 'shipped',
  Delivered = 'delivered',
  Cancelled = 'cancelled',
}

const FINAL_STATUSES: ReadonlySet<OrderStatus> = new Set([
  OrderStatus.Delivered,
  OrderStatus.Cancelled,
]);

/** A placed order: a frozen copy of the cart lines and their price quote. */
export class Order extends Entity {
  private _status = OrderStatus.Pending;
  private _paidAmount: Money;

  private constructor(
    id: string,
    readonly customer: Customer,
    readonly lines: readonly CartLine[],
    readonly quote: Quote,
    readonly shipTo?: Address,
  ) {
    super(id);
    this._paidAmount = Money.zero(quote.total.currency);
  }

  static fromCart(
    id: string,
    cart: Cart,
    customer: Customer,
    engine: PricingEngine = new PricingEngine(),
    couponCode?: string,
  ): Order {
    if (cart.isEmpty()) {
      throw new Error('Cannot place an order for an empty cart');
    }
    const quote = engine.quote(cart, customer, couponCode);
    for (const line of cart.items) {
      line.product.reserve(line.quantity);
    }
    const lines = cart.items.map((line) => ({ ...line }));
    cart.clear();
    return new Order(id, customer, lines, quote, customer.shippingAddress);
  }

  get status(): OrderStatus {
    return this._status;
  }

  get total(): Money {
    return this.quote.total;
  }

  get isFinal(): boolean {
    return FINAL_STATUSES.has(this._status);
  }

  pay(amount: Money): void {
    this.transition(OrderStatus.Pending, OrderStatus.Paid);
    if (amount.cents !== this.total.cents) {
      throw new Error(`Expected ${this.total.toString()}, got ${amount.toString()}`);
    }
    this._paidAmount = amount;
  }

  ship(): void {
    this.transition(OrderStatus.Paid, OrderStatus.Shipped);
  }

  deliver(): void {
    this.transition(OrderStatus.Shipped, OrderStatus.Delivered);
  }

  cancel(): Money {
    if (this.isFinal || this._status === OrderStatus.Shipped) {
      throw new Error(`Order ${this.id} can no longer be cancelled`);
    }
    this._status = OrderStatus.Cancelled;
    this.touch();
    return this._paidAmount;
  }

  describe(): string {
    return `Order ${this.id} (${this._status}) for ${this.customer.name}: ${this.total.toString()}`;
  }

  private transition(from: OrderStatus, to: OrderStatus): void {
    if (this._status !== from) {
      throw new Error(`Order ${this.id} is ${this._status}, not ${from}`);
    }
    this._status = to;
    this.touch();
  }
}
