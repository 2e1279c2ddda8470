import type { Customer } from '../customer';
import { Money } from '../money/money';
import { redeemCoupon } from './coupons';

export interface Promotion {
  code: string;
  percentOff: number;
  minSubtotalCents?: number;
  loyaltyOnly?: boolean;
}

export interface PromotionResult {
  discount: Money;
  appliedCodes: string[];
}

function isEligible(promotion: Promotion, subtotal: Money, customer?: Customer): boolean {
  if (promotion.loyaltyOnly && (customer?.loyaltyTier ?? 'none') === 'none') {
    return false;
  }
  return subtotal.cents >= (promotion.minSubtotalCents ?? 0);
}

/** Best automatic promotion plus at most one coupon. */
export function applyPromotions(
  subtotal: Money,
  promotions: readonly Promotion[],
  customer?: Customer,
  couponCode?: string,
): PromotionResult {
  let discount = Money.zero(subtotal.currency);
  const appliedCodes: string[] = [];

  const best = promotions
    .filter((promotion) => isEligible(promotion, subtotal, customer))
    .sort((a, b) => b.percentOff - a.percentOff)[0];
  if (best) {
    discount = discount.add(subtotal.multiply(best.percentOff / 100));
    appliedCodes.push(best.code);
  }

  if (couponCode) {
    const couponDiscount = redeemCoupon(couponCode, subtotal.subtract(discount));
    if (couponDiscount) {
      discount = discount.add(couponDiscount);
      appliedCodes.push(couponCode.toUpperCase());
    }
  }
  return { discount, appliedCodes };
}
