import { Link } from 'expo-router';
import { useState } from 'react';
import { StyleSheet, Text } from 'react-native';

import { useAuth } from '@/auth/AuthProvider';
import { useMe } from '@/hooks/useMe';
import { Button, Card, Screen } from '@/ui';
import { colors, font, space } from '@/ui/theme';

const LINKS = [
  ['/settings/profile', 'Profile', 'Name, timezone, heart rates, units'],
  ['/settings/notifications', 'Notifications', 'Emails, reminders, quiet hours, push'],
  ['/settings/devices', 'Devices', 'Garmin connection and syncs'],
  ['/settings/sessions', 'Signed-in devices', 'Where you are signed in'],
  ['/settings/password', 'Password', 'Change your password'],
  ['/settings/billing', 'Plan and billing', 'Your RunCoach plan'],
] as const;

export function SettingsScreen() {
  const { logout } = useAuth();
  const [busy, setBusy] = useState(false);
  const me = useMe().data;
  return (
    <Screen title="Settings">
      {me ? (
        <Card>
          <Text style={styles.label}>{me.name}</Text>
          <Text style={styles.about}>{me.email}</Text>
        </Card>
      ) : null}
      <Card>
        {LINKS.map(([href, label, about]) => (
          <Link key={href} href={href} accessibilityRole="link" accessibilityLabel={label} style={styles.link}>
            <Text style={styles.label}>{label}</Text>
            {'\n'}
            <Text style={styles.about}>{about}</Text>
          </Link>
        ))}
      </Card>
      <Button
        label="Sign out"
        variant="danger"
        busy={busy}
        onPress={() => {
          setBusy(true);
          void logout().finally(() => setBusy(false));
        }}
      />
    </Screen>
  );
}

const styles = StyleSheet.create({
  link: { paddingVertical: space.sm },
  label: { fontSize: font.body, fontWeight: '600', color: colors.brandDark },
  about: { fontSize: font.small, color: colors.muted },
});
