import { useParams } from 'react-router-dom';
import { CatalogueEntryPage } from '@/features/dashboard/components/catalogue/catalogue-pages';
import '@/features/dashboard/dashboard.css';

export default function DashboardCatalogueEntryRoute() {
  const { id = '' } = useParams();
  return <CatalogueEntryPage id={id} />;
}
