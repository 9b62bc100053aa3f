import { useParams } from 'react-router-dom';
import { ClientPage } from '@/features/oauth-clients/components/client-page/client-page';
import { ClientTokensPanel } from '@/features/tokens/components/client-tokens-panel';
import { TryItPanel } from '@/features/try-it/components/try-it-panel';
import { ClientUsagePanel } from '@/features/usage/components/client-usage-panel';
import '@/features/oauth-clients/oauth-clients.css';
import '@/features/tokens/tokens.css';

export default function OAuthClientRoute() {
  const { id = '' } = useParams();
  return (
    <ClientPage
      id={id}
      usagePanel={<ClientUsagePanel clientId={id} />}
      tryItPanel={<TryItPanel clientId={id} />}
      tokensPanel={<ClientTokensPanel clientId={id} />}
    />
  );
}
