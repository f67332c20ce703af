import { ActivityIndicator, Pressable, StyleSheet, Text } from 'react-native';

import { colors, font, radius, space } from './theme';

type Props = {
  label: string;
  onPress: () => void;
  variant?: 'primary' | 'secondary' | 'danger' | 'link';
  disabled?: boolean;
  busy?: boolean;
  /** when the visible label is not enough (e.g. "Share" on a list row) */
  accessibilityLabel?: string;
  accessibilityHint?: string;
};

/** A button (role button, named by its label). Busy buttons are disabled and show a spinner. */
export function Button({ label, onPress, variant = 'primary', disabled, busy, accessibilityLabel, accessibilityHint }: Props) {
  const off = disabled || busy;
  return (
    <Pressable
      accessibilityRole="button"
      accessibilityLabel={accessibilityLabel ?? label}
      accessibilityHint={accessibilityHint}
      accessibilityState={{ disabled: !!off, busy: !!busy }}
      disabled={off}
      onPress={onPress}
      style={({ pressed }) => [
        styles.base,
        styles[variant],
        off ? styles.disabled : null,
        pressed && !off ? styles.pressed : null,
      ]}
    >
      {busy ? <ActivityIndicator color={variant === 'primary' || variant === 'danger' ? '#fff' : colors.brand} /> : null}
      <Text style={[styles.text, variant === 'primary' || variant === 'danger' ? styles.onDark : styles.onLight]}>{label}</Text>
    </Pressable>
  );
}

const styles = StyleSheet.create({
  base: {
    minHeight: 44,
    paddingHorizontal: space.lg,
    paddingVertical: space.sm,
    borderRadius: radius.sm,
    alignItems: 'center',
    justifyContent: 'center',
    flexDirection: 'row',
    gap: space.sm,
  },
  primary: { backgroundColor: colors.brand },
  secondary: { backgroundColor: colors.surface, borderWidth: 1, borderColor: colors.brand },
  danger: { backgroundColor: colors.danger },
  link: { backgroundColor: 'transparent', paddingHorizontal: space.xs },
  disabled: { opacity: 0.5 },
  pressed: { opacity: 0.8 },
  text: { fontSize: font.body, fontWeight: '600' },
  onDark: { color: '#fff' },
  onLight: { color: colors.brandDark },
});
