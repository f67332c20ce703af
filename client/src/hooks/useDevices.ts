import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';

import { api, ok } from '@/api/client';

import type { DeviceOut } from '@/api/types';

import { keys } from './keys';

export const SYNC_POLL_MS = 3000;

/** A sync of the device is queued or running. */
export function isSyncing(device: DeviceOut): boolean {
  const status = device.latest_sync?.status;
  return status === 'pending' || status === 'running';
}

/** The connected devices (Garmin) with their last sync (GET /devices); polled while a sync runs. */
export function useDevices() {
  return useQuery({
    queryKey: keys.devices,
    queryFn: () => ok(api.GET('/api/v1/devices')),
    refetchInterval: (query) =>
      query.state.data?.items.some((d) => isSyncing(d)) ? SYNC_POLL_MS : false,
  });
}

/** Start a sync of one device now (POST /devices/{id}/sync -> 202). */
export function useSyncDevice() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (deviceId: string) =>
      ok(api.POST('/api/v1/devices/{device_id}/sync', { params: { path: { device_id: deviceId } } })),
    onSettled: () => {
      void queryClient.invalidateQueries({ queryKey: keys.devices });
    },
  });
}
