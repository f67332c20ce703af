import { Link } from 'expo-router';
import { StyleSheet, Text, View } from 'react-native';

import { errorMessage } from '@/api/problem';
import type { DashboardSummary, DeviceOut } from '@/api/types';
import { LoadChart } from '@/features/charts/LoadChart';
import { useDashboard } from '@/hooks/useDashboard';
import { isSyncing, useDevices, useSyncDevice } from '@/hooks/useDevices';
import { useLoad } from '@/hooks/useLoad';
import { dateTime, duration, humanize, km, pace } from '@/lib/format';
import { Button, Card, EmptyState, ErrorBanner, Loading, Screen } from '@/ui';
import { colors, font, radius, space } from '@/ui/theme';

import { WorkoutRow } from './WorkoutRow';

const RISK_COLOURS = { low: colors.success, moderate: colors.warning, high: colors.danger } as const;

function StatCard({ label, value }: { label: string; value: string }) {
  return (
    <View style={styles.stat} accessibilityLabel={`${label}: ${value}`}>
      <Text style={styles.statValue}>{value}</Text>
      <Text style={styles.muted}>{label}</Text>
    </View>
  );
}

function Week({ week }: { week: DashboardSummary['week'] }) {
  return (
    <Card title="This week">
      <View style={styles.stats}>
        <StatCard label="Distance" value={km(week.distance_m)} />
        <StatCard label="Time" value={duration(week.duration_s)} />
        <StatCard label="Workouts" value={String(week.count)} />
        <StatCard label="Load" value={String(Math.round(week.load))} />
      </View>
    </Card>
  );
}

function Readiness({ readiness }: { readiness: DashboardSummary['readiness'] }) {
  const components = Object.entries(readiness.components);
  return (
    <Card title="Readiness">
      <Text style={styles.big} accessibilityLabel={`Readiness score: ${readiness.score ?? 'unknown'}`}>
        {readiness.score ?? '–'}
        <Text style={styles.muted}> / 100</Text>
      </Text>
      {components.map(([name, c]) => (
        <Text key={name} style={styles.body}>
          {humanize(name)}: {c.score !== null ? Math.round(c.score) : '–'} <Text style={styles.muted}>({c.detail})</Text>
        </Text>
      ))}
      {readiness.missing.length ? (
        <Text style={styles.muted}>Add {readiness.missing.map(humanize).join(', ').toLowerCase()} for a surer score.</Text>
      ) : null}
    </Card>
  );
}

function Risk({ risk }: { risk: DashboardSummary['risk'] }) {
  return (
    <Card title="Overtraining risk">
      <Text style={[styles.big, { color: RISK_COLOURS[risk.risk] }]} accessibilityLabel={`Overtraining risk: ${risk.risk}`}>
        {humanize(risk.risk)}
      </Text>
      {risk.factors.length ? (
        risk.factors.map((f) => (
          <Text key={f.code} style={styles.body}>
            • {f.message}
          </Text>
        ))
      ) : (
        <Text style={styles.muted}>Nothing in your recent training raises the risk.</Text>
      )}
    </Card>
  );
}

function Today({ session }: { session: DashboardSummary['planned_session'] }) {
  return (
    <Card title="Today's session">
      {session ? (
        <>
          <Text style={styles.body}>
            {humanize(session.type)}: {session.description}
          </Text>
          <Text style={styles.muted}>
            {[
              session.target_distance_m ? km(session.target_distance_m) : null,
              session.target_duration_s ? duration(session.target_duration_s) : null,
              session.target_pace ? `${pace(session.target_pace.min_s_per_km)} – ${pace(session.target_pace.max_s_per_km)}` : null,
            ]
              .filter(Boolean)
              .join(' · ')}
          </Text>
          {session.tip ? <Text style={styles.tip}>{`Coach's tip: ${session.tip}`}</Text> : null}
          {session.completed ? <Text style={styles.ok}>Done ✓</Text> : null}
        </>
      ) : (
        <Text style={styles.muted}>Rest day, or no plan yet.</Text>
      )}
      <Link href="/plans" accessibilityRole="link" style={styles.link}>
        Open your plan
      </Link>
    </Card>
  );
}

function SyncStatus({ device }: { device: DeviceOut }) {
  if (isSyncing(device)) return <Text style={styles.muted}>Syncing…</Text>;
  if (device.last_sync_status === 'failed' || device.last_sync_status === 'auth_failed') {
    return <Text style={styles.error}>Last sync failed{device.last_error ? `: ${device.last_error}` : ''}</Text>;
  }
  return <Text style={styles.muted}>{device.last_sync_at ? `Last synced ${dateTime(device.last_sync_at)}` : 'Not synced yet'}</Text>;
}

function Garmin() {
  const devices = useDevices();
  const sync = useSyncDevice();
  const device = devices.data?.items[0];
  return (
    <Card title="Garmin">
      {devices.isPending ? (
        <Loading label="Loading devices" />
      ) : device ? (
        <>
          <Text style={styles.body}>{device.display_name ?? device.device_name ?? humanize(device.provider)}</Text>
          <SyncStatus device={device} />
          <Button
            label="Sync now"
            accessibilityLabel="Sync Garmin now"
            onPress={() => sync.mutate(device.id)}
            busy={sync.isPending || isSyncing(device)}
            variant="secondary"
          />
          {sync.error ? <Text style={styles.error}>{errorMessage(sync.error)}</Text> : null}
        </>
      ) : (
        <>
          <Text style={styles.muted}>Connect Garmin to bring in your workouts automatically.</Text>
          <Link href="/settings/devices" accessibilityRole="link" style={styles.link}>
            Connect a device
          </Link>
        </>
      )}
    </Card>
  );
}

function AdSlot() {
  return (
    <View style={styles.ad} accessibilityLabel="Advertisement">
      <Text style={styles.muted}>Advertisement</Text>
      <Text style={styles.body}>Train without ads, with deeper analysis: upgrade to Pro.</Text>
      <Link href="/settings/billing" accessibilityRole="link" style={styles.link}>
        See plans
      </Link>
    </View>
  );
}

/** Home: this week, readiness, risk, the load chart, today's session, recent workouts, Garmin. */
export function DashboardScreen() {
  const summary = useDashboard();
  const load = useLoad(90);
  const refresh = () => {
    void summary.refetch();
    void load.refetch();
  };
  if (summary.isPending) return <Loading label="Loading your dashboard" />;
  if (!summary.data) {
    return (
      <Screen title="Dashboard">
        <ErrorBanner error={summary.error} onRetry={refresh} />
      </Screen>
    );
  }
  const d = summary.data;
  return (
    <Screen title="Dashboard" refreshing={summary.isRefetching} onRefresh={refresh}>
      {summary.isError ? <ErrorBanner error={summary.error} onRetry={refresh} /> : null}
      <Week week={d.week} />
      <View style={styles.grid}>
        <View style={styles.cell}>
          <Readiness readiness={d.readiness} />
        </View>
        <View style={styles.cell}>
          <Risk risk={d.risk} />
        </View>
      </View>
      <Card title="Fitness, fatigue and form">
        {load.data ? <LoadChart days={load.data.days} /> : load.isError ? <ErrorBanner error={load.error} /> : <Loading label="Loading training load" />}
      </Card>
      <Today session={d.planned_session} />
      {d.ads ? <AdSlot /> : null}
      <Card title="Recent workouts">
        {d.recent_workouts.length ? (
          d.recent_workouts.map((w) => <WorkoutRow key={w.id} workout={w} />)
        ) : (
          <EmptyState title="No workouts yet" message="Log or import one from Workouts." />
        )}
        <Link href="/workouts" accessibilityRole="link" style={styles.link}>
          All workouts
        </Link>
      </Card>
      <Garmin />
    </Screen>
  );
}

const styles = StyleSheet.create({
  stats: { flexDirection: 'row', flexWrap: 'wrap', gap: space.lg },
  stat: { minWidth: 110, gap: 2 },
  statValue: { fontSize: font.big, fontWeight: '700', color: colors.text },
  big: { fontSize: font.big, fontWeight: '700', color: colors.text },
  body: { fontSize: font.body, color: colors.text },
  muted: { fontSize: font.small, color: colors.muted },
  tip: { fontSize: font.small, color: colors.brandDark, fontStyle: 'italic' },
  ok: { fontSize: font.body, color: colors.success, fontWeight: '600' },
  error: { fontSize: font.small, color: colors.danger },
  link: { color: colors.brandDark, fontWeight: '600', fontSize: font.body },
  grid: { flexDirection: 'row', flexWrap: 'wrap', gap: space.md },
  cell: { flexGrow: 1, flexBasis: 280 },
  ad: { borderWidth: 1, borderStyle: 'dashed', borderColor: colors.border, borderRadius: radius.md, padding: space.lg, gap: space.xs, backgroundColor: colors.warningSoft },
});
