/** Everything the app's screens stand on: the cache (persisted), the session, safe areas. */
import { PersistQueryClientProvider } from '@tanstack/react-query-persist-client';
import { useEffect, useState, type ReactNode } from 'react';
import { SafeAreaProvider } from 'react-native-safe-area-context';

import { AuthProvider } from '@/auth/AuthProvider';
import { CACHE_MAX_AGE, createQueryClient, followConnectivity, persister } from '@/query/client';

/** Bump when a cached answer's shape changes so old caches are dropped. */
const CACHE_BUSTER = 'v1';

export function Providers({ children }: { children: ReactNode }) {
  const [queryClient] = useState(createQueryClient);
  useEffect(followConnectivity, []);
  return (
    <SafeAreaProvider>
      <PersistQueryClientProvider
        client={queryClient}
        persistOptions={{ persister, maxAge: CACHE_MAX_AGE, buster: CACHE_BUSTER }}
      >
        <AuthProvider>{children}</AuthProvider>
      </PersistQueryClientProvider>
    </SafeAreaProvider>
  );
}
