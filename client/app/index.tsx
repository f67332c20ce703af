import { Redirect } from 'expo-router';

import { useAuth } from '@/auth/AuthProvider';
import { Loading } from '@/ui';

/** `/`: the dashboard when signed in, else the login. */
export default function Index() {
  const { status } = useAuth();
  if (status === 'loading') return <Loading label="Signing in" />;
  return <Redirect href={status === 'signedIn' ? '/dashboard' : '/login'} />;
}
