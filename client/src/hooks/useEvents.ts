/**
 * The live events socket (/ws/events): one connection for the whole signed-in app,
 * however many bells are mounted. `unread_count` and `notification` frames update
 * the cached unread count at once; a new notification also refreshes the lists.
 */
import { useQueryClient, type QueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';

import { openLiveSocket, type Frame, type LiveSocket } from '@/lib/ws';

import { keys } from './keys';
import { notificationKeys } from './useNotifications';

let shared: { client: QueryClient; socket: LiveSocket; users: number } | null = null;

function onFrame(client: QueryClient, frame: Frame) {
  const count = frame.unread_count;
  if (typeof count === 'number') client.setQueryData(keys.unreadCount, { unread_count: count });
  if (frame.type === 'notification') {
    void client.invalidateQueries({ queryKey: notificationKeys.lists });
    void client.invalidateQueries({ queryKey: notificationKeys.groups });
  }
}

/** Keep the live events socket open while mounted (shared, reference counted). */
export function useEvents(): void {
  const client = useQueryClient();
  useEffect(() => {
    if (!shared || shared.client !== client) {
      shared?.socket.close();
      shared = {
        client,
        users: 0,
        socket: openLiveSocket({
          path: '/ws/events',
          onFrame: (frame) => onFrame(client, frame),
          // back after a drop: what happened meanwhile is read again
          onReady: (again) => {
            if (again) void client.invalidateQueries({ queryKey: ['notifications'] });
          },
        }),
      };
    }
    const mine = shared;
    mine.users += 1;
    return () => {
      mine.users -= 1;
      if (mine.users === 0) {
        mine.socket.close();
        if (shared === mine) shared = null;
      }
    };
  }, [client]);
}
