import { useParams } from 'react-router-dom';
import { DeveloperPage } from '@/features/dashboard/components/developers/developer-page';
import { DeveloperUsagePanel } from '@/features/usage/components/developer-usage-panel';
import '@/features/dashboard/dashboard.css';

export default function DashboardDeveloperRoute() {
  const { id = '' } = useParams();
  return <DeveloperPage id={id} usagePanel={<DeveloperUsagePanel userId={id} />} />;
}
