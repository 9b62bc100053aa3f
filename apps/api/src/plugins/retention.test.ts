import { afterEach, describe, expect, it, vi } from 'vitest';
import { buildTestApp } from '../test/helpers.js';

afterEach(() => {
  vi.useRealTimers();
});

describe('retention plugin', () => {
  it('sweeps a minute after start, then every interval, and never after close', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const app = await buildTestApp({ env: { PORTICO_RETENTION_INTERVAL_MINUTES: '5' } });
    await app.ready();
    const sweep = vi.spyOn(app.services.retention, 'sweep');

    await vi.advanceTimersByTimeAsync(59_000);
    expect(sweep).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(1_000);
    expect(sweep).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(5 * 60_000);
    expect(sweep).toHaveBeenCalledTimes(2);

    await app.close();
    await vi.advanceTimersByTimeAsync(60 * 60_000);
    expect(sweep).toHaveBeenCalledTimes(2);
  });

  it('never sweeps with an interval of 0', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const app = await buildTestApp({ env: { PORTICO_RETENTION_INTERVAL_MINUTES: '0' } });
    await app.ready();
    const sweep = vi.spyOn(app.services.retention, 'sweep');
    await vi.advanceTimersByTimeAsync(24 * 60 * 60_000);
    expect(sweep).not.toHaveBeenCalled();
    await app.close();
  });

  it('logs a failed sweep and keeps its schedule', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const app = await buildTestApp({ env: { PORTICO_RETENTION_INTERVAL_MINUTES: '1' } });
    await app.ready();
    const error = vi.spyOn(app.log, 'error');
    const sweep = vi.spyOn(app.services.retention, 'sweep').mockRejectedValueOnce(new Error('disk full'));

    await vi.advanceTimersByTimeAsync(60_000);
    expect(error).toHaveBeenCalledWith(
      expect.objectContaining({ err: expect.any(Error) }),
      'retention: sweep failed',
    );
    await vi.advanceTimersByTimeAsync(60_000);
    expect(sweep).toHaveBeenCalledTimes(2);
    await app.close();
  });
});
