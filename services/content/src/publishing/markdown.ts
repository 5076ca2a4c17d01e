/**
 * Bodies are written in Markdown and rendered to HTML on write. Raw HTML is not part of the
 * accepted language: elements whose content is code (script, style, iframe…) are dropped
 * with their content, every other tag is dropped (its text kept), and what remains is
 * escaped before the few Markdown constructs below turn into tags we write ourselves. So no
 * attribute, event handler or `javascript:` URL can reach the output.
 */

const DANGEROUS_ELEMENTS =
  /<(script|style|iframe|object|embed|template|noscript|svg|math)\b[\s\S]*?(?:<\/\1\s*>|$)/gi;
const ANY_TAG = /<\/?[a-z!?][^>]*>/gi;
const COMMENT = /<!--[\s\S]*?(?:-->|$)/g;

/** Plain text without any HTML: for titles, summaries and the text of bodies. */
export function stripHtml(input: string): string {
  let previous: string;
  let text = input;
  // repeated until stable, so that "<scr<script>ipt>" cannot rebuild a tag
  do {
    previous = text;
    text = text.replace(COMMENT, '').replace(DANGEROUS_ELEMENTS, '').replace(ANY_TAG, '');
  } while (text !== previous);
  return text;
}

function escapeHtml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

const SAFE_URL = /^(?:https?:\/\/|mailto:|tel:|\/)[^\s]*$/i;

/** Inline Markdown on already escaped text: links, bold, italic. */
function renderInline(escaped: string): string {
  return escaped
    .replace(/\[([^\]]+)\]\(([^)\s]+)\)/g, (whole, label: string, url: string) => {
      const raw = url.replace(/&amp;/g, '&');
      return SAFE_URL.test(raw) ? `<a href="${url}" rel="noopener noreferrer">${label}</a>` : label;
    })
    .replace(/\*\*([^*]+)\*\*/g, '<strong>$1</strong>')
    .replace(/(^|[^*])\*([^*\s][^*]*)\*/g, '$1<em>$2</em>')
    .replace(/(^|\s)_([^_\s][^_]*)_(?=\s|$|[.,;:!?])/g, '$1<em>$2</em>');
}

const BULLET = /^\s*(?:[-*+•·])\s+(.*)$/;
const NUMBERED = /^\s*\d+[.)]\s+(.*)$/;
const HEADING = /^(#{1,4})\s+(.*)$/;

/**
 * Markdown subset: paragraphs, line breaks, headings (# to ####, rendered h2 to h5 under the
 * page title), bullet and numbered lists, **bold**, *italic*, [links](https://…).
 */
export function renderMarkdown(markdown: string): string {
  const lines = stripHtml(markdown).replace(/\r\n?/g, '\n').split('\n');
  const html: string[] = [];
  let paragraph: string[] = [];
  let list: { tag: 'ul' | 'ol'; items: string[] } | undefined;

  const flushParagraph = () => {
    if (paragraph.length > 0) {
      html.push(`<p>${paragraph.map((line) => renderInline(escapeHtml(line))).join('<br>')}</p>`);
      paragraph = [];
    }
  };
  const flushList = () => {
    if (list) {
      const items = list.items.map((item) => `<li>${renderInline(escapeHtml(item))}</li>`);
      html.push(`<${list.tag}>${items.join('')}</${list.tag}>`);
      list = undefined;
    }
  };

  for (const rawLine of lines) {
    const line = rawLine.trimEnd();
    const heading = HEADING.exec(line);
    const bullet = BULLET.exec(line);
    const numbered = NUMBERED.exec(line);
    if (line.trim() === '') {
      flushParagraph();
      flushList();
    } else if (heading) {
      flushParagraph();
      flushList();
      const level = heading[1].length + 1;
      html.push(`<h${level}>${renderInline(escapeHtml(heading[2].trim()))}</h${level}>`);
    } else if (bullet || numbered) {
      flushParagraph();
      const tag = bullet ? 'ul' : 'ol';
      if (list?.tag !== tag) flushList();
      list ??= { tag, items: [] };
      list.items.push(((bullet ?? numbered) as RegExpExecArray)[1]);
    } else {
      flushList();
      paragraph.push(line.trim());
    }
  }
  flushParagraph();
  flushList();
  return html.join('\n');
}

/** Text of a body for full-text search: Markdown markers removed. */
export function markdownText(markdown: string): string {
  return stripHtml(markdown)
    .replace(/\[([^\]]+)\]\([^)]*\)/g, '$1')
    .replace(/[#*_>`]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}
