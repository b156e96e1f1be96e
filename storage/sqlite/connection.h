// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <storage/result.h>

#include <QSqlDatabase>
#include <QSqlQuery>
#include <QSqlRecord>
#include <QVariant>

#include <functional>
#include <initializer_list>
#include <optional>
#include <utility>

class QSqlError;

namespace hb::storage {

using Bindings = std::initializer_list<std::pair<QString, QVariant>>;

/**
 * One named QSqlDatabase connection to a board file, owned by one thread.
 *
 * It sets the pragmas every connection needs (TRUNCATE journal, synchronous=FULL, foreign_keys=ON), maps SQLite
 * errors to ErrorKind, and runs writes as short BEGIN IMMEDIATE transactions that wait out other writers with
 * jittered back-off. Queries handed out are forward-only; callers read them to the end so no read lock lingers.
 */
class Connection final
{
public:
    enum class Mode { ReadWrite, ReadOnly };

    Connection();
    ~Connection();
    Q_DISABLE_COPY_MOVE(Connection)

    Status open(const QString &path, Mode mode);
    /// A private in-memory database (the reference schema is made in one); never a board file.
    Status openInMemory();
    /// Opens the same file again on a new connection and, only once that worked, closes this one for it.
    Status reopen(Mode mode);
    void close();
    bool isOpen() const;
    QString path() const { return m_path; }

    /// Total time a write waits for other writers before giving up with ErrorKind::Busy.
    void setBusyTimeout(int milliseconds) { m_busyTimeoutMs = milliseconds; }
    int busyTimeout() const { return m_busyTimeoutMs; }
    /// Called each time a statement or write waits for someone else's lock, before it sleeps.
    void setWaitObserver(std::function<void()> observer) { m_waitObserver = std::move(observer); }
    /// Asked each time before waiting again for someone else's lock: true stops waiting (reported as Busy).
    void setGiveUp(std::function<bool()> giveUp) { m_giveUp = std::move(giveUp); }
    /// How many times the last write waited for another writer (for reports and benchmarks).
    int lastWriteRetries() const { return m_lastRetries; }

    /// Prepares and runs one statement with bound values; outside a write it waits out colleagues' commits.
    /// Read the result to its end (or use forEach()) so no read lock outlives the call.
    Result<QSqlQuery> exec(const QString &sql, Bindings bindings = {});
    /// Runs a statement that returns at most one row we care about; the query is finished before returning.
    Result<std::optional<QSqlRecord>> one(const QString &sql, Bindings bindings = {});
    /// Runs a query and hands each row to @p row, reading to the end; a failure part-way is an error, not the end.
    Status forEach(const QString &sql, Bindings bindings, const std::function<void(const QSqlQuery &)> &row);
    /// All rows of a query, each turned into a T by @p readRow.
    template<typename T, typename ReadRow>
    Result<QList<T>> list(const QString &sql, Bindings bindings, ReadRow readRow)
    {
        QList<T> rows;
        if (auto read = forEach(sql, bindings, [&](const QSqlQuery &query) { rows << readRow(query); }); !read)
            return read.error();
        return rows;
    }
    /// The only row of a lookup by key, turned into a T; std::nullopt when there is none.
    template<typename T, typename ReadRow>
    Result<std::optional<T>> row(const QString &sql, Bindings bindings, ReadRow readRow)
    {
        auto rows = list<T>(sql, bindings, readRow);
        if (!rows)
            return rows.error();
        return rows->isEmpty() ? std::nullopt : std::optional<T>(rows->constFirst());
    }
    /// A statement prepared once and run for many rows inside one write (BoardStore::importCards).
    class Prepared
    {
    public:
        /// Runs the statement with @p values bound to its ? placeholders in order; returns the new row's id.
        Result<qint64> run(std::initializer_list<QVariant> values);

    private:
        friend class Connection;
        Prepared(const Connection &connection, QSqlQuery query);
        const Connection *m_connection;
        QSqlQuery m_query;
    };
    /// @p sql prepared for Prepared::run(); only inside write().
    Result<Prepared> prepare(const QString &sql);
    /// Runs a statement for its effect; returns the number of rows touched.
    Result<int> run(const QString &sql, Bindings bindings = {});
    /// Runs an INSERT; returns the new row's id.
    Result<qint64> insert(const QString &sql, Bindings bindings = {});
    /// The first column of the first row, or @p fallback when there is no row.
    Result<QVariant> scalar(const QString &sql, Bindings bindings = {}, const QVariant &fallback = {});

    /**
     * Runs @p body inside BEGIN IMMEDIATE ... COMMIT. Busy at BEGIN or inside the body rolls back and retries with
     * back-off (25 ms doubling to 2 s, jittered) until busyTimeout(); an error from the body rolls back and is
     * returned. An I/O error at COMMIT is reported as ErrorKind::Io with ambiguousCommit() true.
     * Called inside @p body (or inside another write), a write runs as a part of the one already open.
     */
    Status write(const std::function<Status()> &body);
    /// Runs @p reads inside BEGIN ... COMMIT (a deferred, read-only transaction): one consistent snapshot. Inside a
    /// write, in that write's transaction.
    Status readTransaction(const std::function<Status()> &reads);
    bool ambiguousCommit() const { return m_ambiguousCommit; }
    /// What failed underneath at the last error (from SQLite's primary result code); None before any.
    FailureCause lastFailureCause() const;
    void forgetLastFailure() { m_lastErrorCode = 0; }
    /// Corruption was confirmed on this connection (see confirmDamage()): every later write is refused.
    bool isDamaged() const { return m_damaged; }
    /**
     * Whether a read that fails with corruption or an I/O error is looked at again, with integrity_check on a
     * second connection, before it is called damage (and the board marked, see DamageMark). On by default.
     */
    void setConfirmsDamage(bool confirms) { m_confirmsDamage = confirms; }
    /// Who is named in a damage mark this connection writes.
    void setActor(const QString &login) { m_actor = login; }

    /// The error kind, a readable message and the cause for a failed statement.
    Error mapError(const QSqlError &error, const QString &context = {}) const;

    QSqlDatabase database() const;

private:
    Status applyPragmas();
    /// mapError() without the cause.
    Error describeError(const QSqlError &error, const QString &context) const;
    /// Runs COMMIT or ROLLBACK to end a transaction; a failure of it keeps lastFailureCause() as it was.
    void endTransaction(const QString &statement);
    /// Sleeps before retry @p attempt: from 25 ms, doubling up to @p maxMs, jittered so that waiters spread out.
    void backOff(int attempt, int maxMs);

    QString m_name;
    QString m_path;
    int m_busyTimeoutMs = 30000;
    std::function<void()> m_waitObserver;
    std::function<bool()> m_giveUp;
    int m_lastRetries = 0;
    bool m_ambiguousCommit = false;
    bool m_inWrite = false;
    mutable bool m_damaged = false;
    bool m_confirmsDamage = true;
    QString m_actor;
    mutable int m_lastErrorCode = 0;
};

/// SQLite's primary result code for an error (the low byte of its extended code), or -1.
int sqlitePrimaryCode(const QSqlError &error);

} // namespace hb::storage
