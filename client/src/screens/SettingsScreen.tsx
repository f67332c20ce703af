import { Link, type Href } from 'expo-router';
import { StyleSheet, Text, View } from 'react-native';

import { useAuth } from '@/auth/AuthProvider';
import { useMe } from '@/hooks/useMe';
import { Button, Card, Screen } from '@/ui';
import { colors, font, space } from '@/ui/theme';

const PAGES: { href: Href; label: string }[] = [
  { href: '/settings/profile', label: 'Profile' },
  { href: '/settings/notifications', label: 'Notifications' },
  { href: '/settings/devices', label: 'Devices' },
  { href: '/settings/sessions', label: 'Signed-in sessions' },
  { href: '/settings/password', label: 'Password' },
  { href: '/settings/billing', label: 'Billing' },
];

export function SettingsScreen() {
  const { logout } = useAuth();
  const { data: me } = useMe();
  return (
    <Screen title="Settings">
      {me ? (
        <Card>
          <Text style={styles.name}>{me.name}</Text>
          <Text style={styles.muted}>
            {me.email} · {me.tier}
          </Text>
        </Card>
      ) : null}
      <Card>
        {PAGES.map((page) => (
          <Link key={page.label} href={page.href} accessibilityRole="link" style={styles.link}>
            <Text style={styles.linkText}>{page.label}</Text>
          </Link>
        ))}
      </Card>
      <View>
        <Button label="Sign out" variant="secondary" onPress={() => void logout()} />
      </View>
    </Screen>
  );
}

const styles = StyleSheet.create({
  name: { fontSize: font.title, fontWeight: '600', color: colors.text },
  muted: { color: colors.muted, fontSize: font.body },
  link: { paddingVertical: space.sm },
  linkText: { color: colors.brandDark, fontSize: font.body, fontWeight: '600' },
});
