import * as SplashScreen from 'expo-splash-screen';
import { Slot } from 'expo-router';
import { StatusBar } from 'expo-status-bar';
import { useEffect } from 'react';

import { useAuth } from '@/auth/AuthProvider';
import { Providers } from '@/Providers';

void SplashScreen.preventAutoHideAsync().catch(() => undefined);

function HideSplashWhenKnown() {
  const { status } = useAuth();
  useEffect(() => {
    if (status !== 'loading') void SplashScreen.hideAsync().catch(() => undefined);
  }, [status]);
  return null;
}

export default function RootLayout() {
  return (
    <Providers>
      <HideSplashWhenKnown />
      <StatusBar style="light" />
      <Slot />
    </Providers>
  );
}
