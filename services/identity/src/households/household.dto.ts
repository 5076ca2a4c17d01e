/*
 * Transitional aliases: scripts/seed.ts (outside this domain) still imports these names. The
 * messages are declared once, in @portail/contracts (identity/households.messages.ts); delete
 * this file once the seed imports them from there.
 */
export {
  AddGuardianCommand as AddGuardianDto,
  CreateHouseholdCommand as CreateHouseholdDto,
} from '@portail/contracts';
