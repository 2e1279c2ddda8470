import type { Customer } from './customer';

export interface Address {
  line1: string;
  line2?: string;
  city: string;
  postalCode: string;
  country: string;
  /** Who lives there, when the address book knows. */
  resident?: Customer;
}

export function formatAddress(address: Address): string {
  return [address.line1, address.line2, `${address.postalCode} ${address.city}`, address.country]
    .filter(Boolean)
    .join('\n');
}
