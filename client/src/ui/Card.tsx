import type { ReactNode } from 'react';
import { StyleSheet, Text, View, type StyleProp, type ViewStyle } from 'react-native';

import { colors, font, radius, space } from './theme';

type Props = { title?: string; children: ReactNode; style?: StyleProp<ViewStyle>; accessibilityLabel?: string };

/** A titled panel; its title is a header so screen readers and tests can find it. */
export function Card({ title, children, style, accessibilityLabel }: Props) {
  return (
    <View style={[styles.card, style]} accessibilityLabel={accessibilityLabel}>
      {title ? (
        <Text accessibilityRole="header" style={styles.title}>
          {title}
        </Text>
      ) : null}
      {children}
    </View>
  );
}

const styles = StyleSheet.create({
  card: {
    backgroundColor: colors.surface,
    borderRadius: radius.md,
    borderWidth: 1,
    borderColor: colors.border,
    padding: space.lg,
    gap: space.sm,
  },
  title: { fontSize: font.title, fontWeight: '600', color: colors.text },
});
