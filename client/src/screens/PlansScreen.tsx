import { Link, router } from 'expo-router';
import { StyleSheet, Text, View } from 'react-native';

import { usePlans } from '@/hooks/usePlans';
import { goalName, shortDate } from '@/lib/format';
import { Button, EmptyState, ErrorBanner, Loading, Screen } from '@/ui';
import { colors, font, radius, space } from '@/ui/theme';

const STATUS: Record<string, string> = { generating: 'Being built', ready: 'Ready', failed: 'Failed' };

/** The athlete's plans (newest first), each linking to its weeks; a new plan. */
export function PlansScreen() {
  const plans = usePlans();
  const items = plans.data?.items ?? [];
  return (
    <Screen
      title="Training plan"
      refreshing={plans.isRefetching}
      onRefresh={() => void plans.refetch()}
      actions={<Button label="New plan" onPress={() => router.push('/plans/new')} />}
    >
      {plans.isPending ? (
        <Loading label="Loading plans" />
      ) : plans.isError && !items.length ? (
        <ErrorBanner error={plans.error} onRetry={() => void plans.refetch()} />
      ) : !items.length ? (
        <EmptyState
          title="No training plan yet"
          message="Tell RunCoach your goal and it builds your weeks, with a tip for every session."
          action={<Button label="Create a plan" onPress={() => router.push('/plans/new')} />}
        />
      ) : (
        items.map((p) => (
          <Link
            key={p.id}
            href={{ pathname: '/plans/[id]', params: { id: p.id } }}
            accessibilityRole="link"
            accessibilityLabel={`${goalName(p.goal)} plan, ${STATUS[p.status] ?? p.status}`}
            style={styles.link}
          >
            <View style={styles.inner}>
              <Text style={styles.title}>{goalName(p.goal)}</Text>
              <Text style={styles.muted}>
                {STATUS[p.status] ?? p.status}
                {p.race_date ? ` · race ${shortDate(p.race_date)}` : ''} · {p.days_per_week} days a week
              </Text>
              {p.status === 'ready' ? (
                <Text style={styles.muted}>
                  {p.progress.completed} of {p.progress.total} sessions done ({Math.round(p.progress.percent)}%)
                </Text>
              ) : null}
            </View>
          </Link>
        ))
      )}
    </Screen>
  );
}

const styles = StyleSheet.create({
  link: { backgroundColor: colors.surface, borderRadius: radius.md, borderWidth: 1, borderColor: colors.border, padding: space.lg },
  inner: { gap: 4 },
  title: { fontSize: font.title, fontWeight: '600', color: colors.text },
  muted: { fontSize: font.small, color: colors.muted },
});
