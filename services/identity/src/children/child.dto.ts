/*
 * Transitional alias: scripts/seed.ts (outside this domain) still imports this name. The
 * messages are declared once, in @portail/contracts (identity/households.messages.ts); delete
 * this file once the seed imports it from there.
 */
export { CreateChildCommand as CreateChildDto } from '@portail/contracts';
