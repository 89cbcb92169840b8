import type { MigrationInterface, QueryRunner } from 'typeorm';

// Ingest runs also report entries that landed with a field left out or cut (hostile or broken feeds).
export class IngestRunCorrections1795320000000 implements MigrationInterface {
  name = 'IngestRunCorrections1795320000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "ingest_runs" ADD "corrected_count" integer NOT NULL DEFAULT '0'`);
    await queryRunner.query(`ALTER TABLE "ingest_runs" ADD "corrected" jsonb NOT NULL DEFAULT '[]'::jsonb`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "ingest_runs" DROP COLUMN "corrected"`);
    await queryRunner.query(`ALTER TABLE "ingest_runs" DROP COLUMN "corrected_count"`);
  }
}
