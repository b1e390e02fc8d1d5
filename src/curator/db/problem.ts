// A database error as what an operator can act on: "the disk is full", "read-only", "locked by
// another program", "nothing is listening there" — with the engine's own code kept for searching.
const WORDS: Record<string, string> = {
  SQLITE_FULL: 'the disk (or the database file) is full',
  SQLITE_READONLY: 'the database file is read-only',
  SQLITE_READONLY_DIRECTORY: 'the folder is read-only',
  SQLITE_CANTOPEN: 'the database file cannot be opened (does the folder exist, and may the bot write to it?)',
  SQLITE_BUSY: 'the database is locked by another program',
  SQLITE_LOCKED: 'the database is locked by another program',
  SQLITE_CORRUPT: 'the database file is damaged',
  SQLITE_NOTADB: 'that file is not a SQLite database',
  SQLITE_IOERR: 'the disk could not be read or written',
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  EROFS: 'the file system is read-only',
  ENOSPC: 'the disk is full',
  ENOTDIR: 'part of the path is a file, not a folder',
  EISDIR: 'the path is a folder',
  ECONNREFUSED: 'nothing is listening there (is PostgreSQL running?)',
  ENOTFOUND: 'no such host',
  EAI_AGAIN: 'the host name could not be looked up',
  ETIMEDOUT: 'the connection timed out',
  ECONNRESET: 'the connection was cut',
  '28P01': 'the user name or password was refused',
  '28000': 'the server refused this user',
  '3D000': 'no such database',
  '57P01': 'the server was shut down',
  '53100': 'the server\u2019s disk is full',
};

export function problemOf(err: unknown): string {
  const e = err as { code?: unknown; message?: unknown };
  const code = typeof e?.code === 'string' ? e.code : '';
  const base = code.replace(/^(SQLITE_[A-Z]+?)_.*$/, '$1');
  const words = WORDS[code] ?? WORDS[base];
  const message = typeof e?.message === 'string' ? e.message : String(err);
  if (words) return `${words} (${code})`;
  if (/timeout/i.test(message)) return 'the database did not answer in time';
  if (/Connection terminated/i.test(message)) return 'the connection was cut';
  return message.split('\n', 1)[0]!.slice(0, 200);
}
