import { act, fireEvent, waitFor } from '@testing-library/react-native';

import { installFakeApi, type FakeApi } from '@/test/fakeApi';
import { installFakeWebSocket, type FakeWebSocket } from '@/test/fakeWebSocket';
import { profile, tokenPair } from '@/test/fixtures';
import { renderApp, screen, signedIn } from '@/test/render';

type Message = {
  id: string;
  role: 'user' | 'assistant';
  content: string;
  client_id: string | null;
  status: 'complete' | 'streaming' | 'cancelled' | 'failed';
};

function message(m: Message) {
  return {
    conversation_id: 'c1',
    created_at: '2026-12-01T08:00:00Z',
    completed_at: '2026-12-01T08:00:05Z',
    error_code: null,
    model: null,
    provider: null,
    usage: null,
    ...m,
  };
}

let api: FakeApi;
let ws: ReturnType<typeof installFakeWebSocket>;
let stored: Message[];

beforeEach(async () => {
  await signedIn();
  ws = installFakeWebSocket();
  stored = [
    { id: 'm1', role: 'user', content: 'How far should I run today?', client_id: 'q0', status: 'complete' },
    { id: 'm2', role: 'assistant', content: 'An easy 6 km.', client_id: null, status: 'complete' },
  ];
  api = installFakeApi()
    .on('POST /api/v1/auth/refresh', { body: tokenPair(1) })
    .on('GET /api/v1/me', { body: profile })
    .on('GET /api/v1/notifications/unread-count', { body: { unread_count: 0 } })
    .on('GET /api/v1/coach/conversations', {
      body: {
        items: [{ id: 'c1', title: 'Today', created_at: '2026-12-01T08:00:00Z', updated_at: '2026-12-01T08:00:05Z' }],
        next_cursor: null,
      },
    })
    .on('GET /api/v1/coach/conversations/{id}/messages', () => ({
      body: { items: [...stored].reverse().map(message), next_cursor: null },
    }));
});

async function openCoach(): Promise<FakeWebSocket> {
  await renderApp('/coach');
  await screen.findByLabelText('Coach: An easy 6 km.');
  expect(screen.getByLabelText('You: How far should I run today?')).toBeTruthy();
  const socket = await waitFor(() => {
    const s = ws.latest('/ws/coach');
    if (!s) throw new Error('no coach socket yet');
    return s;
  });
  await socket.accept();
  expect(socket.sent[0]).toEqual({ type: 'auth', token: 'access-1' });
  return socket;
}

async function ask(text: string) {
  await fireEvent.changeText(screen.getByLabelText('Message the coach'), text);
  await fireEvent.press(screen.getByRole('button', { name: 'Send' }));
}

test('the answer grows as its deltas arrive, and Cancel stops it', async () => {
  const socket = await openCoach();
  await ask('Can I run a tempo tomorrow?');

  const [sent] = socket.framesOfType('message');
  expect(sent).toEqual({
    type: 'message',
    text: 'Can I run a tempo tomorrow?',
    conversation_id: 'c1',
    client_id: expect.stringMatching(/^[0-9a-f-]{36}$/),
  });
  expect(screen.getByLabelText('You: Can I run a tempo tomorrow?')).toBeTruthy();

  await socket.receive({ type: 'start', message_id: 'm4', conversation_id: 'c1' });
  await socket.receive({ type: 'delta', text: 'Yes, ' });
  expect(screen.getByLabelText('Coach: Yes,')).toBeTruthy();
  await socket.receive({ type: 'delta', text: 'if your legs feel fresh.' });
  expect(screen.getByLabelText('Coach: Yes, if your legs feel fresh.')).toBeTruthy();

  await fireEvent.press(screen.getByRole('button', { name: 'Cancel' }));
  expect(socket.framesOfType('cancel')).toEqual([{ type: 'cancel' }]);

  await socket.receive({ type: 'done', message_id: 'm4', usage: {}, cancelled: true });
  expect(screen.getByLabelText('Coach: Yes, if your legs feel fresh. (stopped)')).toBeTruthy();
  expect(screen.queryByRole('button', { name: 'Cancel' })).toBeNull();
  expect(screen.getByRole('button', { name: 'Send' })).toBeTruthy();
});

test('an error frame is shown to the person', async () => {
  const socket = await openCoach();
  await ask('One more question');
  await socket.receive({ type: 'error', code: 'quota_exceeded', message: 'You have used your 20 coach messages this month.' });
  expect(screen.getByRole('alert')).toHaveTextContent(/You have used your 20 coach messages this month\./);
  expect(screen.getByRole('button', { name: 'Send' })).toBeTruthy();
});

test('after a dropped socket it reconnects and shows the answer finished meanwhile', async () => {
  const socket = await openCoach();
  await ask('Should I stretch?');
  const clientId = socket.framesOfType('message')[0]?.client_id;
  await socket.receive({ type: 'start', message_id: 'm6', conversation_id: 'c1' });
  await socket.receive({ type: 'delta', text: 'A little, ' });

  // the service finishes the answer while the connection is down
  stored.push(
    { id: 'm5', role: 'user', content: 'Should I stretch?', client_id: String(clientId), status: 'complete' },
    { id: 'm6', role: 'assistant', content: 'A little, after easy runs.', client_id: null, status: 'complete' },
  );
  const loadsBefore = api.callsTo('GET /api/v1/coach/conversations/c1/messages').length;
  await socket.drop();

  const again = await waitFor(
    () => {
      const s = ws.latest('/ws/coach');
      if (!s || s === socket) throw new Error('not reconnected yet');
      return s;
    },
    { timeout: 4000 },
  );
  await again.accept();
  expect(again.sent[0]).toEqual({ type: 'auth', token: 'access-1' });

  await screen.findByLabelText('Coach: A little, after easy runs.');
  expect(api.callsTo('GET /api/v1/coach/conversations/c1/messages').length).toBeGreaterThan(loadsBefore);
  // the question the service had started is not sent again
  expect(again.framesOfType('message')).toEqual([]);
  expect(screen.getAllByLabelText('You: Should I stretch?')).toHaveLength(1);
});

test('a question sent before the service started it is sent again with the same client_id', async () => {
  const socket = await openCoach();
  await ask('What about hills?');
  const first = socket.framesOfType('message')[0];
  await socket.drop();
  const again = await waitFor(
    () => {
      const s = ws.latest('/ws/coach');
      if (!s || s === socket) throw new Error('not reconnected yet');
      return s;
    },
    { timeout: 4000 },
  );
  await again.accept();
  await act(async () => undefined);
  expect(again.framesOfType('message')).toEqual([first]);
});
