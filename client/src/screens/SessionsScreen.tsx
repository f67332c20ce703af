import { StyleSheet, Text, View } from 'react-native';

import { dateTime } from '@/lib/format';
import { useLogoutAll, useRevokeSession, useSessions, type SignedInSession } from '@/hooks/useSessions';
import { Button, Card, EmptyState, ErrorBanner, Loading, Screen } from '@/ui';
import { colors, font, space } from '@/ui/theme';

function SessionRow({ item, onSignOut }: { item: SignedInSession; onSignOut: () => void }) {
  return (
    <View style={styles.row}>
      <View style={styles.info}>
        <Text style={styles.device}>{item.device}</Text>
        {item.current ? <Text style={styles.current}>This device</Text> : null}
        <Text style={styles.meta}>Signed in {dateTime(item.created_at)}</Text>
        <Text style={styles.meta}>Last used {dateTime(item.last_used_at)}</Text>
      </View>
      {item.current ? null : (
        <Button
          label="Sign out"
          variant="secondary"
          accessibilityLabel={`Sign out ${item.device}`}
          onPress={onSignOut}
        />
      )}
    </View>
  );
}

export function SessionsScreen() {
  const sessions = useSessions();
  const revoke = useRevokeSession();
  const logoutAll = useLogoutAll();
  const items = sessions.data?.items ?? [];
  // this device first, then the most recently used
  const sorted = [...items].sort(
    (a, b) => Number(b.current) - Number(a.current) || b.last_used_at.localeCompare(a.last_used_at),
  );
  return (
    <Screen title="Signed-in devices" refreshing={sessions.isRefetching} onRefresh={() => void sessions.refetch()}>
      {sessions.isLoading ? <Loading label="Loading your sessions" /> : null}
      {sessions.error ? <ErrorBanner error={sessions.error} onRetry={() => void sessions.refetch()} /> : null}
      {revoke.error ? <ErrorBanner error={revoke.error} /> : null}
      {sessions.data && sorted.length === 0 ? (
        <EmptyState title="No sessions" message="No device is signed in." />
      ) : null}
      {sorted.length > 0 ? (
        <Card>
          {sorted.map((item) => (
            <SessionRow key={item.id} item={item} onSignOut={() => revoke.mutate(item.id)} />
          ))}
        </Card>
      ) : null}
      {logoutAll.error ? <ErrorBanner error={logoutAll.error} /> : null}
      {sessions.data ? (
        <>
          <Button
            label="Sign out everywhere"
            variant="danger"
            accessibilityHint="Signs out every device, this one too"
            busy={logoutAll.isPending}
            onPress={() => logoutAll.mutate()}
          />
          <Text style={styles.meta}>This signs out every device, this one included.</Text>
        </>
      ) : null}
    </Screen>
  );
}

const styles = StyleSheet.create({
  row: {
    flexDirection: 'row',
    alignItems: 'center',
    justifyContent: 'space-between',
    gap: space.md,
    paddingVertical: space.sm,
  },
  info: { flex: 1, gap: space.xs },
  device: { fontSize: font.body, fontWeight: '600', color: colors.text },
  current: { fontSize: font.small, fontWeight: '600', color: colors.success },
  meta: { fontSize: font.small, color: colors.muted },
});
