import { MenuItem, TextField } from '@mui/material';
import { useIntl } from 'react-intl';
import { useLocale } from '../i18n/LocaleProvider';
import { LOCALE_NAMES, LOCALES, type Locale } from '../i18n/locales';

/** English / Português (Brasil); the choice is remembered in this browser. */
export function LanguageSwitch() {
  const { locale, setLocale } = useLocale();
  const intl = useIntl();
  return (
    <TextField
      select
      size="small"
      label={intl.formatMessage({ id: 'shell.language' })}
      value={locale}
      onChange={(event) => setLocale(event.target.value as Locale)}
      sx={{ minWidth: 180 }}
      slotProps={{ select: { inputProps: { lang: locale } } }}
    >
      {LOCALES.map((l) => <MenuItem key={l} value={l} lang={l}>{LOCALE_NAMES[l]}</MenuItem>)}
    </TextField>
  );
}
