import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Initial1795301161897 implements MigrationInterface {
  name = 'Initial1795301161897';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("CREATE TYPE \"public\".\"subscriber_status\" AS ENUM('pending', 'active', 'unsubscribed', 'suppressed')");
    await queryRunner.query("CREATE TYPE \"public\".\"digest_frequency\" AS ENUM('daily', 'weekly', 'paused')");
    await queryRunner.query("CREATE TABLE \"subscribers\" (\"id\" uuid NOT NULL DEFAULT gen_random_uuid(), \"email\" character varying(254) NOT NULL, \"email_normalized\" character varying(254) NOT NULL, \"status\" \"public\".\"subscriber_status\" NOT NULL DEFAULT 'pending', \"timezone\" character varying(64) NOT NULL DEFAULT 'UTC', \"delivery_hour\" smallint NOT NULL DEFAULT '7', \"frequency\" \"public\".\"digest_frequency\" NOT NULL DEFAULT 'daily', \"weekly_day\" smallint NOT NULL DEFAULT '1', \"max_papers\" smallint NOT NULL DEFAULT '10', \"min_upvotes\" integer, \"confirmed_at\" TIMESTAMP WITH TIME ZONE, \"unsubscribed_at\" TIMESTAMP WITH TIME ZONE, \"confirmation_sent_at\" TIMESTAMP WITH TIME ZONE, \"created_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), \"updated_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT \"PK_cbe0a7a9256c826f403c0236b67\" PRIMARY KEY (\"id\"))");
    await queryRunner.query("CREATE UNIQUE INDEX \"UQ_subscribers_email_normalized\" ON \"subscribers\"  (\"email_normalized\") ");
    await queryRunner.query("CREATE INDEX \"IDX_subscribers_due\" ON \"subscribers\"  (\"status\", \"delivery_hour\", \"id\") ");
    await queryRunner.query("CREATE TYPE \"public\".\"delivery_state\" AS ENUM('claimed', 'sent', 'failed', 'suppressed', 'skipped', 'unknown')");
    await queryRunner.query("CREATE TABLE \"deliveries\" (\"id\" uuid NOT NULL DEFAULT gen_random_uuid(), \"subscriber_id\" uuid NOT NULL, \"edition_date\" date NOT NULL, \"state\" \"public\".\"delivery_state\" NOT NULL DEFAULT 'claimed', \"attempts\" integer NOT NULL DEFAULT '0', \"message_id\" character varying(255), \"paper_ids\" jsonb NOT NULL DEFAULT '[]'::jsonb, \"last_error\" text, \"claimed_at\" TIMESTAMP WITH TIME ZONE, \"smtp_started_at\" TIMESTAMP WITH TIME ZONE, \"sent_at\" TIMESTAMP WITH TIME ZONE, \"created_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), \"updated_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT \"UQ_deliveries_subscriber_edition\" UNIQUE (\"subscriber_id\", \"edition_date\"), CONSTRAINT \"PK_a6ef225c5c5f0974e503bfb731f\" PRIMARY KEY (\"id\"))");
    await queryRunner.query("CREATE INDEX \"IDX_deliveries_edition_state\" ON \"deliveries\"  (\"edition_date\", \"state\") ");
    await queryRunner.query("CREATE TABLE \"editions\" (\"edition_date\" date NOT NULL, \"started_at\" TIMESTAMP WITH TIME ZONE, \"completed_at\" TIMESTAMP WITH TIME ZONE, \"created_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT \"PK_98eef699669570ebb135b59db95\" PRIMARY KEY (\"edition_date\"))");
    await queryRunner.query("CREATE TABLE \"papers\" (\"arxiv_id\" character varying(32) NOT NULL, \"title\" text NOT NULL, \"abstract\" text NOT NULL DEFAULT '', \"ai_summary\" text, \"authors\" jsonb NOT NULL DEFAULT '[]'::jsonb, \"author_count\" integer, \"organization\" character varying(200), \"arxiv_date\" date, \"featured_date\" date, \"upvotes\" integer, \"links\" jsonb NOT NULL DEFAULT '{}'::jsonb, \"keywords\" jsonb NOT NULL DEFAULT '[]'::jsonb, \"source\" character varying(40) NOT NULL, \"withdrawn_at\" TIMESTAMP WITH TIME ZONE, \"raw\" jsonb, \"created_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), \"updated_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT \"PK_39cb23def470d583697f7c315ac\" PRIMARY KEY (\"arxiv_id\"))");
    await queryRunner.query("CREATE INDEX \"IDX_papers_featured_date\" ON \"papers\"  (\"featured_date\") ");
    await queryRunner.query("CREATE TABLE \"feedback\" (\"subscriber_id\" uuid NOT NULL, \"paper_id\" character varying(32) NOT NULL, \"vote\" smallint NOT NULL, \"created_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), \"updated_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT \"PK_f50f483dc27fd973f750d8afa71\" PRIMARY KEY (\"subscriber_id\", \"paper_id\"))");
    await queryRunner.query("CREATE TYPE \"public\".\"ingest_run_status\" AS ENUM('running', 'succeeded', 'failed')");
    await queryRunner.query("CREATE TABLE \"ingest_runs\" (\"id\" uuid NOT NULL DEFAULT gen_random_uuid(), \"source\" character varying(40) NOT NULL, \"day\" date NOT NULL, \"status\" \"public\".\"ingest_run_status\" NOT NULL DEFAULT 'running', \"fetched\" integer NOT NULL DEFAULT '0', \"created_count\" integer NOT NULL DEFAULT '0', \"updated_count\" integer NOT NULL DEFAULT '0', \"skipped_count\" integer NOT NULL DEFAULT '0', \"skipped\" jsonb NOT NULL DEFAULT '[]'::jsonb, \"error\" text, \"started_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), \"finished_at\" TIMESTAMP WITH TIME ZONE, CONSTRAINT \"PK_182d40b3089f639e72d9d70b59e\" PRIMARY KEY (\"id\"))");
    await queryRunner.query("CREATE INDEX \"IDX_ingest_runs_source_day\" ON \"ingest_runs\"  (\"source\", \"day\") ");
    await queryRunner.query("CREATE TABLE \"topics\" (\"id\" uuid NOT NULL DEFAULT gen_random_uuid(), \"slug\" character varying(64) NOT NULL, \"name\" character varying(120) NOT NULL, \"description\" text NOT NULL DEFAULT '', \"query\" text NOT NULL, \"created_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), \"updated_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT \"UQ_97c66ab0029f49fde30517f8199\" UNIQUE (\"slug\"), CONSTRAINT \"PK_e4aa99a3fa60ec3a37d1fc4e853\" PRIMARY KEY (\"id\"))");
    await queryRunner.query("CREATE TABLE \"paper_topic_scores\" (\"paper_id\" character varying(32) NOT NULL, \"topic_id\" uuid NOT NULL, \"score\" real NOT NULL, \"reasons\" jsonb NOT NULL DEFAULT '[]'::jsonb, CONSTRAINT \"PK_03089c9d1a4fa88440348167585\" PRIMARY KEY (\"paper_id\", \"topic_id\"))");
    await queryRunner.query("CREATE INDEX \"IDX_paper_topic_scores_topic_score\" ON \"paper_topic_scores\"  (\"topic_id\", \"score\") ");
    await queryRunner.query("CREATE TABLE \"subscriber_keywords\" (\"subscriber_id\" uuid NOT NULL, \"keyword\" character varying(100) NOT NULL, CONSTRAINT \"PK_e42edba3327a9ecf1ef8c0df7b4\" PRIMARY KEY (\"subscriber_id\", \"keyword\"))");
    await queryRunner.query("CREATE INDEX \"IDX_subscriber_keywords_keyword\" ON \"subscriber_keywords\"  (\"keyword\") ");
    await queryRunner.query("CREATE TABLE \"subscriber_topics\" (\"subscriber_id\" uuid NOT NULL, \"topic_id\" uuid NOT NULL, CONSTRAINT \"PK_435226970d0ec370e344b9b6f9d\" PRIMARY KEY (\"subscriber_id\", \"topic_id\"))");
    await queryRunner.query("CREATE INDEX \"IDX_subscriber_topics_topic\" ON \"subscriber_topics\"  (\"topic_id\") ");
    await queryRunner.query("CREATE TYPE \"public\".\"suppression_reason\" AS ENUM('hard-bounce', 'complaint', 'manual')");
    await queryRunner.query("CREATE TABLE \"suppressions\" (\"email_normalized\" character varying(254) NOT NULL, \"reason\" \"public\".\"suppression_reason\" NOT NULL, \"detail\" text, \"created_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT \"PK_27c1203677473a1160e7215dfcd\" PRIMARY KEY (\"email_normalized\"))");
    await queryRunner.query("ALTER TABLE \"deliveries\" ADD CONSTRAINT \"FK_0ca631bd6b1da59ec77b159101f\" FOREIGN KEY (\"subscriber_id\") REFERENCES \"subscribers\"(\"id\") ON DELETE CASCADE ON UPDATE NO ACTION");
    await queryRunner.query("ALTER TABLE \"feedback\" ADD CONSTRAINT \"FK_c4e7db8f2784413ee3dd7bbff32\" FOREIGN KEY (\"subscriber_id\") REFERENCES \"subscribers\"(\"id\") ON DELETE CASCADE ON UPDATE NO ACTION");
    await queryRunner.query("ALTER TABLE \"feedback\" ADD CONSTRAINT \"FK_22a623054945d7fbe31ee4a3ebf\" FOREIGN KEY (\"paper_id\") REFERENCES \"papers\"(\"arxiv_id\") ON DELETE CASCADE ON UPDATE NO ACTION");
    await queryRunner.query("ALTER TABLE \"paper_topic_scores\" ADD CONSTRAINT \"FK_7507b187b4bad0a50739ce872fd\" FOREIGN KEY (\"paper_id\") REFERENCES \"papers\"(\"arxiv_id\") ON DELETE CASCADE ON UPDATE NO ACTION");
    await queryRunner.query("ALTER TABLE \"paper_topic_scores\" ADD CONSTRAINT \"FK_65e02cf682e2e85e729162df642\" FOREIGN KEY (\"topic_id\") REFERENCES \"topics\"(\"id\") ON DELETE CASCADE ON UPDATE NO ACTION");
    await queryRunner.query("ALTER TABLE \"subscriber_keywords\" ADD CONSTRAINT \"FK_40b466f700209e22a8f5de77167\" FOREIGN KEY (\"subscriber_id\") REFERENCES \"subscribers\"(\"id\") ON DELETE CASCADE ON UPDATE NO ACTION");
    await queryRunner.query("ALTER TABLE \"subscriber_topics\" ADD CONSTRAINT \"FK_383bf8d41342903d1c56372ae56\" FOREIGN KEY (\"subscriber_id\") REFERENCES \"subscribers\"(\"id\") ON DELETE CASCADE ON UPDATE NO ACTION");
    await queryRunner.query("ALTER TABLE \"subscriber_topics\" ADD CONSTRAINT \"FK_7ac43da5c62e0862f7a5429cb54\" FOREIGN KEY (\"topic_id\") REFERENCES \"topics\"(\"id\") ON DELETE CASCADE ON UPDATE NO ACTION");
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("ALTER TABLE \"subscriber_topics\" DROP CONSTRAINT \"FK_7ac43da5c62e0862f7a5429cb54\"");
    await queryRunner.query("ALTER TABLE \"subscriber_topics\" DROP CONSTRAINT \"FK_383bf8d41342903d1c56372ae56\"");
    await queryRunner.query("ALTER TABLE \"subscriber_keywords\" DROP CONSTRAINT \"FK_40b466f700209e22a8f5de77167\"");
    await queryRunner.query("ALTER TABLE \"paper_topic_scores\" DROP CONSTRAINT \"FK_65e02cf682e2e85e729162df642\"");
    await queryRunner.query("ALTER TABLE \"paper_topic_scores\" DROP CONSTRAINT \"FK_7507b187b4bad0a50739ce872fd\"");
    await queryRunner.query("ALTER TABLE \"feedback\" DROP CONSTRAINT \"FK_22a623054945d7fbe31ee4a3ebf\"");
    await queryRunner.query("ALTER TABLE \"feedback\" DROP CONSTRAINT \"FK_c4e7db8f2784413ee3dd7bbff32\"");
    await queryRunner.query("ALTER TABLE \"deliveries\" DROP CONSTRAINT \"FK_0ca631bd6b1da59ec77b159101f\"");
    await queryRunner.query("DROP TABLE \"suppressions\"");
    await queryRunner.query("DROP TYPE \"public\".\"suppression_reason\"");
    await queryRunner.query("DROP INDEX \"public\".\"IDX_subscriber_topics_topic\"");
    await queryRunner.query("DROP TABLE \"subscriber_topics\"");
    await queryRunner.query("DROP INDEX \"public\".\"IDX_subscriber_keywords_keyword\"");
    await queryRunner.query("DROP TABLE \"subscriber_keywords\"");
    await queryRunner.query("DROP INDEX \"public\".\"IDX_paper_topic_scores_topic_score\"");
    await queryRunner.query("DROP TABLE \"paper_topic_scores\"");
    await queryRunner.query("DROP TABLE \"topics\"");
    await queryRunner.query("DROP INDEX \"public\".\"IDX_ingest_runs_source_day\"");
    await queryRunner.query("DROP TABLE \"ingest_runs\"");
    await queryRunner.query("DROP TYPE \"public\".\"ingest_run_status\"");
    await queryRunner.query("DROP TABLE \"feedback\"");
    await queryRunner.query("DROP INDEX \"public\".\"IDX_papers_featured_date\"");
    await queryRunner.query("DROP TABLE \"papers\"");
    await queryRunner.query("DROP TABLE \"editions\"");
    await queryRunner.query("DROP INDEX \"public\".\"IDX_deliveries_edition_state\"");
    await queryRunner.query("DROP TABLE \"deliveries\"");
    await queryRunner.query("DROP TYPE \"public\".\"delivery_state\"");
    await queryRunner.query("DROP INDEX \"public\".\"IDX_subscribers_due\"");
    await queryRunner.query("DROP INDEX \"public\".\"UQ_subscribers_email_normalized\"");
    await queryRunner.query("DROP TABLE \"subscribers\"");
    await queryRunner.query("DROP TYPE \"public\".\"digest_frequency\"");
    await queryRunner.query("DROP TYPE \"public\".\"subscriber_status\"");
  }
}
