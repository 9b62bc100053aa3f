import { useParams } from 'react-router-dom';
import { EditApiPage } from '@/features/dashboard/components/apis/api-pages';
import '@/features/dashboard/dashboard.css';

export default function DashboardApiEditRoute() {
  const { id = '' } = useParams();
  return <EditApiPage id={id} />;
}
