import { ClientWizard } from '@/features/oauth-clients/components/wizard/client-wizard';
import '@/features/oauth-clients/oauth-clients.css';

export default function NewOAuthClientRoute() {
  return <ClientWizard />;
}
