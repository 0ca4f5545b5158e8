// The export as a PDF a person can read: the same content as the FHIR Bundle (who they
// are, each consultation with its messages, photos as links, the doctor's summary, the
// doctors with their verified identifiers, payments), drawn from the Bundle itself so the
// two never say different things. Fonts as for the visit summary: LOTUS_PDF_FONT for
// Chinese, else the built-in Helvetica with a note where characters were replaced.
import PDFDocument from 'pdfkit';
import { WIN_ANSI } from '../consultations/consultations.summary-pdf.ts';

type Resource = Record<string, any> & { resourceType: string; id: string };

const when = (iso: string | undefined) => (iso ? `${iso.slice(0, 16).replace('T', ' ')} UTC` : '');

export function exportPdf(bundle: { timestamp?: string; entry?: Array<{ resource: Resource }> }, fontPath: string | null): Promise<Buffer> {
  const resources = (bundle.entry ?? []).map((e) => e.resource);
  const of = (type: string) => resources.filter((r) => r.resourceType === type);
  const patient = of('Patient')[0];
  const practitioners = new Map(of('Practitioner').map((p) => [`Practitioner/${p.id}`, p]));
  return new Promise((resolve, reject) => {
    const doc = new PDFDocument({ size: 'A4', margin: 56, info: { Title: 'Lotus Health — your record', Author: 'Lotus Health' } });
    const chunks: Buffer[] = [];
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
    let replaced = false;
    const text = (s: string) => {
      if (fontPath) return s;
      const out = s.replace(WIN_ANSI, '?');
      if (out !== s) replaced = true;
      return out;
    };
    const heading = (s: string, size = 14) => doc.moveDown(0.6).fillColor('#000').fontSize(size).text(text(s)).moveDown(0.2);
    const line = (s: string, size = 10, color = '#000') => doc.fontSize(size).fillColor(color).text(text(s));
    if (fontPath) doc.font(fontPath);

    doc.fontSize(18).text('Lotus Health — your record');
    line(`Everything we hold about you, as of ${when(bundle.timestamp)}. The same content is in the FHIR file of the same download.`, 9, '#444');

    heading('You');
    if (patient) {
      line(`Name: ${patient.name?.[0]?.text ?? ''}`);
      for (const t of patient.telecom ?? []) line(`${t.system === 'email' ? 'Email' : 'Phone'}: ${t.value}`);
      line(`Account: ${patient.identifier?.[0]?.value ?? patient.id}`, 9, '#444');
    }

    const encounters = of('Encounter');
    heading(`Consultations (${encounters.length})`);
    if (encounters.length === 0) line('None yet.', 10, '#444');
    for (const e of encounters) {
      const ref = `Encounter/${e.id}`;
      heading(`${e.serviceType?.text ?? 'Consultation'} — ${when(e.period?.start)}`, 12);
      line(`Status: ${e.status}${e.period?.end ? ` · ended ${when(e.period.end)}` : ''}`, 9, '#444');
      const doctor = e.participant?.[0]?.individual?.display;
      if (doctor) line(`Doctor: ${doctor}`, 10);
      if (e.reasonCode?.[0]?.text) line(`Your question: ${e.reasonCode[0].text}`);
      const messages = of('Communication').filter((c) => c.encounter?.reference === ref);
      if (messages.length) doc.moveDown(0.3);
      for (const m of messages) {
        const from = m.sender?.reference?.startsWith('Patient/')
          ? 'You'
          : m.sender?.reference
            ? (practitioners.get(m.sender.reference)?.name?.[0]?.text ?? 'Doctor')
            : 'Lotus Health';
        for (const p of m.payload ?? []) {
          if (p.contentString) line(`${when(m.sent)} ${from}: ${p.contentString}`, 10);
          if (p.contentAttachment) line(`${when(m.sent)} ${from}: photo (${p.contentAttachment.contentType}) ${p.contentAttachment.url}`, 9, '#444');
        }
      }
      for (const c of of('Composition').filter((x) => x.encounter?.reference === ref)) {
        for (const s of c.section ?? []) {
          const body = String(s.text?.div ?? '')
            .replace(/<[^>]+>/g, '')
            .replace(/&lt;/g, '<')
            .replace(/&gt;/g, '>')
            .replace(/&quot;/g, '"')
            .replace(/&#39;/g, "'")
            .replace(/&amp;/g, '&');
          doc.moveDown(0.2);
          line(`${s.title}: ${body}`, 10);
        }
      }
    }

    heading('Doctors');
    if (practitioners.size === 0) line('None yet.', 10, '#444');
    for (const p of practitioners.values()) {
      const ids = (p.identifier ?? [])
        .filter((i: { system: string }) => i.system.includes('/registry/'))
        .map((i: { system: string; value: string }) => `${decodeURIComponent(i.system.split('/registry/')[1] ?? '')} ${i.value}`);
      line(`${p.name?.[0]?.text ?? 'Doctor'}${ids.length ? ` — verified: ${ids.join(', ')}` : ''}`);
    }

    const payments = of('PaymentNotice');
    heading('Payments');
    if (payments.length === 0) line('None.', 10, '#444');
    for (const p of payments)
      line(`${when(p.created)} ${p.amount?.value?.toFixed?.(2) ?? ''} ${p.amount?.currency ?? ''} — ${p.request?.display ?? ''} (${p.payment?.display ?? ''})`);

    doc.moveDown();
    line('An online consultation is advice from a doctor, not a diagnosis. In an emergency call your local emergency number.', 9, '#444');
    if (replaced)
      line(
        'Some characters (for example Chinese) could not be shown with this server’s PDF font and appear as "?". The FHIR file holds the full text.',
        9,
        '#444',
      );
    doc.end();
  });
}
