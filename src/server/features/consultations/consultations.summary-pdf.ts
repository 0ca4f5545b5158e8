// The visit summary as a PDF the patient can hand to their own doctor: who, when, what was
// asked, the doctor's summary and advice. PDFKit's built-in Helvetica covers Latin
// (WinAnsi) only; with LOTUS_PDF_FONT pointing at a TrueType/OpenType font that covers
// Chinese (e.g. Noto Sans CJK), Chinese text is embedded as written. Without it, characters
// the built-in font cannot show are replaced and the PDF says so.
import { existsSync } from 'node:fs';
import PDFDocument from 'pdfkit';
import { ConfigError } from '../../config.ts';

export interface SummaryPdfInput {
  id: string;
  patientName: string;
  doctorName: string;
  doctorTitle: string | null;
  department: string;
  askedAt: string;
  closedAt: string;
  description: string;
  summary: string;
  advice: string | null;
}

export function pdfFontConfig(raw: Record<string, string | undefined>): string | null {
  const path = raw.LOTUS_PDF_FONT?.trim();
  if (!path) return null;
  if (!existsSync(path)) throw new ConfigError('LOTUS_PDF_FONT', `no font file at "${path}"`);
  return path;
}

// WinAnsi: what Helvetica can show (the export PDF uses it too).
export const WIN_ANSI = /[^\x20-\x7e\xa0-\xff\n‘’“”–—…•€]/g;

export function summaryPdf(input: SummaryPdfInput, fontPath: string | null): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const doc = new PDFDocument({ size: 'A4', margin: 56, info: { Title: `Visit summary ${input.id}`, Author: 'Lotus Health' } });
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
    if (fontPath) doc.font(fontPath);
    doc.fontSize(18).text('Lotus Health — visit summary');
    doc.moveDown(0.5).fontSize(10).fillColor('#444');
    doc.text(text(`Patient: ${input.patientName}`));
    doc.text(text(`Doctor: ${input.doctorName}${input.doctorTitle ? `, ${input.doctorTitle}` : ''} (${input.department})`));
    doc.text(`Asked: ${input.askedAt.slice(0, 16).replace('T', ' ')} UTC · Closed: ${input.closedAt.slice(0, 16).replace('T', ' ')} UTC`);
    doc.text(`Reference: ${input.id}`);
    doc.fillColor('#000').moveDown();
    for (const [heading, body] of [['The question', input.description], ['Summary', input.summary], ['Advice and next steps', input.advice]] as const) {
      if (!body) continue;
      doc.fontSize(13).text(heading).moveDown(0.2).fontSize(11).text(text(body)).moveDown();
    }
    doc.fontSize(9).fillColor('#444').text('An online consultation is advice from a doctor, not a diagnosis. In an emergency call your local emergency number.');
    if (replaced) doc.moveDown().text('Some characters (for example Chinese) could not be shown with this server’s PDF font and appear as "?". The full text is on the consultation page.');
    doc.end();
  });
}
