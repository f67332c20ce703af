import { Pressable, StyleSheet, Text } from 'react-native';

import { colors, font, space } from './theme';

/** A toggle chip (role button, selected state announced) for filters and choices. */
export function Chip({ label, selected, onPress, accessibilityLabel }: { label: string; selected: boolean; onPress: () => void; accessibilityLabel?: string }) {
  return (
    <Pressable
      accessibilityRole="button"
      accessibilityLabel={accessibilityLabel ?? label}
      accessibilityState={{ selected }}
      onPress={onPress}
      style={[styles.chip, selected ? styles.on : null]}
    >
      <Text style={[styles.text, selected ? styles.textOn : null]}>{label}</Text>
    </Pressable>
  );
}

const styles = StyleSheet.create({
  chip: {
    paddingHorizontal: space.md,
    paddingVertical: space.xs + 2,
    borderRadius: 999,
    borderWidth: 1,
    borderColor: colors.border,
    backgroundColor: colors.surface,
    minHeight: 36,
    justifyContent: 'center',
  },
  on: { backgroundColor: colors.brand, borderColor: colors.brand },
  text: { fontSize: font.small, color: colors.text },
  textOn: { color: '#fff', fontWeight: '600' },
});
