import { CatalogueAdminList } from '@/features/dashboard/components/catalogue/catalogue-admin-list';
import '@/features/dashboard/dashboard.css';

export default function DashboardCatalogueRoute() {
  return <CatalogueAdminList />;
}
