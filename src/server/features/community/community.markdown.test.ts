// The sanitiser against a broad list of XSS attempts: whatever goes in, what comes out
// carries no script, handler, style, frame, form, SVG, MathML or non-http(s)/mailto URL.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { plainText, renderMarkdown } from './community.markdown.ts';

const UPLOADED = '/api/community/images/img_01jd4x8m2k3p4q5r6s7t8v9w0y';

const attacks = [
  '<script>alert(1)</script>',
  '<SCRIPT SRC=//evil.example/x.js></SCRIPT>',
  '<img src=x onerror=alert(1)>',
  '<IMG SRC="javascript:alert(1);">',
  '<body onload=alert(1)>',
  '<div style="background:url(javascript:alert(1))">x</div>',
  '<a href="javascript:alert(1)">click</a>',
  '<a href="jav&#x09;ascript:alert(1)">tab</a>',
  '<iframe src="https://evil.example"></iframe>',
  '<object data="x.swf"></object><embed src="x.swf">',
  '<form action="https://evil.example"><input name=x><button>go</button></form>',
  '<svg onload=alert(1)><circle r=10 /></svg>',
  '<svg><script>alert(1)</script></svg>',
  '<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>',
  '<math><maction actiontype="statusline" xlink:href="javascript:alert(1)">x</maction></math>',
  '<noscript><p title="</noscript><img src=x onerror=alert(1)>">',
  '<style><img src="</style><img src=x onerror=alert(1)//">',
  '<svg></p><style><a id="</style><img src=1 onerror=alert(1)>">',
  '<template><script>alert(1)</script></template>',
  '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
  '<base href="javascript:/">',
  '<link rel=stylesheet href="https://evil.example/x.css">',
  '<details open ontoggle=alert(1)>',
  '<video><source onerror="alert(1)"></video>',
  '"><script>alert(1)</script>',
  '[click](javascript:alert(1))',
  '[click](JaVaScRiPt:alert(1))',
  '[click](javascript&#58;alert(1))',
  '[click](javascript&#x3A;alert(1))',
  '[click](&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;alert(1))',
  '[click](java\nscript:alert(1))',
  '[click](vbscript:msgbox(1))',
  '[click](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)',
  '[click](file:///etc/passwd)',
  '[click](//evil.example/path)',
  '[a](https://example.com "title\\" onmouseover=\\"alert(1)")',
  '![x](javascript:alert(1))',
  '![x](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+)',
  '![x](https://evil.example/track.png)',
  '![x" onerror="alert(1)](https://evil.example/a.png)',
  '![x](/api/community/images/../../admin)',
  '[![img](https://evil.example/x.png)](javascript:alert(1))',
  '<javascript:alert(1)>',
  '<http://example.com/"onmouseover="alert(1)>',
  '`<script>alert(1)</script>`',
  '```\n<script>alert(1)</script>\n```',
  '[ref]\n\n[ref]: javascript:alert(1)',
  '<a href="#" onclick="alert(1)">x</a>',
  '<scr<script>ipt>alert(1)</script>',
  '&lt;script&gt;alert(1)&lt;/script&gt;',
  '<<script>script>alert(1)<</script>/script>',
  '<img src="x` `<script>alert(1)</script>"` `>',
];

function assertSafe(html: string) {
  // No live tag other than the allowlist, no event handler, no style, no dangerous scheme.
  const tags = [...html.matchAll(/<\/?([a-zA-Z][a-zA-Z0-9-]*)/g)].map((m) => m[1]!.toLowerCase());
  const allowed = new Set(['p', 'br', 'strong', 'em', 's', 'del', 'code', 'pre', 'blockquote', 'ul', 'ol', 'li', 'a', 'img', 'hr', 'table', 'thead', 'tbody', 'tr', 'th', 'td']);
  for (const tag of tags) expect(allowed.has(tag), `tag <${tag}> in ${html}`).toBe(true);
  const attrs = [...html.matchAll(/<[a-z]+((?:\s+[a-z-]+="[^"]*")*)\s*\/?>/g)].flatMap((m) => [...m[1]!.matchAll(/([a-z-]+)="([^"]*)"/g)]);
  for (const [, name, value] of attrs) {
    expect(['href', 'rel', 'title', 'src', 'alt', 'loading', 'start', 'align']).toContain(name);
    if (name === 'href') expect(value).toMatch(/^(https?:|mailto:)/i);
    if (name === 'src') expect(value).toMatch(/^\/api\/community\/images\/img_[0-9a-z]{26}$/);
  }
  // Attribute values are quoted and escaped; outside them there is no handler or style.
  const skeleton = html.replace(/"[^"]*"/g, '""');
  expect(skeleton).not.toMatch(/<[^>]*\son[a-z]+\s*=/i);
  expect(skeleton).not.toMatch(/<[^>]*style\s*=/i);
}

describe('renderMarkdown refuses XSS', () => {
  it.each(attacks)('renders %j harmlessly', (input) => {
    assertSafe(renderMarkdown(input));
  });

  it('shows raw HTML as text rather than dropping what the person wrote', () => {
    expect(renderMarkdown('<b>bold?</b>')).toBe('<p>&lt;b&gt;bold?&lt;/b&gt;</p>\n');
  });

  it('keeps no javascript: link even when entity-encoded', () => {
    for (const input of attacks.filter((a) => a.includes('script') && a.startsWith('['))) {
      const html = renderMarkdown(input);
      expect(html).not.toMatch(/href="[^"]*script/i);
    }
  });

  it('survives random input, including mixtures of the attacks', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.constantFrom(...attacks), fc.string({ maxLength: 30 })), { maxLength: 6 }), (parts) => {
        assertSafe(renderMarkdown(parts.join('')));
      }),
      { numRuns: 300 },
    );
  });
});

describe('renderMarkdown keeps ordinary Markdown', () => {
  it('renders emphasis, lists, quotes and code', () => {
    const html = renderMarkdown('**bold** _it_ ~~no~~\n\n- one\n- two\n\n> quote\n\n`x < y`');
    expect(html).toContain('<strong>bold</strong>');
    expect(html).toContain('<em>it</em>');
    expect(html).toContain('<s>no</s>');
    expect(html).toContain('<li>one</li>');
    expect(html).toContain('<blockquote>');
    expect(html).toContain('<code>x &lt; y</code>');
  });

  it('gives every link rel="nofollow ugc noopener", including bare URLs and mailto', () => {
    const html = renderMarkdown('[WHO](https://www.who.int) and https://example.org and [mail](mailto:help@example.org)');
    const links = [...html.matchAll(/<a [^>]*>/g)].map((m) => m[0]);
    expect(links).toHaveLength(3);
    for (const link of links) expect(link).toContain('rel="nofollow ugc noopener"');
    expect(html).toContain('href="mailto:help@example.org"');
  });

  it('keeps uploaded images and drops remote ones, keeping their alt text', () => {
    const html = renderMarkdown(`![my rash](${UPLOADED}) ![tracker](https://evil.example/t.png)`);
    expect(html).toContain(`<img src="${UPLOADED}" alt="my rash" loading="lazy" />`);
    expect(html).not.toContain('evil.example');
    expect(html).toContain('[tracker]');
  });

  it('turns headings into plain paragraphs', () => {
    expect(renderMarkdown('# Title')).toBe('<p># Title</p>\n');
  });
});

describe('plainText', () => {
  it('strips markup and shortens', () => {
    expect(plainText('**Hello** [world](https://x.org) <script>', 100)).toBe('Hello world <script>');
    expect(plainText('a'.repeat(50), 10)).toHaveLength(10);
  });
});
