import { useState } from 'react';
import { StyleSheet, Text } from 'react-native';

import { ApiProblem, errorMessage } from '@/api/problem';
import { MIN_PASSWORD_LENGTH, useChangePassword, validatePasswordChange } from '@/hooks/usePassword';
import { Button, Card, ErrorBanner, Screen, TextField } from '@/ui';
import { colors, font } from '@/ui/theme';

const FIELDS = ['current_password', 'new_password'] as const;

export function PasswordScreen() {
  const change = useChangePassword();
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [changed, setChanged] = useState(false);

  const problem = change.error instanceof ApiProblem ? change.error : null;
  // a wrong current password is a 422 on that field; 429 (too many tries, with the wait) is
  // about it too
  const aboutCurrent = problem && problem.status === 429 ? errorMessage(problem) : undefined;
  const fieldError = (field: (typeof FIELDS)[number]) =>
    errors[field] ?? problem?.fieldError(field) ?? (field === 'current_password' ? aboutCurrent : undefined);
  const onFields = aboutCurrent || (problem && FIELDS.some((field) => problem.fieldError(field)));
  const bannerError = change.error && !onFields ? change.error : null;

  const submit = () => {
    const body = { current_password: current, new_password: next };
    const found = validatePasswordChange(body);
    setErrors(found);
    setChanged(false);
    change.reset();
    if (Object.keys(found).length > 0) return;
    change.mutate(body, {
      onSuccess: () => {
        setCurrent('');
        setNext('');
        setChanged(true);
      },
    });
  };

  return (
    <Screen title="Password">
      <Card>
        <TextField
          label="Current password"
          value={current}
          onChangeText={(t) => {
            setChanged(false);
            setCurrent(t);
          }}
          error={fieldError('current_password')}
          secureTextEntry
          autoCapitalize="none"
          autoComplete="current-password"
          textContentType="password"
        />
        <TextField
          label="New password"
          value={next}
          onChangeText={(t) => {
            setChanged(false);
            setNext(t);
          }}
          error={fieldError('new_password')}
          hint={`At least ${MIN_PASSWORD_LENGTH} characters.`}
          secureTextEntry
          autoCapitalize="none"
          autoComplete="new-password"
          textContentType="newPassword"
        />
      </Card>
      {bannerError ? <ErrorBanner error={bannerError} shownFields={FIELDS} /> : null}
      <Button label="Change password" onPress={submit} busy={change.isPending} />
      {changed ? (
        <Text accessibilityLiveRegion="polite" style={styles.done}>
          Password changed. Your other devices have been signed out.
        </Text>
      ) : null}
    </Screen>
  );
}

const styles = StyleSheet.create({
  done: { fontSize: font.body, color: colors.success, fontWeight: '600' },
});
