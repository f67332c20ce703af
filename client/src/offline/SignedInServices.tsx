/**
 * What runs once for the signed-in app: the outbox replay, background sync, push
 * registration and notification taps; it shows the offline banner.
 */
import { useSafeAreaInsets } from 'react-native-safe-area-context';

import { usePush } from '@/push/usePush';

import { OfflineBanner } from './OfflineBanner';
import { useOutboxReplay } from './useOutbox';
import { useSync } from './useSync';

export function SignedInServices() {
  useOutboxReplay();
  useSync();
  usePush();
  const { top } = useSafeAreaInsets();
  return <OfflineBanner topInset={top} />;
}
