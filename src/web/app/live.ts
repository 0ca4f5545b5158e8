// Live updates: one WebSocket per page for the channels it shows (`user:<id>`,
// `queue:<department>`, `doctors:presence`), reconnecting by itself. Pages do not poll:
// they keep their data in TanStack Query and read it again when an event says it changed,
// and when the socket comes back after a break (events may have been missed meanwhile).
// A conversation's chat keeps its own socket (ConversationSocket), which resumes by seq.
import { useQueryClient, type QueryKey } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import type { RealtimeEvent, ServerFrame } from '../../shared/contracts/realtime.ts';

type Listener = (event: RealtimeEvent) => void;

class LiveConnection {
  private ws: WebSocket | null = null;
  /** Channel → how many parts of the page follow it. */
  private readonly channels = new Map<string, number>();
  private readonly listeners = new Set<Listener>();
  private readonly resumed = new Set<() => void>();
  private wasOpen = false;
  private retry = 0;
  private timer: number | undefined;

  /** Follows a channel until the returned function is called. */
  follow(channel: string): () => void {
    const count = this.channels.get(channel) ?? 0;
    this.channels.set(channel, count + 1);
    if (count === 0) this.send({ type: 'subscribe', channel });
    this.ensureOpen();
    return () => {
      const left = (this.channels.get(channel) ?? 1) - 1;
      if (left > 0) {
        this.channels.set(channel, left);
        return;
      }
      this.channels.delete(channel);
      this.send({ type: 'unsubscribe', channel });
    };
  }

  on(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Called each time the socket opens again after a break. */
  onResume(callback: () => void): () => void {
    this.resumed.add(callback);
    return () => this.resumed.delete(callback);
  }

  private send(frame: object): void {
    if (this.ws?.readyState === WebSocket.OPEN) this.ws.send(JSON.stringify(frame));
  }

  private ensureOpen(): void {
    if (this.ws || this.timer !== undefined) return;
    this.connect();
  }

  private connect(): void {
    this.timer = undefined;
    const ws = new WebSocket(`${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/api/realtime`);
    this.ws = ws;
    ws.onopen = () => {
      this.retry = 0;
      for (const channel of this.channels.keys()) ws.send(JSON.stringify({ type: 'subscribe', channel }));
      if (this.wasOpen) for (const callback of this.resumed) callback();
      this.wasOpen = true;
    };
    ws.onmessage = (message) => {
      const frame = JSON.parse(String(message.data)) as ServerFrame;
      if (frame.type === 'subscribed' || frame.type === 'error' || frame.type === 'pong') return;
      for (const listener of this.listeners) listener(frame);
    };
    ws.onclose = () => {
      this.ws = null;
      if (this.channels.size === 0) return;
      this.retry = Math.min(this.retry + 1, 6);
      this.timer = window.setTimeout(() => this.connect(), 250 * 2 ** this.retry);
    };
  }

  /** A page shown again (a phone waking up) reconnects at once rather than at the next retry. */
  wake(): void {
    if (this.ws || this.channels.size === 0) return;
    window.clearTimeout(this.timer);
    this.connect();
  }
}

export const live = new LiveConnection();

if (typeof document !== 'undefined') {
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'visible') live.wake();
  });
}

/** Follows `channels` while mounted, reading `keys` again when `matches(event)` and when
 * the socket resumes after a break. Channels that are null (not known yet) are skipped. */
export function useRefetchOn(channels: Array<string | null | undefined>, keys: QueryKey[], matches: (event: RealtimeEvent) => boolean): void {
  const client = useQueryClient();
  const latest = useRef({ keys, matches });
  latest.current = { keys, matches };
  const names = channels.filter((c): c is string => Boolean(c)).join(' ');
  useEffect(() => {
    if (!names) return;
    const refetch = () => {
      for (const queryKey of latest.current.keys) void client.invalidateQueries({ queryKey });
    };
    const unfollow = names.split(' ').map((channel) => live.follow(channel));
    const off = live.on((event) => {
      if (latest.current.matches(event)) refetch();
    });
    const offResume = live.onResume(refetch);
    return () => {
      off();
      offResume();
      for (const stop of unfollow) stop();
    };
  }, [names, client]);
}
