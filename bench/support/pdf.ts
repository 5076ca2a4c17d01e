import { randomBytes } from 'node:crypto';

/**
 * A valid one-page PDF of about `bytes` bytes, like a scanned supporting document: a line of
 * text over an uncompressed greyscale image of random pixels (as incompressible as the JPEG
 * data of a real scan, so that no layer gets an unfair gzip or TOAST compression win).
 */
export function aScannedPdf(bytes: number, text = 'Justificatif de domicile'): Buffer {
  const width = 400;
  const overhead = 900;
  const height = Math.max(1, Math.floor((bytes - overhead) / width));
  const pixels = randomBytes(width * height);
  const content = Buffer.from(
    `q 495 0 0 ${Math.round((495 * height) / width)} 50 60 cm /Im1 Do Q\n` +
      `BT /F1 14 Tf 50 800 Td (${text.replace(/[()\\]/g, '')}) Tj ET\n`,
    'latin1',
  );
  const objects: Buffer[] = [
    Buffer.from('<< /Type /Catalog /Pages 2 0 R >>', 'latin1'),
    Buffer.from('<< /Type /Pages /Kids [3 0 R] /Count 1 >>', 'latin1'),
    Buffer.from(
      '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 5 0 R ' +
        '/Resources << /XObject << /Im1 4 0 R >> /Font << /F1 6 0 R >> >> >>',
      'latin1',
    ),
    Buffer.concat([
      Buffer.from(
        `<< /Type /XObject /Subtype /Image /Width ${width} /Height ${height} ` +
          `/ColorSpace /DeviceGray /BitsPerComponent 8 /Length ${pixels.length} >>\nstream\n`,
        'latin1',
      ),
      pixels,
      Buffer.from('\nendstream', 'latin1'),
    ]),
    Buffer.concat([
      Buffer.from(`<< /Length ${content.length} >>\nstream\n`, 'latin1'),
      content,
      Buffer.from('endstream', 'latin1'),
    ]),
    Buffer.from('<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>', 'latin1'),
  ];
  const parts: Buffer[] = [Buffer.from('%PDF-1.4\n%\xe2\xe3\xcf\xd3\n', 'latin1')];
  let offset = parts[0].length;
  const offsets: number[] = [];
  objects.forEach((body, index) => {
    offsets.push(offset);
    const object = Buffer.concat([
      Buffer.from(`${index + 1} 0 obj\n`, 'latin1'),
      body,
      Buffer.from('\nendobj\n', 'latin1'),
    ]);
    parts.push(object);
    offset += object.length;
  });
  const xref =
    `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n` +
    offsets.map((at) => `${String(at).padStart(10, '0')} 00000 n \n`).join('') +
    `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${offset}\n%%EOF\n`;
  parts.push(Buffer.from(xref, 'latin1'));
  return Buffer.concat(parts);
}
