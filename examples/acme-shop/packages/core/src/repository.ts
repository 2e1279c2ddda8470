import type { EntityId, Identifiable } from './types';

/** A tiny in-memory store for anything with an id. */
export class InMemoryRepository<T extends Identifiable<K>, K extends EntityId = EntityId> {
  protected readonly items = new Map<K, T>();

  save(item: T): T {
    this.items.set(item.id, item);
    return item;
  }

  findById(id: K): T | undefined {
    return this.items.get(id);
  }

  all(): T[] {
    return [...this.items.values()];
  }

  filter(predicate: (item: T) => boolean): T[] {
    return this.all().filter(predicate);
  }

  get size(): number {
    return this.items.size;
  }
}
