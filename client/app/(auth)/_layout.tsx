import { Redirect, Stack, useLocalSearchParams } from 'expo-router';

import { useAuth } from '@/auth/AuthProvider';
import { safeNext } from '@/lib/navigation';
import { Loading } from '@/ui';

export default function AuthLayout() {
  const { status } = useAuth();
  const { next } = useLocalSearchParams<{ next?: string }>();
  if (status === 'loading') return <Loading label="Signing in" />;
  if (status === 'signedIn') return <Redirect href={safeNext(next)} />;
  return <Stack screenOptions={{ headerShown: false }} />;
}
