import { describe, expect, it, vi } from 'vitest';
import { InProcessHangUps } from './in-process-hang-ups.js';

describe('InProcessHangUps', () => {
  it('ends a call the gateway took when its caller hangs up, once', () => {
    const hangUps = new InProcessHangUps();
    const end = vi.fn();
    hangUps.take('call-1', end);
    hangUps.hangUp('call-1');
    hangUps.hangUp('call-1');
    expect(end).toHaveBeenCalledTimes(1);
  });

  it('ends a call at once when its caller hung up before the gateway took it', () => {
    const hangUps = new InProcessHangUps();
    hangUps.hangUp('early');
    const end = vi.fn();
    hangUps.take('early', end);
    expect(end).toHaveBeenCalledTimes(1);
    expect(hangUps.size).toBe(0);
  });

  it('forgets a finished call, and leaves unknown ids alone', () => {
    const hangUps = new InProcessHangUps();
    const end = vi.fn();
    const forget = hangUps.take('done', end);
    forget();
    expect(hangUps.size).toBe(0);
    hangUps.take('other', end);
    hangUps.hangUp('someone-else');
    expect(end).not.toHaveBeenCalled();
  });

  it('forgets early hang-ups whose call never came, after a minute', () => {
    let now = 0;
    const hangUps = new InProcessHangUps(() => now);
    hangUps.hangUp('never');
    now = 61_000;
    hangUps.hangUp('later');
    expect(hangUps.size).toBe(1);
  });
});
