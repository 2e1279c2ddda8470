import type { Address } from './address';
import type { Identifiable } from './types';

export type LoyaltyTier = 'none' | 'silver' | 'gold';

export interface Customer extends Identifiable {
  name: string;
  email: string;
  loyaltyTier: LoyaltyTier;
  shippingAddress?: Address;
  billingAddress?: Address;
}

export function displayName(customer: Customer): string {
  return customer.name.trim() || customer.email;
}
