import type { AccountProfile } from '@portail/contracts';
import type { Account } from './account.entity';

export function toAccountProfile(account: Account): AccountProfile {
  const hasAddress = account.addressLine1 && account.postalCode && account.city;
  return {
    id: account.id,
    kind: account.kind,
    status: account.status,
    email: account.email,
    pendingEmail: account.pendingEmail,
    emailVerifiedAt: account.emailVerifiedAt?.toISOString() ?? null,
    firstName: account.firstName,
    lastName: account.lastName,
    phone: account.phone,
    address: hasAddress
      ? {
          line1: account.addressLine1 ?? '',
          ...(account.addressLine2 ? { line2: account.addressLine2 } : {}),
          postalCode: account.postalCode ?? '',
          city: account.city ?? '',
        }
      : null,
    termsAcceptedAt: account.termsAcceptedAt?.toISOString() ?? null,
    createdAt: account.createdAt.toISOString(),
  };
}
