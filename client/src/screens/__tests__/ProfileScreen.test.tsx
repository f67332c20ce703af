import { fireEvent } from '@testing-library/react-native';

import { installFakeApi, problem, type FakeApi } from '@/test/fakeApi';
import { installFakeWebSocket } from '@/test/fakeWebSocket';
import { profile, tokenPair } from '@/test/fixtures';
import { renderApp, screen, signedIn } from '@/test/render';

let api: FakeApi;

beforeEach(async () => {
  await signedIn();
  installFakeWebSocket();
  api = installFakeApi()
    .on('POST /api/v1/auth/refresh', { body: tokenPair(1) })
    .on('GET /api/v1/me', { body: { ...profile, max_hr: 190 } })
    .on('GET /api/v1/notifications/unread-count', { body: { unread_count: 0 } })
    .on('PATCH /api/v1/me', (req) => ({ body: { ...profile, max_hr: 190, ...(req.body as object) } }));
});

test('saving sends only the changed fields and confirms', async () => {
  await renderApp('/settings/profile');
  const zone = await screen.findByLabelText('Time zone (IANA, e.g. Europe/London)');
  expect(zone.props.value).toBe('Europe/London');
  expect(screen.getByLabelText('Max heart rate (bpm)').props.value).toBe('190');

  await fireEvent.changeText(screen.getByLabelText('Name'), 'Ada Lovelace');
  await fireEvent.changeText(screen.getByLabelText('Weight (kg)'), '61,5');
  await fireEvent.changeText(screen.getByLabelText('Max heart rate (bpm)'), '');
  await fireEvent.press(screen.getByRole('button', { name: 'Female' }));
  await fireEvent.press(screen.getByRole('button', { name: 'Save' }));

  await screen.findByText('Saved');
  expect(api.callsTo('PATCH /api/v1/me')).toHaveLength(1);
  expect(api.callsTo('PATCH /api/v1/me')[0]?.body).toEqual({
    name: 'Ada Lovelace',
    sex: 'female',
    weight_kg: 61.5,
    max_hr: null,
  });
});

test('a bad date is caught before sending; the service\'s 422 is shown next to its field', async () => {
  api.on(
    'PATCH /api/v1/me',
    problem(422, 'validation_error', 'Validation failed', {
      errors: [{ field: 'body.resting_hr', message: 'Input should be greater than or equal to 25' }],
    }),
  );
  await renderApp('/settings/profile');
  await fireEvent.changeText(await screen.findByLabelText('Birth date (YYYY-MM-DD)'), '1990-13-40');
  await fireEvent.press(screen.getByRole('button', { name: 'Save' }));
  expect(screen.getByText('Use a date like 1990-04-21 (YYYY-MM-DD).')).toBeTruthy();
  expect(api.callsTo('PATCH /api/v1/me')).toHaveLength(0);

  await fireEvent.changeText(screen.getByLabelText('Birth date (YYYY-MM-DD)'), '1990-04-21');
  await fireEvent.changeText(screen.getByLabelText('Resting heart rate (bpm)'), '12');
  await fireEvent.press(screen.getByRole('button', { name: 'Save' }));
  await screen.findByText('Input should be greater than or equal to 25');
  expect(api.callsTo('PATCH /api/v1/me')[0]?.body).toEqual({ birth_date: '1990-04-21', resting_hr: 12 });
  expect(screen.queryByText('Saved')).toBeNull();
  expect(screen.queryByText('body.resting_hr: Input should be greater than or equal to 25')).toBeNull();
});
