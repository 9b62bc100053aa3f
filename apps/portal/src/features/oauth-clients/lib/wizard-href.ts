import { paths } from '@/config/paths';

/**
 * The wizard keeps its place in the URL so a reload (or "Continue setup" from the list) resumes it:
 * `?draft=<id>` once the draft exists, `&step=apis` while its APIs are being changed, `?api=<entry id>`
 * to preselect an API coming from the catalogue.
 */
export function wizardHref(options: { draft?: string; api?: string; step?: 'apis' } = {}): string {
  const params = new URLSearchParams();
  if (options.draft) params.set('draft', options.draft);
  if (options.step) params.set('step', options.step);
  if (options.api) params.set('api', options.api);
  const query = params.toString();
  return query ? `${paths.oauthClients.new.getHref()}?${query}` : paths.oauthClients.new.getHref();
}
