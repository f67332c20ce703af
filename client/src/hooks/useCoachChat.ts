/**
 * The conversation with the coach: the history (GET /coach/conversations and
 * /messages, the latest conversation on open) and the live answer over /ws/coach,
 * shown as it grows. A dropped socket comes back with backoff; then the history is
 * read again so an answer finished meanwhile is shown, and a question the service
 * had not started is sent again with the same client_id (never answered twice).
 */
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';

import { api, ok } from '@/api/client';
import type { Schema } from '@/api/types';
import { openLiveSocket, type Frame, type LiveSocket, type SocketStatus } from '@/lib/ws';

export type CoachMessage = Schema<'CoachMessage'>;

export const coachKeys = {
  all: ['coach'] as const,
  conversations: ['coach', 'conversations'] as const,
  messages: (conversationId: string) => ['coach', 'messages', conversationId] as const,
};

export const COACH_PING_MS = 25_000;
const HISTORY_LIMIT = 100;

export type ChatItem = {
  key: string;
  role: 'user' | 'assistant';
  text: string;
  status: 'sending' | 'streaming' | 'complete' | 'cancelled' | 'failed';
};

export type CoachError = { code: string; message: string };

/** The last question: `started` once the service began answering, `ended` once it finished. */
type Question = { clientId: string; text: string; started: boolean; ended: boolean };
type Answer = { messageId: string; text: string; status: ChatItem['status'] };

export function newClientId(): string {
  const c = globalThis.crypto;
  if (c && typeof c.randomUUID === 'function') return c.randomUUID();
  return 'xxxxxxxx-xxxx-4xxx-yxxx-xxxxxxxxxxxx'.replace(/[xy]/g, (ch) => {
    const r = Math.floor(Math.random() * 16);
    return (ch === 'x' ? r : (r & 0x3) | 0x8).toString(16);
  });
}

function str(frame: Frame, field: string): string {
  const value = frame[field];
  return typeof value === 'string' ? value : '';
}

/** The most recent conversation (GET /coach/conversations?limit=1). */
function useLatestConversation() {
  return useQuery({
    queryKey: coachKeys.conversations,
    queryFn: () => ok(api.GET('/api/v1/coach/conversations', { params: { query: { limit: 1 } } })),
    select: (page) => page.items[0]?.id ?? null,
  });
}

/** A conversation's messages, oldest first (the API pages newest first). */
function useConversationMessages(conversationId: string | null) {
  return useQuery({
    queryKey: coachKeys.messages(conversationId ?? ''),
    queryFn: () =>
      ok(
        api.GET('/api/v1/coach/conversations/{conversation_id}/messages', {
          params: { path: { conversation_id: conversationId ?? '' }, query: { limit: HISTORY_LIMIT } },
        }),
      ),
    select: (page) => [...page.items].reverse(),
    enabled: !!conversationId,
  });
}

export function useCoachChat() {
  const queryClient = useQueryClient();
  const latest = useLatestConversation();
  const [started, setStarted] = useState<string | null>(null);
  const conversationId = started ?? latest.data ?? null;
  const history = useConversationMessages(conversationId);

  const [question, setQuestion] = useState<Question | null>(null);
  const [answer, setAnswer] = useState<Answer | null>(null);
  const [error, setError] = useState<CoachError | null>(null);
  const [status, setStatus] = useState<SocketStatus>('connecting');

  const socket = useRef<LiveSocket | null>(null);
  // the socket's callbacks read the latest state through refs
  const questionRef = useRef(question);
  const conversationRef = useRef(conversationId);
  useEffect(() => {
    questionRef.current = question;
    conversationRef.current = conversationId;
  }, [question, conversationId]);

  const reload = useCallback(() => {
    void queryClient.invalidateQueries({ queryKey: coachKeys.all });
  }, [queryClient]);

  const sendQuestion = useCallback((q: Question): boolean => {
    const frame: Record<string, unknown> = { type: 'message', text: q.text, client_id: q.clientId };
    if (conversationRef.current) frame.conversation_id = conversationRef.current;
    return socket.current?.send(frame) ?? false;
  }, []);

  useEffect(() => {
    const onFrame = (frame: Frame) => {
      switch (frame.type) {
        case 'start': {
          const conversation = str(frame, 'conversation_id');
          if (conversation) setStarted(conversation);
          setQuestion((q) => (q ? { ...q, started: true } : q));
          setAnswer({ messageId: str(frame, 'message_id'), text: '', status: 'streaming' });
          break;
        }
        case 'delta':
          setAnswer((a) => (a ? { ...a, text: a.text + str(frame, 'text') } : a));
          break;
        case 'done':
          setAnswer((a) => (a ? { ...a, status: frame.cancelled === true ? 'cancelled' : 'complete' } : a));
          setQuestion((q) => (q ? { ...q, ended: true } : q));
          reload();
          break;
        case 'error':
          setError({ code: str(frame, 'code'), message: str(frame, 'message') || 'The coach could not answer.' });
          setAnswer((a) => (a && a.status === 'streaming' ? { ...a, status: 'failed' } : a));
          setQuestion((q) => (q ? { ...q, ended: true } : q));
          break;
        default:
          break;
      }
    };
    const live = openLiveSocket({
      path: '/ws/coach',
      pingMs: COACH_PING_MS,
      onFrame,
      onStatus: setStatus,
      onReady: (again) => {
        if (!again) {
          const waiting = questionRef.current;
          if (waiting && !waiting.started && !waiting.ended) sendQuestion(waiting);
          return;
        }
        // back after a drop: what the service finished meanwhile is in the history
        setAnswer(null);
        reload();
        const waiting = questionRef.current;
        if (waiting && !waiting.ended) {
          if (waiting.started) setQuestion({ ...waiting, ended: true });
          else sendQuestion(waiting);
        }
      },
    });
    socket.current = live;
    return () => {
      socket.current = null;
      live.close();
    };
  }, [reload, sendQuestion]);

  const send = useCallback(
    (text: string) => {
      const trimmed = text.trim();
      if (!trimmed) return;
      const q: Question = { clientId: newClientId(), text: trimmed, started: false, ended: false };
      setError(null);
      setAnswer(null);
      setQuestion(q);
      sendQuestion(q); // not open yet: sent when the socket is ready
    },
    [sendQuestion],
  );

  const cancel = useCallback(() => {
    socket.current?.send({ type: 'cancel' });
  }, []);

  const messages = useMemo<ChatItem[]>(() => {
    const stored = history.data ?? [];
    const items: ChatItem[] = stored
      .filter((m) => !(answer && m.id === answer.messageId))
      .map((m) => ({
        key: m.id,
        role: m.role,
        text: m.content,
        status: m.status,
      }));
    if (question && !stored.some((m) => m.client_id === question.clientId)) {
      items.push({ key: question.clientId, role: 'user', text: question.text, status: question.ended ? 'complete' : 'sending' });
    }
    if (answer) {
      items.push({ key: answer.messageId || 'answer', role: 'assistant', text: answer.text, status: answer.status });
    }
    return items;
  }, [history.data, question, answer]);

  const busy = question !== null && !question.ended;
  return {
    messages,
    send,
    cancel,
    /** a question is on its way or being answered */
    busy,
    /** the answer is coming (it can be cancelled) */
    streaming: busy && answer?.status === 'streaming',
    error,
    status,
    loading: latest.isLoading || (!!conversationId && history.isLoading),
    loadError: latest.error ?? history.error,
    reload,
  };
}
