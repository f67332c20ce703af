import { useState } from 'react';
import { StyleSheet, Text, View } from 'react-native';

import { ApiProblem } from '@/api/problem';
import type { Profile } from '@/api/types';
import { useMe } from '@/hooks/useMe';
import {
  profileChanges,
  toForm,
  useUpdateProfile,
  type ProfileForm,
  type Sex,
  type Units,
} from '@/hooks/useProfile';
import { Button, Card, Chip, ErrorBanner, Loading, Screen, TextField } from '@/ui';
import { colors, font, space } from '@/ui/theme';

const SEXES: readonly [Sex | null, string][] = [
  ['female', 'Female'],
  ['male', 'Male'],
  ['other', 'Other'],
  [null, 'Not set'],
];
const UNITS: readonly [Units, string][] = [
  ['metric', 'Metric (km, kg)'],
  ['imperial', 'Imperial (mi, lb)'],
];
const FIELDS = [
  'name',
  'timezone',
  'birth_date',
  'sex',
  'weight_kg',
  'max_hr',
  'resting_hr',
  'lthr',
  'units',
] as const;

function Form({ profile }: { profile: Profile }) {
  const update = useUpdateProfile();
  const [base, setBase] = useState(profile);
  const [form, setForm] = useState<ProfileForm>(() => toForm(profile));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [saved, setSaved] = useState(false);

  const problem = update.error instanceof ApiProblem ? update.error : null;
  const fieldError = (field: string) => errors[field] ?? problem?.fieldError(field);
  const set = <K extends keyof ProfileForm>(key: K, value: ProfileForm[K]) => {
    setSaved(false);
    setForm((f) => ({ ...f, [key]: value }));
  };
  const text = (key: Exclude<keyof ProfileForm, 'sex' | 'units'>, label: string, extra: object = {}) => (
    <TextField
      label={label}
      value={form[key]}
      onChangeText={(t) => set(key, t)}
      error={fieldError(key)}
      {...extra}
    />
  );

  const submit = () => {
    const { body, errors: found } = profileChanges(base, form);
    setErrors(found);
    setSaved(false);
    update.reset();
    if (Object.keys(found).length > 0) return;
    if (Object.keys(body).length === 0) {
      setSaved(true); // nothing changed: nothing to send
      return;
    }
    update.mutate(body, {
      onSuccess: (next) => {
        setBase(next);
        setForm(toForm(next));
        setSaved(true);
      },
    });
  };

  return (
    <>
      <Card title="About you">
        {text('name', 'Name', { autoComplete: 'name' })}
        {text('timezone', 'Time zone (IANA, e.g. Europe/London)', { autoCapitalize: 'none', autoCorrect: false })}
        {text('birth_date', 'Birth date (YYYY-MM-DD)', { autoCapitalize: 'none', keyboardType: 'numbers-and-punctuation' })}
        <Text style={styles.label}>Sex</Text>
        <View style={styles.chips}>
          {SEXES.map(([value, label]) => (
            <Chip key={label} label={label} selected={form.sex === value} onPress={() => set('sex', value)} />
          ))}
        </View>
        {fieldError('sex') ? <Text style={styles.error}>{fieldError('sex')}</Text> : null}
      </Card>
      <Card title="Body and heart rate">
        {text('weight_kg', 'Weight (kg)', { keyboardType: 'decimal-pad' })}
        {text('max_hr', 'Max heart rate (bpm)', { keyboardType: 'number-pad' })}
        {text('resting_hr', 'Resting heart rate (bpm)', { keyboardType: 'number-pad' })}
        {text('lthr', 'Lactate threshold heart rate (bpm)', { keyboardType: 'number-pad' })}
      </Card>
      <Card title="Units">
        <View style={styles.chips}>
          {UNITS.map(([value, label]) => (
            <Chip key={value} label={label} selected={form.units === value} onPress={() => set('units', value)} />
          ))}
        </View>
        {fieldError('units') ? <Text style={styles.error}>{fieldError('units')}</Text> : null}
      </Card>
      {update.error ? <ErrorBanner error={update.error} shownFields={FIELDS} /> : null}
      <Button label="Save" onPress={submit} busy={update.isPending} />
      {saved ? (
        <Text accessibilityLiveRegion="polite" style={styles.saved}>
          Saved
        </Text>
      ) : null}
    </>
  );
}

export function ProfileScreen() {
  const me = useMe();
  return (
    <Screen title="Profile">
      {me.isLoading ? <Loading label="Loading your profile" /> : null}
      {me.error ? <ErrorBanner error={me.error} onRetry={() => void me.refetch()} /> : null}
      {me.data ? <Text style={styles.note}>Signed in as {me.data.email}</Text> : null}
      {me.data ? <Form profile={me.data} /> : null}
    </Screen>
  );
}

const styles = StyleSheet.create({
  label: { fontSize: font.small, fontWeight: '600', color: colors.text },
  chips: { flexDirection: 'row', flexWrap: 'wrap', gap: space.sm },
  note: { fontSize: font.small, color: colors.muted },
  error: { fontSize: font.small, color: colors.danger },
  saved: { fontSize: font.body, color: colors.success, fontWeight: '600' },
});
