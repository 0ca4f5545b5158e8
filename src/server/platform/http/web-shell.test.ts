// The HTML shell's meta tags carry text people wrote (thread titles, post excerpts, doctor
// names): whatever they contain, it stays text inside its attribute.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { WebShell } from './web-shell.ts';

const template = `<!doctype html>
<html lang="en">
  <head>
    <meta charset="UTF-8" />
    <title>Lotus Health</title>
    <script type="module" crossorigin src="/assets/patient.js"></script>
  </head>
  <body><div id="root"></div></body>
</html>
`;

function shell(): WebShell {
  const root = mkdtempSync(path.join(tmpdir(), 'lotus-shell-'));
  writeFileSync(path.join(root, 'index.html'), template);
  return new WebShell(root);
}

const unescape = (s: string) => s.replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');

describe('web shell meta tags', () => {
  it('keeps replacement patterns ($` $\' $&) in a title as text', () => {
    const html = shell().render('patient', 'en', { title: 'Fever $` after $& the $\' trip', description: 'a $` b' })!;
    // The page's head appears once: nothing of it was pasted into an attribute.
    expect(html.match(/<head>/g)).toHaveLength(1);
    expect(html.match(/<script /g)).toHaveLength(1);
    expect(html).toContain('<meta property="og:title" content="Fever $` after $&amp; the $&#39; trip">');
    expect(html).toContain('<title>Fever $` after $&amp; the $&#39; trip · Lotus Health</title>');
    expect(html).toContain('<meta name="description" content="a $` b">');
  });

  it('any title stays exactly the og:title text, inside one tag', () => {
    const s = shell();
    fc.assert(
      fc.property(fc.string({ maxLength: 60 }), (title) => {
        const html = s.render('patient', 'fr', { title })!;
        const tags = html.match(/<meta property="og:title" content="([^"]*)">/g) ?? [];
        expect(tags).toHaveLength(1);
        expect(unescape(/content="([^"]*)"/.exec(tags[0]!)![1]!)).toBe(title);
        expect(html.match(/<head>/g)).toHaveLength(1);
        expect(html.match(/<script /g)).toHaveLength(1);
      }),
      { numRuns: 300 },
    );
  });
});
