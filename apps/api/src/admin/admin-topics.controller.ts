import { Controller, Inject, UseGuards } from '@nestjs/common';
import { z } from 'zod';
import { TopicRepository, type Topic } from '@app/database';
import { parseQuery, QuerySyntaxError } from '@app/matching';
import { ConflictError, NotFoundError } from '@app/platform';
import { topicSlug } from '@app/subscribers';
import { JSON_BODY_LIMIT, topicSchema } from '../openapi/api-schemas.js';
import { ADMIN_API, defineOperation, Input, Operation, type OperationInput } from '../openapi/operation.js';
import { AdminGuard } from './admin-auth.js';

/** The format of a topic query, which JSON Schema cannot state: its syntax is checked by the real parser. */
export const TOPIC_QUERY_FORMAT = 'topic-query';

const query = z
  .string({ message: 'is required' })
  .min(1, { message: 'is required' })
  .max(2000, { message: 'must be at most 2000 characters' })
  .superRefine((value, ctx) => {
    try {
      parseQuery(value);
    } catch (error) {
      if (!(error instanceof QuerySyntaxError)) throw error;
      ctx.addIssue({ code: 'custom', message: `is not a valid query: ${error.message}` });
    }
  })
  .meta({
    format: TOPIC_QUERY_FORMAT,
    description: 'A query over title, abstract and keywords: terms, "phrases", OR, NOT (or -term), (groups), field:term for title, abstract or keywords, and boosts such as "reward model"^3',
    examples: ['title:"reward model"^3 OR RLHF'],
  });

const topicFields = {
  // Blanks around a name do not count: the pattern says so in the document (at least 2 characters once trimmed).
  name: z
    .string({ message: 'is required' })
    .regex(/^\s*\S[\s\S]*\S\s*$/u, { message: 'must be 2 to 120 characters' })
    .trim()
    .max(120, { message: 'must be 2 to 120 characters' }),
  description: z.string().trim().max(500, { message: 'must be at most 500 characters' }),
  query,
};
const createSchema = z
  .object({ slug: z.string({ message: 'is required' }).regex(/^[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?$/, { message: 'must be lower-case letters, digits and dashes, like "reward-modeling"' }), ...topicFields, description: topicFields.description.default('') })
  .strict();
const updateSchema = z.object(topicFields).partial().strict();

const slugParam = z.object({ slug: topicSlug.meta({ id: undefined, description: 'The slug of a topic' }) });
const NO_SUCH_TOPIC = 'There is no topic with this slug.';

const LIST = defineOperation({
  ...ADMIN_API,
  method: 'get',
  path: '/api/admin/topics',
  operationId: 'adminListTopics',
  summary: 'The catalog with each topic query',
  success: { status: 200, description: 'Every topic, by name', schema: z.array(topicSchema) },
});

const CREATE = defineOperation({
  ...ADMIN_API,
  method: 'post',
  path: '/api/admin/topics',
  operationId: 'adminCreateTopic',
  summary: 'Add a topic',
  body: { content: { 'application/json': createSchema }, limitBytes: JSON_BODY_LIMIT, required: true },
  success: { status: 201, description: 'Added', schema: topicSchema },
  errors: { 409: 'The slug is already used by another topic.' },
});

const UPDATE = defineOperation({
  ...ADMIN_API,
  method: 'put',
  path: '/api/admin/topics/{slug}',
  operationId: 'adminUpdateTopic',
  summary: 'Change a topic’s name, description or query',
  params: slugParam,
  body: { content: { 'application/json': updateSchema }, limitBytes: JSON_BODY_LIMIT, required: true },
  success: { status: 200, description: 'Changed', schema: topicSchema },
  errors: { 404: NO_SUCH_TOPIC },
});

const REMOVE = defineOperation({
  ...ADMIN_API,
  method: 'delete',
  path: '/api/admin/topics/{slug}',
  operationId: 'adminRemoveTopic',
  summary: 'Remove a topic (subscribers keep their other interests)',
  params: slugParam,
  success: { status: 200, description: 'Removed', schema: z.object({ status: z.literal('deleted'), slug: z.string() }) },
  errors: { 404: NO_SUCH_TOPIC },
});

const view = (t: Topic) => ({ slug: t.slug, name: t.name, description: t.description, query: t.query, updatedAt: t.updatedAt.toISOString() });

/** The topic catalog, editable by operators. A query is checked by the real parser before it is stored. */
@UseGuards(AdminGuard)
@Controller()
export class AdminTopicsController {
  constructor(@Inject(TopicRepository) private readonly topics: TopicRepository) {}

  @Operation(LIST)
  async list() {
    return (await this.topics.all()).map(view);
  }

  @Operation(CREATE)
  async create(@Input() { body: input }: OperationInput<typeof CREATE>) {
    const { slug, ...fields } = input;
    const topic = await this.topics.create(slug, fields);
    if (!topic) throw new ConflictError('is already used by another topic', 'slug');
    return view(topic);
  }

  @Operation(UPDATE)
  async update(@Input() { params: { slug }, body: input }: OperationInput<typeof UPDATE>) {
    const topic = await this.topics.update(slug, input);
    if (!topic) throw new NotFoundError(`There is no topic "${slug}".`);
    return view(topic);
  }

  @Operation(REMOVE)
  async remove(@Input() { params: { slug } }: OperationInput<typeof REMOVE>) {
    if (!(await this.topics.remove(slug))) throw new NotFoundError(`There is no topic "${slug}".`);
    return { status: 'deleted', slug };
  }

}
