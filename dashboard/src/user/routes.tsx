import DashboardOutlined from '@mui/icons-material/DashboardOutlined';
import ReceiptLongOutlined from '@mui/icons-material/ReceiptLongOutlined';
import ShoppingCartOutlined from '@mui/icons-material/ShoppingCartOutlined';
import NotificationsOutlined from '@mui/icons-material/NotificationsOutlined';
import KeyOutlined from '@mui/icons-material/KeyOutlined';
import type { Area } from '../shell/area';
import { accountIdOf } from '../api/me';
import { OverviewPage } from './overview/OverviewPage';
import { StatementPage } from './statement/StatementPage';
import { BuyPage } from './buy/BuyPage';
import { NotificationsPage } from './notifications/NotificationsPage';
import { KeysPage } from './keys/KeysPage';

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
