/**
 * Open-addressing hash table from the first 64 bits of a 32-byte hex value to a u32, in
 * typed arrays: 12 bytes per slot instead of a Map entry plus a 64-character string (~100
 * bytes). A prefix match is only a candidate; callers confirm candidates on the full values.
 */
export class PrefixTable {
  private hi: Uint32Array;
  private lo: Uint32Array;
  /** value + 1; 0 marks an empty slot. */
  private values: Uint32Array;
  private used = 0;

  constructor(capacity = 1 << 12) {
    this.hi = new Uint32Array(capacity);
    this.lo = new Uint32Array(capacity);
    this.values = new Uint32Array(capacity);
  }

  /** Bytes held by the table's arrays. */
  get bytes(): number {
    return this.values.length * 12;
  }

  /**
   * Stores `value` under the prefix of `hex` and returns the value it replaced (undefined if
   * the prefix is new). `hex` must start with 16 hex digits (callers check the shape first).
   */
  swap(hex: string, value: number): number | undefined {
    const hi = Number.parseInt(hex.slice(0, 8), 16) >>> 0;
    const lo = Number.parseInt(hex.slice(8, 16), 16) >>> 0;
    if ((this.used + 1) * 4 > this.values.length * 3) this.grow();
    return this.put(hi, lo, value);
  }

  private put(hi: number, lo: number, value: number): number | undefined {
    const mask = this.values.length - 1;
    // lo is uniform for points and hashes, so it is its own hash.
    for (let i = (lo ^ Math.imul(hi, 0x9e3779b1)) & mask; ; i = (i + 1) & mask) {
      const v = this.values[i] as number;
      if (v === 0) {
        this.hi[i] = hi;
        this.lo[i] = lo;
        this.values[i] = value + 1;
        this.used++;
        return undefined;
      }
      if (this.hi[i] === hi && this.lo[i] === lo) {
        this.values[i] = value + 1;
        return v - 1;
      }
    }
  }

  private grow(): void {
    const { hi, lo, values } = this;
    const size = values.length * 2;
    this.hi = new Uint32Array(size);
    this.lo = new Uint32Array(size);
    this.values = new Uint32Array(size);
    this.used = 0;
    for (let i = 0; i < values.length; i++) {
      const v = values[i] as number;
      if (v !== 0) this.put(hi[i] as number, lo[i] as number, v - 1);
    }
  }
}
