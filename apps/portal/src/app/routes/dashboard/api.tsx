import { useParams } from 'react-router-dom';
import { ApiDetailPage } from '@/features/dashboard/components/apis/api-pages';
import { ApiUsagePanel } from '@/features/usage/components/api-usage-panel';
import '@/features/dashboard/dashboard.css';

export default function DashboardApiRoute() {
  const { id = '' } = useParams();
  return <ApiDetailPage id={id} usagePanel={<ApiUsagePanel apiId={id} />} />;
}
