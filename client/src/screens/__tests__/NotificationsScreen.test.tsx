import { fireEvent, waitFor } from '@testing-library/react-native';

import { installFakeApi, type FakeApi } from '@/test/fakeApi';
import { installFakeWebSocket } from '@/test/fakeWebSocket';
import { profile, tokenPair } from '@/test/fixtures';
import { renderApp, screen, signedIn } from '@/test/render';

let readIds: Set<string>;
let deletedIds: Set<string>;

function note(i: number, extra: Record<string, unknown> = {}) {
  const id = `n${i}`;
  if (deletedIds.has(id)) return null;
  return {
    id: `n${i}`,
    type: 'plan_created',
    title: `Note ${i}`,
    body: `Body ${i}`,
    data: {},
    read: false,
    created_at: '2026-12-01T08:00:00Z',
    ...extra,
    ...(readIds.has(id) ? { read: true } : {}),
  };
}

const present = <T,>(items: (T | null)[]) => items.filter((n): n is T => n !== null);

let api: FakeApi;
let ws: ReturnType<typeof installFakeWebSocket>;
let unread: number;

beforeEach(async () => {
  readIds = new Set();
  deletedIds = new Set();
  await signedIn();
  ws = installFakeWebSocket();
  unread = 2;
  api = installFakeApi()
    .on('POST /api/v1/auth/refresh', { body: tokenPair(1) })
    .on('GET /api/v1/me', { body: profile })
    .on('GET /api/v1/notifications/unread-count', () => ({ body: { unread_count: unread } }))
    .on('GET /api/v1/notifications', (req) => {
      if (req.query.get('group_by') === 'type') {
        return {
          body: {
            groups: [
              { type: 'plan_created', count: 2, unread: 1, latest: '2026-12-01T08:00:00Z' },
              { type: 'analysis_ready', count: 1, unread: 1, latest: '2026-12-01T07:00:00Z' },
            ],
          },
        };
      }
      if (req.query.get('cursor') === 'page2') {
        return { body: { items: present([note(3, { read: true })]), next_cursor: null, unread_count: unread } };
      }
      if (req.query.get('type') === 'analysis_ready') {
        return { body: { items: present([note(2, { type: 'analysis_ready', data: { analysis_id: 'a9' } })]), next_cursor: null, unread_count: unread } };
      }
      return {
        body: {
          items: present([note(1, { data: { plan_id: 'p1' } }), note(2, { type: 'analysis_ready', data: { analysis_id: 'a9' } })]),
          next_cursor: 'page2',
          unread_count: unread,
        },
      };
    })
    .on('PATCH /api/v1/notifications/{id}/read', (req) => {
      const read = (req.body as { read: boolean }).read;
      if (read) readIds.add(req.params.id ?? '');
      else readIds.delete(req.params.id ?? '');
      return { body: note(Number(req.params.id?.slice(1))) };
    })
    .on('DELETE /api/v1/notifications/{id}', (req) => {
      deletedIds.add(req.params.id ?? '');
      return { status: 204 };
    })
    .on('POST /api/v1/notifications/read-all', () => {
      ['n1', 'n2', 'n3'].forEach((id) => readIds.add(id));
      return { body: { updated: 2 } };
    });
});

test('the bell shows the live unread count from /ws/events', async () => {
  await renderApp('/dashboard/notifications');
  await screen.findByLabelText('Notifications, 2 unread');
  const socket = await waitFor(() => {
    const s = ws.latest('/ws/events');
    if (!s) throw new Error('no events socket yet');
    return s;
  });
  await socket.accept();
  expect(socket.sent[0]).toEqual({ type: 'auth', token: 'access-1' });

  await socket.receive({ type: 'unread_count', unread_count: 5 });
  expect(await screen.findByLabelText('Notifications, 5 unread')).toBeTruthy();

  unread = 6;
  const listsBefore = api.callsTo('GET /api/v1/notifications').length;
  await socket.receive({ type: 'notification', notification: note(7) ?? {}, unread_count: 6 });
  expect(await screen.findByLabelText('Notifications, 6 unread')).toBeTruthy();
  await waitFor(() => expect(api.callsTo('GET /api/v1/notifications').length).toBeGreaterThan(listsBefore));
  expect(ws.sockets('/ws/events')).toHaveLength(1);
});

test('history, filters, mark read, delete, read all and opening what it is about', async () => {
  const app = await renderApp('/dashboard/notifications');
  await screen.findByRole('button', { name: 'Unread: Note 1. Body 1' });
  expect(screen.getByRole('button', { name: 'Plan created: 2, 1 unread' })).toBeTruthy();

  // older ones on next_cursor
  await fireEvent.press(screen.getByRole('button', { name: 'Show older' }));
  await screen.findByRole('button', { name: 'Note 3. Body 3' });

  // mark read: optimistic, then the service is told
  await fireEvent.press(screen.getByRole('button', { name: 'Mark read: Note 1' }));
  expect(await screen.findByRole('button', { name: 'Note 1. Body 1' })).toBeTruthy();
  await waitFor(() => expect(api.callsTo('PATCH /api/v1/notifications/n1/read')[0]?.body).toEqual({ read: true }));

  // delete: gone at once
  unread = 1;
  await fireEvent.press(screen.getByRole('button', { name: 'Delete: Note 3' }));
  await waitFor(() => expect(screen.queryByRole('button', { name: 'Note 3. Body 3' })).toBeNull());
  await waitFor(() => expect(api.callsTo('DELETE /api/v1/notifications/n3')).toHaveLength(1));

  // filter by type
  await fireEvent.press(screen.getByRole('button', { name: 'Analysis ready: 1, 1 unread' }));
  await waitFor(() => expect(screen.queryByRole('button', { name: /Note 1/ })).toBeNull());
  expect(api.calls.some((c) => c.query.get('type') === 'analysis_ready')).toBe(true);

  await fireEvent.press(screen.getByRole('button', { name: 'Read all' }));
  await waitFor(() => expect(api.callsTo('POST /api/v1/notifications/read-all')).toHaveLength(1));

  await fireEvent.press(await screen.findByRole('button', { name: /Note 2\. Body 2/ }));
  await waitFor(() => expect(app.getPathname()).toBe('/analysis/a9'));
});
