import { useIntl } from 'react-intl';
import { useAccountId } from '../../api/me';
import { PageHeader } from '../../common/PageHeader';
import { StatementGrid } from './StatementGrid';

/** The signed-in person's transaction statement. */
export function StatementPage() {
  const intl = useIntl();
  const userId = useAccountId();
  return (
    <>
      <PageHeader title={intl.formatMessage({ id: 'user.statement.title' })} />
      <StatementGrid userId={userId} />
    </>
  );
}
