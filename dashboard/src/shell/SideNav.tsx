import { Box, Drawer, List, ListItem, ListItemButton, ListItemIcon, ListItemText, ListSubheader, Toolbar, Typography } from '@mui/material';
import { NavLink, useLocation } from 'react-router';
import { FormattedMessage, useIntl } from 'react-intl';
import type { Area } from './area';

function NavContent({ areas, onNavigate }: { areas: Area[]; onNavigate: () => void }) {
  const { pathname } = useLocation();
  return (
    <>
      <Toolbar>
        <Typography variant="h6" component="div" sx={{ fontWeight: 700 }}>
          <FormattedMessage id="shell.product" />
        </Typography>
      </Toolbar>
      {areas.map((area) => (
        <List
          key={area.id}
          dense
          subheader={areas.length > 1 ? <ListSubheader><FormattedMessage id={area.titleId} /></ListSubheader> : undefined}
        >
          {area.nav.map((item) => {
            const to = `/${item.path}`;
            const selected = item.path === '' ? pathname === '/' : pathname.startsWith(to);
            return (
              <ListItem key={item.path} disablePadding>
                <ListItemButton component={NavLink} to={to} end={item.path === ''} selected={selected} onClick={onNavigate}>
                  <ListItemIcon aria-hidden>{item.icon}</ListItemIcon>
                  <ListItemText primary={<FormattedMessage id={item.labelId} />} />
                </ListItemButton>
              </ListItem>
            );
          })}
        </List>
      ))}
    </>
  );
}

/** The side navigation: permanent on wide screens, a drawer on narrow ones; only the areas this person may see. */
export function SideNav({ areas, width, mobileOpen, onClose }: {
  areas: Area[];
  width: number;
  mobileOpen: boolean;
  onClose: () => void;
}) {
  const intl = useIntl();
  const label = intl.formatMessage({ id: 'shell.nav.label' });
  return (
    <Box component="nav" aria-label={label} sx={{ width: { md: width }, flexShrink: { md: 0 } }}>
      <Drawer
        variant="temporary"
        open={mobileOpen}
        onClose={onClose}
        ModalProps={{ keepMounted: true }}
        sx={{ display: { xs: 'block', md: 'none' }, '& .MuiDrawer-paper': { width } }}
      >
        <NavContent areas={areas} onNavigate={onClose} />
      </Drawer>
      <Drawer
        variant="permanent"
        open
        sx={{ display: { xs: 'none', md: 'block' }, '& .MuiDrawer-paper': { width, boxSizing: 'border-box' } }}
      >
        <NavContent areas={areas} onNavigate={() => undefined} />
      </Drawer>
    </Box>
  );
}
