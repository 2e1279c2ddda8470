import type { EntityId, Identifiable } from './types';

/** Base class of everything that has an identity and a creation time. */
export abstract class Entity<TId extends EntityId = EntityId> implements Identifiable<TId> {
  readonly createdAt: Date;
  updatedAt: Date;

  protected constructor(readonly id: TId, createdAt: Date = new Date()) {
    this.createdAt = createdAt;
    this.updatedAt = createdAt;
  }

  equals(other: Identifiable<TId>): boolean {
    return this.id === other.id;
  }

  protected touch(): void {
    this.updatedAt = new Date();
  }

  abstract describe(): string;
}

export function isEntity(value: unknown): value is Entity {
  return value instanceof Entity;
}
