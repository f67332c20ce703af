import { Redirect, usePathname } from 'expo-router';
import { Tabs } from 'expo-router/js-tabs';
import { Text, type ColorValue } from 'react-native';

import { useAuth } from '@/auth/AuthProvider';
import { NotificationBell } from '@/features/notifications/Bell';
import { SignedInServices } from '@/offline/SignedInServices';
import { Loading } from '@/ui';
import { StopwatchIcon } from '@/ui/icons';
import { colors } from '@/ui/theme';

function icon(glyph: string) {
  function TabIcon({ color }: { color: ColorValue }) {
    return <Text style={{ color, fontSize: 18 }}>{glyph}</Text>;
  }
  return TabIcon;
}

/** The signed-in app: a header (RunCoach, the bell) and the tabs. Signed out: to the login. */
export default function AppLayout() {
  const { status } = useAuth();
  const pathname = usePathname();
  if (status === 'loading') return <Loading label="Signing in" />;
  if (status === 'signedOut') {
    return <Redirect href={{ pathname: '/login', params: pathname && pathname !== '/' ? { next: pathname } : {} }} />;
  }
  return (
    <>
      <SignedInServices />
      <Tabs
      screenOptions={{
        headerTitle: 'RunCoach',
        headerStyle: { backgroundColor: colors.brand },
        headerTintColor: '#fff',
        headerTitleStyle: { fontWeight: '700' },
        headerRight: () => <NotificationBell />,
        tabBarActiveTintColor: colors.brand,
        tabBarInactiveTintColor: colors.muted,
      }}
    >
      <Tabs.Screen name="dashboard" options={{ title: 'Dashboard', tabBarIcon: icon('◎') }} />
      <Tabs.Screen name="workouts" options={{ title: 'Workouts', tabBarIcon: ({ color }) => <StopwatchIcon color={String(color)} /> }} />
      <Tabs.Screen name="plans" options={{ title: 'Plan', tabBarIcon: icon('▦') }} />
      <Tabs.Screen name="coach" options={{ title: 'Coach', tabBarIcon: icon('✎') }} />
      <Tabs.Screen name="settings" options={{ title: 'Settings', tabBarIcon: icon('⚙') }} />
      <Tabs.Screen name="analysis/[id]" options={{ href: null, title: 'Analysis' }} />
      </Tabs>
    </>
  );
}
