// The chat as a person uses it, against the real API and realtime socket: history on open,
// sending, the other side's messages arriving live, typing, the emergency guidance for a red flag.
import { cleanup, screen } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { renderPage, signInPage, startLiveApp, type LiveApp } from '../../../../test/support/web.tsx';
import type { TestUser } from '../../../../test/support/app.ts';
import { Chat } from './ChatPage.tsx';

let t: LiveApp;
let ana: TestUser;
let ben: TestUser;
let conversationId: string;

beforeAll(async () => {
  t = await startLiveApp();
  ana = await t.user({ displayName: 'Ana Silva' });
  ben = await t.user({ displayName: 'Ben Okafor' });
  const created = await ana.http.post('/api/conversations', { kind: 'direct', memberIds: [ben.id] });
  expect(created.statusCode).toBe(201);
  conversationId = created.data.id;
  await ben.http.post(`/api/conversations/${conversationId}/messages`, { clientId: 'ben-1', text: 'Hi Ana, how is the knee today?' });
  await signInPage(ana.email);
});
afterEach(() => cleanup());
afterAll(async () => {
  await t.close();
});

describe('Chat', () => {
  it('shows the history with the sender’s name, and sends what the person types', async () => {
    const user = userEvent.setup();
    renderPage(<Chat conversationId={conversationId} />);
    const first = await screen.findByText('Hi Ana, how is the knee today?');
    expect(first.closest('li')?.querySelector('.chat-sender')?.textContent).toBe('Ben Okafor');
    expect(screen.getByRole('heading', { name: 'Ben Okafor' })).toBeTruthy();

    await user.type(screen.getByRole('textbox', { name: /message/i }), 'Better, thank you. Less swelling.');
    await user.keyboard('{Enter}');
    expect(await screen.findByText('Better, thank you. Less swelling.')).toBeTruthy();
    const stored = await ana.http.get(`/api/conversations/${conversationId}/messages`);
    expect(stored.data.map((m: { text: string }) => m.text)).toContain('Better, thank you. Less swelling.');
  });

  it('shows the other person’s message as it arrives over the socket', async () => {
    renderPage(<Chat conversationId={conversationId} />);
    await screen.findByText('Hi Ana, how is the knee today?');
    // Posted after the history was read: the socket delivers it live, or on subscribing it
    // resumes from the last message shown; either way it appears without a reload.
    await ben.http.post(`/api/conversations/${conversationId}/messages`, { clientId: 'ben-2', text: 'Good. Keep icing it twice a day.' });
    expect(await screen.findByText('Good. Keep icing it twice a day.')).toBeTruthy();
  });

  it('shows the emergency number when a message describes a red flag, and still delivers it', async () => {
    const user = userEvent.setup();
    renderPage(<Chat conversationId={conversationId} />);
    await screen.findByText('Hi Ana, how is the knee today?');
    await user.type(screen.getByRole('textbox', { name: /message/i }), 'Now I have crushing chest pain spreading to my left arm.');
    await user.keyboard('{Enter}');
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('911');
    expect(await screen.findByText('Now I have crushing chest pain spreading to my left arm.')).toBeTruthy();
  });
});
