import { ApprovalsQueue } from '@/features/dashboard/components/approvals/approvals-queue';
import '@/features/dashboard/dashboard.css';

export default function DashboardApprovalsRoute() {
  return <ApprovalsQueue />;
}
