import { DashboardOverview } from '@/features/dashboard/components/overview/dashboard-overview';
import '@/features/dashboard/dashboard.css';

export default function DashboardOverviewRoute() {
  return <DashboardOverview />;
}
