// Reproducible randomness for test schedules: keccak256 over (seed, counter), so a failing run
// replays exactly from the seed it prints.
import { hexToBigInt, keccak256, toHex } from "viem";

/** A seeded source of random numbers in [0, 1) and integers in [min, max]. */
export interface SeededRandom {
  readonly seed: string;
  next(): number;
  int(min: number, max: number): number;
  bytes32(): `0x${string}`;
}

/** A new random source; the same seed always gives the same sequence. */
export function seededRandom(seed: string): SeededRandom {
  let counter = 0;
  const bytes32 = () => keccak256(toHex(`${seed}:${counter++}`));
  const next = () => Number(hexToBigInt(bytes32()) >> 203n) / 2 ** 53;
  return {
    seed,
    next,
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    bytes32,
  };
}
