import { DeveloperList } from '@/features/dashboard/components/developers/developer-list';
import '@/features/dashboard/dashboard.css';

export default function DashboardDevelopersRoute() {
  return <DeveloperList />;
}
