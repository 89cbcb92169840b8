import type { MigrationInterface, QueryRunner } from 'typeorm';

export class SubscriberLinkGenerations1795969792670 implements MigrationInterface {
  name = 'SubscriberLinkGenerations1795969792670';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("ALTER TABLE \"subscribers\" ADD \"link_generation\" integer NOT NULL DEFAULT '0'");
    await queryRunner.query("ALTER TABLE \"subscribers\" ADD \"confirm_request\" integer NOT NULL DEFAULT '0'");
    await queryRunner.query("ALTER TABLE \"subscribers\" ADD \"pending_choices\" jsonb");
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("ALTER TABLE \"subscribers\" DROP COLUMN \"pending_choices\"");
    await queryRunner.query("ALTER TABLE \"subscribers\" DROP COLUMN \"confirm_request\"");
    await queryRunner.query("ALTER TABLE \"subscribers\" DROP COLUMN \"link_generation\"");
  }
}
