// Opens a better-sqlite3 connection with the settings every connection to the orders file needs (main thread and order writer).
import Sqlite from 'better-sqlite3';

export function openSqliteConnection(file: string): Sqlite.Database {
  const sqlite = new Sqlite(file);
  // WAL lets readers run beside the writer; synchronous=FULL makes every commit reach the disk
  // before we answer 201 ("a 201 means the order is durably stored"). Both hold per connection
  // except journal_mode, which the file keeps: every connection sets all of them.
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = FULL');
  // Two connections write (this process's main thread and its order writer): one waits for the other's commit.
  sqlite.pragma('busy_timeout = 5000');
  sqlite.pragma('foreign_keys = ON');
  return sqlite;
}
