import type { BackendServiceDefinition } from '@portail/service-kit';

/** News and tiles of the public portal home (see DESIGN.md). */
export const contentService: BackendServiceDefinition = {
  name: 'content',
  imports: [],
  entities: [],
  migrations: [],
};
