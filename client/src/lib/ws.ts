/**
 * The service's websockets (/ws/coach, /ws/events): where they are, and one
 * connection that authenticates by its first frame, keeps its token fresh and
 * comes back after a drop with backoff.
 *
 * The web export is served by the service itself, so the web app opens its own
 * origin (ws: or wss: as the page); phones use the API base (http -> ws).
 */
import { Platform } from 'react-native';

import { apiBaseUrl } from '@/api/baseUrl';
import { session } from '@/auth/session';

export function wsUrl(path: string): string {
  if (Platform.OS === 'web') {
    const location = globalThis.location;
    const scheme = location?.protocol === 'https:' ? 'wss:' : 'ws:';
    return `${scheme}//${location?.host ?? ''}${path}`;
  }
  return `${apiBaseUrl().replace(/^http/, 'ws')}${path}`;
}

/** A server frame: JSON with a string `type` (the other fields per type). */
export type Frame = { type: string } & Record<string, unknown>;

export function parseFrame(data: unknown): Frame | null {
  if (typeof data !== 'string') return null;
  try {
    const value: unknown = JSON.parse(data);
    if (typeof value === 'object' && value !== null && 'type' in value && typeof value.type === 'string') {
      return value as Frame;
    }
  } catch {
    // not JSON: not a frame
  }
  return null;
}

/** 1 s, 2 s, 4 s ... up to 30 s between attempts. */
export function backoffMs(attempt: number): number {
  return Math.min(30_000, 1000 * 2 ** attempt);
}

export type SocketStatus = 'connecting' | 'open' | 'closed';

export type LiveSocketOptions = {
  path: string;
  /** every frame but `ready` and `pong` */
  onFrame(frame: Frame): void;
  /** the service accepted the token (`ready`); `again` after a dropped connection */
  onReady?(again: boolean): void;
  onStatus?(status: SocketStatus): void;
  /** send `{"type": "ping"}` this often while open (the coach socket) */
  pingMs?: number;
};

export type LiveSocket = {
  /** false when the socket is not open (the frame is not sent) */
  send(frame: Record<string, unknown>): boolean;
  close(): void;
};

const AUTH_REFUSED = 4401;

export function openLiveSocket(options: LiveSocketOptions): LiveSocket {
  let socket: WebSocket | null = null;
  let ready = false;
  let closed = false;
  let attempt = 0;
  let everReady = false;
  let retry: ReturnType<typeof setTimeout> | null = null;
  let ping: ReturnType<typeof setInterval> | null = null;

  const status = (s: SocketStatus) => options.onStatus?.(s);

  function stopPing() {
    if (ping) clearInterval(ping);
    ping = null;
  }

  function connect() {
    retry = null;
    const token = session.get()?.accessToken;
    if (closed || !token) return;
    status('connecting');
    const ws = new WebSocket(wsUrl(options.path));
    socket = ws;
    ws.onopen = () => {
      ws.send(JSON.stringify({ type: 'auth', token: session.get()?.accessToken ?? token }));
    };
    ws.onmessage = (event: { data: unknown }) => {
      const frame = parseFrame(event.data);
      if (!frame) return;
      if (frame.type === 'ready') {
        ready = true;
        attempt = 0;
        status('open');
        const again = everReady;
        everReady = true;
        if (options.pingMs) {
          stopPing();
          ping = setInterval(() => send({ type: 'ping' }), options.pingMs);
        }
        options.onReady?.(again);
        return;
      }
      if (frame.type === 'pong') return;
      options.onFrame(frame);
    };
    ws.onclose = (event: { code?: number }) => {
      if (socket !== ws) return;
      socket = null;
      ready = false;
      stopPing();
      status('closed');
      if (closed) return;
      const wait = backoffMs(attempt);
      attempt += 1;
      if (event.code === AUTH_REFUSED) {
        // an expired token: a fresh one (or the end of the session) first
        void session.refresh().then((fresh) => {
          if (fresh && !closed) retry = setTimeout(connect, wait);
        });
        return;
      }
      retry = setTimeout(connect, wait);
    };
  }

  function send(frame: Record<string, unknown>): boolean {
    if (!socket || !ready) return false;
    socket.send(JSON.stringify(frame));
    return true;
  }

  // a refreshed token is sent before the old one expires; the end of the session closes
  const unsubscribe = session.subscribe((tokens) => {
    if (!tokens) {
      close();
      return;
    }
    if (socket && ready) socket.send(JSON.stringify({ type: 'auth', token: tokens.accessToken }));
    else if (!socket && !retry && !closed) connect();
  });

  function close() {
    closed = true;
    unsubscribe();
    stopPing();
    if (retry) clearTimeout(retry);
    retry = null;
    const ws = socket;
    socket = null;
    ready = false;
    ws?.close();
  }

  connect();
  return { send, close };
}
