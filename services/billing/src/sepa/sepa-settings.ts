import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { Inject, Injectable } from '@nestjs/common';
import { electronicFormatIBAN, isValidBIC, isValidIBAN } from 'ibantools';
import { validateCreditorID } from 'sepa';
import { z } from 'zod';
import { SepaErrorCode } from '@portail/contracts';
import { DomainException, SERVICE_CONFIG } from '@portail/service-kit';
import type { BillingConfig } from '../config';
import type { RegieRow } from '../regies/regie-store';

/** A régie's SEPA creditor: its identifier (ICS), name and account. A secret: never answered unmasked. */
export interface SepaCreditorSettings {
  creditorId: string;
  name: string;
  iban: string;
  bic: string;
}

const creditorSchema = z.object({
  creditorId: z
    .string()
    .transform((value) => value.replace(/\s+/g, '').toUpperCase())
    .refine((value) => validateCreditorID(value), 'is not a valid SEPA creditor identifier'),
  // Accents are taken off in the document (pain008-document.ts sepaText).
  name: z.string().min(1).max(70),
  iban: z
    .string()
    .transform((value) => electronicFormatIBAN(value) ?? value)
    .refine((value) => isValidIBAN(value), 'is not a valid IBAN'),
  bic: z.string().refine((value) => isValidBIC(value), 'is not a valid BIC'),
});

const creditorsSchema = z.record(z.string().min(1).max(64), creditorSchema);

/** The ciphertext of an IBAN: version, IV, tag and data in base64, dot-separated. */
const CIPHER_VERSION = 'v1';

/**
 * SEPA settings from configuration or secret files, read once at start (a bad one stops the
 * service with the key's name, never its value): the creditor of each régie, keyed by the
 * régie's id or its PayFIP collectivity number, and the key that encrypts debtors' IBANs at
 * rest (AES-256-GCM: a copy of the database alone does not give the accounts).
 */
@Injectable()
export class SepaSettings {
  private readonly creditors: Record<string, SepaCreditorSettings>;
  private readonly key: Buffer | null;
  readonly prenotificationDays: number;
  readonly xmlPartBytes: number;

  constructor(@Inject(SERVICE_CONFIG) config: BillingConfig) {
    this.prenotificationDays = config.SEPA_PRENOTIFICATION_DAYS;
    this.xmlPartBytes = config.SEPA_XML_PART_BYTES;
    const creditorsText = config.SEPA_CREDITORS_FILE
      ? readFileSync(config.SEPA_CREDITORS_FILE, 'utf8')
      : config.SEPA_CREDITORS;
    this.creditors = creditorsText ? parseCreditors(creditorsText) : {};
    const keyText = config.SEPA_IBAN_KEY_FILE
      ? readFileSync(config.SEPA_IBAN_KEY_FILE, 'utf8').trim()
      : config.SEPA_IBAN_KEY;
    this.key = keyText ? Buffer.from(keyText, 'base64') : null;
    if (this.key && this.key.length !== 32) {
      throw new Error('SEPA_IBAN_KEY must be 32 bytes in base64');
    }
  }

  /** The régie's creditor (SEPA_NOT_CONFIGURED when it has none, or billing has no IBAN key). */
  creditorOf(regie: RegieRow): SepaCreditorSettings {
    const creditor = this.creditors[regie.id] ?? this.creditors[regie.payfip_collectivity_number];
    if (!creditor || !this.key) {
      throw new DomainException(
        SepaErrorCode.SEPA_NOT_CONFIGURED,
        "Le prélèvement automatique n'est pas proposé par cette régie.",
      );
    }
    return creditor;
  }

  encrypt(iban: string): string {
    const key = this.requireKey();
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', key, iv);
    const data = Buffer.concat([cipher.update(iban, 'utf8'), cipher.final()]);
    return [CIPHER_VERSION, iv, cipher.getAuthTag(), data]
      .map((part) => (typeof part === 'string' ? part : part.toString('base64')))
      .join('.');
  }

  decrypt(ciphertext: string): string {
    const [version, iv, tag, data] = ciphertext.split('.');
    if (version !== CIPHER_VERSION) throw new Error('Unknown IBAN ciphertext version');
    const decipher = createDecipheriv('aes-256-gcm', this.requireKey(), Buffer.from(iv, 'base64'));
    decipher.setAuthTag(Buffer.from(tag, 'base64'));
    return Buffer.concat([decipher.update(Buffer.from(data, 'base64')), decipher.final()]).toString(
      'utf8',
    );
  }

  private requireKey(): Buffer {
    if (!this.key) {
      throw new DomainException(
        SepaErrorCode.SEPA_NOT_CONFIGURED,
        "Le prélèvement automatique n'est pas configuré.",
      );
    }
    return this.key;
  }
}

/** The creditors' JSON, checked; the error names the régie and the field, never a value. */
export function parseCreditors(text: string): Record<string, SepaCreditorSettings> {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new Error('SEPA_CREDITORS is not valid JSON');
  }
  const parsed = creditorsSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`SEPA_CREDITORS: ${issue.path.join('.')} ${issue.message}`);
  }
  return parsed.data;
}
