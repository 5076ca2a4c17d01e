import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * `household_service_links.household_id` references `households (id)`: a link now always
 * names a real household, and goes with it (ON DELETE CASCADE). The table came before the
 * households (1764230000002), hence the late constraint. Links to households that do not
 * exist grant access to nothing and would block the constraint: they are removed first.
 * The primary key (household_id, municipal_service_id) already indexes the column.
 */
export class HouseholdServiceLinksFk1764250000001 implements MigrationInterface {
  name = 'HouseholdServiceLinksFk1764250000001';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      DELETE FROM household_service_links link
       WHERE NOT EXISTS (SELECT 1 FROM households h WHERE h.id = link.household_id)`);
    await queryRunner.query(`
      ALTER TABLE household_service_links
        ADD CONSTRAINT household_service_links_household_fk
        FOREIGN KEY (household_id) REFERENCES households (id) ON DELETE CASCADE`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'ALTER TABLE household_service_links DROP CONSTRAINT household_service_links_household_fk',
    );
  }
}
