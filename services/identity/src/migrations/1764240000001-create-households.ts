import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Households ("foyers"), their guardians and children, and the history of every change.
 * A family account reaches the household of which it is a guardian (`guardians.account_id`,
 * unique: one household per account). Personal columns are nullable where an account closure
 * erases them; the API requires them.
 */
export class CreateHouseholds1764240000001 implements MigrationInterface {
  name = 'CreateHouseholds1764240000001';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE households (
        id uuid PRIMARY KEY,
        created_by_account_id uuid NOT NULL REFERENCES accounts (id),
        caf_number text CHECK (caf_number ~ '^[0-9]{7}$'),
        family_quotient integer CHECK (family_quotient >= 0),
        family_quotient_valid_until date,
        anonymised_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`
      CREATE TABLE guardians (
        id uuid PRIMARY KEY,
        household_id uuid NOT NULL REFERENCES households (id),
        account_id uuid REFERENCES accounts (id) ON DELETE SET NULL,
        is_primary boolean NOT NULL,
        civility text CHECK (civility IN ('madame', 'monsieur')),
        first_name text NOT NULL,
        last_name text NOT NULL,
        relationship text NOT NULL CHECK (relationship IN ('mother', 'father', 'legal-guardian', 'other')),
        phone text,
        other_phone text,
        email text,
        address_line1 text,
        address_line2 text,
        postal_code text,
        city text,
        commune_organisation_id uuid REFERENCES organisations (id),
        commune_insee_code text,
        commune_name text,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(
      'CREATE UNIQUE INDEX guardians_account_uq ON guardians (account_id) WHERE account_id IS NOT NULL',
    );
    await queryRunner.query(
      'CREATE UNIQUE INDEX guardians_primary_uq ON guardians (household_id) WHERE is_primary',
    );
    await queryRunner.query(`
      CREATE TABLE children (
        id uuid PRIMARY KEY,
        household_id uuid NOT NULL REFERENCES households (id),
        first_name text NOT NULL,
        last_name text NOT NULL,
        birth_date date NOT NULL,
        sex text CHECK (sex IN ('female', 'male')),
        school_level text,
        school_id uuid,
        school_name text,
        allergies text[] NOT NULL DEFAULT '{}',
        pai boolean NOT NULL DEFAULT false,
        pai_details text,
        doctor_name text,
        doctor_phone text,
        image_rights boolean NOT NULL DEFAULT false,
        may_leave_alone boolean NOT NULL DEFAULT false,
        authorised_pickups jsonb NOT NULL DEFAULT '[]'::jsonb,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query('CREATE INDEX children_household_idx ON children (household_id)');
    await queryRunner.query(`
      CREATE TABLE household_changes (
        id uuid PRIMARY KEY,
        household_id uuid NOT NULL REFERENCES households (id),
        at timestamptz NOT NULL DEFAULT now(),
        actor_account_id uuid NOT NULL,
        actor_kind text NOT NULL CHECK (actor_kind IN ('family', 'agent', 'admin')),
        entity text NOT NULL CHECK (entity IN ('household', 'guardian', 'child')),
        entity_id uuid NOT NULL,
        action text NOT NULL CHECK (action IN ('created', 'updated', 'removed', 'anonymised')),
        before jsonb,
        after jsonb
      )`);
    await queryRunner.query(
      'CREATE INDEX household_changes_household_idx ON household_changes (household_id, at DESC, id DESC)',
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE household_changes');
    await queryRunner.query('DROP TABLE children');
    await queryRunner.query('DROP TABLE guardians');
    await queryRunner.query('DROP TABLE households');
  }
}
