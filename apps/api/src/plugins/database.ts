import fp from 'fastify-plugin';
import { type DatabaseHandle, openDatabase } from '../db/client.js';
import { createRepositories, type Repositories } from '../repositories/index.js';
import { createServices, type Services } from '../services/index.js';

declare module 'fastify' {
  interface FastifyInstance {
    /** Low-level handle: for plugins and `/readyz` only. Handlers use `repos` and `services`. */
    database: DatabaseHandle;
    repos: Repositories;
    services: Services;
  }
}

/** Opens the database (running migrations) and decorates the domain layer on the instance. */
export default fp(
  async (app) => {
    const database = openDatabase(app.config.dbFile);
    const repos = createRepositories(database.db);
    // Client authentication caches rely on these triggers: refuse to start without them.
    repos.authzVersion.assertIntact();
    app.decorate('database', database);
    app.decorate('repos', repos);
    app.decorate('services', createServices(repos, app.config, app.log));
    app.addHook('onClose', async () => database.close());
  },
  { name: 'database', dependencies: ['config'] },
);
