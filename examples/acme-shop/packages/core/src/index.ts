/** Public API of @shop/core. */
export * from './entity';
export * from './product';
export { Cart as ShoppingCart } from './cart';
export type { CartLine } from './cart';
export { Order, OrderStatus } from './order';
export { default as formatPrice } from './money/format';
export * as money from './money';
export type { EntityId, Identifiable, Result, Sku } from './types';
export type { Customer, LoyaltyTier } from './customer';
export { formatAddress, type Address } from './address';
export { Catalog } from './catalog';
export { InMemoryRepository } from './repository';
export { PricingEngine, type Quote } from './pricing/engine';
export type { Promotion } from './pricing/promotions';
