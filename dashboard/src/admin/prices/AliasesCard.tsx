import { Button, Card, CardContent, CardHeader, IconButton, List, ListItem, ListItemText, Tooltip } from '@mui/material';
import AddOutlined from '@mui/icons-material/AddOutlined';
import DeleteOutline from '@mui/icons-material/DeleteOutline';
import { FormattedMessage, useIntl } from 'react-intl';
import { EmptyState } from '../../common/EmptyState';

/** The aliases in use (alias → model), with Remove and Add for people who may change prices. */
export function AliasesCard({ aliases, onAdd, onRemove }: {
  aliases: Record<string, string>;
  onAdd?: () => void;
  onRemove?: (alias: string, target: string) => void;
}) {
  const intl = useIntl();
  const entries = Object.entries(aliases).sort(([a], [b]) => a.localeCompare(b));
  const titleId = 'prices-aliases-title';
  return (
    <Card component="section" aria-labelledby={titleId}>
      <CardHeader
        title={<FormattedMessage id="admin.prices.aliases.title" />}
        slotProps={{ title: { id: titleId, component: 'h2', variant: 'h6' } }}
        subheader={<FormattedMessage id="admin.prices.aliases.text" />}
        action={onAdd && (
          <Button startIcon={<AddOutlined />} onClick={onAdd}><FormattedMessage id="admin.prices.aliases.add" /></Button>
        )}
      />
      <CardContent sx={{ pt: 0 }}>
        {entries.length === 0 ? <EmptyState message={<FormattedMessage id="admin.prices.aliases.none" />} /> : (
          <List dense aria-labelledby={titleId}>
            {entries.map(([alias, target]) => {
              const label = intl.formatMessage({ id: 'admin.prices.aliases.remove' }, { alias });
              return (
                <ListItem key={alias} divider secondaryAction={onRemove && (
                  <Tooltip title={label}>
                    <IconButton edge="end" aria-label={label} onClick={() => onRemove(alias, target)}><DeleteOutline /></IconButton>
                  </Tooltip>
                )}>
                  <ListItemText primary={alias} secondary={intl.formatMessage({ id: 'admin.prices.aliases.means' }, { model: target })} />
                </ListItem>
              );
            })}
          </List>
        )}
      </CardContent>
    </Card>
  );
}
