import DashboardOutlined from '@mui/icons-material/DashboardOutlined';
import ReceiptLongOutlined from '@mui/icons-material/ReceiptLongOutlined';
import ShoppingCartOutlined from '@mui/icons-material/ShoppingCartOutlined';
import NotificationsOutlined from '@mui/icons-material/NotificationsOutlined';
import KeyOutlined from '@mui/icons-material/KeyOutlined';
import { lazy } from 'react';
import type { Area } from '../shell/area';
import { accountIdOf } from '../api/me';

// Each page is its own chunk: the charts load with the overview, the data grid with the statement.
const OverviewPage = lazy(() => import('./overview/OverviewPage').then((m) => ({ default: m.OverviewPage })));
const StatementPage = lazy(() => import('./statement/StatementPage').then((m) => ({ default: m.StatementPage })));
const BuyPage = lazy(() => import('./buy/BuyPage').then((m) => ({ default: m.BuyPage })));
const NotificationsPage = lazy(() => import('./notifications/NotificationsPage').then((m) => ({ default: m.NotificationsPage })));
const KeysPage = lazy(() => import('./keys/KeysPage').then((m) => ({ default: m.KeysPage })));

/** The pages of everyone who has a credit account: their own balance, usage, purchases, notifications and keys. */
export const userArea: Area = {
  id: 'user',
  titleId: 'user.area',
  allows: (me) => accountIdOf(me) !== undefined,
  routes: [
    { index: true, element: <OverviewPage /> },
    { path: 'statement', element: <StatementPage /> },
    { path: 'buy', element: <BuyPage /> },
    { path: 'notifications', element: <NotificationsPage /> },
    { path: 'keys', element: <KeysPage /> },
  ],
  nav: [
    { path: '', labelId: 'user.nav.overview', icon: <DashboardOutlined /> },
    { path: 'statement', labelId: 'user.nav.statement', icon: <ReceiptLongOutlined /> },
    { path: 'buy', labelId: 'user.nav.buy', icon: <ShoppingCartOutlined /> },
    { path: 'notifications', labelId: 'user.nav.notifications', icon: <NotificationsOutlined /> },
    { path: 'keys', labelId: 'user.nav.keys', icon: <KeyOutlined /> },
  ],
};
