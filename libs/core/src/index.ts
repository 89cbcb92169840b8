// The composition every Paperboy process starts from: config, logs, Postgres (migrated), Redis and the queues.
export { coreModules } from './core-modules.js';
