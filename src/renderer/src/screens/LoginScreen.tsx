import { useTranslation } from 'react-i18next';
import type { User } from '../../../shared/domain';
import { CenteredCard } from './CenteredCard';
import { LoginForm } from './LoginForm';

export function LoginScreen({ onSignedIn }: { onSignedIn: (user: User) => void }) {
  const { t } = useTranslation();
  return (
    <CenteredCard title={t('login.title')}>
      <LoginForm onSignedIn={onSignedIn} />
    </CenteredCard>
  );
}
