/** Shared primitive types of the Acme Shop domain. */

export type EntityId = string;

/** Stock-keeping unit, e.g. `SKU-TSHIRT-RED-M`. */
export type Sku = `SKU-${string}`;

export interface Identifiable<TId = EntityId> {
  readonly id: TId;
}

export type Result<T, E = Error> = { ok: true; value: T } | { ok: false; error: E };

export type Timestamped<T> = T & { readonly createdAt: Date; updatedAt: Date };
