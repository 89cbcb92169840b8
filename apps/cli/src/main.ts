// `npm run cli -- ingest …`: operator commands, run against DATABASE_URL and REDIS_URL.
import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { SingleBar, Presets } from 'cli-progress';
import { AppConfig } from '@app/config';
import { runMain } from '@app/platform';
import { IngestService } from '@app/ingest';
import { DailyPapersFileSource, ListingPageSource } from '@app/ingest';
import type { PaperSource } from '@app/ingest';
import { CliModule } from './cli.module.js';
import { CliUsageError, parseCli, USAGE } from './cli-args.js';
import { runDigestsCommand } from './digests-command.js';

runMain(async () => {
  let command;
  try {
    command = parseCli(process.argv.slice(2));
  } catch (error) {
    if (!(error instanceof CliUsageError)) throw error;
    process.stderr.write(`${error.message}\n\n${USAGE}\n`);
    process.exit(2);
  }
  if (command.command === 'help') {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  const config = AppConfig.fromEnv({ LOG_LEVEL: 'warn', ...process.env });
  const app = await NestFactory.createApplicationContext(CliModule.forRoot(config), { logger: ['error', 'warn'] });
  try {
    if (command.command === 'digests') {
      process.exitCode = await runDigestsCommand(app, command);
      return;
    }
    const ingest = app.get(IngestService);
    let source: PaperSource | string = command.source;
    let days = command.days;
    if (command.source === 'file') source = new DailyPapersFileSource(command.file!);
    if (command.source === 'listing-page') {
      const listing = new ListingPageSource(command.file!, command.year ?? new Date().getUTCFullYear());
      source = listing;
      if (days.length === 0) {
        const day = await listing.pageDate();
        if (!day) throw new CliUsageError('the listing page shows no date; pass --from');
        days = [day];
      }
    }
    // A live bar on a terminal; one line per day when piped (CI logs, cron mail).
    const bar = process.stdout.isTTY ? new SingleBar({ format: 'ingest {bar} {value}/{total} days | {day} | {papers} papers', hideCursor: true }, Presets.shades_classic) : null;
    bar?.start(days.length, 0, { day: '', papers: 0 });
    let done = 0;
    const totals = { fetched: 0, created: 0, updated: 0, skipped: 0, failedDays: [] as string[] };
    for (const day of days) {
      try {
        const run = await ingest.run(source, day);
        totals.fetched += run.fetched;
        totals.created += run.createdCount;
        totals.updated += run.updatedCount;
        totals.skipped += run.skippedCount;
      } catch (error) {
        totals.failedDays.push(`${day} (${error instanceof Error ? error.message : String(error)})`);
      }
      done++;
      if (bar) bar.increment({ day, papers: totals.created + totals.updated });
      else process.stdout.write(`[${done}/${days.length} days] ${day}: ${totals.created + totals.updated} papers so far\n`);
    }
    bar?.stop();
    process.stdout.write(
      `Fetched ${totals.fetched}, new ${totals.created}, updated ${totals.updated}, skipped ${totals.skipped}` +
        (totals.failedDays.length ? `; failed days: ${totals.failedDays.join(', ')}\n` : '.\n'),
    );
    process.exitCode = totals.failedDays.length ? 1 : 0;
  } finally {
    await app.close();
  }
});
