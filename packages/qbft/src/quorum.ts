/** Votes needed to act: ⌈2n/3⌉, written as the spec's `(2n - 1) div 3 + 1`. */
export function quorum(validatorCount: number): number {
  return Math.floor((2 * validatorCount - 1) / 3) + 1;
}

/** Faulty validators tolerated: f = ⌊(n - 1)/3⌋. */
export function faultTolerance(validatorCount: number): number {
  return Math.floor((validatorCount - 1) / 3);
}
