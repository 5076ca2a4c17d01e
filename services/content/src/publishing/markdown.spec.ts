import { markdownText, renderMarkdown, stripHtml } from './markdown';

describe('Markdown bodies', () => {
  it('renders headings, lists, emphasis and safe links', () => {
    const html = renderMarkdown(
      '# Rentrée\nDu **6** au *10* septembre\n\n- Lundi 13/09\n- Lundi 27/09\n\n1. un\n2. deux\n\n[calendrier](https://vichy.fr/a?b=1&c=2)',
    );
    expect(html).toBe(
      [
        '<h2>Rentrée</h2>',
        '<p>Du <strong>6</strong> au <em>10</em> septembre</p>',
        '<ul><li>Lundi 13/09</li><li>Lundi 27/09</li></ul>',
        '<ol><li>un</li><li>deux</li></ol>',
        '<p><a href="https://vichy.fr/a?b=1&amp;c=2" rel="noopener noreferrer">calendrier</a></p>',
      ].join('\n'),
    );
  });

  it('removes scripts, event handlers and dangerous URLs', () => {
    const html = renderMarkdown(
      '<scr<script>x</script>ipt>alert(1)</script> <img src=x onerror=alert(1)> <svg onload=alert(1)><a href="javascript:x">y</a> [z](javascript:alert(1)) [d](data:text/html,x)',
    );
    expect(html).not.toMatch(/<script|<img|<svg|onerror|onload|javascript:|data:/i);
  });

  it('escapes what is left of angle brackets and quotes', () => {
    expect(renderMarkdown('3 < 4 & "ok"')).toBe('<p>3 &lt; 4 &amp; &quot;ok&quot;</p>');
    expect(stripHtml('a <b>gras</b> <!-- commentaire --> b')).toBe('a gras  b');
  });

  it('gives the plain text for search', () => {
    expect(markdownText('# Titre\n**gras** [lien](https://x.fr)')).toBe('Titre gras lien');
  });
});
