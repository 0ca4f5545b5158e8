// The ask form as a patient fills it, against the real API: a question goes in with what the
// patient takes now, red flags stop it at the emergency number until acknowledged, a text
// too short is named next to its field, and a signed-out visitor is sent to sign in first.
import { cleanup, screen, within } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { renderPage, signInPage, startLiveApp, type LiveApp } from '../../../../test/support/web.tsx';
import { AskPage } from './PatientPages.tsx';

let t: LiveApp;

beforeAll(async () => {
  t = await startLiveApp();
});
afterEach(() => cleanup());
afterAll(async () => {
  await t.close();
});

const arrived = () => <p>Consultation page</p>;

async function fillQuestion(description: string) {
  const user = userEvent.setup();
  const department = await screen.findByLabelText('Department');
  await screen.findByRole('option', { name: 'General practice' });
  await user.selectOptions(department, 'general_practice');
  await user.type(screen.getByLabelText('What is the problem?'), description);
  return user;
}

describe('the ask form', () => {
  it('sends a signed-out visitor to sign in, and back to the form afterwards', async () => {
    await fetch('/api/auth/logout', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    renderPage(<AskPage />, { path: '/ask?department=dermatology', pattern: '/ask' });
    expect((await screen.findByText(/Sign-in page/)).textContent).toBe('Sign-in page /ask?department=dermatology');
  });

  it('asks a doctor with the medicines the patient takes, and opens the consultation', async () => {
    const patient = await t.user();
    await signInPage(patient.email);
    renderPage(<AskPage />, { path: '/ask', pattern: '/ask', routes: { '/consultations/:id': arrived() } });
    const user = await fillQuestion('A dry cough for two weeks, worse at night.');
    await user.type(screen.getByLabelText('Medicines you take now (optional)'), 'Lisinopril 10 mg once a day');
    await user.click(screen.getByRole('button', { name: 'Ask now' }));
    await screen.findByText('Consultation page');
    const mine = await patient.http.get('/api/consultations');
    expect(mine.data).toHaveLength(1);
    expect(mine.data[0]).toMatchObject({
      department: 'general_practice',
      description: 'A dry cough for two weeks, worse at night.',
      medications: 'Lisinopril 10 mg once a day',
      status: 'waiting',
    });
  });

  it('stops at the emergency number for red flags, and asks only once the patient acknowledges', async () => {
    const patient = await t.user();
    await signInPage(patient.email);
    renderPage(<AskPage />, { path: '/ask', pattern: '/ask', routes: { '/consultations/:id': arrived() } });
    const user = await fillQuestion('Crushing chest pain spreading to my left arm since ten minutes.');
    await user.click(screen.getByRole('button', { name: 'Ask now' }));
    const dialog = await screen.findByRole('alertdialog');
    expect(within(dialog).getByRole('link', { name: 'Call 911' }).getAttribute('href')).toBe('tel:911');
    expect((await patient.http.get('/api/consultations')).data).toEqual([]);

    const carryOn = within(dialog).getByRole('button', { name: 'Continue' });
    expect((carryOn as HTMLButtonElement).disabled).toBe(true);
    await user.click(within(dialog).getByRole('checkbox'));
    await user.click(carryOn);
    await screen.findByText('Consultation page');
    expect((await patient.http.get('/api/consultations')).data[0].redFlags.length).toBeGreaterThan(0);
  });

  it('names a description that is too short next to its field, and asks nothing', async () => {
    const patient = await t.user();
    await signInPage(patient.email);
    renderPage(<AskPage />, { path: '/ask', pattern: '/ask' });
    const user = await fillQuestion('Cough');
    await user.click(screen.getByRole('button', { name: 'Ask now' }));
    expect((await screen.findByText(/at least a sentence/)).className).toBe('field-error');
    expect((await patient.http.get('/api/consultations')).data).toEqual([]);
  });
});
