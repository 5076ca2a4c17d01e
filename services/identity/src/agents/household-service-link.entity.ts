import { CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/**
 * A household deals with a municipal service (it is enrolled in one of its activities…):
 * the agents of that service may then read the household. Maintained by the services that
 * know, through `identity.households.link-service`.
 */
@Entity({ name: 'household_service_links' })
export class HouseholdServiceLink {
  @PrimaryColumn({ name: 'household_id', type: 'uuid' })
  householdId!: string;

  @PrimaryColumn({ name: 'municipal_service_id', type: 'uuid' })
  municipalServiceId!: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
