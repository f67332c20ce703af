/** Tells the person they are offline, how many changes wait, and why one was dropped. */
import { StyleSheet, Text, View } from 'react-native';

import { Button } from '@/ui/Button';
import { colors, font, radius, space } from '@/ui/theme';

import { useOnline, useOutbox } from './useOutbox';

function changes(n: number): string {
  return n === 1 ? '1 change' : `${n} changes`;
}

/** `topInset`: room for the status bar when it is shown above the app's header. */
export function OfflineBanner({ topInset = 0 }: { topInset?: number }) {
  const online = useOnline();
  const { pending, lastError, dismissError } = useOutbox();
  if (online && !lastError && pending === 0) return null;
  return (
    <View style={[styles.wrap, { paddingTop: space.xs + topInset }]}>
      {!online ? (
        <View accessible accessibilityRole="alert" style={[styles.banner, styles.offline]}>
          <Text style={styles.text}>
            You are offline - {changes(pending)} will be sent when you reconnect
          </Text>
        </View>
      ) : pending > 0 ? (
        <View style={[styles.banner, styles.offline]}>
          <Text style={styles.text}>{changes(pending)} waiting to sync</Text>
        </View>
      ) : null}
      {lastError ? (
        <View accessible accessibilityRole="alert" style={[styles.banner, styles.error]}>
          <Text style={styles.text}>{lastError}</Text>
          <Button label="Dismiss" variant="secondary" onPress={dismissError} />
        </View>
      ) : null}
    </View>
  );
}

const styles = StyleSheet.create({
  wrap: { gap: space.xs, paddingHorizontal: space.md, paddingBottom: space.xs, backgroundColor: colors.background },
  banner: { borderRadius: radius.sm, padding: space.sm, gap: space.xs },
  offline: { backgroundColor: colors.warningSoft },
  error: { backgroundColor: colors.dangerSoft },
  text: { color: colors.text, fontSize: font.small },
});
