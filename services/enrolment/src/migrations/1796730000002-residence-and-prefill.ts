import type { MigrationInterface, QueryRunner } from 'typeorm';
import type { FormDefinition, FormField } from '@portail/contracts';

/** The demo procedures already seeded get what the seed now writes (scripts/seed-enrolment.ts). */
const DEMO_FIELD_MEANINGS: Record<string, Record<string, Partial<FormField>>> = {
  'Inscription à la restauration scolaire': {
    allergies: { prefillFrom: 'child.allergies' },
    'allergies-details': { prefillFrom: 'child.allergies' },
    pai: { prefillFrom: 'child.pai' },
  },
  'Préinscription scolaire': {
    resident: {
      semantics: 'resides-in-commune',
      commune: { name: 'Bellerive-sur-Allier', inseeCode: '03023' },
    },
  },
};

/**
 * Applications keep the answers prefilled from the child's record until the family confirms
 * them, the communes of their answers linked to the directory, and the answers that contradict
 * the household's commune of residence (the agents' list filters on them, hence the index).
 * The demo procedures seeded before get their fields' meanings; the residence question's
 * commune is linked to the procedure's organisation (Bellerive-sur-Allier, a commune of the
 * directory) when the seed wrote it there.
 */
export class ResidenceAndPrefill1796730000002 implements MigrationInterface {
  name = 'ResidenceAndPrefill1796730000002';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE applications
        ADD COLUMN prefilled jsonb NOT NULL DEFAULT '[]',
        ADD COLUMN answer_communes jsonb NOT NULL DEFAULT '{}',
        ADD COLUMN residence_discrepancies jsonb NOT NULL DEFAULT '[]'`);
    await queryRunner.query(`
      CREATE INDEX applications_residence_discrepancy_idx
          ON applications (municipal_service_id, submitted_at DESC)
       WHERE residence_discrepancies <> '[]'::jsonb`);
    for (const [title, meanings] of Object.entries(DEMO_FIELD_MEANINGS)) {
      const rows = await queryRunner.manager.query<
        Array<{
          id: string;
          form: FormDefinition;
          organisation_id: string;
          organisation_name: string;
        }>
      >(`SELECT id, form, organisation_id, organisation_name FROM procedures WHERE title = $1`, [
        title,
      ]);
      for (const row of rows) {
        const fields = row.form.fields.map((field) => {
          const meaning = meanings[field.key];
          if (!meaning || field.semantics || field.prefillFrom) return field;
          const commune =
            meaning.commune && meaning.commune.name === row.organisation_name
              ? { ...meaning.commune, organisationId: row.organisation_id, inDirectory: true }
              : meaning.commune && { ...meaning.commune, organisationId: null, inDirectory: false };
          return { ...field, ...meaning, ...(commune && { commune }) };
        });
        await queryRunner.query('UPDATE procedures SET form = $2 WHERE id = $1', [
          row.id,
          JSON.stringify({ fields }),
        ]);
      }
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX applications_residence_discrepancy_idx');
    await queryRunner.query(`
      ALTER TABLE applications
        DROP COLUMN prefilled, DROP COLUMN answer_communes, DROP COLUMN residence_discrepancies`);
  }
}
