import { useParams } from 'react-router-dom';
import { PolicyPage } from '@/features/dashboard/components/policies/policy-pages';
import '@/features/dashboard/dashboard.css';

export default function DashboardPolicyRoute() {
  const { id = '' } = useParams();
  return <PolicyPage id={id} />;
}
