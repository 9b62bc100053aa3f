import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import {
  ErrorResponse,
  IdParams,
  PortalCatalogueEntryDetail,
  PortalCatalogueList,
  PortalCatalogueQuery,
} from '@portico/contracts';

/**
 * `/api/catalogue`: the public API catalogue developers browse. Open to anonymous visitors — it only
 * ever shows public entries, and never upstream URLs or anything about other developers.
 */
const catalogueRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const tags = ['catalogue'];

  app.get(
    '',
    {
      schema: {
        tags,
        summary: 'Public catalogue entries; `q` searches, `authMode=oauth2` keeps what OAuth clients can use',
        querystring: PortalCatalogueQuery,
        response: { 200: PortalCatalogueList, 400: ErrorResponse },
      },
    },
    async (request) => app.services.portalCatalogue.list(request.query),
  );

  app.get(
    '/:id',
    {
      schema: {
        tags,
        summary: 'One public catalogue entry with its Markdown documentation and policy limits',
        params: IdParams,
        response: { 200: PortalCatalogueEntryDetail, 404: ErrorResponse },
      },
    },
    async (request) => app.services.portalCatalogue.get(request.params.id),
  );
};

export default catalogueRoutes;
