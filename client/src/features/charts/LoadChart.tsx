import { StyleSheet, Text, View } from 'react-native';
import Svg, { Line, Polyline, Text as SvgText } from 'react-native-svg';

import type { LoadDay } from '@/api/types';
import { colors, font, space } from '@/ui/theme';

const SERIES = [
  { key: 'ctl', label: 'Fitness (CTL)', color: colors.fitness },
  { key: 'atl', label: 'Fatigue (ATL)', color: colors.fatigue },
  { key: 'tsb', label: 'Form (TSB)', color: colors.form },
] as const;

const W = 640;
const H = 220;
const PAD = { left: 34, right: 8, top: 10, bottom: 22 };

/** The performance management chart: fitness, fatigue and form lines over the days. */
export function LoadChart({ days }: { days: LoadDay[] }) {
  if (days.length < 2) {
    return <Text style={styles.muted}>Log a few workouts to see your fitness, fatigue and form.</Text>;
  }
  const values = days.flatMap((d) => [d.ctl, d.atl, d.tsb]);
  const min = Math.min(0, ...values);
  const max = Math.max(1, ...values);
  const x = (i: number) => PAD.left + (i / (days.length - 1)) * (W - PAD.left - PAD.right);
  const y = (v: number) => PAD.top + (1 - (v - min) / (max - min)) * (H - PAD.top - PAD.bottom);
  const last = days[days.length - 1];
  const summary = last
    ? `Fitness ${Math.round(last.ctl)}, fatigue ${Math.round(last.atl)}, form ${Math.round(last.tsb)} on ${last.date}`
    : '';
  return (
    <View accessibilityRole="image" accessibilityLabel={`Training load chart. ${summary}`}>
      <Svg width="100%" height={H} viewBox={`0 0 ${W} ${H}`} preserveAspectRatio="none">
        <Line x1={PAD.left} x2={W - PAD.right} y1={y(0)} y2={y(0)} stroke={colors.border} strokeWidth={1} />
        <SvgText x={2} y={y(max) + 4} fontSize={11} fill={colors.muted}>
          {Math.round(max)}
        </SvgText>
        <SvgText x={2} y={y(0) + 4} fontSize={11} fill={colors.muted}>
          0
        </SvgText>
        {min < 0 ? (
          <SvgText x={2} y={y(min)} fontSize={11} fill={colors.muted}>
            {Math.round(min)}
          </SvgText>
        ) : null}
        <SvgText x={PAD.left} y={H - 4} fontSize={11} fill={colors.muted}>
          {days[0]?.date ?? ''}
        </SvgText>
        <SvgText x={W - PAD.right} y={H - 4} fontSize={11} fill={colors.muted} textAnchor="end">
          {last?.date ?? ''}
        </SvgText>
        {SERIES.map((s) => (
          <Polyline
            key={s.key}
            points={days.map((d, i) => `${x(i).toFixed(1)},${y(d[s.key]).toFixed(1)}`).join(' ')}
            fill="none"
            stroke={s.color}
            strokeWidth={2}
          />
        ))}
      </Svg>
      <View style={styles.legend}>
        {SERIES.map((s) => (
          <View key={s.key} style={styles.legendItem}>
            <View style={[styles.swatch, { backgroundColor: s.color }]} />
            <Text style={styles.muted}>{s.label}</Text>
          </View>
        ))}
      </View>
    </View>
  );
}

const styles = StyleSheet.create({
  muted: { color: colors.muted, fontSize: font.small },
  legend: { flexDirection: 'row', flexWrap: 'wrap', gap: space.md, marginTop: space.xs },
  legendItem: { flexDirection: 'row', alignItems: 'center', gap: space.xs },
  swatch: { width: 12, height: 3, borderRadius: 2 },
});
