import { Checkbox, FormControl, FormControlLabel, FormGroup, FormHelperText, FormLabel } from '@mui/material';
import { useIntl } from 'react-intl';
import { ASSIGNABLE_ROLES } from '../people';

/** The roles an admin gives (admin, finance); everyone also has "user", which is shown checked and fixed. */
export function RoleChoice({ value, onChange }: { value: string[]; onChange: (roles: string[]) => void }) {
  const intl = useIntl();
  const toggle = (role: string, on: boolean) => onChange(on ? [...value, role] : value.filter((r) => r !== role));
  return (
    <FormControl component="fieldset">
      <FormLabel component="legend">{intl.formatMessage({ id: 'admin.people.roles' })}</FormLabel>
      <FormGroup row>
        <FormControlLabel control={<Checkbox checked disabled />} label={intl.formatMessage({ id: 'admin.people.role.user' })} />
        {ASSIGNABLE_ROLES.map((role) => (
          <FormControlLabel
            key={role}
            control={<Checkbox checked={value.includes(role)} onChange={(event) => toggle(role, event.target.checked)} />}
            label={intl.formatMessage({ id: `admin.people.role.${role}` })}
          />
        ))}
      </FormGroup>
      <FormHelperText>{intl.formatMessage({ id: 'admin.people.rolesHelp' })}</FormHelperText>
    </FormControl>
  );
}
