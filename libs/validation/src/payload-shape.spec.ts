import {
  MAX_PAYLOAD_DEPTH,
  MAX_PAYLOAD_NODES,
  hasControlCharacters,
  payloadShapeProblem,
} from './payload-shape';

function nested(depth: number): unknown {
  let value: unknown = 'fond';
  for (let level = 0; level < depth; level += 1) value = { child: value };
  return value;
}

describe('payload shape', () => {
  it('accepts an ordinary body, with line breaks and tabs in texts', () => {
    expect(
      payloadShapeProblem({
        name: 'Camille Martin',
        comment: 'Allergie :\n\t- arachide\r\n',
        children: [{ firstName: 'Iris', birthDate: '2018-05-02' }],
        count: 3,
        consent: true,
        cleared: null,
      }),
    ).toBeUndefined();
  });

  it('refuses a NUL or another control character anywhere, naming the field', () => {
    expect(payloadShapeProblem({ address: { city: 'Vichy\u0000' } })).toEqual({
      field: 'address.city',
      message: 'Le texte contient des caractères de contrôle non autorisés.',
    });
    expect(payloadShapeProblem({ tags: ['a', 'b\u001b[31m'] })?.field).toBe('tags.1');
    expect(payloadShapeProblem({ ['na\u0000me']: 'x' })?.message).toContain('nom de champ');
    expect(hasControlCharacters('\u007f')).toBe(true);
    expect(hasControlCharacters('Crème brûlée — 3,20 €')).toBe(false);
  });

  it('refuses nesting deeper than the limit without overflowing the stack', () => {
    expect(payloadShapeProblem(nested(MAX_PAYLOAD_DEPTH - 1))).toBeUndefined();
    expect(payloadShapeProblem(nested(MAX_PAYLOAD_DEPTH + 1))?.message).toContain(
      'imbriquée trop profondément',
    );
    expect(payloadShapeProblem(nested(100_000))?.message).toContain('imbriquée');
  });

  it('refuses a payload with too many values', () => {
    const huge = Array.from({ length: MAX_PAYLOAD_NODES }, (_, index) => index);
    expect(payloadShapeProblem({ huge })?.message).toContain('trop de valeurs');
  });
});
