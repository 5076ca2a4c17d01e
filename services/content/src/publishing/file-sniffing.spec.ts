import { sniffContentType } from './file-sniffing';

describe('file types from their bytes', () => {
  it('recognises PNG, JPEG, WebP and PDF', () => {
    expect(sniffContentType(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0]))).toBe(
      'image/png',
    );
    expect(sniffContentType(Buffer.from([0xff, 0xd8, 0xff, 0xe0]))).toBe('image/jpeg');
    expect(sniffContentType(Buffer.from('RIFF\x10\x00\x00\x00WEBPVP8 ', 'latin1'))).toBe(
      'image/webp',
    );
    expect(sniffContentType(Buffer.from('%PDF-1.7\n'))).toBe('application/pdf');
  });

  it('refuses anything else, whatever its name says', () => {
    expect(sniffContentType(Buffer.from('<svg onload="alert(1)"/>'))).toBeUndefined();
    expect(sniffContentType(Buffer.from('GIF89a'))).toBeUndefined();
    expect(sniffContentType(Buffer.from('RIFF\x10\x00\x00\x00WAVE', 'latin1'))).toBeUndefined();
    expect(sniffContentType(Buffer.alloc(0))).toBeUndefined();
  });

  it('recognises a PDF by `%PDF-` at byte 0 only, never further in the bytes', () => {
    expect(sniffContentType(Buffer.from('\r\n%PDF-1.4\n'))).toBeUndefined();
    expect(sniffContentType(Buffer.from('<html><!-- %PDF-1.4 --></html>'))).toBeUndefined();
    expect(sniffContentType(Buffer.concat([Buffer.alloc(8), Buffer.from('%PDF-1.7')]))).toBe(
      undefined,
    );
  });
});
