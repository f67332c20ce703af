import { router, useLocalSearchParams } from 'expo-router';
import { StyleSheet, Text, View } from 'react-native';

import { errorMessage } from '@/api/problem';
import { useWorkout } from '@/hooks/useWorkouts';
import { useWorkoutShare } from '@/hooks/useWorkoutShare';
import { dateTime, duration, km, pace, sportName } from '@/lib/format';
import { Button, Card, ErrorBanner, Loading, Screen } from '@/ui';
import { colors, font, space } from '@/ui/theme';

function Stat({ label, value }: { label: string; value: string }) {
  return (
    <View style={styles.stat} accessibilityLabel={`${label}: ${value}`}>
      <Text style={styles.statValue}>{value}</Text>
      <Text style={styles.muted}>{label}</Text>
    </View>
  );
}

/** A workout's quick details (a modal over the list): stats, splits, HR zones, load, sharing. */
export function WorkoutDetailScreen() {
  const { id = '' } = useLocalSearchParams<{ id: string }>();
  const workout = useWorkout(id);
  const title = workout.data ? workout.data.title || sportName(workout.data.sport) : 'Workout';
  const { share, stop } = useWorkoutShare(id, title);
  const close = () => (router.canGoBack() ? router.back() : router.replace('/workouts'));

  if (workout.isPending) return <Loading label="Loading workout" />;
  if (!workout.data) {
    return (
      <Screen title="Workout">
        <ErrorBanner error={workout.error} onRetry={() => void workout.refetch()} />
        <Button label="Back to workouts" variant="secondary" onPress={close} />
      </Screen>
    );
  }
  const w = workout.data;
  const zoneTotal = w.hr_zones?.zones.reduce((total, z) => total + z.seconds, 0) ?? 0;

  return (
    <Screen title={title} actions={<Button label="Close" variant="link" onPress={close} />}>
      <Text style={styles.muted}>
        {sportName(w.sport)} · {dateTime(w.started_at)}
      </Text>
      <Card>
        <View style={styles.stats}>
          <Stat label="Distance" value={km(w.distance_m, 2)} />
          <Stat label="Time" value={duration(w.duration_s)} />
          <Stat label="Pace" value={pace(w.avg_pace_s_per_km)} />
          <Stat label="Avg HR" value={w.avg_hr ? `${Math.round(w.avg_hr)} bpm` : '–'} />
          <Stat label="Load" value={w.load !== null ? String(Math.round(w.load)) : '–'} />
          <Stat label="Elevation" value={w.elevation_gain_m !== null ? `${Math.round(w.elevation_gain_m)} m` : '–'} />
        </View>
        {w.notes ? <Text style={styles.body}>{w.notes}</Text> : null}
      </Card>
      {w.splits.length ? (
        <Card title="Splits">
          {w.splits.map((s) => (
            <View key={s.index} style={styles.line}>
              <Text style={styles.body}>Km {s.index}</Text>
              <Text style={styles.body}>{pace(s.pace_s_per_km)}</Text>
              <Text style={styles.muted}>{s.avg_hr ? `${Math.round(s.avg_hr)} bpm` : ''}</Text>
            </View>
          ))}
        </Card>
      ) : null}
      {w.hr_zones && zoneTotal > 0 ? (
        <Card title="Heart-rate zones">
          {w.hr_zones.zones.map((z) => {
            const share = z.seconds / zoneTotal;
            return (
              <View key={z.zone} style={styles.zone} accessibilityLabel={`Zone ${z.zone}: ${duration(z.seconds)}`}>
                <Text style={styles.zoneLabel}>Z{z.zone}</Text>
                <View style={styles.bar}>
                  <View style={[styles.fill, { width: `${Math.round(share * 100)}%` }]} />
                </View>
                <Text style={styles.muted}>{duration(z.seconds)}</Text>
              </View>
            );
          })}
        </Card>
      ) : null}
      <Card title="Share">
        <Text style={styles.muted}>A read-only link to this workout that anyone with it can open.</Text>
        {share.data ? (
          <Text style={styles.body} selectable>
            {share.data.via === 'clipboard' ? 'Link copied: ' : 'Link: '}
            {share.data.url}
          </Text>
        ) : null}
        {share.error ? <Text style={styles.error}>{errorMessage(share.error)}</Text> : null}
        {stop.isSuccess && !share.data ? <Text style={styles.muted}>Sharing stopped: the link no longer works.</Text> : null}
        <View style={styles.row}>
          <Button label="Share workout" onPress={() => share.mutate()} busy={share.isPending} />
          <Button label="Stop sharing" variant="secondary" onPress={() => stop.mutate()} busy={stop.isPending} />
        </View>
        <ErrorBanner error={stop.error} />
      </Card>
    </Screen>
  );
}

const styles = StyleSheet.create({
  stats: { flexDirection: 'row', flexWrap: 'wrap', gap: space.md },
  stat: { minWidth: 90, gap: 2 },
  statValue: { fontSize: font.title, fontWeight: '700', color: colors.text },
  muted: { fontSize: font.small, color: colors.muted },
  body: { fontSize: font.body, color: colors.text },
  error: { fontSize: font.body, color: colors.danger },
  line: { flexDirection: 'row', justifyContent: 'space-between' },
  zone: { flexDirection: 'row', alignItems: 'center', gap: space.sm },
  zoneLabel: { width: 28, fontWeight: '600', color: colors.text },
  bar: { flex: 1, height: 10, borderRadius: 5, backgroundColor: colors.border, overflow: 'hidden' },
  fill: { height: 10, backgroundColor: colors.brand },
  row: { flexDirection: 'row', flexWrap: 'wrap', gap: space.sm },
});
