/** Changing the password (POST /auth/password -> 204; the other sessions end). */
import { useMutation, useQueryClient } from '@tanstack/react-query';

import { api, done } from '@/api/client';

import { sessionsKey } from './useSessions';

export const MIN_PASSWORD_LENGTH = 10;

export type PasswordChange = { current_password: string; new_password: string };

/** Field -> message for what is wrong before sending (empty when nothing is). */
export function validatePasswordChange(values: PasswordChange): Record<string, string> {
  const errors: Record<string, string> = {};
  if (!values.current_password) errors.current_password = 'Enter your current password.';
  if (values.new_password.length < MIN_PASSWORD_LENGTH) {
    errors.new_password = `Use at least ${MIN_PASSWORD_LENGTH} characters.`;
  }
  return errors;
}

export function useChangePassword() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: PasswordChange) => done(api.POST('/api/v1/auth/password', { body })),
    onSuccess: () => {
      // the other devices were signed out
      void client.invalidateQueries({ queryKey: sessionsKey });
    },
  });
}
