import { useState } from 'react';
import { StyleSheet, Switch, Text, View } from 'react-native';

import { ApiProblem } from '@/api/problem';
import { humanize, shortDate } from '@/lib/format';
import {
  usePreferences,
  useSavePreferences,
  validateTimes,
  type Preferences,
  type PreferencesUpdate,
} from '@/hooks/usePreferences';
import { Button, Card, Chip, ErrorBanner, Loading, Screen, TextField } from '@/ui';
import { colors, font, space } from '@/ui/theme';

const DAYS = [
  ['mon', 'Monday'],
  ['tue', 'Tuesday'],
  ['wed', 'Wednesday'],
  ['thu', 'Thursday'],
  ['fri', 'Friday'],
  ['sat', 'Saturday'],
  ['sun', 'Sunday'],
] as const;
type Day = (typeof DAYS)[number][0];

const EMAIL_CHOICES = [
  ['daily_summary', 'Daily summary email'],
  ['weekly_analysis', 'Weekly analysis email'],
  ['alerts_only', 'Only alerts by email'],
  ['disabled', 'No emails at all'],
] as const;

function Toggle({ label, value, onChange }: { label: string; value: boolean; onChange: (v: boolean) => void }) {
  return (
    <View style={styles.toggle}>
      <Text style={styles.toggleLabel}>{label}</Text>
      <Switch accessibilityLabel={label} value={value} onValueChange={onChange} />
    </View>
  );
}

function Form({ initial }: { initial: Preferences }) {
  const save = useSavePreferences();
  const [email, setEmail] = useState(initial.email);
  const [push, setPush] = useState(initial.push);
  const [digest, setDigest] = useState(initial.digest_time);
  const [weekly, setWeekly] = useState<Day>(initial.weekly_day);
  const [quiet, setQuiet] = useState(initial.quiet_hours !== null);
  const [quietStart, setQuietStart] = useState(initial.quiet_hours?.start ?? '22:00');
  const [quietEnd, setQuietEnd] = useState(initial.quiet_hours?.end ?? '07:00');
  const [critical, setCritical] = useState(initial.critical_alerts_in_quiet_hours);
  const [reminder, setReminder] = useState(initial.daily_reminder_time != null);
  const [reminderTime, setReminderTime] = useState(initial.daily_reminder_time ?? '07:00');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [saved, setSaved] = useState(false);

  const problem = save.error instanceof ApiProblem ? save.error : null;
  const fieldError = (field: string) => errors[field] ?? problem?.fieldError(field);
  const touched = () => setSaved(false);

  const submit = () => {
    const times = {
      digest_time: digest.trim(),
      daily_reminder_time: reminder ? reminderTime.trim() : null,
      quiet_hours: quiet ? { start: quietStart.trim(), end: quietEnd.trim() } : null,
    };
    const found = validateTimes(times);
    setErrors(found);
    setSaved(false);
    if (Object.keys(found).length > 0) return;
    const body: PreferencesUpdate = {
      email,
      push,
      weekly_day: weekly,
      critical_alerts_in_quiet_hours: critical,
      ...times,
    };
    save.mutate(body, { onSuccess: () => setSaved(true) });
  };

  const pushTypes = Object.keys(push) as (keyof typeof push)[];
  return (
    <>
      <Card title="Email">
        {EMAIL_CHOICES.map(([key, label]) => (
          <Toggle
            key={key}
            label={label}
            value={email[key]}
            onChange={(v) => {
              touched();
              setEmail({ ...email, [key]: v });
            }}
          />
        ))}
        <TextField
          label="Daily summary time (HH:MM)"
          value={digest}
          onChangeText={(t) => {
            touched();
            setDigest(t);
          }}
          error={fieldError('digest_time')}
          autoCapitalize="none"
        />
        <Text style={styles.label}>Weekly analysis day</Text>
        <View style={styles.chips}>
          {DAYS.map(([day, name]) => (
            <Chip
              key={day}
              label={name}
              selected={weekly === day}
              onPress={() => {
                touched();
                setWeekly(day);
              }}
            />
          ))}
        </View>
        {fieldError('weekly_day') ? <Text style={styles.error}>{fieldError('weekly_day')}</Text> : null}
        {(initial.unsubscribed ?? []).map((u) => (
          <Text key={`${u.kind}:${u.at}`} style={styles.note}>
            You unsubscribed from {humanize(u.kind).toLowerCase()} by email on {shortDate(u.at)}.
          </Text>
        ))}
      </Card>
      <Card title="Daily reminder">
        <Toggle
          label="Daily reminder"
          value={reminder}
          onChange={(v) => {
            touched();
            setReminder(v);
          }}
        />
        {reminder ? (
          <TextField
            label="Daily reminder time (HH:MM)"
            value={reminderTime}
            onChangeText={(t) => {
              touched();
              setReminderTime(t);
            }}
            error={fieldError('daily_reminder_time')}
            autoCapitalize="none"
          />
        ) : null}
      </Card>
      <Card title="Quiet hours">
        <Toggle
          label="Quiet hours"
          value={quiet}
          onChange={(v) => {
            touched();
            setQuiet(v);
          }}
        />
        {quiet ? (
          <>
            <TextField
              label="Quiet hours start (HH:MM)"
              value={quietStart}
              onChangeText={(t) => {
                touched();
                setQuietStart(t);
              }}
              error={fieldError('quiet_hours.start') ?? fieldError('quiet_hours')}
              autoCapitalize="none"
            />
            <TextField
              label="Quiet hours end (HH:MM)"
              value={quietEnd}
              onChangeText={(t) => {
                touched();
                setQuietEnd(t);
              }}
              error={fieldError('quiet_hours.end')}
              autoCapitalize="none"
            />
          </>
        ) : null}
        <Toggle
          label="Critical alerts during quiet hours"
          value={critical}
          onChange={(v) => {
            touched();
            setCritical(v);
          }}
        />
      </Card>
      <Card title="Push notifications">
        {pushTypes.map((type) => (
          <Toggle
            key={type}
            label={`Push: ${humanize(type)}`}
            value={push[type] ?? false}
            onChange={(v) => {
              touched();
              setPush({ ...push, [type]: v });
            }}
          />
        ))}
      </Card>
      {save.error ? (
        <ErrorBanner
          error={save.error}
          shownFields={['digest_time', 'daily_reminder_time', 'quiet_hours', 'weekly_day']}
        />
      ) : null}
      <Button label="Save" onPress={submit} busy={save.isPending} />
      {saved ? (
        <Text accessibilityLiveRegion="polite" style={styles.saved}>
          Saved
        </Text>
      ) : null}
    </>
  );
}

export function NotificationSettingsScreen() {
  const prefs = usePreferences();
  return (
    <Screen title="Notification settings">
      {prefs.isLoading ? <Loading label="Loading your preferences" /> : null}
      {prefs.error ? <ErrorBanner error={prefs.error} onRetry={() => void prefs.refetch()} /> : null}
      {prefs.data ? <Form initial={prefs.data} /> : null}
      {prefs.data ? <Text style={styles.note}>Times are in your timezone ({prefs.data.timezone}).</Text> : null}
    </Screen>
  );
}

const styles = StyleSheet.create({
  toggle: { flexDirection: 'row', alignItems: 'center', justifyContent: 'space-between', minHeight: 44 },
  toggleLabel: { fontSize: font.body, color: colors.text, flex: 1 },
  label: { fontSize: font.small, fontWeight: '600', color: colors.text },
  chips: { flexDirection: 'row', flexWrap: 'wrap', gap: space.sm },
  note: { fontSize: font.small, color: colors.muted },
  error: { fontSize: font.small, color: colors.danger },
  saved: { fontSize: font.body, color: colors.success, fontWeight: '600' },
});
