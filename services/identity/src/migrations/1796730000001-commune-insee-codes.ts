import type { MigrationInterface, QueryRunner } from 'typeorm';
import { findDirectoryCommune, type DirectoryCommune } from '@portail/contracts';

/** INSEE codes of the communes of the specification's directory (by their stable slug). */
const KNOWN_INSEE_CODES: Record<string, string> = {
  vichy: '03310',
  cusset: '03095',
  'bellerive-sur-allier': '03023',
};

/**
 * Communes of the directory carry their INSEE code, and the communes of residence that
 * households typed by name or code before (`commune_organisation_id` null) are linked to the
 * directory's commune they name (accents, case and hyphens ignored). Unknown ones stay as typed.
 */
export class CommuneInseeCodes1796730000001 implements MigrationInterface {
  name = 'CommuneInseeCodes1796730000001';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE organisations ADD COLUMN insee_code text');
    await queryRunner.query(
      'CREATE UNIQUE INDEX organisations_insee_code_idx ON organisations (insee_code) WHERE insee_code IS NOT NULL',
    );
    for (const [slug, code] of Object.entries(KNOWN_INSEE_CODES)) {
      await queryRunner.query(
        `UPDATE organisations SET insee_code = $2
          WHERE slug = $1 AND kind = 'commune'
            AND NOT EXISTS (SELECT 1 FROM organisations WHERE insee_code = $2)`,
        [slug, code],
      );
    }
    const directory = await queryRunner.manager.query<DirectoryCommune[]>(
      `SELECT id, name, insee_code AS "inseeCode" FROM organisations WHERE kind = 'commune'`,
    );
    const guardians = await queryRunner.manager.query<
      Array<{ id: string; name: string; inseeCode: string | null }>
    >(
      `SELECT id, commune_name AS name, commune_insee_code AS "inseeCode" FROM guardians
        WHERE commune_organisation_id IS NULL AND commune_name IS NOT NULL`,
    );
    for (const guardian of guardians) {
      const commune = findDirectoryCommune(directory, guardian);
      if (!commune) continue;
      await queryRunner.query(
        `UPDATE guardians SET commune_organisation_id = $2, commune_name = $3,
                commune_insee_code = COALESCE(commune_insee_code, $4)
          WHERE id = $1`,
        [guardian.id, commune.id, commune.name, commune.inseeCode],
      );
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX organisations_insee_code_idx');
    await queryRunner.query('ALTER TABLE organisations DROP COLUMN insee_code');
  }
}
