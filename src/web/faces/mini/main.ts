// The mini-program at /mini/, opened inside partner apps by the host SDK (/sdk/host.js).
// Its own small entry (plain DOM, no framework) to keep its initial JavaScript far under
// the 50 KB gzip budget.
//
// Sign-in: the host page frames us with ?host=<id>&origin=<its origin>. We check that
// origin against the host's registered origins, ask our parent (and only our parent, at
// exactly that origin) for an assertion, and exchange it for a session token kept in
// memory. Nothing is ever posted to '*'.
import './mini.css';
import { callBox } from './call.ts';
import { h, mount } from './dom.ts';
import { formatTime } from '../../app/dates.ts';
import { systemText, type SystemLine } from '../../../shared/system-lines.ts';
import { EMERGENCY_COUNTRIES } from '../../../shared/emergency-numbers.ts';
import { MESSAGES, type MiniKey, type MiniLocale } from './mini.messages.ts';
import type { Consultation } from '../../../shared/contracts/consultations.ts';
import { localeTag } from '../../../shared/locales.ts';
import { formatMoney } from '../../../shared/money.ts';
import type { Message } from '../../../shared/contracts/messaging.ts';
import type { ServerFrame } from '../../../shared/contracts/realtime.ts';

type ChatMessage = Pick<Message, 'seq' | 'senderId' | 'text' | 'kind' | 'system'>;

const root = document.getElementById('root')!;
const params = new URLSearchParams(location.search);
// Framed by a partner on another site, the browser may refuse storage (third-party blocking):
// reading it then throws, and the mini-program must still start.
function storedLang(): string | null {
  try {
    return localStorage.getItem('lotus_lang');
  } catch {
    return null;
  }
}
const requested = (params.get('lang') ?? storedLang() ?? navigator.language).slice(0, 2);
let locale: MiniLocale = requested in MESSAGES ? (requested as MiniLocale) : 'en';
document.documentElement.lang = localeTag(locale);

const t = (key: MiniKey, vars: Record<string, string | number> = {}) =>
  Object.entries(vars).reduce<string>((text, [k, v]) => text.replaceAll(`{${k}}`, String(v)), MESSAGES[locale][key]);

let token: string | null = null;

async function api<T>(method: string, url: string, body?: unknown): Promise<T> {
  const response = await fetch(url, {
    method,
    headers: { accept: 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}), ...(body ? { 'content-type': 'application/json' } : {}) },
    ...(body ? { body: JSON.stringify(body) } : {}),
  });
  const data = response.status === 204 ? null : await response.json().catch(() => null);
  if (!response.ok) throw Object.assign(new Error(data?.error?.message ?? `HTTP ${response.status}`), { code: data?.error?.code, body: data?.error });
  return data as T;
}

function shell(...children: Array<Node | string | null | false>) {
  mount(root, h('main', { className: 'mini' }, h('header', { className: 'mini-header' }, h('h1', {}, t('title'))), ...children));
}

const money = (amount: number, currency: string) => formatMoney(amount, currency, locale);

// ---- sign-in through the host ---------------------------------------------------------

async function signIn(): Promise<void> {
  const hostId = params.get('host');
  const hostOrigin = params.get('origin');
  if (!hostId || !hostOrigin || window.parent === window) {
    shell(h('p', {}, t('standalone')), h('p', {}, h('a', { href: '/demo/host', target: '_top' }, t('demo'))));
    return;
  }
  let host: { name: string; origins: string[] };
  try {
    host = await api('GET', `/api/mini/hosts/${encodeURIComponent(hostId)}`);
  } catch {
    shell(h('p', { className: 'mini-error', role: 'alert' }, t('refused')));
    return;
  }
  if (!host.origins.includes(hostOrigin)) {
    shell(h('p', { className: 'mini-error', role: 'alert' }, t('refused')));
    return;
  }
  shell(h('p', { role: 'status' }, t('connecting', { host: host.name })));
  const nonce = crypto.randomUUID();
  const assertion = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('the partner app did not answer')), 15_000);
    window.addEventListener('message', function onMessage(event) {
      if (event.source !== window.parent || event.origin !== hostOrigin) return;
      const data = event.data as { type?: string; nonce?: string; assertion?: string } | null;
      if (data?.nonce !== nonce) return;
      window.removeEventListener('message', onMessage);
      clearTimeout(timer);
      if (data.type === 'lotus:assertion' && typeof data.assertion === 'string') resolve(data.assertion);
      else reject(new Error('the partner app could not sign you in'));
    });
    window.parent.postMessage({ type: 'lotus:need-assertion', nonce }, hostOrigin);
  }).catch((error: Error) => {
    shell(h('p', { className: 'mini-error', role: 'alert' }, t('failed', { reason: error.message })));
    return null;
  });
  if (!assertion) return;
  try {
    const session = await api<{ token: string; user: { id: string; displayName: string; locale: string } }>('POST', '/api/mini/session', { hostId, assertion });
    token = session.token;
    if (!params.get('lang') && session.user.locale in MESSAGES) locale = session.user.locale as MiniLocale;
    window.parent.postMessage({ type: 'lotus:signed-in', userId: session.user.id }, hostOrigin);
    await home(session.user.displayName);
  } catch (error) {
    shell(h('p', { className: 'mini-error', role: 'alert' }, t('failed', { reason: (error as Error).message })));
  }
}

// ---- home: search, ask, my consultations ----------------------------------------------

/** Which country the emergency numbers are for, and the reader's correction: saved on the
 * account (PATCH /api/me), then `onChanged` asks again so the server answers with that
 * country's numbers (the same correction as the app's emergency panel). */
function emergencyCountry(country: string, onChanged: () => void): HTMLElement {
  const name = (code: string) => {
    try {
      return new Intl.DisplayNames([localeTag(locale)], { type: 'region' }).of(code) ?? code;
    } catch {
      return code;
    }
  };
  const codes = EMERGENCY_COUNTRIES.includes(country) || !country || country === 'ZZ' ? EMERGENCY_COUNTRIES : [country, ...EMERGENCY_COUNTRIES];
  const select = h('select', { id: 'mini-emergency-country' }, ...codes.map((code) => h('option', { value: code, ...(code === country ? { selected: true } : {}) }, name(code))));
  const failed = h('p', { className: 'mini-error', role: 'alert' });
  const save = h('button', { type: 'button', className: 'mini-link', disabled: true }, t('urgentCountrySave'));
  select.addEventListener('change', () => (save.disabled = select.value === country));
  save.addEventListener('click', () => {
    failed.textContent = '';
    api('PATCH', '/api/me', { country: select.value }).then(onChanged, (e: unknown) => (failed.textContent = (e as Error).message));
  });
  return h(
    'div',
    { className: 'mini-emergency-country' },
    ...(country && country !== 'ZZ' ? [h('p', {}, t('urgentCountry', { country: name(country) }))] : []),
    h('label', { for: 'mini-emergency-country' }, t('urgentCountryLabel')),
    select,
    save,
    failed,
  );
}

async function home(name: string): Promise<void> {
  const [departments, mine] = await Promise.all([
    api<Array<{ code: string; name: string }>>('GET', `/api/departments?lang=${locale}`),
    api<Consultation[]>('GET', '/api/consultations?role=patient'),
  ]);

  const results = h('ul', { className: 'mini-results', 'aria-live': 'polite' });
  const query = h('input', { type: 'search', id: 'mini-q', maxlength: 200, autocomplete: 'off' });
  const searchForm = h(
    'form',
    {
      role: 'search',
      onSubmit: async (event: Event) => {
        event.preventDefault();
        const q = query.value.trim();
        if (!q) return;
        const found = await api<{ results: Array<{ slug: string; title: string; snippet: string }> }>('GET', `/api/encyclopedia/search?q=${encodeURIComponent(q)}&limit=5&lang=${locale}`).catch(() => ({ results: [] }));
        mount(results, ...(found.results.length ? found.results.map((r) => h('li', {}, h('a', { href: `/encyclopedia/${r.slug}`, target: '_blank', rel: 'noopener' }, r.title))) : [h('li', {}, t('noResults'))]));
      },
    },
    h('label', { for: 'mini-q' }, t('search')),
    h('div', { className: 'mini-row' }, query, h('button', { type: 'submit' }, t('searchLabel'))),
  );

  const department = h('select', { id: 'mini-dept', required: true }, ...departments.map((d) => h('option', { value: d.code }, d.name)));
  const problem = h('textarea', { id: 'mini-problem', rows: 4, maxlength: 4000, required: true });
  const quote = h('p', { className: 'mini-quote', role: 'status' });
  const error = h('p', { className: 'mini-error', role: 'alert' });
  const urgentBox = h('div', {});
  let acknowledged = false;
  // The telemedicine consent, on the first question (and after a new version). Not a
  // required field: red-flag symptoms must meet the emergency number before any consent.
  const consentBox = h('div', {});
  let consentAccepted = false;
  const showConsent = (text: string) => {
    const box = h('input', { type: 'checkbox', id: 'mini-consent', onChange: (ev: Event) => (consentAccepted = (ev.target as HTMLInputElement).checked) });
    mount(consentBox, h('p', { className: 'mini-hint' }, text), h('label', { className: 'mini-check' }, box, ' ', t('consentAccept')));
  };
  void api<{ text: string; required: boolean }>('GET', '/api/me/consents/telemedicine')
    .then((c) => {
      if (c.required) showConsent(c.text);
    })
    .catch((e: unknown) => console.warn('mini: could not load the telemedicine consent; the question will ask for it', e));
  const submit = h('button', { type: 'submit', className: 'mini-primary' }, t('send'));
  // A paid question could not be paid for in here: the quote says so, and the server refuses
  // to start one (payment_not_available_here). The button stays usable all the same: the
  // server screens the text for red flags before anything else, so an urgent text still
  // meets the emergency panel.
  const refreshQuote = async () => {
    const q = await api<{ free: boolean; price: number; currency: string; onlineDoctors: number; replyDeadlineIfAskedNow: string; onlineElsewhere: Array<{ name: string }> }>('GET', `/api/consultations/quote?department=${department.value}`).catch(() => null);
    const price = q ? (q.free ? t('free') : t('price', { price: money(q.price, q.currency) })) : '';
    // Nobody online: said before anything is asked, with when the promise would run out and where someone is.
    const nobody = q && q.onlineDoctors === 0
      ? ` ${t('noDoctor', { time: formatTime(q.replyDeadlineIfAskedNow, locale) })}${q.onlineElsewhere.length ? ` ${t('onlineElsewhere', { departments: q.onlineElsewhere.map((d) => d.name).join(', ') })}` : ''}`
      : '';
    quote.textContent = `${price}${nobody}`;
  };
  department.addEventListener('change', () => void refreshQuote());
  void refreshQuote();

  const askForm = h(
    'form',
    {
      className: 'mini-ask',
      onSubmit: async (event: Event) => {
        event.preventDefault();
        error.textContent = '';
        try {
          const c = await api<Consultation>('POST', '/api/consultations', {
            department: department.value,
            description: problem.value,
            ...(acknowledged ? { acknowledgedUrgent: true } : {}),
            ...(consentAccepted ? { acceptTelemedicine: true } : {}),
          });
          await consultation(c.id, name);
        } catch (e) {
          const err = e as Error & { code?: string; body?: { emergencyNumber?: string; emergencyNumbers?: string[]; country?: string; consent?: { text: string } } };
          if (err.code === 'telemedicine_consent_required' && err.body?.consent) showConsent(err.body.consent.text);
          else if (err.code === 'urgent_symptoms') {
            const numbers = err.body?.emergencyNumbers ?? [err.body?.emergencyNumber ?? '112'];
            const box = h('input', { type: 'checkbox', id: 'mini-urgent', onChange: (ev: Event) => (acknowledged = (ev.target as HTMLInputElement).checked) });
            mount(
              urgentBox,
              h('p', { className: 'mini-urgent', role: 'alert' }, t('urgent', { number: numbers[0]! }), ...(numbers.length > 1 ? [' ', t('urgentAlso', { numbers: numbers.slice(1).join(', ') })] : [])),
              h('a', { className: 'mini-primary', href: `tel:${numbers[0]}` }, t('urgentCall', { number: numbers[0]! })),
              emergencyCountry(err.body?.country ?? '', () => askForm.requestSubmit()),
              h('label', { className: 'mini-check' }, box, ' ', t('urgentOk')),
            );
          } else error.textContent = err.message;
        }
      },
    },
    h('h2', {}, t('ask')),
    h('label', { for: 'mini-dept' }, t('department')),
    department,
    h('label', { for: 'mini-problem' }, t('problem')),
    problem,
    quote,
    consentBox,
    urgentBox,
    error,
    submit,
    h('p', { className: 'mini-hint' }, t('notDiagnosis')),
  );

  const list = mine.length
    ? h('section', {}, h('h2', {}, t('mine')), h('ul', { className: 'mini-list' }, ...mine.map((c) => h('li', {}, h('button', { type: 'button', className: 'mini-link', onClick: () => void consultation(c.id, name) }, `${c.departmentName} · ${t(c.status)}`)))))
    : null;

  shell(h('p', { className: 'mini-hello' }, t('hello', { name })), askForm, list, searchForm, results);
}

// ---- one consultation: status and chat -------------------------------------------------
// Sessions here carry no cookie: the socket is opened with the bearer token offered as a
// subprotocol (never in the URL). Messages arrive on it in order from the last seq seen;
// the status is read again when the patient's own channel says the consultation changed,
// and everything is read again when the socket comes back after a break.

async function consultation(id: string, name: string): Promise<void> {
  let lastSeq = 0;
  let stopped = false;
  const log = h('ol', { className: 'mini-chat', 'aria-live': 'polite' });
  const status = h('p', { className: 'mini-status', role: 'status' });
  const summary = h('div', {});
  const input = h('textarea', { id: 'mini-message', rows: 2, maxlength: 4000 });
  const compose = h(
    'form',
    {
      className: 'mini-compose',
      onSubmit: async (event: Event) => {
        event.preventDefault();
        const text = input.value.trim();
        if (!text) return;
        const c = await api<Consultation>('GET', `/api/consultations/${id}`);
        show([await api<ChatMessage>('POST', `/api/conversations/${c.conversationId}/messages`, { clientId: crypto.randomUUID(), text })]);
        input.value = '';
      },
    },
    h('label', { for: 'mini-message' }, t('message')),
    input,
    h('button', { type: 'submit', className: 'mini-primary' }, t('reply')),
  );
  const call = callBox(id, api, t);
  let socket: WebSocket | null = null;
  let retry = 0;
  const back = h('button', { type: 'button', className: 'mini-link', onClick: () => { stopped = true; socket?.close(); call.stop(); void home(name); } }, `← ${t('back')}`);

  function show(messages: ChatMessage[]): void {
    for (const m of messages) {
      if (m.seq <= lastSeq) continue;
      lastSeq = m.seq;
      if (m.text) log.append(h('li', { className: m.kind === 'system' ? 'system' : '' }, (m.system && systemText(m.system as SystemLine, locale)) || m.text));
    }
  }

  async function refresh(): Promise<Consultation> {
    const c = await api<Consultation>('GET', `/api/consultations/${id}`);
    status.textContent = t(c.status);
    compose.hidden = !['waiting', 'active'].includes(c.status);
    await call.refresh(c.status === 'active');
    if (c.summary) mount(summary, h('h2', {}, t('summary')), h('p', {}, c.summary));
    return c;
  }

  function connect(c: Consultation): void {
    if (stopped) return;
    const ws = new WebSocket(`${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/api/realtime`, ['lotus.v1', `lotus.bearer.${token}`]);
    socket = ws;
    ws.onopen = () => {
      // After a break: what changed meanwhile is read again; messages resume from lastSeq.
      if (retry > 0) void refresh().catch(() => undefined);
      retry = 0;
      ws.send(JSON.stringify({ type: 'subscribe', conversationId: c.conversationId, afterSeq: lastSeq }));
      ws.send(JSON.stringify({ type: 'subscribe', channel: 'user:me' }));
    };
    ws.onmessage = (event) => {
      const frame = JSON.parse(String(event.data)) as ServerFrame;
      if (frame.type === 'message') show([frame]);
      else if ((frame.type === 'consultation' && frame.consultationId === id) || frame.type === 'closed' || frame.type === 'reopened') void refresh().catch(() => undefined);
      else if (frame.type === 'call') void call.refresh(true);
    };
    ws.onclose = () => {
      socket = null;
      if (stopped) return;
      retry = Math.min(retry + 1, 6);
      setTimeout(() => connect(c), 250 * 2 ** retry);
    };
  }

  shell(back, status, call.element, log, compose, summary);
  const c = await refresh();
  show(await api<ChatMessage[]>('GET', `/api/conversations/${c.conversationId}/messages?after=0&limit=100`));
  connect(c);
}

void signIn();
