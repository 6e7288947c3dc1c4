import { Suspense, useState } from 'react';
import { Box, Link as MuiLink, Toolbar } from '@mui/material';
import { Outlet } from 'react-router';
import { FormattedMessage } from 'react-intl';
import { MeContext, useMeQuery } from '../api/me';
import { ErrorState } from '../common/ErrorState';
import { LoadingState } from '../common/LoadingState';
import { areas, visibleAreas } from './areas';
import { SideNav } from './SideNav';
import { TopBar } from './TopBar';

const DRAWER_WIDTH = 240;

/** The MUI dashboard template's layout: side navigation, app bar, and the page in the main area. */
export function AppShell() {
  const me = useMeQuery();
  const [mobileOpen, setMobileOpen] = useState(false);
  if (me.isPending) {
    return <Box sx={{ p: 4 }}><LoadingState lines={4} /></Box>;
  }
  if (me.isError) {
    return <Box sx={{ p: 4 }}><ErrorState error={me.error} onRetry={() => void me.refetch()} /></Box>;
  }
  const visible = visibleAreas(areas, me.data);
  return (
    <MeContext.Provider value={me.data}>
      <Box sx={{ display: 'flex', minHeight: '100vh' }}>
        <MuiLink
          href="#main"
          sx={{ position: 'absolute', left: -10000, '&:focus': { left: 8, top: 8, zIndex: 2000, bgcolor: 'background.paper', p: 1 } }}
        >
          <FormattedMessage id="shell.skipToContent" />
        </MuiLink>
        <TopBar drawerWidth={DRAWER_WIDTH} onOpenNav={() => setMobileOpen(true)} />
        <SideNav areas={visible} width={DRAWER_WIDTH} mobileOpen={mobileOpen} onClose={() => setMobileOpen(false)} />
        <Box component="main" id="main" tabIndex={-1} sx={{ flexGrow: 1, p: { xs: 2, md: 3 }, minWidth: 0 }}>
          <Toolbar />
          <Suspense fallback={<LoadingState lines={6} />}>
            <Outlet />
          </Suspense>
        </Box>
      </Box>
    </MeContext.Provider>
  );
}
