/**
 * The header's notification bell: the unread count, live over /ws/events (the
 * socket is shared by every mounted bell), linking to the notifications.
 */
import { Link } from 'expo-router';
import { StyleSheet, Text, View } from 'react-native';

import { useEvents } from '@/hooks/useEvents';
import { useUnreadCount } from '@/hooks/useUnreadCount';
import { BellIcon } from '@/ui/icons';
import { colors } from '@/ui/theme';

export function NotificationBell() {
  useEvents();
  const { data: unread = 0 } = useUnreadCount();
  const label = unread === 1 ? 'Notifications, 1 unread' : `Notifications, ${unread} unread`;
  return (
    <Link href="/dashboard/notifications" accessibilityRole="link" accessibilityLabel={label} style={styles.link}>
      <View style={styles.bell}>
        <BellIcon color="#fff" />
        {unread > 0 ? (
          <View style={styles.badge}>
            <Text style={styles.badgeText}>{unread > 99 ? '99+' : unread}</Text>
          </View>
        ) : null}
      </View>
    </Link>
  );
}

const styles = StyleSheet.create({
  link: { paddingHorizontal: 12 },
  bell: { width: 32, height: 32, alignItems: 'center', justifyContent: 'center' },
  badge: {
    position: 'absolute',
    top: -2,
    right: -6,
    minWidth: 18,
    height: 18,
    borderRadius: 9,
    backgroundColor: colors.danger,
    alignItems: 'center',
    justifyContent: 'center',
    paddingHorizontal: 4,
  },
  badgeText: { color: '#fff', fontSize: 11, fontWeight: '700' },
});
