import { useMe } from '@portico/sdk/react';
import { Badge } from '@/components/ui/badge';
import { PageHeader } from '@/components/ui/page-header';
import { AccountConsents } from '@/features/account/components/account-consents';
import '@/features/account/account.css';

const dateFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'long', timeStyle: 'short' });

export default function AccountPage() {
  // RequireAuth has loaded the session before this page renders.
  const user = useMe().data?.user;
  if (!user) return null;
  return (
    <div className="account">
      <PageHeader title="Account" description="The details of the account you are signed in with." />
      <dl className="details">
        <div>
          <dt>Name</dt>
          <dd>{user.name}</dd>
        </div>
        <div>
          <dt>Email</dt>
          <dd>{user.email}</dd>
        </div>
        <div>
          <dt>Role</dt>
          <dd>
            <Badge tone={user.role === 'admin' ? 'info' : 'neutral'}>
              {user.role === 'admin' ? 'Admin' : 'Developer'}
            </Badge>
          </dd>
        </div>
        <div>
          <dt>Member since</dt>
          <dd>{dateFormat.format(new Date(user.createdAt))}</dd>
        </div>
        <div>
          <dt>Last login</dt>
          <dd>
            {user.lastLoginAt ? dateFormat.format(new Date(user.lastLoginAt)) : 'This is your first session'}
          </dd>
        </div>
      </dl>
      <AccountConsents />
    </div>
  );
}
