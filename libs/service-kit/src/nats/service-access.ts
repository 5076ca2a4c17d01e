import {
  AccountSubjects,
  AgentSubjects,
  BillingSubjects,
  DirectorySubjects,
  HouseholdSubjects,
  Subjects,
  type BackendServiceName,
  type ServiceName,
} from '@portail/contracts';

/**
 * Who may call what over NATS, declared once: the runtime check of callers (GracefulNatsServer)
 * and the NATS server's permissions (`npm run nats:config`, deploy/nats/nats-server.conf) are
 * both derived from it. A new service-to-service call is declared here, or it is refused.
 */

/** Subjects that only back-end services may call (never the gateway), and which services. */
export const SERVICE_ONLY_SUBJECTS: Readonly<Record<string, readonly BackendServiceName[]>> = {
  [BillingSubjects.quotesGet]: ['reservation'],
  [BillingSubjects.quotesList]: ['reservation'],
  // Billing: the login e-mail PayFIP sends its receipt to (`mel`).
  [HouseholdSubjects.enrolmentProfile]: ['enrolment', 'notification', 'billing'],
  // Reservation's daily lists and school sites; enrolment's answers prefilled from the child.
  [HouseholdSubjects.childrenProfiles]: ['enrolment', 'reservation'],
  // The operator's PayFIP reconciliation (`main.js payfip-reconcile`): billing's own key only.
  [BillingSubjects.payfipWaiting]: ['billing'],
  [BillingSubjects.payfipReconcile]: ['billing'],
  // The single-use link's token, asked by notification when it sends the e-mail.
  [AccountSubjects.mailLinkToken]: ['notification'],
  [HouseholdSubjects.myServiceIds]: ['content'],
  [AgentSubjects.agentsOfServices]: ['notification'],
  [AgentSubjects.householdsLinkService]: ['enrolment', 'reservation'],
  [AgentSubjects.householdsUnlinkService]: ['enrolment', 'reservation'],
};

/** Subjects open to the gateway that back-end services call too (queries of another service). */
export const SERVICE_CALLS: Readonly<Record<BackendServiceName, readonly string[]>> = {
  identity: [],
  content: [Subjects.identity.organisationsGet],
  enrolment: [
    Subjects.identity.organisationsGet,
    // The directory's communes, against which residence answers are checked.
    Subjects.identity.organisationsList,
    DirectorySubjects.municipalServicesGet,
    DirectorySubjects.schoolsGet,
  ],
  reservation: [DirectorySubjects.municipalServicesGet],
  billing: [],
  notification: [],
};

/** Dead-letter subjects (`<service>.dead-letters.*`) answer only the service's own key (its CLI). */
function deadLetterOwner(subject: string): string | undefined {
  const match = /^([a-z0-9-]+)\.dead-letters\./.exec(subject);
  return match?.[1];
}

/**
 * The issuers allowed on a subject (unprefixed), or undefined when any verified issuer is
 * (the gateway, with the end user's caller, or a service).
 */
export function allowedIssuersOf(subject: string): readonly string[] | undefined {
  const owner = deadLetterOwner(subject);
  if (owner) return [owner];
  return SERVICE_ONLY_SUBJECTS[subject];
}

/** Every subject a service calls on another (service-only ones included), sorted. */
export function subjectsCalledBy(service: ServiceName): string[] {
  if (service === 'gateway') return [];
  const own = SERVICE_CALLS[service];
  const restricted = Object.entries(SERVICE_ONLY_SUBJECTS)
    .filter(([, callers]) => callers.includes(service))
    .map(([subject]) => subject);
  return [...new Set([...own, ...restricted])].sort();
}
