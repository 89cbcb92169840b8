import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Deliveries at 10M rows a day: the table becomes range-partitioned by edition date (one
 * partition a day, created ahead by the worker, dropped after DELIVERY_RETENTION_DAYS by detaching
 * then dropping, never a bulk DELETE), keyed by (subscriber, edition). A `queued` state names rows
 * that wait for a batch (before, they read `claimed` with no claim time). The per-reader history a
 * digest needs across editions (papers already sent, the last sent edition) moves to its own small
 * table, so it outlives retention and no digest query scans every partition.
 */
export class PartitionDeliveries1795400000000 implements MigrationInterface {
  name = 'PartitionDeliveries1795400000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    // One small row per reader, rewritten by every edition they are sent: room left in each page so
    // the rewrite stays on the page (a HOT update, no index entries).
    await queryRunner.query(`CREATE TABLE "reader_history" (
      "subscriber_id" uuid NOT NULL,
      "last_sent_edition" date,
      "editions" jsonb NOT NULL DEFAULT '{}'::jsonb,
      "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
      CONSTRAINT "PK_reader_history" PRIMARY KEY ("subscriber_id"),
      CONSTRAINT "FK_reader_history_subscriber" FOREIGN KEY ("subscriber_id") REFERENCES "subscribers"("id") ON DELETE CASCADE ON UPDATE NO ACTION)
      WITH (fillfactor = 70)`);
    await queryRunner.query(`INSERT INTO "reader_history" ("subscriber_id", "last_sent_edition", "editions")
      SELECT subscriber_id,
             max(edition_date) FILTER (WHERE state = 'sent'),
             COALESCE(jsonb_object_agg(edition_date::text, jsonb_build_object('sent', state = 'sent', 'papers', paper_ids)) FILTER (WHERE newest <= 3), '{}')
      FROM (SELECT subscriber_id, edition_date, state, paper_ids, row_number() OVER (PARTITION BY subscriber_id ORDER BY edition_date DESC) AS newest
            FROM "deliveries" WHERE state IN ('sent', 'unknown')) d
      GROUP BY subscriber_id`);

    await queryRunner.query(`ALTER TABLE "deliveries" RENAME TO "deliveries_unpartitioned"`);
    await queryRunner.query(`ALTER TYPE "public"."delivery_state" RENAME TO "delivery_state_unpartitioned"`);
    await queryRunner.query(`CREATE TYPE "public"."delivery_state" AS ENUM('queued', 'claimed', 'sent', 'failed', 'suppressed', 'skipped', 'unknown')`);
    await queryRunner.query(`CREATE TABLE "deliveries" (
      "subscriber_id" uuid NOT NULL,
      "edition_date" date NOT NULL,
      "state" "public"."delivery_state" NOT NULL DEFAULT 'queued',
      "attempts" integer NOT NULL DEFAULT '0',
      "batch_id" character varying(120),
      "claim_token" uuid,
      "message_id" character varying(255),
      "paper_ids" jsonb NOT NULL DEFAULT '[]'::jsonb,
      "last_error" text,
      "claimed_at" TIMESTAMP WITH TIME ZONE,
      "smtp_started_at" TIMESTAMP WITH TIME ZONE,
      "sent_at" TIMESTAMP WITH TIME ZONE,
      "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
      "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
      CONSTRAINT "PK_deliveries" PRIMARY KEY ("subscriber_id", "edition_date"),
      CONSTRAINT "FK_deliveries_subscriber" FOREIGN KEY ("subscriber_id") REFERENCES "subscribers"("id") ON DELETE CASCADE ON UPDATE NO ACTION
    ) PARTITION BY RANGE ("edition_date")`);
    // Only unfinished rows: what the sweeper looks for, nearly empty once an edition is done.
    await queryRunner.query(`CREATE INDEX "IDX_deliveries_unfinished" ON "deliveries" ("state", "batch_id") WHERE state IN ('queued', 'claimed')`);
    // Catches a row for a day whose partition does not exist yet (every write path creates it
    // first, so this stays empty; the function below moves anything found here into place).
    await queryRunner.query(`CREATE TABLE "deliveries_default" PARTITION OF "deliveries" DEFAULT`);
    await queryRunner.query(ENSURE_PARTITION_FUNCTION);
    await queryRunner.query(`SELECT paperboy_ensure_delivery_partition(d) FROM (SELECT DISTINCT edition_date AS d FROM "deliveries_unpartitioned") days`);
    await queryRunner.query(`INSERT INTO "deliveries" ("subscriber_id", "edition_date", "state", "attempts", "message_id", "paper_ids", "last_error", "claimed_at", "smtp_started_at", "sent_at", "created_at", "updated_at")
      SELECT subscriber_id, edition_date,
             (CASE WHEN state = 'claimed' AND claimed_at IS NULL THEN 'queued' ELSE state::text END)::"public"."delivery_state",
             attempts, message_id, paper_ids, last_error, claimed_at, smtp_started_at, sent_at, created_at, updated_at
      FROM "deliveries_unpartitioned"`);
    await queryRunner.query(`DROP TABLE "deliveries_unpartitioned"`);
    await queryRunner.query(`DROP TYPE "public"."delivery_state_unpartitioned"`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "deliveries" RENAME TO "deliveries_partitioned"`);
    await queryRunner.query(`ALTER TYPE "public"."delivery_state" RENAME TO "delivery_state_partitioned"`);
    await queryRunner.query(`CREATE TYPE "public"."delivery_state" AS ENUM('claimed', 'sent', 'failed', 'suppressed', 'skipped', 'unknown')`);
    await queryRunner.query(`CREATE TABLE "deliveries" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "subscriber_id" uuid NOT NULL, "edition_date" date NOT NULL, "state" "public"."delivery_state" NOT NULL DEFAULT 'claimed', "attempts" integer NOT NULL DEFAULT '0', "message_id" character varying(255), "paper_ids" jsonb NOT NULL DEFAULT '[]'::jsonb, "last_error" text, "claimed_at" TIMESTAMP WITH TIME ZONE, "smtp_started_at" TIMESTAMP WITH TIME ZONE, "sent_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "UQ_deliveries_subscriber_edition" UNIQUE ("subscriber_id", "edition_date"), CONSTRAINT "PK_a6ef225c5c5f0974e503bfb731f" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "IDX_deliveries_edition_state" ON "deliveries" ("edition_date", "state")`);
    await queryRunner.query(`INSERT INTO "deliveries" ("subscriber_id", "edition_date", "state", "attempts", "message_id", "paper_ids", "last_error", "claimed_at", "smtp_started_at", "sent_at", "created_at", "updated_at")
      SELECT subscriber_id, edition_date, (CASE WHEN state = 'queued' THEN 'claimed' ELSE state::text END)::"public"."delivery_state",
             attempts, message_id, paper_ids, last_error, claimed_at, smtp_started_at, sent_at, created_at, updated_at
      FROM "deliveries_partitioned"`);
    await queryRunner.query(`ALTER TABLE "deliveries" ADD CONSTRAINT "FK_0ca631bd6b1da59ec77b159101f" FOREIGN KEY ("subscriber_id") REFERENCES "subscribers"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`DROP TABLE "deliveries_partitioned" CASCADE`);
    await queryRunner.query(`DROP FUNCTION paperboy_ensure_delivery_partition(date)`);
    await queryRunner.query(`DROP TYPE "public"."delivery_state_partitioned"`);
    await queryRunner.query(`DROP TABLE "reader_history"`);
  }
}

/**
 * Creates the partition of one edition date if it is missing (named deliveries_pYYYYMMDD), under
 * an advisory lock so concurrent callers create it once. Rows that landed in the default partition
 * for that date are moved into the new partition.
 */
const ENSURE_PARTITION_FUNCTION = `
CREATE OR REPLACE FUNCTION paperboy_ensure_delivery_partition(day date) RETURNS text LANGUAGE plpgsql AS $fn$
DECLARE
  partition_name text := 'deliveries_p' || to_char(day, 'YYYYMMDD');
BEGIN
  IF to_regclass(partition_name) IS NOT NULL THEN RETURN partition_name; END IF;
  PERFORM pg_advisory_xact_lock(hashtext('paperboy:delivery-partitions'));
  BEGIN
    IF EXISTS (SELECT 1 FROM deliveries_default WHERE edition_date = day) THEN
      EXECUTE format('CREATE TABLE %I (LIKE deliveries INCLUDING DEFAULTS)', partition_name);
      EXECUTE format('WITH moved AS (DELETE FROM deliveries_default WHERE edition_date = $1 RETURNING *) INSERT INTO %I SELECT * FROM moved', partition_name) USING day;
      EXECUTE format('ALTER TABLE deliveries ATTACH PARTITION %I FOR VALUES FROM (%L) TO (%L)', partition_name, day, day + 1);
    ELSE
      EXECUTE format('CREATE TABLE %I PARTITION OF deliveries FOR VALUES FROM (%L) TO (%L)', partition_name, day, day + 1);
    END IF;
  EXCEPTION WHEN duplicate_table THEN
    -- Created by a concurrent caller: an advisory lock does not refresh this session's view of the
    -- catalog, so the check above can miss a table committed a moment ago.
    NULL;
  END;
  RETURN partition_name;
END
$fn$`;
