/**
 * The signed-in sessions (GET /auth/sessions), signing one out (DELETE, removed from
 * the list at once) and signing out everywhere (POST /auth/logout-all, this device too).
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';

import { api, done, ok } from '@/api/client';
import type { Schema } from '@/api/types';
import { session } from '@/auth/session';

export type SignedInSession = Schema<'SignedInSession'>;
type SessionList = Schema<'SessionList'>;

export const sessionsKey = ['auth', 'sessions'] as const;

export function useSessions() {
  return useQuery({
    queryKey: sessionsKey,
    queryFn: () => ok(api.GET('/api/v1/auth/sessions')),
  });
}

/** Sign one (other) session out; it leaves the list at once and comes back if refused. */
export function useRevokeSession() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: string) =>
      done(api.DELETE('/api/v1/auth/sessions/{session_id}', { params: { path: { session_id: id } } })),
    onMutate: async (id: string) => {
      await client.cancelQueries({ queryKey: sessionsKey });
      const before = client.getQueryData<SessionList>(sessionsKey);
      if (before) {
        client.setQueryData<SessionList>(sessionsKey, {
          ...before,
          items: before.items.filter((s) => s.id !== id),
        });
      }
      return { before };
    },
    onError: (_error, _id, context) => {
      if (context?.before) client.setQueryData(sessionsKey, context.before);
    },
    onSettled: () => {
      void client.invalidateQueries({ queryKey: sessionsKey });
    },
  });
}

/** Sign out on every device; this one's tokens are revoked too, so it signs out locally after. */
export function useLogoutAll() {
  return useMutation({
    mutationFn: () => done(api.POST('/api/v1/auth/logout-all')),
    onSuccess: async () => {
      await session.clear(); // the auth module's local sign-out: AuthProvider clears the cache
    },
  });
}
