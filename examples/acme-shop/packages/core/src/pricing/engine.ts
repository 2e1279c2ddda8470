import type { Cart } from '../cart';
import type { Customer } from '../customer';
import { Money } from '../money/money';
import { applyPromotions, type Promotion } from './promotions';

export interface Quote {
  subtotal: Money;
  discount: Money;
  shipping: Money;
  total: Money;
  appliedCodes: string[];
}

export const FREE_SHIPPING_THRESHOLD_CENTS = 5_000;
export const FLAT_SHIPPING_CENTS = 495;

export function roundToCents(value: number): number {
  return Math.round(value);
}

/** Turns a cart into a price quote: promotions, coupons and shipping. */
export class PricingEngine {
  constructor(private readonly promotions: readonly Promotion[] = []) {}

  quote(cart: Cart, customer?: Customer, couponCode?: string): Quote {
    const subtotal = cart.subtotal();
    const { discount, appliedCodes } = applyPromotions(
      subtotal,
      this.promotions,
      customer,
      couponCode,
    );
    const discounted = subtotal.subtract(discount);
    const shipping = this.shippingFor(discounted);
    return { subtotal, discount, shipping, total: discounted.add(shipping), appliedCodes };
  }

  shippingFor(amount: Money): Money {
    if (amount.isZero() || amount.cents >= FREE_SHIPPING_THRESHOLD_CENTS) {
      return Money.zero(amount.currency);
    }
    return Money.fromCents(FLAT_SHIPPING_CENTS, amount.currency);
  }
}
