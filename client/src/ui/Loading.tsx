import { ActivityIndicator, StyleSheet, Text, View } from 'react-native';

import { colors, font, space } from './theme';

/** A spinner with words (role progressbar, labelled) so people and tests know what is loading. */
export function Loading({ label = 'Loading' }: { label?: string }) {
  return (
    <View style={styles.box} accessibilityRole="progressbar" accessibilityLabel={label}>
      <ActivityIndicator color={colors.brand} />
      <Text style={styles.text}>{label}…</Text>
    </View>
  );
}

const styles = StyleSheet.create({
  box: { alignItems: 'center', justifyContent: 'center', padding: space.xl, gap: space.sm },
  text: { color: colors.muted, fontSize: font.body },
});
