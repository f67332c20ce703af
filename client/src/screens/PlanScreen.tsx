import { router, useLocalSearchParams } from 'expo-router';
import { useState } from 'react';
import { StyleSheet, Text, View } from 'react-native';

import type { PlanDay, PlannedSession, PlanWeek } from '@/api/types';
import { useCompleteSession, usePlan } from '@/hooks/usePlans';
import { duration, goalName, humanize, km, pace, shortDate } from '@/lib/format';
import { Button, Card, Chip, ErrorBanner, Loading, Screen } from '@/ui';
import { colors, font, radius, space } from '@/ui/theme';

function targets(s: PlannedSession): string {
  const parts: string[] = [];
  if (s.target_distance_m) parts.push(km(s.target_distance_m));
  if (s.target_duration_s) parts.push(duration(s.target_duration_s));
  if (s.target_pace) parts.push(`${pace(s.target_pace.min_s_per_km)} – ${pace(s.target_pace.max_s_per_km)}`);
  if (s.target_hr_zone) parts.push(`HR ${s.target_hr_zone}`);
  return parts.join(' · ');
}

function SessionCard({ session, day, onToggle, busy }: { session: PlannedSession; day: PlanDay; onToggle: () => void; busy: boolean }) {
  const name = `${humanize(session.type)} on ${shortDate(day.date)}`;
  return (
    <View style={[styles.session, session.completed ? styles.done : null]} accessibilityLabel={name}>
      <Text style={styles.sessionTitle}>
        {shortDate(day.date)} · {humanize(session.type)}
        {session.completed ? ' ✓' : ''}
      </Text>
      <Text style={styles.body}>{session.description}</Text>
      {targets(session) ? <Text style={styles.muted}>{targets(session)}</Text> : null}
      {session.tip ? <Text style={styles.tip}>{`Coach's tip: ${session.tip}`}</Text> : null}
      <Button
        label={session.completed ? 'Mark not done' : 'Mark done'}
        accessibilityLabel={session.completed ? `Mark ${name} not done` : `Mark ${name} done`}
        variant={session.completed ? 'secondary' : 'primary'}
        onPress={onToggle}
        disabled={busy}
      />
    </View>
  );
}

function Week({ week, planId }: { week: PlanWeek; planId: string }) {
  const complete = useCompleteSession(planId);
  const sessions = week.days.flatMap((day) => day.sessions.map((session) => ({ day, session })));
  return (
    <Card title={`Week ${week.index}${week.is_recovery ? ' (recovery)' : ''}`}>
      <Text style={styles.muted}>
        {shortDate(week.starts_on)} – {shortDate(week.ends_on)} · {humanize(week.phase)} · {km(week.target_distance_m, 0)}
      </Text>
      {sessions.length ? (
        sessions.map(({ day, session }) => (
          <SessionCard
            key={session.id}
            session={session}
            day={day}
            busy={complete.isPending && complete.variables?.sessionId === session.id}
            onToggle={() => complete.mutate({ sessionId: session.id, completed: !session.completed })}
          />
        ))
      ) : (
        <Text style={styles.muted}>A rest week.</Text>
      )}
      <ErrorBanner error={complete.error} />
    </Card>
  );
}

/** A plan: built (polled while generating), its progress, and week by week its sessions with tips. */
export function PlanScreen() {
  const { id = '' } = useLocalSearchParams<{ id: string }>();
  const plan = usePlan(id);
  const [weekIndex, setWeekIndex] = useState<number | null>(null);

  if (plan.isPending) return <Loading label="Loading plan" />;
  if (!plan.data) {
    return (
      <Screen title="Training plan">
        <ErrorBanner error={plan.error} onRetry={() => void plan.refetch()} />
        <Button label="All plans" variant="secondary" onPress={() => router.replace('/plans')} />
      </Screen>
    );
  }
  const p = plan.data;
  const title = `${goalName(p.goal)} plan`;
  if (p.status === 'generating') {
    return (
      <Screen title={title}>
        <Loading label="Building your plan" />
        <Text style={styles.center}>This takes a few seconds; you will also get a notification when it is ready.</Text>
      </Screen>
    );
  }
  if (p.status === 'failed') {
    return (
      <Screen title={title}>
        <ErrorBanner error={new Error(p.failure_reason ? `The plan could not be built: ${p.failure_reason}` : 'The plan could not be built.')} />
        <Button label="Try another plan" onPress={() => router.replace('/plans/new')} />
      </Screen>
    );
  }
  const today = new Date().toISOString().slice(0, 10);
  const current = p.weeks.find((w) => w.starts_on <= today && today <= w.ends_on) ?? p.weeks[0];
  const shown = p.weeks.find((w) => w.index === weekIndex) ?? current;
  return (
    <Screen title={title} refreshing={plan.isRefetching} onRefresh={() => void plan.refetch()}>
      <Card>
        {p.summary ? <Text style={styles.body}>{p.summary}</Text> : null}
        <Text style={styles.muted}>
          {p.race_date ? `Race ${shortDate(p.race_date)} · ` : ''}
          {p.days_per_week} days a week{p.target_time_s ? ` · target ${duration(p.target_time_s)}` : ''}
        </Text>
        <Text style={styles.body} accessibilityLabel={`Progress: ${p.progress.completed} of ${p.progress.total} sessions`}>
          {p.progress.completed} of {p.progress.total} sessions done
        </Text>
        <View style={styles.bar}>
          <View style={[styles.fill, { width: `${Math.min(100, Math.round(p.progress.percent))}%` }]} />
        </View>
      </Card>
      <View style={styles.chips}>
        {p.weeks.map((w) => (
          <Chip key={w.index} label={`W${w.index}`} accessibilityLabel={`Week ${w.index}`} selected={shown?.index === w.index} onPress={() => setWeekIndex(w.index)} />
        ))}
      </View>
      {shown ? <Week week={shown} planId={p.id} /> : null}
    </Screen>
  );
}

const styles = StyleSheet.create({
  body: { fontSize: font.body, color: colors.text },
  muted: { fontSize: font.small, color: colors.muted },
  center: { textAlign: 'center', color: colors.muted, fontSize: font.body },
  tip: { fontSize: font.small, color: colors.brandDark, fontStyle: 'italic' },
  session: { borderWidth: 1, borderColor: colors.border, borderRadius: radius.sm, padding: space.md, gap: space.xs },
  done: { backgroundColor: colors.brandSoft },
  sessionTitle: { fontSize: font.body, fontWeight: '600', color: colors.text },
  chips: { flexDirection: 'row', flexWrap: 'wrap', gap: space.sm },
  bar: { height: 8, borderRadius: 4, backgroundColor: colors.border, overflow: 'hidden' },
  fill: { height: 8, backgroundColor: colors.brand },
});
