import type { BackendServiceDefinition } from '@portail/service-kit';

/** Procedures, applications and supporting documents (see DESIGN.md). */
export const enrolmentService: BackendServiceDefinition = {
  name: 'enrolment',
  imports: [],
  entities: [],
  migrations: [],
};
