/**
 * What validating one request body costs in the gateway, for the two candidate tools, on the
 * sign-up body (e-mail, password rules, names, phone, nested postal address, acceptTerms):
 *
 * - class-validator + class-transformer as the gateway's ValidationPipe runs them:
 *   `plainToInstance(SignUpCommand, body)` then `validate(instance, { whitelist: true,
 *   forbidNonWhitelisted: true })` (the class of libs/contracts, unchanged);
 * - a zod 4 schema of the same rules (`z.strictObject`: unknown keys refused, as
 *   forbidNonWhitelisted does), `safeParse`.
 *
 * Each tool validates a valid body and an invalid one (several fields wrong and one unknown
 * field); both must accept the valid body and refuse the invalid one on the same fields,
 * or the comparison means nothing. Timed in the bench process before the services start: a
 * warm-up, then N validations one after the other in 10 batches; the figure is the mean per
 * validation of the median batch.
 */
import { plainToInstance } from 'class-transformer';
import { validate, type ValidationError } from 'class-validator';
import { z } from 'zod';
import { ACCOUNT_TEXT_MAX_LENGTH, PASSWORD_MAX_LENGTH, SignUpCommand } from '@portail/contracts';
import { passwordWeakness } from '@portail/validation';
import { integerFromEnv } from './benchmark';

const MAX = ACCOUNT_TEXT_MAX_LENGTH;
const requiredText = z.string().min(1).max(MAX);

/** The rules of SignUpCommand (and PostalAddress), written with zod. */
export const signUpSchema = z
  .strictObject({
    email: z.email().max(MAX),
    password: z.string().max(PASSWORD_MAX_LENGTH),
    firstName: requiredText,
    lastName: requiredText,
    phone: z.string().regex(/^\+?[0-9][0-9 .-]{5,19}$/),
    address: z.strictObject({
      line1: requiredText,
      line2: z.string().max(MAX).optional(),
      postalCode: z.string().regex(/^\d{5}$/),
      city: requiredText,
    }),
    acceptTerms: z.literal(true),
  })
  .superRefine(
    (body, context) => {
      const { password, email } = body as { password?: unknown; email?: unknown };
      if (typeof password !== 'string') return;
      const weakness = passwordWeakness(password, typeof email === 'string' ? email : undefined);
      if (weakness) context.addIssue({ code: 'custom', path: ['password'], message: weakness });
    },
    // As IsAcceptablePassword('email'): checked even when other fields are wrong.
    { when: () => true },
  );

export const VALID_SIGN_UP = {
  email: 'camille.martin@example.fr',
  password: 'Vichy-2026-cantine',
  firstName: 'Camille',
  lastName: 'Martin',
  phone: '04 70 30 17 17',
  address: { line1: '12 rue de Paris', line2: 'Bâtiment B', postalCode: '03200', city: 'Vichy' },
  acceptTerms: true,
};

/** Wrong e-mail, weak password, empty first name, bad postal code, terms refused, unknown key. */
export const INVALID_SIGN_UP = {
  email: 'camille.martin@',
  password: 'court1',
  firstName: '',
  lastName: 'Martin',
  phone: '04 70 30 17 17',
  address: { line1: '12 rue de Paris', postalCode: '3200', city: 'Vichy' },
  acceptTerms: false,
  isAdmin: true,
};

const EXPECTED_INVALID_FIELDS = [
  'acceptTerms',
  'address.postalCode',
  'email',
  'firstName',
  'isAdmin',
  'password',
];

function classValidatorFields(errors: ValidationError[], parent = ''): string[] {
  return errors.flatMap((error) => {
    const field = parent ? `${parent}.${error.property}` : error.property;
    return [
      ...(error.constraints ? [field] : []),
      ...classValidatorFields(error.children ?? [], field),
    ];
  });
}

async function viaClassValidator(body: unknown): Promise<string[]> {
  const instance = plainToInstance(SignUpCommand, body);
  const errors = await validate(instance as object, {
    whitelist: true,
    forbidNonWhitelisted: true,
  });
  return classValidatorFields(errors);
}

function viaZod(body: unknown): string[] {
  const result = signUpSchema.safeParse(body);
  if (result.success) return [];
  return result.error.issues.flatMap((issue) =>
    issue.code === 'unrecognized_keys'
      ? issue.keys.map((key) => [...issue.path, key].join('.'))
      : [issue.path.join('.')],
  );
}

const unique = (fields: string[]) => [...new Set(fields)].sort();

export interface ValidationFigures {
  tool: string;
  body: 'valid' | 'invalid';
  iterations: number;
  /** Median over BATCHES batches of the mean per validation in each. */
  microsecondsPerValidation: number;
  validationsPerSecond: number;
  /** The fastest and slowest batch (mean per validation in each). */
  batchMicroseconds: { min: number; max: number };
}

/** Validations are timed in this many batches; the figure is the median batch. */
const BATCHES = 10;

export interface ValidationCost {
  iterations: number;
  warmupIterations: number;
  figures: ValidationFigures[];
  /** zod ÷ class-validator, per body (below 1: zod is cheaper). */
  ratio: { valid: number; invalid: number };
  invalidFields: string[];
}

async function time(
  iterations: number,
  validateOnce: (body: unknown) => Promise<string[]> | string[],
  body: unknown,
): Promise<number> {
  const start = process.hrtime.bigint();
  for (let i = 0; i < iterations; i += 1) await validateOnce(body);
  return Number(process.hrtime.bigint() - start) / 1000 / iterations;
}

/**
 * Checks that both tools agree on both bodies, then times each (tool, body) pair:
 * BENCH_VALIDATION_ITERATIONS (default 20 000) after a warm-up of a tenth of them.
 */
export async function measureValidationCost(): Promise<ValidationCost> {
  const iterations = integerFromEnv('BENCH_VALIDATION_ITERATIONS', 20_000, 10, 10_000_000);
  const warmupIterations = Math.max(10, Math.round(iterations / 10));
  const tools = [
    { tool: 'class-validator + class-transformer', validateOnce: viaClassValidator },
    { tool: 'zod 4', validateOnce: viaZod },
  ];
  for (const { tool, validateOnce } of tools) {
    const validFields = await validateOnce(VALID_SIGN_UP);
    if (validFields.length) {
      throw new Error(`${tool} refuses the valid sign-up body: ${validFields.join(', ')}`);
    }
    const invalidFields = unique(await validateOnce(INVALID_SIGN_UP));
    if (invalidFields.join() !== EXPECTED_INVALID_FIELDS.join()) {
      throw new Error(
        `${tool} refuses the invalid sign-up body on ${invalidFields.join(', ')}, ` +
          `expected ${EXPECTED_INVALID_FIELDS.join(', ')}`,
      );
    }
  }
  const figures: ValidationFigures[] = [];
  for (const [body, value] of [
    ['valid', VALID_SIGN_UP],
    ['invalid', INVALID_SIGN_UP],
  ] as const) {
    for (const { tool, validateOnce } of tools) {
      await time(warmupIterations, validateOnce, value);
      // In batches: the median batch is what one validation costs when nothing else takes
      // the CPU (on a shared machine some batches are slowed down by other processes).
      const batchSize = Math.max(1, Math.round(iterations / BATCHES));
      const batches: number[] = [];
      for (let batch = 0; batch < BATCHES; batch += 1) {
        batches.push(await time(batchSize, validateOnce, value));
      }
      batches.sort((a, b) => a - b);
      const micros = batches[Math.floor(BATCHES / 2)];
      const round = (value: number) => Math.round(value * 100) / 100;
      figures.push({
        tool,
        body,
        iterations: batchSize * BATCHES,
        microsecondsPerValidation: round(micros),
        validationsPerSecond: Math.round(1_000_000 / micros),
        batchMicroseconds: { min: round(batches[0]), max: round(batches[BATCHES - 1]) },
      });
    }
  }
  const ratioOf = (body: 'valid' | 'invalid') => {
    const [classValidator, zod] = figures.filter((f) => f.body === body);
    return (
      Math.round(
        (zod.microsecondsPerValidation / classValidator.microsecondsPerValidation) * 1000,
      ) / 1000
    );
  };
  return {
    iterations,
    warmupIterations,
    figures,
    ratio: { valid: ratioOf('valid'), invalid: ratioOf('invalid') },
    invalidFields: EXPECTED_INVALID_FIELDS,
  };
}
