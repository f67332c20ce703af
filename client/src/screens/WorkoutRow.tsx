import { Link } from 'expo-router';
import { StyleSheet, Text, View } from 'react-native';

import type { WorkoutSummary } from '@/api/types';
import { dateTime, duration, km, pace, sportName } from '@/lib/format';
import { colors, font, radius, space } from '@/ui/theme';

/** One workout in a list: a link to its details, named by its title and date. */
export function WorkoutRow({ workout }: { workout: WorkoutSummary }) {
  const title = workout.title || sportName(workout.sport);
  return (
    <Link
      href={{ pathname: '/workouts/[id]', params: { id: workout.id } }}
      accessibilityRole="link"
      accessibilityLabel={`${title}, ${dateTime(workout.started_at)}`}
      style={styles.row}
    >
      <View style={styles.inner}>
        <View style={styles.main}>
          <Text style={styles.title}>{title}</Text>
          <Text style={styles.muted}>
            {sportName(workout.sport)} · {dateTime(workout.started_at)}
          </Text>
        </View>
        <View style={styles.stats}>
          <Text style={styles.stat}>{km(workout.distance_m)}</Text>
          <Text style={styles.muted}>
            {duration(workout.duration_s)}
            {workout.avg_pace_s_per_km ? ` · ${pace(workout.avg_pace_s_per_km)}` : ''}
          </Text>
        </View>
      </View>
    </Link>
  );
}

const styles = StyleSheet.create({
  row: {
    backgroundColor: colors.surface,
    borderRadius: radius.md,
    borderWidth: 1,
    borderColor: colors.border,
    padding: space.md,
  },
  inner: { flexDirection: 'row', justifyContent: 'space-between', gap: space.md, width: '100%' },
  main: { flexShrink: 1, gap: 2 },
  stats: { alignItems: 'flex-end', gap: 2 },
  title: { fontSize: font.body, fontWeight: '600', color: colors.text },
  stat: { fontSize: font.body, fontWeight: '600', color: colors.text },
  muted: { fontSize: font.small, color: colors.muted },
});
