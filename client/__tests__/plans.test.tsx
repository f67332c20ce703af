import AsyncStorage from '@react-native-async-storage/async-storage';
import { fireEvent, waitFor } from 'expo-router/testing-library';

import { tokenStorage } from '@/auth/tokenStorage';
import { installFakeApi, problem, type FakeApi } from '@/test/fakeApi';
import { dashboard, plan, profile, tokenPair } from '@/test/fixtures';
import { renderApp, screen, signedIn } from '@/test/render';

let api: FakeApi;

beforeEach(async () => {
  await tokenStorage.remove();
  await AsyncStorage.clear();
  await signedIn(0);
  api = installFakeApi()
    .on('POST /api/v1/auth/refresh', { body: tokenPair(1) })
    .on('GET /api/v1/notifications/unread-count', { body: { unread_count: 0 } })
    .on('GET /api/v1/me', { body: profile })
    .on('GET /api/v1/plans', { body: { items: [], next_cursor: null } });
});

test('creating a plan: 202, "building" while it generates, then its weeks with tips', async () => {
  let reads = 0;
  api
    .on('POST /api/v1/plans', { status: 202, body: { plan_id: 'p1', status: 'generating' } })
    .on('GET /api/v1/plans/{id}', () => {
      reads += 1;
      return { body: reads < 2 ? plan({ status: 'generating', weeks: [] }) : plan() };
    });
  const app = await renderApp('/plans/new');

  await fireEvent.press(await screen.findByRole('button', { name: 'Half marathon' }));
  await fireEvent.press(screen.getByRole('button', { name: '5 days a week' }));
  await fireEvent.changeText(screen.getByLabelText('Race date'), '2030-04-06');
  await fireEvent.changeText(screen.getByLabelText('Target time'), '1:45:00');
  await fireEvent.press(screen.getByRole('button', { name: 'Long run on Sat' }));
  await fireEvent.press(screen.getByRole('button', { name: 'Create plan' }));

  await waitFor(() => expect(app.getPathname()).toBe('/plans/p1'));
  expect(api.callsTo('POST /api/v1/plans')[0]?.body).toEqual({
    goal: 'half',
    days_per_week: 5,
    race_date: '2030-04-06',
    target_time_s: 6300,
    long_run_day: 'sat',
  });
  expect(await screen.findByLabelText('Building your plan')).toBeTruthy();
  expect(await screen.findByText('Week 1', {}, { timeout: 8000 })).toBeTruthy();
  expect(screen.getByText("Coach's tip: Keep it conversational.")).toBeTruthy();
  expect(reads).toBeGreaterThanOrEqual(2);
});

test('the plan form checks its dates and times before sending', async () => {
  await renderApp('/plans/new');
  await fireEvent.changeText(await screen.findByLabelText('Race date'), '2020-01-01');
  await fireEvent.changeText(screen.getByLabelText('Target time'), 'fast');
  await fireEvent.press(screen.getByRole('button', { name: 'Create plan' }));
  expect(screen.getByText('The race date must be in the future.')).toBeTruthy();
  expect(screen.getByText('Enter the target time as h:mm:ss.')).toBeTruthy();
  expect(api.callsTo('POST /api/v1/plans')).toHaveLength(0);
});

test('a failed plan says why', async () => {
  api.on('GET /api/v1/plans/{id}', { body: plan({ status: 'failed', failure_reason: 'the race is too close', weeks: [] }) });
  await renderApp('/plans/p1');
  expect(await screen.findByText('The plan could not be built: the race is too close')).toBeTruthy();
});

test('marking a session done shows at once and is sent; a refusal puts it back', async () => {
  let release: () => void = () => undefined;
  api
    .on('GET /api/v1/plans/{id}', { body: plan() })
    .on('PATCH /api/v1/plans/{plan_id}/sessions/{session_id}', async ({ params, body }) => {
      await new Promise<void>((r) => {
        release = r;
      });
      const current = plan();
      const s = current.weeks[0]?.days[1]?.sessions[0];
      return {
        body: {
          session: { ...s, id: params.session_id, completed: (body as { completed: boolean }).completed },
          progress: { completed: 1, total: 2, percent: 50 },
        },
      };
    });
  await renderApp('/plans/p1');
  const name = 'Mark Easy on Thu, Dec 3 done';
  await fireEvent.press(await screen.findByRole('button', { name }));
  // optimistic: the session reads done before the service answers
  expect(await screen.findByRole('button', { name: 'Mark Easy on Thu, Dec 3 not done' })).toBeTruthy();
  expect(screen.getByText('0 of 2 sessions done')).toBeTruthy();
  release();
  expect(await screen.findByText('1 of 2 sessions done')).toBeTruthy();
  expect(api.callsTo('PATCH /api/v1/plans/p1/sessions/s1')[0]?.body).toEqual({ completed: true });

  api.on('PATCH /api/v1/plans/{plan_id}/sessions/{session_id}', problem(409, 'conflict', 'The plan was replaced.'));
  await fireEvent.press(screen.getByRole('button', { name: 'Mark Easy on Thu, Dec 3 not done' }));
  expect(await screen.findByText('The plan was replaced.')).toBeTruthy();
  expect(screen.getByRole('button', { name: 'Mark Easy on Thu, Dec 3 not done' })).toBeTruthy();
});

test('the dashboard shows the week, readiness, risk, today and recent workouts, and syncs Garmin', async () => {
  const device = {
    id: 'd1',
    provider: 'garmin',
    display_name: 'Garmin Forerunner',
    device_name: null,
    available: true,
    last_sync_at: '2026-12-02T06:00:00Z',
    last_sync_status: 'ok',
    last_error: null,
    connected_at: '2026-11-01T06:00:00Z',
    latest_sync: null,
  };
  api
    .on('GET /api/v1/dashboard/summary', { body: dashboard({ ads: true }) })
    .on('GET /api/v1/analytics/load', {
      body: {
        unit: 'tss',
        today: null,
        days: [
          { date: '2026-12-01', load: 50, ctl: 38, atl: 50, tsb: -12, ramp: 1, acwr: 1.2 },
          { date: '2026-12-02', load: 60, ctl: 40, atl: 55, tsb: -15, ramp: 1, acwr: 1.3 },
        ],
      },
    })
    .on('GET /api/v1/devices', { body: { items: [device], next_cursor: null } })
    .on('POST /api/v1/devices/{id}/sync', { status: 202, body: { sync_id: 'y1', status: 'pending', sync: { id: 'y1', status: 'pending', requested_at: '2026-12-03T10:00:00Z', started_at: null, finished_at: null, error: null, activities_imported: 0, metrics_imported: 0 } } });
  await renderApp('/dashboard');
  expect(await screen.findByLabelText('Distance: 21.5 km')).toBeTruthy();
  expect(screen.getByLabelText('Readiness score: 72')).toBeTruthy();
  expect(screen.getByLabelText('Overtraining risk: moderate')).toBeTruthy();
  expect(screen.getByText('• Your load rose quickly this week.')).toBeTruthy();
  expect(screen.getByText("Coach's tip: Keep it conversational.")).toBeTruthy();
  expect(screen.getByText('Run 1')).toBeTruthy();
  expect(screen.getByLabelText('Advertisement')).toBeTruthy();
  expect(await screen.findByLabelText(/Training load chart\. Fitness 40, fatigue 55, form -15/)).toBeTruthy();

  await fireEvent.press(await screen.findByRole('button', { name: 'Sync Garmin now' }));
  await waitFor(() => expect(api.callsTo('POST /api/v1/devices/d1/sync')).toHaveLength(1));
});

