/**
 * A stand-in for the service's websockets at the network edge: `global.WebSocket`
 * is replaced by a class whose sockets a test opens, feeds server frames, drops,
 * and reads the frames the app sent.
 */
import { act } from '@testing-library/react-native';

type Handler<E> = ((event: E) => void) | null;

export class FakeWebSocket {
  static instances: FakeWebSocket[] = [];
  readonly url: string;
  readyState = 0;
  /** the frames the app sent, parsed */
  sent: Record<string, unknown>[] = [];
  onopen: Handler<Record<string, never>> = null;
  onmessage: Handler<{ data: string }> = null;
  onclose: Handler<{ code: number; reason: string }> = null;
  onerror: Handler<Record<string, never>> = null;

  constructor(url: string) {
    this.url = url;
    FakeWebSocket.instances.push(this);
  }

  send(data: string): void {
    if (this.readyState !== 1) throw new Error('send on a socket that is not open');
    this.sent.push(JSON.parse(data) as Record<string, unknown>);
  }

  close(): void {
    if (this.readyState === 3) return;
    this.readyState = 3;
    this.onclose?.({ code: 1000, reason: '' });
  }

  /** the service accepts the connection */
  open(): Promise<void> {
    return act(() => {
      this.readyState = 1;
      this.onopen?.({});
    });
  }

  /** a server frame arrives */
  receive(frame: Record<string, unknown>): Promise<void> {
    return act(() => {
      this.onmessage?.({ data: JSON.stringify(frame) });
    });
  }

  /** open and answer the auth frame with `ready` */
  async accept(): Promise<void> {
    await this.open();
    await this.receive({ type: 'ready', user_id: 'u1' });
  }

  /** the connection drops (network) */
  drop(code = 1006): Promise<void> {
    return act(() => {
      this.readyState = 3;
      this.onclose?.({ code, reason: '' });
    });
  }

  framesOfType(type: string): Record<string, unknown>[] {
    return this.sent.filter((f) => f.type === type);
  }
}

/** Replace global.WebSocket; `sockets(path)` lists the sockets opened to a path. */
export function installFakeWebSocket() {
  FakeWebSocket.instances = [];
  globalThis.WebSocket = FakeWebSocket as unknown as typeof WebSocket;
  const sockets = (path: string) => FakeWebSocket.instances.filter((s) => new URL(s.url).pathname === path);
  return {
    sockets,
    latest(path: string): FakeWebSocket | undefined {
      const list = sockets(path);
      return list[list.length - 1];
    },
  };
}
