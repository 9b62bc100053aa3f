import { ApiList } from '@/features/dashboard/components/apis/api-list';
import '@/features/dashboard/dashboard.css';

export default function DashboardApisRoute() {
  return <ApiList />;
}
