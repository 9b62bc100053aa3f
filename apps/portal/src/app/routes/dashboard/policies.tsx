import { PolicyList } from '@/features/dashboard/components/policies/policy-list';
import '@/features/dashboard/dashboard.css';

export default function DashboardPoliciesRoute() {
  return <PolicyList />;
}
