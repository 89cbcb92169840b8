import type { MigrationInterface, QueryRunner } from 'typeorm';

/** `editions` and `paper_topic_scores` were never written or read: scores are computed in memory per run. */
export class DropUnusedTables1795410000000 implements MigrationInterface {
  name = 'DropUnusedTables1795410000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "paper_topic_scores"`);
    await queryRunner.query(`DROP TABLE "editions"`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "editions" ("edition_date" date NOT NULL, "started_at" TIMESTAMP WITH TIME ZONE, "completed_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_98eef699669570ebb135b59db95" PRIMARY KEY ("edition_date"))`);
    await queryRunner.query(`CREATE TABLE "paper_topic_scores" ("paper_id" character varying(32) NOT NULL, "topic_id" uuid NOT NULL, "score" real NOT NULL, "reasons" jsonb NOT NULL DEFAULT '[]'::jsonb, CONSTRAINT "PK_03089c9d1a4fa88440348167585" PRIMARY KEY ("paper_id", "topic_id"))`);
    await queryRunner.query(`CREATE INDEX "IDX_paper_topic_scores_topic_score" ON "paper_topic_scores" ("topic_id", "score")`);
    await queryRunner.query(`ALTER TABLE "paper_topic_scores" ADD CONSTRAINT "FK_7507b187b4bad0a50739ce872fd" FOREIGN KEY ("paper_id") REFERENCES "papers"("arxiv_id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "paper_topic_scores" ADD CONSTRAINT "FK_65e02cf682e2e85e729162df642" FOREIGN KEY ("topic_id") REFERENCES "topics"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
  }
}
