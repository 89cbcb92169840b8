import { Delivery } from './delivery.entity.js';
import { Feedback } from './feedback.entity.js';
import { IngestRun } from './ingest-run.entity.js';
import { Paper } from './paper.entity.js';
import { ReaderHistoryRow } from './reader-history.entity.js';
import { SubscriberKeyword } from './subscriber-keyword.entity.js';
import { SubscriberTopic } from './subscriber-topic.entity.js';
import { Subscriber } from './subscriber.entity.js';
import { Suppression } from './suppression.entity.js';
import { Topic } from './topic.entity.js';

export * from './delivery.entity.js';
export * from './feedback.entity.js';
export * from './ingest-run.entity.js';
export * from './paper.entity.js';
export * from './reader-history.entity.js';
export * from './subscriber-keyword.entity.js';
export * from './subscriber-topic.entity.js';
export * from './subscriber.entity.js';
export * from './suppression.entity.js';
export * from './topic.entity.js';

export const ENTITIES = [
  Subscriber,
  Topic,
  SubscriberTopic,
  SubscriberKeyword,
  Paper,
  Delivery,
  ReaderHistoryRow,
  Feedback,
  Suppression,
  IngestRun,
];
