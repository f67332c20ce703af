import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';

import { api, authedFetch, ok } from '@/api/client';
import { toProblem } from '@/api/problem';
import type { paths, Sport, WorkoutDetail } from '@/api/types';

import { outbox } from '@/offline/outbox';

import { keys } from './keys';

export const WORKOUTS_PAGE_SIZE = 20;

/** The workouts, newest first, a page at a time on `next_cursor` (GET /workouts). */
export function useWorkouts(sport: Sport | null = null) {
  return useInfiniteQuery({
    queryKey: keys.workoutList(sport),
    initialPageParam: null as string | null,
    queryFn: ({ pageParam }) =>
      ok(
        api.GET('/api/v1/workouts', {
          params: {
            query: {
              limit: WORKOUTS_PAGE_SIZE,
              ...(sport ? { sport } : {}),
              ...(pageParam ? { cursor: pageParam } : {}),
            },
          },
        }),
      ),
    getNextPageParam: (last) => last.next_cursor ?? undefined,
  });
}

/** One workout with its splits, HR zones and load (GET /workouts/{id}). */
export function useWorkout(id: string) {
  return useQuery({
    queryKey: keys.workout(id),
    queryFn: () => ok(api.GET('/api/v1/workouts/{workout_id}', { params: { path: { workout_id: id } } })),
    enabled: !!id,
  });
}

export type NewWorkout = NonNullable<
  paths['/api/v1/workouts']['post']['requestBody']
>['content']['application/json'];

function useWorkoutWritten() {
  const queryClient = useQueryClient();
  return (workout: WorkoutDetail) => {
    queryClient.setQueryData(keys.workout(workout.id), workout);
    void queryClient.invalidateQueries({ queryKey: keys.workouts });
    void queryClient.invalidateQueries({ queryKey: keys.dashboard });
    void queryClient.invalidateQueries({ queryKey: ['analytics'] });
  };
}

/** Log a workout by hand (POST /workouts), through the offline outbox. */
export function useCreateWorkout() {
  const written = useWorkoutWritten();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: NewWorkout) => outbox.logWorkout(queryClient, body),
    networkMode: 'always', // offline, the outbox queues it
    onSuccess: written,
  });
}

/** A picked file: a web File/Blob, or a phone's file URI. */
export type PickedFile = { name: string; uri: string; mimeType?: string | null; file?: Blob | null };

/** Import a .fit, .gpx or .tcx file (POST /workouts/import, multipart `file`). */
export function useImportWorkout() {
  const written = useWorkoutWritten();
  return useMutation({
    mutationFn: async (picked: PickedFile): Promise<WorkoutDetail> => {
      const form = new FormData();
      if (picked.file) {
        form.append('file', picked.file, picked.name);
      } else {
        // React Native's FormData takes a {uri, name, type} part for a file on disk
        const part = { uri: picked.uri, name: picked.name, type: picked.mimeType ?? 'application/octet-stream' };
        form.append('file', part as unknown as Blob);
      }
      const response = await authedFetch('/api/v1/workouts/import', {
        method: 'POST',
        body: form,
        headers: { Accept: 'application/json' },
      });
      const body: unknown = await response.json().catch(() => null);
      if (!response.ok) throw toProblem(response, body);
      return body as WorkoutDetail;
    },
    onSuccess: written,
  });
}
