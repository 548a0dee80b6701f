package io.tidewater.store.embedded;

import io.tidewater.store.KeyValue;
import io.tidewater.store.StoreException;
import io.tidewater.store.WatchEvent;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sqlite.SQLiteConfig;

/**
 * The revision log in SQLite, in WAL mode: one append-only row per revision (as kine stores etcd's
 * data), indexed by (key, revision) for history reads. Keys are stored as UTF-8 BLOBs so that
 * SQLite orders them by bytes, as etcd does.
 *
 * <p>Writes go through one connection, reads of history through another: in WAL mode a reader
 * never blocks the writer. Each write is its own transaction, committed before the store
 * acknowledges it. With {@code synchronous=NORMAL} a committed write survives the process being
 * killed (it is in the WAL, in the OS's cache) but not a power loss; {@code FULL} syncs the WAL on
 * every commit and survives both, at the price of one fsync per write.
 *
 * <p>Compaction keeps, for every key, the version visible just below the compaction revision plus
 * everything from it on: so every event from the compaction revision on still has its previous
 * value, and deleted keys leave nothing behind.
 */
final class SqliteRevisionLog implements RevisionLog {
  private static final Logger log = LoggerFactory.getLogger(SqliteRevisionLog.class);
  static final String DATABASE_FILE = "store.db";
  static final String LOCK_FILE = "LOCK";
  private static final int SCHEMA_VERSION = 1;
  private static final int BUSY_TIMEOUT_MILLIS = 10_000;
  /** Revisions per compaction DELETE, so that writers interleave with a long compaction. */
  private static final int COMPACTION_CHUNK = 10_000;
  private static final String COMPACT_REVISION = "compact_revision";

  private final Path dir;
  private final FileChannel lockChannel;
  private final FileLock fileLock;
  private final ReentrantLock writeLock = new ReentrantLock();
  private final ReentrantLock readLock = new ReentrantLock();
  private final Connection writeConnection;
  private final Connection readConnection;
  private final PreparedStatement insert;
  private volatile boolean closed;

  private SqliteRevisionLog(Path dir, FileChannel lockChannel, FileLock fileLock, Connection writer, Connection reader)
      throws SQLException {
    this.dir = dir;
    this.lockChannel = lockChannel;
    this.fileLock = fileLock;
    this.writeConnection = writer;
    this.readConnection = reader;
    this.insert =
        writeConnection.prepareStatement(
            "INSERT INTO kv (revision, key, create_revision, prev_revision, version, deleted, value)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?)");
  }

  /** Opens (creating if needed) the log in {@code dir}, which no other store may have open. */
  static SqliteRevisionLog open(Path dir, EmbeddedStoreOptions.Sync sync) {
    FileChannel lockChannel = null;
    Connection writer = null;
    Connection reader = null;
    try {
      Files.createDirectories(dir);
      lockChannel = FileChannel.open(dir.resolve(LOCK_FILE), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
      FileLock fileLock = tryLock(lockChannel);
      if (fileLock == null) {
        throw new StoreException("data directory " + dir + " is in use by another store");
      }
      String url = "jdbc:sqlite:" + dir.resolve(DATABASE_FILE).toAbsolutePath();
      writer = connect(url, sync);
      createSchema(writer);
      reader = connect(url, sync);
      return new SqliteRevisionLog(dir, lockChannel, fileLock, writer, reader);
    } catch (IOException | SQLException e) {
      closeQuietly(reader);
      closeQuietly(writer);
      closeQuietly(lockChannel);
      throw new StoreException("cannot open the store in " + dir + ": " + e.getMessage(), e);
    } catch (RuntimeException e) {
      closeQuietly(reader);
      closeQuietly(writer);
      closeQuietly(lockChannel);
      throw e;
    }
  }

  private static FileLock tryLock(FileChannel channel) throws IOException {
    try {
      return channel.tryLock();
    } catch (OverlappingFileLockException e) {
      return null; // held by another store in this JVM
    }
  }

  private static Connection connect(String url, EmbeddedStoreOptions.Sync sync) throws SQLException {
    SQLiteConfig config = new SQLiteConfig();
    config.setJournalMode(SQLiteConfig.JournalMode.WAL);
    config.setSynchronous(
        sync == EmbeddedStoreOptions.Sync.FULL ? SQLiteConfig.SynchronousMode.FULL : SQLiteConfig.SynchronousMode.NORMAL);
    config.setBusyTimeout(BUSY_TIMEOUT_MILLIS);
    return config.createConnection(url);
  }

  private static void createSchema(Connection c) throws SQLException {
    try (Statement s = c.createStatement()) {
      s.executeUpdate(
          """
          CREATE TABLE IF NOT EXISTS kv (
            revision INTEGER PRIMARY KEY,
            key BLOB NOT NULL,
            create_revision INTEGER NOT NULL,
            prev_revision INTEGER NOT NULL,
            version INTEGER NOT NULL,
            deleted INTEGER NOT NULL,
            value BLOB
          )""");
      s.executeUpdate("CREATE INDEX IF NOT EXISTS kv_key_revision ON kv (key, revision)");
      s.executeUpdate("CREATE TABLE IF NOT EXISTS meta (name TEXT PRIMARY KEY, value INTEGER NOT NULL)");
      try (ResultSet rs = s.executeQuery("PRAGMA user_version")) {
        int version = rs.next() ? rs.getInt(1) : 0;
        if (version == 0) {
          s.executeUpdate("PRAGMA user_version = " + SCHEMA_VERSION);
        } else if (version != SCHEMA_VERSION) {
          throw new SQLException("unsupported schema version " + version + "; expected " + SCHEMA_VERSION);
        }
      }
    }
  }

  // ---- recovery ----

  /** The compaction revision recorded, or 0. */
  long compactRevision() {
    return query(
        "SELECT value FROM meta WHERE name = '" + COMPACT_REVISION + "'", ps -> {}, rs -> rs.next() ? rs.getLong(1) : 0L);
  }

  /** The newest revision written, or 0 if none. */
  long lastRevision() {
    return query("SELECT MAX(revision) FROM kv", ps -> {}, rs -> rs.next() ? rs.getLong(1) : 0L);
  }

  /** Feeds every key's live value as of just below {@code revision}, in no particular order. */
  void forEachLiveBefore(long revision, Consumer<KeyValue> sink) {
    query(
        """
        SELECT kv.key, kv.revision, kv.create_revision, kv.version, kv.value FROM kv
        JOIN (SELECT MAX(revision) AS revision FROM kv WHERE revision < ? GROUP BY key) latest
          ON kv.revision = latest.revision
        WHERE kv.deleted = 0""",
        ps -> ps.setLong(1, revision),
        rs -> {
          while (rs.next()) {
            sink.accept(new KeyValue(text(rs.getBytes(1)), rs.getBytes(5), rs.getLong(3), rs.getLong(2), rs.getLong(4)));
          }
          return null;
        });
  }

  /** Feeds every row from {@code revision} on, in revision order. */
  void forEachFrom(long revision, Consumer<LogRow> sink) {
    query(
        "SELECT revision, key, create_revision, prev_revision, version, deleted, value FROM kv"
            + " WHERE revision >= ? ORDER BY revision",
        ps -> ps.setLong(1, revision),
        rs -> {
          while (rs.next()) {
            sink.accept(
                new LogRow(
                    rs.getLong(1),
                    text(rs.getBytes(2)),
                    rs.getLong(3),
                    rs.getLong(4),
                    rs.getLong(5),
                    rs.getInt(6) != 0,
                    rs.getBytes(7)));
          }
          return null;
        });
  }

  // ---- RevisionLog ----

  @Override
  public boolean keepsHistory() {
    return true;
  }

  @Override
  public void append(LogRow row) {
    writeLock.lock();
    try {
      insert.setLong(1, row.revision());
      insert.setBytes(2, bytes(row.key()));
      insert.setLong(3, row.createRevision());
      insert.setLong(4, row.prevRevision());
      insert.setLong(5, row.version());
      insert.setInt(6, row.deleted() ? 1 : 0);
      insert.setBytes(7, row.value());
      insert.executeUpdate();
    } catch (SQLException e) {
      throw new StoreException("cannot write revision " + row.revision() + " to " + dir + ": " + e.getMessage(), e);
    } finally {
      writeLock.unlock();
    }
  }

  @Override
  public Optional<KeyValue> get(String key, long revision) {
    return query(
        "SELECT revision, create_revision, version, deleted, value FROM kv"
            + " WHERE key = ? AND revision <= ? ORDER BY revision DESC LIMIT 1",
        ps -> {
          ps.setBytes(1, bytes(key));
          ps.setLong(2, revision);
        },
        rs -> {
          if (!rs.next() || rs.getInt(4) != 0) {
            return Optional.empty();
          }
          return Optional.of(new KeyValue(key, rs.getBytes(5), rs.getLong(2), rs.getLong(1), rs.getLong(3)));
        });
  }

  @Override
  public long range(String prefix, String from, int limit, long revision, List<KeyValue> out) {
    return query(
        """
        SELECT kv.key, kv.revision, kv.create_revision, kv.version, kv.value FROM kv
        JOIN (SELECT MAX(revision) AS revision FROM kv
              WHERE key >= ? AND key < ? AND revision <= ? GROUP BY key) latest
          ON kv.revision = latest.revision
        WHERE kv.deleted = 0
        ORDER BY kv.key""",
        ps -> {
          ps.setBytes(1, bytes(from));
          ps.setBytes(2, prefixEnd(prefix));
          ps.setLong(3, revision);
        },
        rs -> {
          long remaining = 0;
          while (rs.next()) {
            if (limit == 0 || out.size() < limit) {
              out.add(new KeyValue(text(rs.getBytes(1)), rs.getBytes(5), rs.getLong(3), rs.getLong(2), rs.getLong(4)));
            } else {
              remaining++;
            }
          }
          return remaining;
        });
  }

  @Override
  public List<WatchEvent> events(String prefix, long from, long to) {
    return query(
        """
        SELECT e.revision, e.key, e.create_revision, e.version, e.deleted, e.value,
               p.revision, p.create_revision, p.version, p.value
        FROM kv e LEFT JOIN kv p ON p.revision = e.prev_revision
        WHERE e.revision >= ? AND e.revision <= ? AND e.key >= ? AND e.key < ?
        ORDER BY e.revision""",
        ps -> {
          ps.setLong(1, from);
          ps.setLong(2, to);
          ps.setBytes(3, bytes(prefix));
          ps.setBytes(4, prefixEnd(prefix));
        },
        rs -> {
          List<WatchEvent> events = new ArrayList<>();
          while (rs.next()) {
            String key = text(rs.getBytes(2));
            long revision = rs.getLong(1);
            rs.getLong(7);
            KeyValue prev =
                rs.wasNull() ? null : new KeyValue(key, rs.getBytes(10), rs.getLong(8), rs.getLong(7), rs.getLong(9));
            if (rs.getInt(5) != 0) {
              events.add(new WatchEvent(WatchEvent.Type.DELETE, new KeyValue(key, null, 0, revision, 0), prev));
            } else {
              KeyValue kv = new KeyValue(key, rs.getBytes(6), rs.getLong(3), revision, rs.getLong(4));
              events.add(new WatchEvent(WatchEvent.Type.PUT, kv, prev));
            }
          }
          return events;
        });
  }

  @Override
  public void recordCompaction(long revision) {
    writeLock.lock();
    try (PreparedStatement ps =
        writeConnection.prepareStatement(
            "INSERT INTO meta (name, value) VALUES ('" + COMPACT_REVISION + "', ?)"
                + " ON CONFLICT (name) DO UPDATE SET value = excluded.value")) {
      ps.setLong(1, revision);
      ps.executeUpdate();
    } catch (SQLException e) {
      throw new StoreException("cannot record compaction to revision " + revision + ": " + e.getMessage(), e);
    } finally {
      writeLock.unlock();
    }
  }

  @Override
  public void deleteCompacted(long revision) {
    long oldest = query("SELECT MIN(revision) FROM kv", ps -> {}, rs -> rs.next() ? rs.getLong(1) : 0L);
    long deleted = 0;
    for (long low = Math.max(oldest, 1); low < revision && !closed; low += COMPACTION_CHUNK) {
      long high = Math.min(low + COMPACTION_CHUNK, revision);
      writeLock.lock();
      try (PreparedStatement ps =
          writeConnection.prepareStatement(
              """
              DELETE FROM kv WHERE revision >= ? AND revision < ? AND (deleted = 1 OR EXISTS (
                SELECT 1 FROM kv AS newer
                WHERE newer.key = kv.key AND newer.revision > kv.revision AND newer.revision < ?))""")) {
        ps.setLong(1, low);
        ps.setLong(2, high);
        ps.setLong(3, revision);
        deleted += ps.executeUpdate();
      } catch (SQLException e) {
        throw new StoreException("cannot compact " + dir + " to revision " + revision + ": " + e.getMessage(), e);
      } finally {
        writeLock.unlock();
      }
    }
    log.debug("deleted compacted rows dir={} revision={} rows={}", dir, revision, deleted);
  }

  @Override
  public void close() {
    writeLock.lock();
    readLock.lock();
    try {
      closed = true;
      closeQuietly(insert);
      closeQuietly(readConnection);
      closeQuietly(writeConnection);
      try {
        fileLock.release();
      } catch (IOException e) {
        log.warn("cannot release the data directory lock dir={}", dir, e);
      }
      closeQuietly(lockChannel);
    } finally {
      readLock.unlock();
      writeLock.unlock();
    }
  }

  // ---- helpers ----

  private interface Binder {
    void bind(PreparedStatement ps) throws SQLException;
  }

  private interface Reader<T> {
    T read(ResultSet rs) throws SQLException;
  }

  private <T> T query(String sql, Binder binder, Reader<T> resultReader) {
    readLock.lock();
    try (PreparedStatement ps = readConnection.prepareStatement(sql)) {
      binder.bind(ps);
      try (ResultSet rs = ps.executeQuery()) {
        return resultReader.read(rs);
      }
    } catch (SQLException e) {
      throw new StoreException("cannot read history from " + dir + ": " + e.getMessage(), e);
    } finally {
      readLock.unlock();
    }
  }

  static byte[] bytes(String key) {
    return key.getBytes(StandardCharsets.UTF_8);
  }

  private static String text(byte[] key) {
    return new String(key, StandardCharsets.UTF_8);
  }

  /**
   * The smallest byte string above every key starting with {@code prefix}. UTF-8 never contains
   * 0xFF, so incrementing the last byte cannot overflow, and 0xFF bounds every key.
   */
  static byte[] prefixEnd(String prefix) {
    byte[] b = bytes(prefix);
    if (b.length == 0) {
      return new byte[] {(byte) 0xFF};
    }
    b[b.length - 1]++;
    return b;
  }

  private static void closeQuietly(AutoCloseable c) {
    if (c == null) {
      return;
    }
    try {
      c.close();
    } catch (Exception e) {
      log.debug("ignoring failure to close {}", c, e);
    }
  }
}
