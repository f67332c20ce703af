import { memo, useMemo, useState } from 'react';
import { FlatList, StyleSheet, Text, View } from 'react-native';

import { useCoachChat, type ChatItem, type CoachError } from '@/hooks/useCoachChat';
import { Button, EmptyState, ErrorBanner, Loading, Screen, TextField } from '@/ui';
import { colors, font, radius, space } from '@/ui/theme';

const ERROR_HINTS: Record<string, string> = {
  rate_limited: 'You are sending messages quickly; wait a moment and ask again.',
  quota_exceeded: 'You have used this period’s coach messages; they reset with your plan’s period.',
};

function MessageBubble({ item }: { item: ChatItem }) {
  const mine = item.role === 'user';
  const who = mine ? 'You' : 'Coach';
  const note =
    item.status === 'cancelled' ? ' (stopped)' : item.status === 'failed' ? ' (not finished)' : '';
  const text = item.text || (item.status === 'streaming' ? '…' : '');
  return (
    <View
      accessible
      accessibilityLabel={`${who}: ${item.text}${note}`}
      style={[styles.bubble, mine ? styles.mine : styles.theirs]}
    >
      <Text style={styles.who}>{who}</Text>
      <Text style={styles.text}>{text}</Text>
      {note ? <Text style={styles.note}>{note.trim()}</Text> : null}
    </View>
  );
}

/** A bubble redraws only when its own message changes: a delta redraws the answer, not
 * the whole conversation (the first word reaches the screen sooner in a long chat). */
const Message = memo(
  MessageBubble,
  (before, after) =>
    before.item.key === after.item.key &&
    before.item.text === after.item.text &&
    before.item.status === after.item.status &&
    before.item.role === after.item.role,
);

const renderMessage = ({ item }: { item: ChatItem }) => <Message item={item} />;

function CoachAlert({ error }: { error: CoachError }) {
  const hint = ERROR_HINTS[error.code];
  return (
    <View accessible accessibilityRole="alert" style={styles.alert}>
      <Text style={styles.alertText}>{error.message}</Text>
      {hint ? <Text style={styles.alertHint}>{hint}</Text> : null}
    </View>
  );
}

export function CoachScreen() {
  const chat = useCoachChat();
  const [draft, setDraft] = useState('');
  // Newest first in an inverted list, as chat apps draw them: the answer being written is
  // item 0, always inside the list's render window (a list drawn oldest first renders a
  // new last item in a later batch once it holds more than a screenful: ~60 ms later),
  // and the view stays at the newest message without scrolling it there.
  const newestFirst = useMemo(() => [...chat.messages].reverse(), [chat.messages]);

  const submit = () => {
    if (!draft.trim() || chat.busy) return;
    chat.send(draft);
    setDraft('');
  };

  return (
    <Screen title="Coach" scroll={false}>
      {chat.status !== 'open' && chat.status !== 'connecting' ? (
        <Text style={styles.status} accessibilityLiveRegion="polite">
          Reconnecting to the coach…
        </Text>
      ) : null}
      {chat.loadError ? <ErrorBanner error={chat.loadError} onRetry={chat.reload} /> : null}
      {chat.loading ? (
        <Loading label="Loading the conversation" />
      ) : newestFirst.length === 0 ? (
        // outside the list: an inverted list would draw it upside down
        <View style={styles.list}>
          <EmptyState
            title="Ask your coach"
            message="Questions about your training, your plan, pacing or recovery: the coach knows your recent workouts."
          />
        </View>
      ) : (
        <FlatList
          inverted
          style={styles.list}
          contentContainerStyle={styles.listContent}
          data={newestFirst}
          keyExtractor={(m) => m.key}
          renderItem={renderMessage}
        />
      )}
      {chat.busy && !chat.streaming ? (
        <Text style={styles.status} accessibilityLiveRegion="polite">
          The coach is thinking…
        </Text>
      ) : null}
      {chat.error ? <CoachAlert error={chat.error} /> : null}
      <View style={styles.composer}>
        <View style={styles.field}>
          <TextField
            label="Message the coach"
            value={draft}
            onChangeText={setDraft}
            placeholder="How should I pace my long run?"
            multiline
            maxLength={4000}
            onSubmitEditing={submit}
          />
        </View>
        {chat.streaming ? (
          <Button label="Cancel" variant="secondary" onPress={chat.cancel} accessibilityHint="Stops the answer" />
        ) : (
          <Button label="Send" onPress={submit} disabled={!draft.trim() || chat.busy} />
        )}
      </View>
    </Screen>
  );
}

const styles = StyleSheet.create({
  list: { flex: 1 },
  listContent: { gap: space.sm, paddingVertical: space.sm },
  bubble: { maxWidth: '85%', borderRadius: radius.md, padding: space.md, gap: space.xs },
  mine: { alignSelf: 'flex-end', backgroundColor: colors.brandSoft },
  theirs: { alignSelf: 'flex-start', backgroundColor: colors.surface, borderWidth: 1, borderColor: colors.border },
  who: { fontSize: font.small, fontWeight: '600', color: colors.muted },
  text: { fontSize: font.body, color: colors.text },
  note: { fontSize: font.small, color: colors.muted, fontStyle: 'italic' },
  status: { fontSize: font.small, color: colors.muted },
  alert: { backgroundColor: colors.dangerSoft, borderRadius: radius.sm, padding: space.md, gap: space.xs },
  alertText: { color: colors.danger, fontSize: font.body, fontWeight: '600' },
  alertHint: { color: colors.danger, fontSize: font.small },
  composer: { flexDirection: 'row', alignItems: 'flex-end', gap: space.sm },
  field: { flex: 1 },
});
