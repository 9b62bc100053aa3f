import { CatalogueList } from '@/features/catalogue/components/catalogue-list';
import '@/features/catalogue/catalogue.css';

export default function CatalogueRoute() {
  return <CatalogueList />;
}
