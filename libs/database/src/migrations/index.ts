import type { MigrationInterface } from 'typeorm';
import { Initial1795301161897 } from './1795301161897-Initial.js';
import { SeedTopicCatalog1795302000000 } from './1795302000000-SeedTopicCatalog.js';
import { TuneTopicQueries1795310000000 } from './1795310000000-TuneTopicQueries.js';
import { IngestRunCorrections1795320000000 } from './1795320000000-IngestRunCorrections.js';
import { PartitionDeliveries1795400000000 } from './1795400000000-PartitionDeliveries.js';
import { DropUnusedTables1795410000000 } from './1795410000000-DropUnusedTables.js';
import { SubscriberLinkGenerations1795969792670 } from './1795969792670-SubscriberLinkGenerations.js';

type MigrationClass = new () => MigrationInterface;

/** Every committed migration, oldest first. Listed explicitly: ESM builds cannot glob. */
export const MIGRATIONS: MigrationClass[] = [
  Initial1795301161897,
  SeedTopicCatalog1795302000000,
  TuneTopicQueries1795310000000,
  IngestRunCorrections1795320000000,
  PartitionDeliveries1795400000000,
  DropUnusedTables1795410000000,
  SubscriberLinkGenerations1795969792670,
];
