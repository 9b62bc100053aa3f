import type { ClientStatus, SubscriptionStatus } from '@portico/contracts';
import type { BadgeTone } from '@/components/ui/badge';

/** How an OAuth client's status and its APIs' statuses read, in the portal and on the Dashboard alike. */

export const CLIENT_STATUS: Record<ClientStatus, { label: string; tone: BadgeTone }> = {
  draft: { label: 'Draft', tone: 'neutral' },
  pending: { label: 'Pending approval', tone: 'warning' },
  active: { label: 'Active', tone: 'success' },
  rejected: { label: 'Rejected', tone: 'danger' },
};

export const SUBSCRIPTION_STATUS: Record<SubscriptionStatus, { label: string; tone: BadgeTone }> = {
  pending: { label: 'Pending approval', tone: 'warning' },
  active: { label: 'Active', tone: 'success' },
  rejected: { label: 'Rejected', tone: 'danger' },
};
