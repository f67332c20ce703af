import { fireEvent, waitFor } from '@testing-library/react-native';

import { installFakeApi, problem, type FakeApi } from '@/test/fakeApi';
import { installFakeWebSocket } from '@/test/fakeWebSocket';
import { profile, tokenPair } from '@/test/fixtures';
import { renderApp, screen, signedIn } from '@/test/render';

const prefs = {
  email: { daily_summary: true, weekly_analysis: true, alerts_only: false, disabled: false },
  push: {
    plan_created: true, analysis_ready: true, overtraining_detected: true, weekly_summary: true,
    daily_summary: false, payment_failed: true, subscription_changed: true, daily_reminder: true,
  },
  digest_time: '07:00',
  weekly_day: 'mon',
  quiet_hours: null,
  critical_alerts_in_quiet_hours: true,
  digest_when_empty: false,
  timezone: 'Europe/London',
  daily_reminder_time: null,
  unsubscribed: [{ kind: 'weekly_analysis', at: '2026-11-20T09:00:00Z' }],
};

let api: FakeApi;

beforeEach(async () => {
  await signedIn();
  installFakeWebSocket();
  api = installFakeApi()
    .on('POST /api/v1/auth/refresh', { body: tokenPair(1) })
    .on('GET /api/v1/me', { body: profile })
    .on('GET /api/v1/notifications/unread-count', { body: { unread_count: 0 } })
    .on('GET /api/v1/notifications/preferences', { body: prefs })
    .on('PUT /api/v1/notifications/preferences', (req) => ({ body: { ...prefs, ...(req.body as object) } }));
});

test('times are checked before saving; a good form is saved and confirmed', async () => {
  await renderApp('/settings/notifications');
  await screen.findByLabelText('Daily summary time (HH:MM)');
  expect(screen.getByText(/You unsubscribed from weekly analysis by email on/)).toBeTruthy();

  await fireEvent.changeText(screen.getByLabelText('Daily summary time (HH:MM)'), '7.30');
  await fireEvent(screen.getByLabelText('Quiet hours'), 'valueChange', true);
  await fireEvent.changeText(screen.getByLabelText('Quiet hours end (HH:MM)'), '25:00');
  await fireEvent.press(screen.getByRole('button', { name: 'Save' }));
  expect(screen.getAllByText('Use a time like 07:30 (HH:MM, 24-hour).')).toHaveLength(2);
  expect(api.callsTo('PUT /api/v1/notifications/preferences')).toHaveLength(0);

  await fireEvent.changeText(screen.getByLabelText('Daily summary time (HH:MM)'), '07:30');
  await fireEvent.changeText(screen.getByLabelText('Quiet hours end (HH:MM)'), '06:30');
  await fireEvent(screen.getByLabelText('Daily reminder'), 'valueChange', true);
  await fireEvent.changeText(screen.getByLabelText('Daily reminder time (HH:MM)'), '06:45');
  await fireEvent.press(screen.getByRole('button', { name: 'Thursday' }));
  await fireEvent.press(screen.getByRole('button', { name: 'Save' }));

  await screen.findByText('Saved');
  expect(api.callsTo('PUT /api/v1/notifications/preferences')[0]?.body).toMatchObject({
    digest_time: '07:30',
    weekly_day: 'thu',
    quiet_hours: { start: '22:00', end: '06:30' },
    daily_reminder_time: '06:45',
    critical_alerts_in_quiet_hours: true,
  });
});

test("the service's field errors are shown next to their fields", async () => {
  api.on(
    'PUT /api/v1/notifications/preferences',
    problem(422, 'validation_error', 'Validation failed', {
      errors: [{ field: 'body.digest_time', message: 'must be on the quarter hour' }],
    }),
  );
  await renderApp('/settings/notifications');
  await screen.findByLabelText('Daily summary time (HH:MM)');
  await fireEvent.press(screen.getByRole('button', { name: 'Save' }));
  await screen.findByText('must be on the quarter hour');
  expect(screen.queryByText('Saved')).toBeNull();
  await waitFor(() => expect(api.callsTo('PUT /api/v1/notifications/preferences')).toHaveLength(1));
});
