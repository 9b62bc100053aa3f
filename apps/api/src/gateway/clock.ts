/** Epoch milliseconds. Injected everywhere time matters so tests can move time instead of waiting. */
export type Clock = () => number;

export const systemClock: Clock = () => Date.now();

/** A clock tests can set and advance by hand. */
export interface ManualClock extends Clock {
  set(ms: number): void;
  advance(ms: number): void;
}

export function manualClock(start = Date.UTC(2030, 0, 1)): ManualClock {
  let now = start;
  const clock = (() => now) as ManualClock;
  clock.set = (ms) => {
    now = ms;
  };
  clock.advance = (ms) => {
    now += ms;
  };
  return clock;
}
