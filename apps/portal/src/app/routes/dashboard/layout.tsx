import { Suspense } from 'react';
import { NavLink, Outlet } from 'react-router-dom';
import { LoadingState } from '@/components/ui/spinner';
import { paths } from '@/config/paths';
import { dashboardSections } from './sections';

export default function DashboardLayout() {
  return (
    <div className="dashboard">
      <nav aria-label="Dashboard" className="sub-nav">
        <ul>
          <li>
            <NavLink to={paths.dashboard.root.getHref()} end>
              Overview
            </NavLink>
          </li>
          {dashboardSections.map((section) => (
            <li key={section.href}>
              <NavLink to={section.href}>{section.label}</NavLink>
            </li>
          ))}
        </ul>
      </nav>
      <div className="dashboard__content">
        {/* Keeps the section menu on screen while a section's chunk loads. */}
        <Suspense fallback={<LoadingState />}>
          <Outlet />
        </Suspense>
      </div>
    </div>
  );
}
