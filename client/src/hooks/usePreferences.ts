/**
 * Notification preferences (GET / PUT /notifications/preferences), and the check of
 * the local times before they are sent.
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';

import { api, ok } from '@/api/client';
import type { paths, Schema } from '@/api/types';

export type Preferences = Schema<'Preferences'>;
export type PreferencesUpdate = NonNullable<
  paths['/api/v1/notifications/preferences']['put']['requestBody']
>['content']['application/json'];

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
      ok(api.PUT('/api/v1/notifications/preferences', { body })),
    onSuccess: (saved) => client.setQueryData(preferencesKey, saved),
  });
}
