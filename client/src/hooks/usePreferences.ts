/**
 * Notification preferences (GET / PUT /notifications/preferences), and the check of
 * the local times before they are sent.
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';

import { api, ok } from '@/api/client';
import type { paths, Schema } from '@/api/types';

type Generated = Schema<'Preferences'>;
type GeneratedBody = NonNullable<
  paths['/api/v1/notifications/preferences']['put']['requestBody']
>['content']['application/json'];

/**
 * TODO(api): switch to the generated `Preferences` once the service's daily reminder
 * and unsubscribe fields are in schema.d.ts (`npm run api`); the ONE place they are typed.
 */
export type Preferences = Generated & {
  /** "HH:MM" local, or null: no daily reminder */
  daily_reminder_time?: string | null;
  push: Generated['push'] & { daily_reminder?: boolean };
  /** the email kinds unsubscribed from by a link in an email (read-only) */
  unsubscribed?: { kind: string; at: string }[];
};
export type PreferencesUpdate = Omit<GeneratedBody, 'push'> & {
  push?: Preferences['push'] | null;
  daily_reminder_time?: string | null;
};

export const preferencesKey = ['notifications', 'preferences'] as const;

const HH_MM = /^([01]\d|2[0-3]):[0-5]\d$/;

/** A local time of day "HH:MM" (00:00..23:59). */
export function isTimeOfDay(value: string): boolean {
  return HH_MM.test(value.trim());
}

export type TimeFields = {
  digest_time: string;
  daily_reminder_time: string | null;
  quiet_hours: { start: string; end: string } | null;
};

/** Field -> message for the times that are not HH:MM (empty when all are). */
export function validateTimes(values: TimeFields): Record<string, string> {
  const errors: Record<string, string> = {};
  const message = 'Use a time like 07:30 (HH:MM, 24-hour).';
  if (!isTimeOfDay(values.digest_time)) errors.digest_time = message;
  if (values.daily_reminder_time !== null && !isTimeOfDay(values.daily_reminder_time)) {
    errors.daily_reminder_time = message;
  }
  if (values.quiet_hours) {
    if (!isTimeOfDay(values.quiet_hours.start)) errors['quiet_hours.start'] = message;
    if (!isTimeOfDay(values.quiet_hours.end)) errors['quiet_hours.end'] = message;
  }
  return errors;
}

export function usePreferences() {
  return useQuery({
    queryKey: preferencesKey,
    queryFn: async (): Promise<Preferences> => ok(api.GET('/api/v1/notifications/preferences')),
  });
}

export function useSavePreferences() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async (body: PreferencesUpdate): Promise<Preferences> =>
      ok(api.PUT('/api/v1/notifications/preferences', { body: body as GeneratedBody })),
    onSuccess: (saved) => client.setQueryData(preferencesKey, saved),
  });
}
