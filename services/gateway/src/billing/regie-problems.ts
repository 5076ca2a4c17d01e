import { BillingErrorCode, CommonErrorCode } from '@portail/contracts';

/** What any route on one of the agent's régies may answer besides its own problems. */
export const ON_REGIE = [
  CommonErrorCode.VALIDATION_FAILED,
  CommonErrorCode.FORBIDDEN,
  BillingErrorCode.REGIE_NOT_FOUND,
  BillingErrorCode.REGIE_OUT_OF_SCOPE,
] as const;
