import type { ReactNode } from 'react';
import { StyleSheet, Text, View } from 'react-native';

import { colors, font, space } from './theme';

/** What a list shows when it has nothing yet, and what to do about it. */
export function EmptyState({ title, message, action }: { title: string; message?: string; action?: ReactNode }) {
  return (
    <View style={styles.box}>
      <Text style={styles.title}>{title}</Text>
      {message ? <Text style={styles.message}>{message}</Text> : null}
      {action}
    </View>
  );
}

const styles = StyleSheet.create({
  box: { alignItems: 'center', padding: space.xl, gap: space.sm },
  title: { fontSize: font.title, fontWeight: '600', color: colors.text, textAlign: 'center' },
  message: { fontSize: font.body, color: colors.muted, textAlign: 'center' },
});
