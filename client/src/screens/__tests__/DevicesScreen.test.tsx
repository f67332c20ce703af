import { fireEvent, waitFor } from '@testing-library/react-native';

import type { DeviceOut } from '@/api/types';
import { installFakeApi, problem, type FakeApi } from '@/test/fakeApi';
import { installFakeWebSocket } from '@/test/fakeWebSocket';
import { profile, tokenPair } from '@/test/fixtures';
import { renderApp, screen, signedIn } from '@/test/render';

const garmin: DeviceOut = {
  id: 'd1',
  provider: 'garmin',
  display_name: 'Garmin Connect',
  device_name: null,
  available: true,
  last_sync_at: null,
  last_sync_status: 'never',
  last_error: null,
  connected_at: '2026-12-03T08:00:00Z',
  latest_sync: null,
};
const run = {
  id: 'r1',
  status: 'pending' as const,
  trigger: 'manual' as const,
  requested_at: '2026-12-03T08:01:00Z',
  started_at: null,
  finished_at: null,
  activities_imported: 0,
  metrics_imported: 0,
  error: null,
};

let api: FakeApi;
let devices: DeviceOut[];

beforeEach(async () => {
  await signedIn();
  installFakeWebSocket();
  devices = [];
  api = installFakeApi()
    .on('POST /api/v1/auth/refresh', { body: tokenPair(1) })
    .on('GET /api/v1/me', { body: profile })
    .on('GET /api/v1/notifications/unread-count', { body: { unread_count: 0 } })
    .on('GET /api/v1/devices', () => ({ body: { items: devices, next_cursor: null } }))
    .on('POST /api/v1/devices/garmin', () => {
      devices = [garmin];
      return { status: 201, body: garmin };
    })
    .on('POST /api/v1/devices/{id}/sync', () => {
      devices = [
        {
          ...garmin,
          last_sync_at: '2026-12-03T08:02:00Z',
          last_sync_status: 'ok',
          latest_sync: { ...run, status: 'ok', started_at: '2026-12-03T08:01:10Z', finished_at: '2026-12-03T08:02:00Z', activities_imported: 3, metrics_imported: 7 },
        },
      ];
      return { status: 202, body: { sync_id: 'r1', status: 'pending', sync: run } };
    })
    .on('DELETE /api/v1/devices/{id}', () => {
      devices = [];
      return { status: 204 };
    });
});

test('connect Garmin, then sync it and see how it went', async () => {
  await renderApp('/settings/devices');
  await screen.findByText('No devices yet');
  await fireEvent.press(screen.getByRole('button', { name: 'Connect Garmin' }));
  expect(screen.getByText('Enter your Garmin email.')).toBeTruthy();
  expect(api.callsTo('POST /api/v1/devices/garmin')).toHaveLength(0);

  await fireEvent.changeText(screen.getByLabelText('Garmin email'), ' ada@example.com ');
  await fireEvent.changeText(screen.getByLabelText('Garmin password'), 'garmin secret');
  await fireEvent.press(screen.getByRole('button', { name: 'Connect Garmin' }));
  await screen.findByText('Garmin connected.');
  expect(api.callsTo('POST /api/v1/devices/garmin')[0]?.body).toEqual({ username: 'ada@example.com', password: 'garmin secret' });
  await screen.findByText('Garmin Connect');
  expect(screen.getByText('Last sync: never')).toBeTruthy();
  expect(screen.getByText('Not synced yet')).toBeTruthy();

  await fireEvent.press(screen.getByRole('button', { name: 'Sync now' }));
  await screen.findByText('Last sync went well');
  expect(screen.getByText('Imported 3 activities and 7 health days.')).toBeTruthy();
  expect(screen.queryByText('Last sync: never')).toBeNull();
  expect(api.callsTo('POST /api/v1/devices/d1/sync')).toHaveLength(1);
});

test('Garmin refusing the credentials is shown; disconnect asks first', async () => {
  devices = [{ ...garmin, last_sync_status: 'auth_failed', last_sync_at: '2026-12-02T08:00:00Z' }];
  api.on('POST /api/v1/devices/garmin', problem(422, 'garmin_auth_failed', 'Garmin rejected the email or password.'));
  await renderApp('/settings/devices');
  await screen.findByText('Garmin refused the stored sign-in. Connect Garmin again below.');

  await fireEvent.changeText(screen.getByLabelText('Garmin email'), 'ada@example.com');
  await fireEvent.changeText(screen.getByLabelText('Garmin password'), 'wrong');
  await fireEvent.press(screen.getByRole('button', { name: 'Connect Garmin' }));
  await screen.findByText('Garmin rejected the email or password.');

  await fireEvent.press(screen.getByRole('button', { name: 'Disconnect' }));
  expect(api.callsTo('DELETE /api/v1/devices/d1')).toHaveLength(0);
  await fireEvent.press(screen.getByRole('button', { name: 'Yes, disconnect' }));
  await screen.findByText('No devices yet');
  await waitFor(() => expect(api.callsTo('DELETE /api/v1/devices/d1')).toHaveLength(1));
});
