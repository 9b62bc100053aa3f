import { AuditLog } from '@/features/dashboard/components/audit/audit-log';
import '@/features/dashboard/dashboard.css';

export default function DashboardAuditRoute() {
  return <AuditLog />;
}
