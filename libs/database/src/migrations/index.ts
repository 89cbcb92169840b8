import type { MigrationInterface } from 'typeorm';
import { Initial1795301161897 } from './1795301161897-Initial.js';

type MigrationClass = new () => MigrationInterface;

/** Every committed migration, oldest first. Listed explicitly: ESM builds cannot glob. */
export const MIGRATIONS: MigrationClass[] = [Initial1795301161897];
