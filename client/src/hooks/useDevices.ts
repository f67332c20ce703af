import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';

import { api, done, ok } from '@/api/client';

import type { DeviceOut, Schema } from '@/api/types';

import { keys } from './keys';

type DevicePage = Schema<'DevicePage'>;

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
    onSuccess: (requested, deviceId) => {
      // show the queued run at once (the list then polls while it runs)
      queryClient.setQueryData<DevicePage>(keys.devices, (page) =>
        page
          ? { ...page, items: page.items.map((d) => (d.id === deviceId ? { ...d, latest_sync: requested.sync } : d)) }
          : page,
      );
    },
    onSettled: () => {
      void queryClient.invalidateQueries({ queryKey: keys.devices });
    },
  });
}

export type GarminCredentials = { username: string; password: string };

/** Connect (or reconnect) Garmin Connect (POST /devices/garmin -> 201, or 200 when replaced). */
export function useConnectGarmin() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: GarminCredentials): Promise<DeviceOut> => ok(api.POST('/api/v1/devices/garmin', { body })),
    onSuccess: (device) => {
      queryClient.setQueryData<DevicePage>(keys.devices, (page) =>
        page ? { ...page, items: [device, ...page.items.filter((d) => d.id !== device.id)] } : page,
      );
      void queryClient.invalidateQueries({ queryKey: keys.devices });
    },
  });
}

/** Disconnect a device (DELETE /devices/{id}; its stored credentials are deleted). */
export function useDisconnectDevice() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (deviceId: string) =>
      done(api.DELETE('/api/v1/devices/{device_id}', { params: { path: { device_id: deviceId } } })),
    onSuccess: (_nothing, deviceId) => {
      queryClient.setQueryData<DevicePage>(keys.devices, (page) =>
        page ? { ...page, items: page.items.filter((d) => d.id !== deviceId) } : page,
      );
    },
    onSettled: () => {
      void queryClient.invalidateQueries({ queryKey: keys.devices });
    },
  });
}
