/**
 * Bodies are written in Markdown and rendered to HTML on write with markdown-it (a maintained,
 * linear-time CommonMark parser) rather than our own regular expressions. Raw HTML is not part
 * of the accepted language: it is stripped first (script, style, iframe… with their content,
 * every other tag keeping its text), and markdown-it runs with `html: false`, so whatever is
 * left is escaped. Links go through an allow-list of URLs, so no attribute, event handler or
 * `javascript:` URL can reach the output.
 */
import MarkdownIt from 'markdown-it';
import type { StateInline, Token } from 'markdown-it';

/** Elements whose content is code or markup, not text: dropped with their content. */
const DANGEROUS_ELEMENTS = new Set([
  'script',
  'style',
  'iframe',
  'object',
  'embed',
  'template',
  'noscript',
  'svg',
  'math',
]);
const TAG_START = /[a-zA-Z!?/]/;

/**
 * Plain text without any HTML: for titles, summaries and the text of bodies. One pass over the
 * input, appending to an output that tags are cut from as soon as they close, so that
 * "<scr<script>ipt>" or "a<<b>script>" cannot rebuild a tag once the inner one is removed, and
 * the time stays linear (each character is appended and cut at most once).
 */
export function stripHtml(input: string): string {
  // characters, not a string: cutting a tag off must not copy what comes before it
  const out: string[] = [];
  // where, in `out`, the earliest `<` that may start a tag since the last `>` is
  let open = -1;
  let i = 0;
  while (i < input.length) {
    const char = input[i];
    i += 1;
    if (char === '>' && open >= 0) {
      // a comment ends at "-->", not at the first ">" it contains
      const comment = out[open + 1] === '!' && out[open + 2] === '-' && out[open + 3] === '-';
      if (comment && !(out.length >= open + 6 && out.at(-1) === '-' && out.at(-2) === '-')) {
        out.push(char);
        continue;
      }
      const name = /^[a-zA-Z]+/.exec(out.slice(open + 1, open + 21).join(''))?.[0].toLowerCase();
      out.length = open;
      open = -1;
      if (name && DANGEROUS_ELEMENTS.has(name)) {
        const close = new RegExp(`</${name}\\s*>`, 'gi');
        close.lastIndex = i;
        const match = close.exec(input);
        i = match ? match.index + match[0].length : input.length;
      }
      continue;
    }
    if (open < 0 && out.at(-1) === '<' && TAG_START.test(char)) open = out.length - 1;
    out.push(char);
  }
  return out.join('');
}

/** Control characters and spaces, which browsers ignore inside a URL's scheme. */
// eslint-disable-next-line no-control-regex
const IGNORED_IN_URL = /[\u0000-\u0020\u007f-\u009f]/g;
const ALLOWED_URL = /^(?:https?:\/\/[^/\\]|mailto:|tel:|\/(?![/\\]))/i;

/**
 * Only absolute http(s), mailto and tel URLs and paths of this site (one `/`, since `//host`
 * and `/\host` are other hosts for a browser). markdown-it has decoded entities and escapes
 * before calling this; percent-escapes are decoded too so that `/%5Chost` is refused alike.
 */
export function isAllowedLink(url: string): boolean {
  let decoded = url;
  try {
    decoded = decodeURIComponent(url);
  } catch {
    // a malformed escape is judged as written
  }
  return ALLOWED_URL.test(decoded.replace(IGNORED_IN_URL, ''));
}

const md = new MarkdownIt('default', { html: false, linkify: true, breaks: true });
// bare "vichy.fr" is not a link; "https://…" and e-mail addresses are
md.linkify.set({ fuzzyLink: false });
// images would let a body load third-party URLs on the public pages
md.disable(['image']);
md.validateLink = isAllowedLink;

/**
 * A link whose URL is refused keeps its text, not the refused URL: markdown-it's own link rule
 * has already declined `[text](url)`, so this one, tried next, consumes it as its label.
 */
function refusedLink(state: StateInline, silent: boolean): boolean {
  const start = state.pos;
  if (state.src.charCodeAt(start) !== 0x5b /* [ */) return false;
  const labelEnd = state.md.helpers.parseLinkLabel(state, start, true);
  if (labelEnd < 0 || state.src.charCodeAt(labelEnd + 1) !== 0x28 /* ( */) return false;
  let pos = labelEnd + 2;
  const skipSpaces = () => {
    while (pos < state.posMax && /\s/.test(state.src[pos])) pos += 1;
  };
  skipSpaces();
  const destination = state.md.helpers.parseLinkDestination(state.src, pos, state.posMax);
  if (!destination.ok) return false;
  pos = destination.pos;
  skipSpaces();
  const title = state.md.helpers.parseLinkTitle(state.src, pos, state.posMax);
  if (title.ok) pos = title.pos;
  skipSpaces();
  if (state.src.charCodeAt(pos) !== 0x29 /* ) */) return false;
  if (!silent) {
    const max = state.posMax;
    state.pos = start + 1;
    state.posMax = labelEnd;
    state.md.inline.tokenize(state);
    state.posMax = max;
  }
  state.pos = pos + 1;
  return true;
}
md.inline.ruler.after('link', 'refused_link', refusedLink);

const LIST_TOKENS = new Set([
  'bullet_list_open',
  'bullet_list_close',
  'ordered_list_open',
  'ordered_list_close',
  'list_item_open',
  'list_item_close',
]);

md.core.ruler.push('portail_layout', (state) => {
  for (const token of state.tokens) {
    // headings start at h2: the page title is the h1
    if (token.type === 'heading_open' || token.type === 'heading_close') {
      token.tag = `h${Math.min(Number(token.tag.slice(1)) + 1, 6)}`;
    }
    // lists on one line, as the pages (and the stored bodies) have always had them
    if (LIST_TOKENS.has(token.type) && !(token.level === 0 && token.nesting === -1)) {
      token.block = false;
    }
  }
});

md.renderer.rules.link_open = (tokens, idx, options, _env, self) => {
  // the page linked to learns nothing of ours and cannot script the opener
  tokens[idx].attrSet('rel', 'noopener noreferrer');
  return self.renderToken(tokens, idx, options);
};

/**
 * Markdown (CommonMark): paragraphs, line breaks, headings (# rendered h2 under the page
 * title), bullet and numbered lists, **bold**, *italic*, [links](https://…), bare https URLs.
 */
export function renderMarkdown(markdown: string): string {
  return md.render(stripHtml(markdown)).trimEnd();
}

function inlineText(children: Token[] | null): string {
  return (children ?? [])
    .map((child) =>
      child.type === 'text' || child.type === 'code_inline'
        ? child.content
        : child.type === 'softbreak' || child.type === 'hardbreak'
          ? ' '
          : '',
    )
    .join('');
}

/** Text of a body for full-text search: the text of markdown-it's tokens, markers left out. */
export function markdownText(markdown: string): string {
  return md
    .parse(stripHtml(markdown), {})
    .map((token) =>
      token.type === 'inline'
        ? inlineText(token.children)
        : token.type === 'code_block' || token.type === 'fence'
          ? token.content
          : '',
    )
    .filter((text) => text !== '')
    .join(' ')
    .replace(/\s+/g, ' ')
    .trim();
}
