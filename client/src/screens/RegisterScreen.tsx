import { Link, router } from 'expo-router';
import { useState } from 'react';
import { StyleSheet, Text } from 'react-native';

import { ApiProblem } from '@/api/problem';
import { useAuth } from '@/auth/AuthProvider';
import { Button, Card, ErrorBanner, Screen, TextField } from '@/ui';
import { colors, font } from '@/ui/theme';

export const MIN_PASSWORD = 10;
const EMAIL = /^[^@\s]+@[^@\s]+\.[^@\s]+$/;

type Field = 'name' | 'email' | 'password';

/** The device's IANA time zone, sent so digests and reminders arrive at local times. */
export function deviceTimezone(): string | undefined {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone || undefined;
  } catch {
    return undefined;
  }
}

export function RegisterScreen() {
  const { register } = useAuth();
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [local, setLocal] = useState<Partial<Record<Field, string>>>({});

  const submit = async () => {
    const problems: Partial<Record<Field, string>> = {};
    if (!name.trim()) problems.name = 'Enter your name.';
    if (!EMAIL.test(email.trim())) problems.email = 'Enter a valid email address.';
    if (password.length < MIN_PASSWORD) problems.password = `Use at least ${MIN_PASSWORD} characters.`;
    setLocal(problems);
    if (Object.keys(problems).length) return;
    setBusy(true);
    setError(null);
    try {
      const timezone = deviceTimezone();
      await register({ name: name.trim(), email: email.trim(), password, ...(timezone ? { timezone } : {}) });
      router.replace('/dashboard');
    } catch (e) {
      setError(
        e instanceof ApiProblem && e.status === 409
          ? new ApiProblem({ status: 409, code: e.code, detail: 'An account with this email already exists. Sign in instead.' })
          : e,
      );
    } finally {
      setBusy(false);
    }
  };

  const fieldError = (field: Field) =>
    local[field] ?? (error instanceof ApiProblem ? error.fieldError(field) : undefined);

  return (
    <Screen title="Create your RunCoach account">
      <Card>
        <TextField label="Name" value={name} onChangeText={setName} autoComplete="name" error={fieldError('name')} />
        <TextField
          label="Email"
          value={email}
          onChangeText={setEmail}
          autoCapitalize="none"
          autoComplete="email"
          keyboardType="email-address"
          inputMode="email"
          error={fieldError('email')}
        />
        <TextField
          label="Password"
          value={password}
          onChangeText={setPassword}
          secureTextEntry
          autoComplete="new-password"
          hint={`At least ${MIN_PASSWORD} characters.`}
          error={fieldError('password')}
        />
        <ErrorBanner error={error} shownFields={['name', 'email', 'password', 'timezone']} />
        <Button label="Create account" onPress={() => void submit()} busy={busy} />
      </Card>
      <Text style={styles.switch}>
        Already have an account?{' '}
        <Link href="/login" accessibilityRole="link" style={styles.link}>
          Sign in
        </Link>
      </Text>
    </Screen>
  );
}

const styles = StyleSheet.create({
  switch: { textAlign: 'center', color: colors.muted, fontSize: font.body },
  link: { color: colors.brandDark, fontWeight: '600' },
});
