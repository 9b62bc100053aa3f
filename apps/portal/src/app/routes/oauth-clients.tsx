import { ClientsList } from '@/features/oauth-clients/components/clients-list';
import '@/features/oauth-clients/oauth-clients.css';

export default function OAuthClientsRoute() {
  return <ClientsList />;
}
