import seed from '../data/items.json' with { type: 'json' };
import type { Behaviour } from './behaviour.ts';

export interface Item {
  id: number;
  name: string;
  price: number;
  tags: string[];
}

export type NewItem = Omit<Item, 'id'>;

export const seedItems: readonly Item[] = seed;

/** The price `changed` gives item 2: the one JSON field that build differs in. */
export const changedPrice = 19.9;

/** An in-memory store: every app instance starts from its own copy of the seed. */
export class ItemStore {
  readonly #items: Item[];

  constructor(initial: readonly Item[], behaviour: Behaviour) {
    this.#items = initial.map((item) =>
      behaviour === 'changed' && item.id === 2 ? { ...item, price: changedPrice, tags: [...item.tags] } : { ...item, tags: [...item.tags] },
    );
  }

  list(): Item[] {
    return [...this.#items];
  }

  get(id: number): Item | undefined {
    return this.#items.find((item) => item.id === id);
  }

  add(item: NewItem): Item {
    const id = Math.max(0, ...this.#items.map((existing) => existing.id)) + 1;
    const created = { id, ...item };
    this.#items.push(created);
    return created;
  }
}
