import { CreateApiPage } from '@/features/dashboard/components/apis/api-pages';
import '@/features/dashboard/dashboard.css';

export default function DashboardApiNewRoute() {
  return <CreateApiPage />;
}
