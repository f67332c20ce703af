import { useMutation } from '@tanstack/react-query';
import * as Clipboard from 'expo-clipboard';
import { Platform, Share } from 'react-native';

import { shareWorkout, stopSharingWorkout, type WorkoutShare } from '@/api/share';

export type Shared = WorkoutShare & { via: 'sheet' | 'clipboard' };

/** Hand the link to the system share sheet, or copy it (web browsers without navigator.share). */
async function offer(link: WorkoutShare, title: string): Promise<Shared> {
  if (Platform.OS === 'web') {
    const nav: Navigator | undefined = typeof navigator === 'undefined' ? undefined : navigator;
    if (nav && typeof nav.share === 'function') {
      try {
        await nav.share({ title, url: link.url });
        return { ...link, via: 'sheet' };
      } catch {
        // dismissed or refused: copy instead
      }
    }
    await Clipboard.setStringAsync(link.url);
    return { ...link, via: 'clipboard' };
  }
  await Share.share({ title, message: `${title} ${link.url}`, url: link.url });
  return { ...link, via: 'sheet' };
}

/** A workout's share link: create and offer it, or stop sharing (POST/DELETE /workouts/{id}/share). */
export function useWorkoutShare(workoutId: string, title: string) {
  const share = useMutation({
    mutationFn: async () => offer(await shareWorkout(workoutId), title),
  });
  const stop = useMutation({
    mutationFn: () => stopSharingWorkout(workoutId),
    onSuccess: () => share.reset(),
  });
  return { share, stop };
}
