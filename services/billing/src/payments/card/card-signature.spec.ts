import { createHash, createHmac } from 'node:crypto';
import { cardSignature, signatureMatches, signedContent } from './card-signature';

/**
 * The example of the provider's public documentation ("Computing the signature"): a form of a
 * shop 12345678 in TEST mode with the test key 1122334455667788, whose SHA-1 signature the
 * documentation gives. The text signed is the same for HMAC-SHA-256, only the digest changes.
 */
const DOCUMENTED_FORM = {
  vads_version: 'V2',
  vads_trans_id: '654321',
  vads_action_mode: 'INTERACTIVE',
  vads_amount: '1524',
  vads_ctx_mode: 'TEST',
  vads_currency: '978',
  vads_page_action: 'PAYMENT',
  vads_payment_config: 'SINGLE',
  vads_site_id: '12345678',
  vads_trans_date: '20090501193530',
};
const DOCUMENTED_KEY = '1122334455667788';

describe('card signature', () => {
  it('signs the vads_* values sorted by name, joined by +, then the key: the documented example', () => {
    const content = signedContent({ ...DOCUMENTED_FORM, signature: 'ignored' }, DOCUMENTED_KEY);
    expect(content).toBe(
      'INTERACTIVE+1524+TEST+978+PAYMENT+SINGLE+12345678+20090501193530+654321+V2+1122334455667788',
    );
    // The documentation's SHA-1 of that text: the same text, hence the same order and joins.
    expect(createHash('sha1').update(content).digest('hex')).toBe(
      '606b369759fac4f0864144c803c73676cbe470ff',
    );
  });

  it('is the Base64 HMAC-SHA-256 of that text with the key', () => {
    const signature = cardSignature(DOCUMENTED_FORM, DOCUMENTED_KEY);
    expect(signature).toBe(
      createHmac('sha256', DOCUMENTED_KEY)
        .update(
          'INTERACTIVE+1524+TEST+978+PAYMENT+SINGLE+12345678+20090501193530+654321+V2+1122334455667788',
        )
        .digest('base64'),
    );
    expect(signature).toMatch(/^[A-Za-z0-9+/]{43}=$/);
  });

  it('verifies its own signature and refuses any change of a value, of the key or of the signature', () => {
    const signature = cardSignature(DOCUMENTED_FORM, DOCUMENTED_KEY);
    expect(signatureMatches(DOCUMENTED_FORM, signature, DOCUMENTED_KEY)).toBe(true);
    expect(
      signatureMatches({ ...DOCUMENTED_FORM, vads_amount: '1525' }, signature, DOCUMENTED_KEY),
    ).toBe(false);
    expect(
      signatureMatches({ ...DOCUMENTED_FORM, vads_extra: '' }, signature, DOCUMENTED_KEY),
    ).toBe(false);
    expect(signatureMatches(DOCUMENTED_FORM, signature, '1122334455667789')).toBe(false);
    expect(signatureMatches(DOCUMENTED_FORM, `${signature.slice(0, -2)}A=`, DOCUMENTED_KEY)).toBe(
      false,
    );
    expect(signatureMatches(DOCUMENTED_FORM, 'short', DOCUMENTED_KEY)).toBe(false);
  });

  it('handles UTF-8 values as the provider does', () => {
    const fields = { vads_cust_name: 'Léa Paillette', vads_amount: '900' };
    expect(signedContent(fields, 'k')).toBe('900+Léa Paillette+k');
    expect(cardSignature(fields, 'k')).toBe(
      createHmac('sha256', 'k').update(Buffer.from('900+Léa Paillette+k', 'utf8')).digest('base64'),
    );
  });
});
