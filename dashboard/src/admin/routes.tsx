import PeopleAltOutlined from '@mui/icons-material/PeopleAltOutlined';
import ManageAccountsOutlined from '@mui/icons-material/ManageAccountsOutlined';
import FactCheckOutlined from '@mui/icons-material/FactCheckOutlined';
import SellOutlined from '@mui/icons-material/SellOutlined';
import { lazy } from 'react';
import { Navigate } from 'react-router';
import type { Area } from '../shell/area';
import { ADMIN_PATHS } from './paths';
import { isAdmin } from './isAdmin';

// Each page is its own chunk, so people who are not admins never download them (the data grid and charts come along).
const AdminUserPage = lazy(() => import('./account/AdminUserPage').then((m) => ({ default: m.AdminUserPage })));
const AuditPage = lazy(() => import('./audit/AuditPage').then((m) => ({ default: m.AuditPage })));
const PeoplePage = lazy(() => import('./people/PeoplePage').then((m) => ({ default: m.PeoplePage })));
const PricesPage = lazy(() => import('./prices/PricesPage').then((m) => ({ default: m.PricesPage })));
const UsersPage = lazy(() => import('./users/UsersPage').then((m) => ({ default: m.UsersPage })));

/** The administrators' pages: every account, one user's account and ledger actions, people, the audit logs, prices. */
export const adminArea: Area = {
  id: 'admin',
  titleId: 'admin.area',
  allows: (me) => isAdmin(me.roles),
  routes: [
    { path: 'admin', element: <Navigate to={ADMIN_PATHS.users} replace /> },
    { path: 'admin/users', element: <UsersPage /> },
    { path: 'admin/users/:userId', element: <AdminUserPage /> },
    { path: 'admin/people', element: <PeoplePage /> },
    { path: 'admin/audit', element: <AuditPage /> },
    { path: 'admin/prices', element: <PricesPage /> },
  ],
  nav: [
    { path: 'admin/users', labelId: 'admin.nav.users', icon: <ManageAccountsOutlined /> },
    { path: 'admin/people', labelId: 'admin.nav.people', icon: <PeopleAltOutlined /> },
    { path: 'admin/audit', labelId: 'admin.nav.audit', icon: <FactCheckOutlined /> },
    { path: 'admin/prices', labelId: 'admin.nav.prices', icon: <SellOutlined /> },
  ],
};
