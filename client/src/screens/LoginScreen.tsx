import { Link, router, useLocalSearchParams } from 'expo-router';
import { useState } from 'react';
import { StyleSheet, Text } from 'react-native';

import { ApiProblem } from '@/api/problem';
import { useAuth } from '@/auth/AuthProvider';
import { safeNext } from '@/lib/navigation';
import { Button, Card, ErrorBanner, Screen, TextField } from '@/ui';
import { colors, font } from '@/ui/theme';

export function LoginScreen() {
  const { login } = useAuth();
  const { next } = useLocalSearchParams<{ next?: string }>();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [missing, setMissing] = useState<{ email?: string; password?: string }>({});

  const submit = async () => {
    const problems = {
      email: email.trim() ? undefined : 'Enter your email.',
      password: password ? undefined : 'Enter your password.',
    };
    setMissing(problems);
    if (problems.email || problems.password) return;
    setBusy(true);
    setError(null);
    try {
      await login({ email: email.trim(), password });
      router.replace(safeNext(next));
    } catch (e) {
      setError(
        e instanceof ApiProblem && e.status === 401
          ? new ApiProblem({ status: 401, code: e.code, detail: 'Wrong email or password.' })
          : e,
      );
    } finally {
      setBusy(false);
    }
  };

  const fieldError = (field: 'email' | 'password') =>
    missing[field] ?? (error instanceof ApiProblem ? error.fieldError(field) : undefined);

  return (
    <Screen title="Sign in to RunCoach">
      <Card>
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
          autoComplete="current-password"
          onSubmitEditing={() => void submit()}
          error={fieldError('password')}
        />
        <ErrorBanner error={error} shownFields={['email', 'password']} />
        <Button label="Sign in" onPress={() => void submit()} busy={busy} />
      </Card>
      <Text style={styles.switch}>
        New to RunCoach?{' '}
        <Link href="/register" accessibilityRole="link" style={styles.link}>
          Create an account
        </Link>
      </Text>
    </Screen>
  );
}

const styles = StyleSheet.create({
  switch: { textAlign: 'center', color: colors.muted, fontSize: font.body },
  link: { color: colors.brandDark, fontWeight: '600' },
});
