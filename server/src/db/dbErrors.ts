/**
 * Recognises constraint violations of both databases, so that the database (not a
 * check-then-insert) decides uniqueness and the API can still answer with a clear 409.
 */
function codeOf(err: unknown): unknown {
  return typeof err === 'object' && err !== null && 'code' in err ? err.code : undefined;
}

export function isUniqueViolation(err: unknown): boolean {
  const code = codeOf(err);
  // 23505: PostgreSQL unique_violation; SQLite reports unique and primary-key conflicts separately.
  return code === '23505' || code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY';
}

export function isForeignKeyViolation(err: unknown): boolean {
  const code = codeOf(err);
  return code === '23503' || code === 'SQLITE_CONSTRAINT_FOREIGNKEY';
}
