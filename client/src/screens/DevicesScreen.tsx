import { useState } from 'react';
import { StyleSheet, Text, View } from 'react-native';

import { ApiProblem } from '@/api/problem';
import type { DeviceOut } from '@/api/types';
import {
  isSyncing,
  useConnectGarmin,
  useDevices,
  useDisconnectDevice,
  useSyncDevice,
} from '@/hooks/useDevices';
import { dateTime, humanize } from '@/lib/format';
import { Button, Card, EmptyState, ErrorBanner, Loading, Screen, TextField } from '@/ui';
import { colors, font, space } from '@/ui/theme';

function deviceTitle(device: DeviceOut): string {
  return device.display_name ?? device.device_name ?? (device.provider === 'garmin' ? 'Garmin' : humanize(device.provider));
}

/** How the device's syncing stands, in words. */
function syncStatus(device: DeviceOut): { text: string; bad: boolean } {
  if (isSyncing(device)) {
    return { text: device.latest_sync?.status === 'running' ? 'Syncing now…' : 'Sync queued…', bad: false };
  }
  switch (device.last_sync_status) {
    case 'never':
      return { text: 'Not synced yet', bad: false };
    case 'ok':
    case 'reconnected':
      return { text: 'Last sync went well', bad: false };
    case 'auth_failed':
      return { text: 'Garmin refused the stored sign-in. Connect Garmin again below.', bad: true };
    case 'failed':
      return { text: `Last sync failed${device.last_error ? `: ${device.last_error}` : ''}`, bad: true };
  }
}

function DeviceCard({ device }: { device: DeviceOut }) {
  const sync = useSyncDevice();
  const disconnect = useDisconnectDevice();
  const [confirming, setConfirming] = useState(false);
  const name = deviceTitle(device);
  const status = syncStatus(device);
  const run = device.latest_sync;
  return (
    <Card title={name}>
      <Text style={styles.meta}>Last sync: {device.last_sync_at ? dateTime(device.last_sync_at) : 'never'}</Text>
      <Text accessibilityLiveRegion="polite" style={[styles.status, status.bad ? styles.bad : null]}>
        {status.text}
      </Text>
      {run && run.status === 'ok' && run.finished_at ? (
        <Text style={styles.meta}>
          Imported {run.activities_imported} {run.activities_imported === 1 ? 'activity' : 'activities'} and{' '}
          {run.metrics_imported} health {run.metrics_imported === 1 ? 'day' : 'days'}.
        </Text>
      ) : null}
      {!device.available ? <Text style={styles.meta}>Garmin is not available right now.</Text> : null}
      {sync.error ? <ErrorBanner error={sync.error} /> : null}
      {disconnect.error ? <ErrorBanner error={disconnect.error} /> : null}
      {confirming ? (
        <View style={styles.confirm}>
          <Text style={styles.body}>Disconnect {name}? Its stored sign-in is deleted; imported workouts stay.</Text>
          <View style={styles.actions}>
            <Button
              label="Yes, disconnect"
              variant="danger"
              busy={disconnect.isPending}
              onPress={() => disconnect.mutate(device.id)}
            />
            <Button label="Cancel" variant="secondary" onPress={() => setConfirming(false)} />
          </View>
        </View>
      ) : (
        <View style={styles.actions}>
          <Button
            label="Sync now"
            accessibilityHint={`Imports new activities from ${name}`}
            busy={sync.isPending || isSyncing(device)}
            onPress={() => sync.mutate(device.id)}
          />
          <Button label="Disconnect" variant="secondary" onPress={() => setConfirming(true)} />
        </View>
      )}
    </Card>
  );
}

function ConnectGarmin({ reconnect }: { reconnect: boolean }) {
  const connect = useConnectGarmin();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [connected, setConnected] = useState(false);
  const problem = connect.error instanceof ApiProblem ? connect.error : null;

  const submit = () => {
    const found: Record<string, string> = {};
    if (!email.trim()) found.username = 'Enter your Garmin email.';
    if (!password) found.password = 'Enter your Garmin password.';
    setErrors(found);
    setConnected(false);
    connect.reset();
    if (Object.keys(found).length > 0) return;
    connect.mutate(
      { username: email.trim(), password },
      {
        onSuccess: () => {
          setPassword('');
          setConnected(true);
        },
      },
    );
  };

  return (
    <Card title={reconnect ? 'Reconnect Garmin' : 'Connect Garmin'}>
      <Text style={styles.meta}>Your Garmin Connect sign-in is stored encrypted and used only to import your activities.</Text>
      <TextField
        label="Garmin email"
        value={email}
        onChangeText={setEmail}
        error={errors.username ?? problem?.fieldError('username')}
        autoCapitalize="none"
        autoComplete="email"
        keyboardType="email-address"
      />
      <TextField
        label="Garmin password"
        value={password}
        onChangeText={setPassword}
        error={errors.password ?? problem?.fieldError('password')}
        secureTextEntry
        autoCapitalize="none"
      />
      {connect.error ? <ErrorBanner error={connect.error} shownFields={['username', 'password']} /> : null}
      <Button label="Connect Garmin" onPress={submit} busy={connect.isPending} />
      {connected ? (
        <Text accessibilityLiveRegion="polite" style={styles.good}>
          Garmin connected.
        </Text>
      ) : null}
    </Card>
  );
}

export function DevicesScreen() {
  const devices = useDevices();
  const items = devices.data?.items ?? [];
  return (
    <Screen title="Devices" refreshing={devices.isRefetching} onRefresh={() => void devices.refetch()}>
      {devices.isLoading ? <Loading label="Loading your devices" /> : null}
      {devices.error ? <ErrorBanner error={devices.error} onRetry={() => void devices.refetch()} /> : null}
      {devices.data && items.length === 0 ? (
        <EmptyState title="No devices yet" message="Connect Garmin to import your runs automatically." />
      ) : null}
      {items.map((device) => (
        <DeviceCard key={device.id} device={device} />
      ))}
      {devices.data ? <ConnectGarmin reconnect={items.some((d) => d.provider === 'garmin')} /> : null}
    </Screen>
  );
}

const styles = StyleSheet.create({
  meta: { fontSize: font.small, color: colors.muted },
  body: { fontSize: font.body, color: colors.text },
  status: { fontSize: font.body, color: colors.text, fontWeight: '600' },
  bad: { color: colors.danger },
  good: { fontSize: font.body, color: colors.success, fontWeight: '600' },
  confirm: { gap: space.sm },
  actions: { flexDirection: 'row', flexWrap: 'wrap', gap: space.sm },
});
