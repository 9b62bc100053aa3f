import { CreateCatalogueEntryPage } from '@/features/dashboard/components/catalogue/catalogue-pages';
import '@/features/dashboard/dashboard.css';

export default function DashboardCatalogueNewRoute() {
  return <CreateCatalogueEntryPage />;
}
