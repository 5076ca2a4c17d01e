import { sniffDocumentType } from './document-sniffing';

describe('sniffDocumentType', () => {
  it('recognises a PDF, a JPEG and a PNG from their first bytes', () => {
    expect(sniffDocumentType(Buffer.from('%PDF-1.7\n%âãÏÓ\n'))).toBe('application/pdf');
    expect(sniffDocumentType(Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10]))).toBe('image/jpeg');
    expect(
      sniffDocumentType(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0])),
    ).toBe('image/png');
  });

  it('recognises a PDF by `%PDF-` at byte 0 only: anything before it is refused', () => {
    expect(sniffDocumentType(Buffer.from('\r\n\r\n%PDF-1.4\n'))).toBeUndefined();
    expect(sniffDocumentType(Buffer.from(' %PDF-1.4\n'))).toBeUndefined();
    expect(sniffDocumentType(Buffer.from('<html><!-- %PDF-1.4 --></html>'))).toBeUndefined();
    expect(sniffDocumentType(Buffer.from('%PDF'))).toBeUndefined();
  });

  it('refuses anything else, whatever it pretends to be', () => {
    expect(sniffDocumentType(Buffer.from('Ceci est un texte nommé facture.pdf'))).toBeUndefined();
    expect(sniffDocumentType(Buffer.from('<html><script>alert(1)</script>'))).toBeUndefined();
    expect(sniffDocumentType(Buffer.from('RIFF\0\0\0\0WEBPVP8 '))).toBeUndefined();
    expect(sniffDocumentType(Buffer.from('PK\x03\x04'))).toBeUndefined();
    expect(sniffDocumentType(Buffer.alloc(0))).toBeUndefined();
    expect(sniffDocumentType(Buffer.concat([Buffer.alloc(1024), Buffer.from('%PDF-1.4')]))).toBe(
      undefined,
    );
  });
});
