import { useRouter } from 'expo-router';
import { useState } from 'react';
import { FlatList, Pressable, StyleSheet, Text, View } from 'react-native';

import { dateTime, humanize } from '@/lib/format';
import {
  notificationTarget,
  useDeleteNotification,
  useMarkNotification,
  useNotificationGroups,
  useNotifications,
  useReadAllNotifications,
  type Notification,
  type NotificationType,
} from '@/hooks/useNotifications';
import { useUnreadCount } from '@/hooks/useUnreadCount';
import { Button, Chip, EmptyState, ErrorBanner, Loading, Screen } from '@/ui';
import { colors, font, radius, space } from '@/ui/theme';

function Row({ item, onOpen }: { item: Notification; onOpen: (n: Notification) => void }) {
  const mark = useMarkNotification();
  const remove = useDeleteNotification();
  return (
    <View style={[styles.row, item.read ? null : styles.unread]}>
      <Pressable
        accessibilityRole="button"
        accessibilityLabel={`${item.read ? '' : 'Unread: '}${item.title}. ${item.body}`}
        accessibilityHint="Opens what it is about"
        onPress={() => onOpen(item)}
        style={styles.rowText}
      >
        <Text style={[styles.title, item.read ? null : styles.titleUnread]}>{item.title}</Text>
        <Text style={styles.body}>{item.body}</Text>
        <Text style={styles.meta}>
          {humanize(item.type)} · {dateTime(item.created_at)}
        </Text>
      </Pressable>
      <View style={styles.actions}>
        <Button
          label={item.read ? 'Mark unread' : 'Mark read'}
          accessibilityLabel={`${item.read ? 'Mark unread' : 'Mark read'}: ${item.title}`}
          variant="link"
          onPress={() => mark.mutate({ id: item.id, read: !item.read })}
        />
        <Button
          label="Delete"
          accessibilityLabel={`Delete: ${item.title}`}
          variant="link"
          onPress={() => remove.mutate(item.id)}
        />
      </View>
    </View>
  );
}

export function NotificationsScreen() {
  const router = useRouter();
  const [type, setType] = useState<NotificationType | null>(null);
  const list = useNotifications(type);
  const groups = useNotificationGroups();
  const { data: unread = 0 } = useUnreadCount();
  const readAll = useReadAllNotifications();
  const mark = useMarkNotification();
  const items = list.data?.pages.flatMap((p) => p.items) ?? [];

  const open = (n: Notification) => {
    if (!n.read) mark.mutate({ id: n.id, read: true });
    const target = notificationTarget(n);
    if (target) router.push(target as never);
  };

  return (
    <Screen
      title="Notifications"
      scroll={false}
      actions={<Button label="Read all" variant="secondary" onPress={() => readAll.mutate()} disabled={unread === 0} />}
    >
      <Text style={styles.meta} accessibilityLiveRegion="polite">
        {unread === 1 ? '1 unread' : `${unread} unread`}
      </Text>
      <View style={styles.chips} accessibilityLabel="Filter by type">
        <Chip label="All" selected={type === null} onPress={() => setType(null)} />
        {(groups.data ?? []).map((g) => (
          <Chip
            key={g.type}
            label={`${humanize(g.type)} (${g.count})`}
            accessibilityLabel={`${humanize(g.type)}: ${g.count}, ${g.unread} unread`}
            selected={type === g.type}
            onPress={() => setType(type === g.type ? null : g.type)}
          />
        ))}
      </View>
      {list.error ? <ErrorBanner error={list.error} onRetry={() => void list.refetch()} /> : null}
      {readAll.error || mark.error ? <ErrorBanner error={readAll.error ?? mark.error} /> : null}
      {list.isLoading ? (
        <Loading label="Loading notifications" />
      ) : (
        <FlatList
          data={items}
          keyExtractor={(n) => n.id}
          renderItem={({ item }) => <Row item={item} onOpen={open} />}
          contentContainerStyle={styles.list}
          onEndReached={() => {
            if (list.hasNextPage && !list.isFetchingNextPage) void list.fetchNextPage();
          }}
          onEndReachedThreshold={0.5}
          refreshing={list.isRefetching && !list.isFetchingNextPage}
          onRefresh={() => void list.refetch()}
          ListEmptyComponent={
            <EmptyState title="No notifications" message="Plans, analyses and alerts will show up here." />
          }
          ListFooterComponent={
            list.hasNextPage ? (
              <Button
                label="Show older"
                variant="secondary"
                busy={list.isFetchingNextPage}
                onPress={() => void list.fetchNextPage()}
              />
            ) : null
          }
        />
      )}
    </Screen>
  );
}

const styles = StyleSheet.create({
  chips: { flexDirection: 'row', flexWrap: 'wrap', gap: space.sm },
  list: { gap: space.sm, paddingBottom: space.xl },
  row: {
    backgroundColor: colors.surface,
    borderRadius: radius.md,
    borderWidth: 1,
    borderColor: colors.border,
    padding: space.md,
    gap: space.xs,
  },
  unread: { borderColor: colors.brand, backgroundColor: colors.brandSoft },
  rowText: { gap: 2 },
  title: { fontSize: font.body, color: colors.text },
  titleUnread: { fontWeight: '700' },
  body: { fontSize: font.body, color: colors.text },
  meta: { fontSize: font.small, color: colors.muted },
  actions: { flexDirection: 'row', gap: space.sm, justifyContent: 'flex-end' },
});
