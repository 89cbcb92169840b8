import { Body, Controller, Delete, Get, HttpCode, Param, Post, Put, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { z } from 'zod';
import { Topic } from '@app/database';
import { parseQuery, QuerySyntaxError } from '@app/matching';
import { ConflictError, NotFoundError, ZodBodyPipe } from '@app/platform';
import { AdminGuard } from './admin-auth.js';

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
  });

const topicFields = {
  name: z.string({ message: 'is required' }).trim().min(2, { message: 'must be 2 to 120 characters' }).max(120, { message: 'must be 2 to 120 characters' }),
  description: z.string().trim().max(500, { message: 'must be at most 500 characters' }),
  query,
};
const createSchema = z
  .object({ slug: z.string({ message: 'is required' }).regex(/^[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?$/, { message: 'must be lower-case letters, digits and dashes, like "reward-modeling"' }), ...topicFields, description: topicFields.description.default('') })
  .strict();
const updateSchema = z.object(topicFields).partial().strict();

const view = (t: Topic) => ({ slug: t.slug, name: t.name, description: t.description, query: t.query, updatedAt: t.updatedAt.toISOString() });

/** The topic catalog, editable by operators. A query is checked by the real parser before it is stored. */
@ApiTags('admin')
@ApiBearerAuth('admin')
@UseGuards(AdminGuard)
@Controller('api/admin/topics')
export class AdminTopicsController {
  constructor(@InjectRepository(Topic) private readonly topics: Repository<Topic>) {}

  @Get()
  @ApiOperation({ summary: 'The catalog with each topic query' })
  async list() {
    return (await this.topics.find({ order: { name: 'ASC' } })).map(view);
  }

  @Post()
  @ApiOperation({ summary: 'Add a topic' })
  async create(@Body(new ZodBodyPipe(createSchema)) input: z.infer<typeof createSchema>) {
    if (await this.topics.existsBy({ slug: input.slug })) throw new ConflictError('is already used by another topic', 'slug');
    return view(await this.topics.save(this.topics.create(input)));
  }

  @Put(':slug')
  @ApiOperation({ summary: 'Change a topic’s name, description or query' })
  async update(@Param('slug') slug: string, @Body(new ZodBodyPipe(updateSchema)) input: z.infer<typeof updateSchema>) {
    const topic = await this.topics.findOneBy({ slug });
    if (!topic) throw new NotFoundError(`There is no topic "${slug}".`);
    return view(await this.topics.save(Object.assign(topic, input)));
  }

  @Delete(':slug')
  @HttpCode(200)
  @ApiOperation({ summary: 'Remove a topic (subscribers keep their other interests)' })
  async remove(@Param('slug') slug: string) {
    const result = await this.topics.delete({ slug });
    if (!result.affected) throw new NotFoundError(`There is no topic "${slug}".`);
    return { status: 'deleted', slug };
  }

}
