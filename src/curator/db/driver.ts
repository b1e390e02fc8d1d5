// One small interface over the two engines, so the store's SQL is written once: statements use
// `?` placeholders (the PostgreSQL driver numbers them), and only SQL both engines accept.
export interface Statement {
  sql: string;
  params?: readonly unknown[];
}

export interface Driver {
  readonly engine: 'sqlite' | 'postgres';
  /** Where the data is, for messages: a file, or host:port/database (never a password). */
  readonly where: string;
  /**
   * Bumped each time the driver had to open its database afresh (SQLite: the file was deleted or
   * replaced while running), so the store knows to run its migrations again.
   */
  readonly generation: number;
  /** Makes sure the database is open (SQLite: the same file is still there); may bump `generation`. */
  ensureOpen(): Promise<void>;
  query<T = Record<string, unknown>>(sql: string, params?: readonly unknown[]): Promise<T[]>;
  /** All in one transaction, in order. */
  transaction(statements: readonly Statement[]): Promise<void>;
  close(): Promise<void>;
}
