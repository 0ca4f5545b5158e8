// The one renderer for community posts: Markdown → HTML on the server, raw HTML off,
// then the result sanitised against an allowlist. Two independent layers: markdown-it
// never emits tags from the source (html: false) and refuses javascript:/vbscript:/data:
// links; sanitize-html then keeps only the tags, attributes and URL schemes listed here,
// whatever the first layer produced. Images are kept only when they are uploads served by
// this platform; remote images are dropped (their alt text stays) so that no reader's
// browser fetches a third-party URL from a post.
import MarkdownIt from 'markdown-it';
import sanitizeHtml from 'sanitize-html';

/** Bump when the output for the same Markdown changes; stored HTML older than this is re-rendered. */
export const RENDER_VERSION = 1;

/** Uploaded community images: the only image sources a post may carry. */
export const IMAGE_PATH = /^\/api\/community\/images\/img_[0-9a-z]{26}$/;

const markdown = new MarkdownIt({ html: false, linkify: true, breaks: true, typographer: false });
markdown.disable(['heading', 'lheading']); // posts have no page structure of their own
markdown.enable(['table', 'strikethrough']);

const REL = 'nofollow ugc noopener';

const policy: sanitizeHtml.IOptions = {
  allowedTags: ['p', 'br', 'strong', 'em', 's', 'del', 'code', 'pre', 'blockquote', 'ul', 'ol', 'li', 'a', 'img', 'hr', 'table', 'thead', 'tbody', 'tr', 'th', 'td'],
  allowedAttributes: {
    a: ['href', 'rel', 'title'],
    img: ['src', 'alt', 'title', 'loading'],
    ol: ['start'],
    th: ['align'],
    td: ['align'],
  },
  allowedSchemes: ['http', 'https', 'mailto'],
  allowedSchemesByTag: { img: [] },
  allowedSchemesAppliedToAttributes: ['href', 'src'],
  allowProtocolRelative: false,
  disallowedTagsMode: 'discard',
  // Everything outside the allowlist goes, content included for these.
  nonTextTags: ['script', 'style', 'textarea', 'option', 'noscript', 'svg', 'math', 'iframe', 'object', 'embed', 'template', 'xmp', 'noembed', 'noframes', 'title'],
  transformTags: {
    a: (tagName, attribs) => ({ tagName, attribs: { ...attribs, rel: REL } }),
    img: (tagName, attribs) => ({ tagName, attribs: { ...attribs, loading: 'lazy' } }),
  },
  exclusiveFilter: (frame) => {
    if (frame.tag === 'img') return !IMAGE_PATH.test(frame.attribs.src ?? '');
    // A link whose href was stripped (a refused scheme) becomes plain text, not a dead anchor.
    return false;
  },
};

// markdown-it turns an image into <img alt="…">; when the image is dropped, keep the
// words the author wrote for it. Done on tokens, before HTML exists.
markdown.renderer.rules.image = (tokens, idx, options, env, self) => {
  const token = tokens[idx]!;
  const src = String(token.attrGet('src') ?? '');
  const alt = String(self.renderInlineAsText(token.children ?? [], options, env));
  if (!IMAGE_PATH.test(src)) return markdown.utils.escapeHtml(alt ? `[${alt}]` : '');
  return `<img src="${markdown.utils.escapeHtml(src)}" alt="${markdown.utils.escapeHtml(alt)}">`;
};

/** Markdown from a person → HTML safe to insert into any page of ours. */
export function renderMarkdown(source: string): string {
  const html = markdown.render(source);
  return sanitizeHtml(html, policy);
}

/** Plain text of a post, for Open Graph descriptions, notifications and search. */
export function plainText(source: string, max = 300): string {
  const text = sanitizeHtml(markdown.render(source), { allowedTags: [], allowedAttributes: {} })
    .replace(/&amp;/g, '&')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/\s+/g, ' ')
    .trim();
  return text.length > max ? `${text.slice(0, max - 1).trimEnd()}…` : text;
}
