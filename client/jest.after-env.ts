/* Every test starts with the websocket edge faked (the bell's /ws/events opens on every
   signed-in screen): sockets never connect unless a test drives them. */
import { installFakeWebSocket } from '@/test/fakeWebSocket';

beforeEach(() => {
  installFakeWebSocket();
});
