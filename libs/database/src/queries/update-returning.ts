import type { EntityManager } from 'typeorm';

/**
 * Runs an UPDATE … RETURNING and gives back the returned rows. TypeORM's
 * postgres driver answers UPDATE with [rows, affectedCount] rather than rows,
 * which makes `.length` silently wrong (always 2).
 */
export async function updateReturning<T>(manager: EntityManager, sql: string, parameters: unknown[]): Promise<T[]> {
  const result: unknown = await manager.query(sql, parameters);
  if (Array.isArray(result) && result.length === 2 && Array.isArray(result[0]) && typeof result[1] === 'number') return result[0] as T[];
  return result as T[];
}
