import { lazy } from 'react';
import { Navigate } from 'react-router';
import AssessmentOutlined from '@mui/icons-material/AssessmentOutlined';
import PaymentsOutlined from '@mui/icons-material/PaymentsOutlined';
import PostAddOutlined from '@mui/icons-material/PostAddOutlined';
import FactCheckOutlined from '@mui/icons-material/FactCheckOutlined';
import CompareArrowsOutlined from '@mui/icons-material/CompareArrowsOutlined';
import type { Area } from '../shell/area';
import { hasRole } from '../api/me';
import { isAdmin } from '../admin';

// Each page is its own chunk, so people without the finance or admin role never download them.
const ReportsPage = lazy(() => import('./reports/ReportsPage').then((m) => ({ default: m.ReportsPage })));
const PurchasesPage = lazy(() => import('./purchases/PurchasesPage').then((m) => ({ default: m.PurchasesPage })));
const ManualPurchasePage = lazy(() => import('./manual/ManualPurchasePage').then((m) => ({ default: m.ManualPurchasePage })));
const ReconciliationPage = lazy(() => import('./reconciliation/ReconciliationPage')
  .then((m) => ({ default: m.ReconciliationPage })));
const ReplayPage = lazy(() => import('./replay/ReplayPage').then((m) => ({ default: m.ReplayPage })));

/**
 * Finance's pages (admins see them too): organisation reports, purchases with refunds and disputes, manual purchases,
 * the audit replay, and the reconciliation with the provider's bill. Nothing here grants or adjusts credits; those are the admin area's.
 */
export const financeArea: Area = {
  id: 'finance',
  titleId: 'finance.area',
  allows: (me) => hasRole(me, 'finance') || isAdmin(me.roles),
  routes: [
    { path: 'finance', element: <Navigate to="/finance/reports" replace /> },
    { path: 'finance/reports', element: <ReportsPage /> },
    { path: 'finance/purchases', element: <PurchasesPage /> },
    { path: 'finance/manual-purchase', element: <ManualPurchasePage /> },
    { path: 'finance/replay', element: <ReplayPage /> },
    { path: 'finance/reconciliation', element: <ReconciliationPage /> },
  ],
  nav: [
    { path: 'finance/reports', labelId: 'finance.nav.reports', icon: <AssessmentOutlined /> },
    { path: 'finance/purchases', labelId: 'finance.nav.purchases', icon: <PaymentsOutlined /> },
    { path: 'finance/manual-purchase', labelId: 'finance.nav.manual', icon: <PostAddOutlined /> },
    { path: 'finance/replay', labelId: 'finance.nav.replay', icon: <FactCheckOutlined /> },
    { path: 'finance/reconciliation', labelId: 'finance.nav.reconciliation', icon: <CompareArrowsOutlined /> },
  ],
};
