import { Link } from 'react-router-dom';
import { buttonClassName } from '@/components/ui/button';
import { PageHeader } from '@/components/ui/page-header';
import { paths } from '@/config/paths';

export default function NotFoundPage() {
  return (
    <div className="route-error">
      <PageHeader
        title="Page not found"
        description="There is nothing at this address. Check the link, or start again from the home page."
      />
      <Link to={paths.home.getHref()} className={buttonClassName({ variant: 'secondary' })}>
        Go to the home page
      </Link>
    </div>
  );
}
