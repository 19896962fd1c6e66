/**
 * A map that keeps at most `max` entries, forgetting the least recently used generation first.
 * Entries live in two generations: new and recently read ones in the current one; when it is
 * full it becomes the previous one and the one before is dropped whole. Every operation is O(1).
 * (Evicting a Map's oldest key with `keys().next()` is not: V8 leaves deleted entries in place
 * at the start of the table, and every later `next()` walks over them — 20 µs per eviction at
 * 65,536 entries, 37 µs at 200,000.)
 */
export class BoundedMap<K, V> {
  readonly #generation: number;
  #current = new Map<K, V>();
  #previous = new Map<K, V>();

  constructor(max: number) {
    if (!Number.isInteger(max) || max < 2)
      throw new RangeError(`a bounded map holds at least 2 entries, got ${max}`);
    this.#generation = Math.floor(max / 2);
  }

  get(key: K): V | undefined {
    const value = this.#current.get(key);
    if (value !== undefined || this.#previous.size === 0) return value;
    const old = this.#previous.get(key);
    if (old !== undefined) {
      // Read again: it moves to the current generation.
      this.#previous.delete(key);
      this.#insert(key, old);
    }
    return old;
  }

  has(key: K): boolean {
    return this.#current.has(key) || this.#previous.has(key);
  }

  set(key: K, value: V): this {
    if (this.#current.has(key)) this.#current.set(key, value);
    else {
      this.#previous.delete(key);
      this.#insert(key, value);
    }
    return this;
  }

  delete(key: K): boolean {
    const current = this.#current.delete(key);
    return this.#previous.delete(key) || current;
  }

  clear(): void {
    this.#current = new Map();
    this.#previous = new Map();
  }

  get size(): number {
    return this.#current.size + this.#previous.size;
  }

  #insert(key: K, value: V): void {
    if (this.#current.size >= this.#generation) {
      this.#previous = this.#current;
      this.#current = new Map();
    }
    this.#current.set(key, value);
  }
}
