import { Money } from '../money/money';
import { roundToCents } from './engine';

/** Percent off per coupon code. */
export const COUPONS: Readonly<Record<string, number>> = {
  WELCOME10: 10,
  SPRING15: 15,
  VIP25: 25,
};

export function isValidCoupon(code: string): boolean {
  return code.toUpperCase() in COUPONS;
}

export function redeemCoupon(code: string, amount: Money): Money | undefined {
  const percent = COUPONS[code.toUpperCase()];
  if (percent === undefined) {
    return undefined;
  }
  return Money.fromCents(roundToCents((amount.cents * percent) / 100), amount.currency);
}
