import { existsSync } from 'node:fs';
import { join } from 'node:path';
import fastifyStatic from '@fastify/static';
import { ErrorCode, type ErrorResponse } from '@portico/contracts';
import fp from 'fastify-plugin';

/** Paths owned by the server: an unknown one is a JSON 404, never the SPA. */
const SERVER_PREFIXES = ['/api/', '/oauth/', '/.well-known/', '/gw/', '/_echo/', '/docs/'];
const isServerPath = (url: string) => {
  const path = url.split('?', 1)[0] ?? url;
  return SERVER_PREFIXES.some((prefix) => path === prefix.slice(0, -1) || path.startsWith(prefix));
};

/**
 * Serves the built portal from the same port, with history fallback: any other GET that is not a file
 * answers `index.html` so client-side routes such as `/oauth-clients` survive a reload.
 */
export default fp(
  async (app) => {
    const { webDir } = app.config;
    const indexFile = join(webDir, 'index.html');
    const built = existsSync(indexFile);

    if (built) {
      await app.register(fastifyStatic, {
        root: webDir,
        index: ['index.html'],
        wildcard: true,
        // @fastify/static serves dotfiles unless told not to: a folder with a `.env` or `.git` (or the
        // build's own `.vite/manifest.json`) must not publish it.
        dotfiles: 'ignore',
        setHeaders: (reply, path) => {
          // Vite fingerprints everything under assets/, so it can be cached forever; index.html never.
          reply.header(
            'cache-control',
            path.startsWith(join(webDir, 'assets')) ? 'public, max-age=31536000, immutable' : 'no-cache',
          );
        },
      });
    } else {
      app.log.warn({ webDir }, 'portal build not found; the SPA will answer 503 until it is built');
    }

    app.setNotFoundHandler((request, reply) => {
      const wantsSpa = (request.method === 'GET' || request.method === 'HEAD') && !isServerPath(request.url);
      if (!wantsSpa) {
        const body: ErrorResponse = {
          error: ErrorCode.notFound,
          message: `No route for ${request.method} ${request.url.split('?', 1)[0]}.`,
        };
        return reply.status(404).send(body);
      }
      if (!built) {
        return reply
          .status(503)
          .type('text/plain; charset=utf-8')
          .send(
            `The Portico portal is not built (no ${indexFile}).\n` +
              'Run `pnpm build` (or `pnpm start`, which builds it), or set PORTICO_WEB_DIR to the portal build.\n',
          );
      }
      return reply.header('cache-control', 'no-cache').sendFile('index.html');
    });
  },
  { name: 'spa', dependencies: ['config'] },
);
