/** Time as the domain sees it: injected, so rules and tests never read the wall clock directly. */
export interface Clock {
  /** Epoch milliseconds. */
  now(): number;
}

export const systemClock: Clock = { now: () => Date.now() };
