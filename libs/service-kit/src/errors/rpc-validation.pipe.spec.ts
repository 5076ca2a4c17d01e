import { GuardianInput } from '@portail/contracts';
import { rpcValidationPipe } from './rpc-validation.pipe';
import { DomainException } from './domain.exception';

async function fieldsRefused(value: unknown): Promise<Array<{ field: string; message: string }>> {
  try {
    await rpcValidationPipe().transform(value, { type: 'body', metatype: GuardianInput });
  } catch (error) {
    if (error instanceof DomainException) return error.envelope.details?.fields ?? [];
    throw error;
  }
  throw new Error('The payload was accepted');
}

describe('the validation pipe gives one error per field', () => {
  const guardian = {
    firstName: 'Camille',
    lastName: 'Lefèvre',
    relationship: 'mother',
    phone: '06 12 34 56 78',
    address: { line1: '1 rue de Paris', postalCode: '03200', city: 'Vichy' },
  };

  it('a missing commune is one error, saying it is required', async () => {
    const fields = await fieldsRefused(guardian);
    expect(fields.filter((field) => field.field === 'commune')).toEqual([
      { field: 'commune', message: 'La commune de résidence est obligatoire.' },
    ]);
  });

  it('a commune of the wrong type is one error too', async () => {
    const fields = await fieldsRefused({ ...guardian, commune: 'Vichy' });
    expect(fields.filter((field) => field.field === 'commune')).toEqual([
      { field: 'commune', message: 'La commune de résidence doit être un objet.' },
    ]);
  });
});
