import type { IntlShape } from 'react-intl';
import { ApiError } from '../api/errors';

/** What a dialog says when an action fails: the server's own words for a refusal (4xx), else what happened and to retry. */
export function errorText(error: unknown, intl: IntlShape): string {
  if (error instanceof ApiError && error.status < 500) {
    return intl.formatMessage({ id: 'admin.dialog.refused' }, { message: error.message });
  }
  const message = error instanceof Error ? error.message : String(error);
  return intl.formatMessage({ id: 'common.error.generic' }, { message });
}
