import { useSearchParams } from 'react-router-dom';
import { CreatePolicyPage } from '@/features/dashboard/components/policies/policy-pages';
import '@/features/dashboard/dashboard.css';

export default function DashboardPolicyNewRoute() {
  const [params] = useSearchParams();
  return <CreatePolicyPage apiId={params.get('api') ?? undefined} />;
}
