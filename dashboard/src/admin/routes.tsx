import PeopleAltOutlined from '@mui/icons-material/PeopleAltOutlined';
import ManageAccountsOutlined from '@mui/icons-material/ManageAccountsOutlined';
import FactCheckOutlined from '@mui/icons-material/FactCheckOutlined';
import SellOutlined from '@mui/icons-material/SellOutlined';
import { Navigate } from 'react-router';
import type { Area } from '../shell/area';
import { AdminUserPage } from './account/AdminUserPage';
import { AuditPage } from './audit/AuditPage';
import { PeoplePage } from './people/PeoplePage';
import { PricesPage } from './prices/PricesPage';
import { UsersPage } from './users/UsersPage';
import { ADMIN_PATHS } from './paths';
import { isAdmin } from './isAdmin';

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
