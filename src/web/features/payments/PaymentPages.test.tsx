// Paying for a consultation in the page, against the real API and the sandbox provider: the
// checkout shows what is due in the reader's currency, starts one payment, follows the
// sandbox's flow and shows it paid; a consultation with nothing due offers nothing to pay;
// a signed-out visitor signs in first.
import { cleanup, screen } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { TestUser } from '../../../../test/support/app.ts';
import { renderPage, signInPage, startLiveApp, type LiveApp } from '../../../../test/support/web.tsx';
import { CheckoutPage, PaymentPage, SandboxPage } from './PaymentPages.tsx';

let t: LiveApp;
let patient: TestUser;
let freeId: string;
let paidId: string;

beforeAll(async () => {
  t = await startLiveApp({ env: { LOTUS_PAYMENTS_SANDBOX: 'true' } });
  patient = await t.user();
  const ask = (description: string) => patient.http.post('/api/consultations', { department: 'general_practice', description, country: 'US' });
  freeId = (await ask('A sore throat and a mild fever for three days.')).data.id;
  const second = await ask('A rash on my arm that itches at night.');
  expect(second.data).toMatchObject({ status: 'awaiting_payment', currency: 'USD' });
  paidId = second.data.id;
  await signInPage(patient.email);
});
afterEach(() => cleanup());
afterAll(async () => {
  await t.close();
});

const pages = {
  '/pay/:paymentId': <PaymentPage />,
  '/pay/return/:paymentId': <PaymentPage />,
  '/pay/sandbox/:paymentId': <SandboxPage />,
  '/consultations/:id': <p>Consultation page</p>,
};

describe('paying for a consultation', () => {
  it('shows what is due, pays it through the sandbox and shows it paid', async () => {
    const user = userEvent.setup();
    renderPage(<CheckoutPage />, { path: `/pay/consultation/${paidId}`, pattern: '/pay/consultation/:consultationId', routes: pages });
    expect((await screen.findByTestId('amount-due')).textContent).toBe('$15.00');
    await user.click(screen.getByRole('radio', { name: /Sandbox \(no real money\)/ }));
    await user.click(screen.getByRole('button', { name: 'Pay $15.00' }));

    expect((await screen.findByTestId('payment-status')).textContent).toBe('Waiting for your payment');
    await user.click(screen.getByRole('link', { name: 'Continue to the sandbox payment page' }));
    expect(await screen.findByRole('note')).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Complete the payment (sandbox)' }));

    expect((await screen.findByTestId('payment-status')).textContent).toBe('Paid');
    const consultation = await patient.http.get(`/api/consultations/${paidId}`);
    expect(consultation.data.status).toBe('waiting');
  });

  it('offers nothing to pay for a free consultation', async () => {
    renderPage(<CheckoutPage />, { path: `/pay/consultation/${freeId}`, pattern: '/pay/consultation/:consultationId', routes: pages });
    expect(await screen.findByText('There is nothing to pay for this consultation.')).toBeTruthy();
    expect((screen.getByRole('button', { name: /^Pay/ }) as HTMLButtonElement).disabled).toBe(true);
  });

  it('sends a signed-out visitor to sign in first, and back to the checkout afterwards', async () => {
    await fetch('/api/auth/logout', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    renderPage(<CheckoutPage />, { path: `/pay/consultation/${paidId}?from=ask`, pattern: '/pay/consultation/:consultationId', routes: pages });
    expect((await screen.findByText(/Sign-in page/)).textContent).toBe(`Sign-in page /pay/consultation/${paidId}?from=ask`);
  });
});
