import { assertSameAnswerShape, jsonShape } from '../../bench/support/smoke';

describe('the smoke check of the benchmarks', () => {
  const organisation = { id: 'a', slug: 'vichy', name: 'Vichy', kind: 'commune' };

  it('compares shapes, not values', () => {
    expect(jsonShape([{ ...organisation, services: [] }])).toEqual([
      { id: 'string', kind: 'string', name: 'string', services: [], slug: 'string' },
    ]);
    expect(() =>
      assertSameAnswerShape('GET /api/v1/organisations', [
        { label: 'gateway', status: 200, body: JSON.stringify([{ ...organisation, id: 'b' }]) },
        { label: 'bare', status: 200, body: JSON.stringify([organisation]) },
      ]),
    ).not.toThrow();
  });

  it('fails when the baseline answers an old shape, naming both shapes', () => {
    expect(() =>
      assertSameAnswerShape('GET /api/v1/organisations', [
        {
          label: 'gateway',
          status: 200,
          body: JSON.stringify([{ ...organisation, active: true, services: [] }]),
        },
        { label: 'bare', status: 200, body: JSON.stringify([organisation]) },
      ]),
    ).toThrow(/bare does not answer GET \/api\/v1\/organisations like gateway/);
  });

  it('fails on a status other than the expected one', () => {
    expect(() =>
      assertSameAnswerShape('GET /x', [
        { label: 'gateway', status: 404, body: '{}' },
        { label: 'bare', status: 200, body: '{}' },
      ]),
    ).toThrow(/gateway answered 404 to GET \/x \(expected 200\)/);
  });
});
