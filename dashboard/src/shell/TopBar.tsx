import { AppBar, Box, Button, IconButton, Toolbar, Typography } from '@mui/material';
import MenuIcon from '@mui/icons-material/Menu';
import LogoutOutlined from '@mui/icons-material/LogoutOutlined';
import { FormattedMessage, useIntl } from 'react-intl';
import { accountIdOf, useMe } from '../api/me';
import { signOut } from '../api/signOut';
import { LanguageSwitch } from './LanguageSwitch';
import { NotificationsBell } from './NotificationsBell';

/** The app bar: the language, the notifications bell, who is signed in, and Sign out. */
export function TopBar({ drawerWidth, onOpenNav }: { drawerWidth: number; onOpenNav: () => void }) {
  const me = useMe();
  const intl = useIntl();
  const accountId = accountIdOf(me);
  return (
    <AppBar
      position="fixed"
      sx={{ width: { md: `calc(100% - ${drawerWidth}px)` }, ml: { md: `${drawerWidth}px` }, borderBottom: 1, borderColor: 'divider' }}
    >
      <Toolbar sx={{ gap: 2 }}>
        <IconButton
          edge="start"
          onClick={onOpenNav}
          aria-label={intl.formatMessage({ id: 'shell.nav.open' })}
          sx={{ display: { md: 'none' } }}
        >
          <MenuIcon />
        </IconButton>
        <Box sx={{ flexGrow: 1 }} />
        <LanguageSwitch />
        {accountId && <NotificationsBell userId={accountId} />}
        <Typography
          variant="body2"
          sx={{ display: { xs: 'none', sm: 'block' } }}
          title={intl.formatMessage({ id: 'shell.signedInAs' }, { name: me.email })}
        >
          {me.name || me.email}
        </Typography>
        <Button color="inherit" startIcon={<LogoutOutlined />} onClick={() => void signOut()}>
          <FormattedMessage id="shell.signOut" />
        </Button>
      </Toolbar>
    </AppBar>
  );
}
