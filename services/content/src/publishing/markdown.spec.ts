import { isAllowedLink, markdownText, renderMarkdown, stripHtml } from './markdown';

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

  it('refuses protocol-relative links, backslashes and schemes not allowed', () => {
    for (const url of [
      '//evil.example/x',
      '/\\evil.example/x',
      '/%5Cevil.example',
      '\\\\evil.example',
      'JavaScript:alert(1)',
      ' javascript:alert(1)',
      'java\tscript:alert(1)',
      'data:text/html,x',
      'vbscript:x',
      'ftp://x.fr',
      'https:/\\evil.example',
      'relative/path',
    ]) {
      expect({ url, allowed: isAllowedLink(url) }).toEqual({ url, allowed: false });
    }
    for (const url of [
      'https://vichy.fr',
      'HTTP://x.fr/a',
      'mailto:a@b.fr',
      'tel:+33470000000',
      '/a/b',
    ]) {
      expect({ url, allowed: isAllowedLink(url) }).toEqual({ url, allowed: true });
    }
    const html = renderMarkdown('[a](//evil.example) [b](/\\evil.example) [c](//evil.example "t")');
    expect(html).toBe('<p>a b c</p>');
    expect(renderMarkdown('[site](/inscriptions)')).toBe(
      '<p><a href="/inscriptions" rel="noopener noreferrer">site</a></p>',
    );
  });

  it('refuses entity-encoded and escaped javascript: URLs', () => {
    const html = renderMarkdown(
      '[a](jav&#x61;script:alert(1)) [b](&#106;avascript:alert(1)) [c](java&Tab;script:x) [d](javascript&colon;x)',
    );
    expect(html).toBe('<p>a b c d</p>');
  });

  it('keeps emphasis inside or outside link text, never across it', () => {
    expect(renderMarkdown('*a [b* c](https://x.fr)')).toBe(
      '<p>*a <a href="https://x.fr" rel="noopener noreferrer">b* c</a></p>',
    );
    expect(renderMarkdown('[**b** c](https://x.fr)')).toBe(
      '<p><a href="https://x.fr" rel="noopener noreferrer"><strong>b</strong> c</a></p>',
    );
  });

  it('renders 200 KB of nested brackets and asterisks in linear time', () => {
    // quadratic rendering or stripping of this would take minutes
    const hostile = '[*'.repeat(60_000) + '<a'.repeat(30_000) + '<!--' + '>'.repeat(30_000);
    expect(hostile.length).toBeGreaterThanOrEqual(200_000);
    expect(renderMarkdown(hostile).length).toBeGreaterThan(0);
    expect(markdownText(hostile).length).toBeGreaterThan(0);
    expect(stripHtml('<<b'.repeat(70_000) + '>'.repeat(70_000))).toBe('<' + '>'.repeat(69_999));
  });

  it('cannot rebuild a tag from the pieces left around a removed one', () => {
    expect(stripHtml('a<<b>script>alert(1)')).not.toMatch(/<script/i);
    expect(stripHtml('x<sty<b>le>p{}</style>y')).toBe('xle>p{}y');
  });
});
