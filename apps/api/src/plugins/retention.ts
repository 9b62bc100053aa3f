import fp from 'fastify-plugin';
import type { SweepCounts } from '../services/retention.js';

/** The first sweep waits this long after start-up, so it never competes with a deploy's warm-up. */
const FIRST_SWEEP_DELAY_MS = 60_000;

/**
 * Runs the retention sweep (`services/retention.ts`) every `config.retention.intervalMs`, one sweep
 * at a time. `onClose` hooks run in reverse registration order, so this one stops the sweep (between
 * two chunks) and waits for it before the database plugin closes the database.
 */
export default fp(
  async (app) => {
    const { intervalMs } = app.config.retention;
    const service = app.services.retention;
    let timer: NodeJS.Timeout | undefined;
    let running: Promise<void> | undefined;
    let closed = false;

    const schedule = (delay: number) => {
      timer = setTimeout(run, delay);
      timer.unref();
    };
    const run = () => {
      running = service
        .sweep()
        .then((counts: SweepCounts) => {
          const deleted = Object.values(counts).reduce((sum, n) => sum + n, 0);
          if (deleted > 0) app.log.info({ deleted: counts }, 'retention: deleted expired rows');
        })
        .catch((err: unknown) => app.log.error({ err }, 'retention: sweep failed'))
        .finally(() => {
          running = undefined;
          if (!closed) schedule(intervalMs);
        });
    };

    if (intervalMs > 0)
      app.addHook('onReady', async () => schedule(Math.min(FIRST_SWEEP_DELAY_MS, intervalMs)));
    app.addHook('onClose', async () => {
      closed = true;
      clearTimeout(timer);
      service.stop();
      await running;
    });
  },
  { name: 'retention', dependencies: ['config', 'database'] },
);
