import type { ClientStatus } from '@portico/contracts';
import { Badge } from '@/components/ui/badge';
import { CLIENT_STATUS } from '@/lib/client-labels';

export function ClientStatusBadge({ status }: { status: ClientStatus }) {
  const { label, tone } = CLIENT_STATUS[status];
  return <Badge tone={tone}>{label}</Badge>;
}
