// SPDX-License-Identifier: GPL-3.0-or-later
#include "connection.h"

#include "damagecheck.h"
#include "damagemark.h"

#include <storage/lockprobe.h>

#include <QCoreApplication>
#include <QDeadlineTimer>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QRandomGenerator>
#include <QScopeGuard>
#include <QSqlError>
#include <QSqlRecord>
#include <QThread>
#include <QUrl>
#include <QUuid>

#include <algorithm>
#include <optional>

#ifdef Q_OS_UNIX
#include <cerrno>
#include <fcntl.h>
#include <unistd.h>
#endif

namespace hb::storage {

namespace {

enum SqliteCode {
    SqliteBusy = 5,
    SqliteLocked = 6,
    SqliteReadOnly = 8,
    SqliteIoErr = 10,
    SqliteCorrupt = 11,
    SqliteFull = 13,
    SqliteCantOpen = 14,
    SqliteProtocol = 15,
    SqliteConstraint = 19,
    SqliteAuth = 23,
    SqliteNotADb = 26,
};

/// @p value as it is bound: QtSql binds a null QString as SQL NULL, and text columns mean "empty" by it (NULL is
/// bound as QVariant()).
QVariant bindable(const QVariant &value)
{
    if (value.typeId() == QMetaType::QString && value.toString().isNull())
        return QStringLiteral("");
    return value;
}

// Qt's own busy handler only covers statements; our loop does the waiting, so keep SQLite's short.
constexpr int s_sqliteBusyTimeoutMs = 100;
constexpr int s_firstBackOffMs = 25;
constexpr int s_maxBackOffMs = 2000;
// A reader only waits for a commit to end, and commits are short: it looks again soon, or a stream of colleagues'
// saves could keep it waiting between them.
constexpr int s_maxReadBackOffMs = 200;

QString tr(const char *text)
{
    return QCoreApplication::translate("hb::storage::Connection", text);
}

#ifdef Q_OS_UNIX
bool isRefusal(int error)
{
    return error == EROFS || error == EACCES || error == EPERM;
}
#endif

// SQLite reports a save whose journal cannot be opened for writing as an I/O error (it opens the journal read-only
// instead, and its first write to it fails) or as "cannot open"; a file system remounted read-only under an open
// board fails its writes with an I/O error too. Whether the share now refuses writes or went away is in the files.
bool refusesWrites(const QString &boardPath)
{
    const QFileInfo board(boardPath);
    if (!board.exists())
        return false; // gone, not read-only
#ifdef Q_OS_UNIX
    // The journal may be opened and closed at will: SQLite holds no lock on it. The board file may not (closing any
    // descriptor of it drops the process's locks on it), so it is only asked about.
    const QByteArray journal = QFile::encodeName(board.absoluteFilePath() + QStringLiteral("-journal"));
    if (const int fd = ::open(journal.constData(), O_WRONLY | O_CLOEXEC); fd >= 0)
        ::close(fd);
    else if (errno != ENOENT)
        return isRefusal(errno);
    for (const QString &path : {board.absoluteFilePath(), board.absolutePath()}) {
        if (::access(QFile::encodeName(path).constData(), W_OK) != 0)
            return isRefusal(errno);
    }
    return false;
#else
    return !board.isWritable() || !QFileInfo(board.absolutePath()).isWritable();
#endif
}

} // namespace

int sqlitePrimaryCode(const QSqlError &error)
{
    bool ok = false;
    const int code = error.nativeErrorCode().toInt(&ok);
    return ok ? (code & 0xff) : -1;
}

Connection::Connection()
    : m_name(QStringLiteral("helpboard-") + QUuid::createUuid().toString(QUuid::WithoutBraces))
{ }

Connection::~Connection()
{
    close();
}

Status Connection::open(const QString &path, Mode mode)
{
    close();
    m_path = path;
    m_damaged = false;
    std::optional<Error> failed;
    {
        // Out of scope before close(): a handle still held makes removing the connection warn on stderr.
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), m_name);
        // A URI with mode=rw (or ro) never creates a file by accident: BoardStore::create claims the file itself.
        const QString modeName = mode == Mode::ReadOnly ? QStringLiteral("ro") : QStringLiteral("rw");
        QUrl url = QUrl::fromLocalFile(QFileInfo(path).absoluteFilePath());
        url.setQuery(QStringLiteral("mode=") + modeName);
        db.setDatabaseName(QString::fromUtf8(url.toEncoded()));
        db.setConnectOptions(QStringLiteral("QSQLITE_OPEN_URI;QSQLITE_BUSY_TIMEOUT=%1").arg(s_sqliteBusyTimeoutMs));
        if (!db.open())
            failed = mapError(db.lastError(), tr("Cannot open the board file"));
    }
    if (failed) {
        close();
        return *failed;
    }
    if (auto status = applyPragmas(); !status) {
        close();
        return status;
    }
    return {};
}

Status Connection::openInMemory()
{
    close();
    m_path.clear();
    m_damaged = false;
    std::optional<Error> failed;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), m_name);
        db.setDatabaseName(QStringLiteral(":memory:"));
        if (!db.open())
            failed = mapError(db.lastError(), tr("Cannot open an in-memory database"));
    }
    if (failed) {
        close();
        return *failed;
    }
    return applyPragmas();
}

Status Connection::reopen(Mode mode)
{
    Connection fresh;
    if (auto opened = fresh.open(m_path, mode); !opened)
        return opened;
    close();
    std::swap(m_name, fresh.m_name); // fresh goes with the closed name; damage found stays known
    return {};
}

Status Connection::applyPragmas()
{
    for (const char16_t *pragma : {u"PRAGMA foreign_keys = ON", u"PRAGMA synchronous = FULL"}) {
        if (auto result = run(QString::fromUtf16(pragma)); !result)
            return result.error();
    }
    return {};
}

void Connection::close()
{
    if (QSqlDatabase::contains(m_name)) {
        {
            QSqlDatabase db = QSqlDatabase::database(m_name, false);
            db.close();
        }
        QSqlDatabase::removeDatabase(m_name);
    }
}

bool Connection::isOpen() const
{
    return QSqlDatabase::contains(m_name) && QSqlDatabase::database(m_name, false).isOpen();
}

QSqlDatabase Connection::database() const
{
    return QSqlDatabase::database(m_name, false);
}

Result<QSqlQuery> Connection::exec(const QString &sql, Bindings bindings)
{
    QElapsedTimer clock;
    clock.start();
    for (int attempt = 0;; ++attempt) {
        QSqlQuery query(database());
        query.setForwardOnly(true);
        // Preparing reads the schema, so it too can find a colleague committing: busy then is waited for as well.
        const bool prepared = query.prepare(sql);
        if (prepared) {
            for (const auto &[name, value] : bindings)
                query.bindValue(name, bindable(value));
            if (query.exec())
                return query;
        }
        const Error error = mapError(query.lastError());
        // Outside write(), busy means a colleague is committing: readers wait for it like writers do.
        if (error.kind != ErrorKind::Busy || m_inWrite || clock.elapsed() >= m_busyTimeoutMs
            || (m_giveUp && m_giveUp()))
            return error;
        backOff(attempt, s_maxReadBackOffMs);
    }
}

Connection::Prepared::Prepared(const Connection &connection, QSqlQuery query)
    : m_connection(&connection)
    , m_query(std::move(query))
{ }

Result<qint64> Connection::Prepared::run(std::initializer_list<QVariant> values)
{
    int position = 0;
    for (const QVariant &value : values)
        m_query.bindValue(position++, bindable(value));
    if (!m_query.exec())
        return m_connection->mapError(m_query.lastError());
    return m_query.lastInsertId().toLongLong();
}

Result<Connection::Prepared> Connection::prepare(const QString &sql)
{
    Q_ASSERT(m_inWrite);
    QSqlQuery query(database());
    query.setForwardOnly(true);
    if (!query.prepare(sql))
        return mapError(query.lastError());
    return Prepared(*this, std::move(query));
}

Status Connection::forEach(const QString &sql, Bindings bindings, const std::function<void(const QSqlQuery &)> &row)
{
    auto query = exec(sql, bindings);
    if (!query)
        return query.error();
    while (query->next())
        row(*query);
    // next() returns false on errors too: a share that drops mid-read must not look like the end of the rows.
    if (query->lastError().isValid())
        return mapError(query->lastError());
    query.value().finish();
    return {};
}

Result<std::optional<QSqlRecord>> Connection::one(const QString &sql, Bindings bindings)
{
    auto query = exec(sql, bindings);
    if (!query)
        return query.error();
    std::optional<QSqlRecord> record;
    if (query->next())
        record = query->record();
    if (query->lastError().isValid())
        return mapError(query->lastError());
    query.value().finish();
    return record;
}

Result<int> Connection::run(const QString &sql, Bindings bindings)
{
    auto query = exec(sql, bindings);
    if (!query)
        return query.error();
    const int rows = query->numRowsAffected();
    query.value().finish();
    return rows;
}

Result<qint64> Connection::insert(const QString &sql, Bindings bindings)
{
    auto query = exec(sql, bindings);
    if (!query)
        return query.error();
    const qint64 id = query->lastInsertId().toLongLong();
    query.value().finish();
    return id;
}

Result<QVariant> Connection::scalar(const QString &sql, Bindings bindings, const QVariant &fallback)
{
    auto record = one(sql, bindings);
    if (!record)
        return record.error();
    if (!record->has_value())
        return fallback;
    return record->value().value(0);
}

void Connection::backOff(int attempt, int maxMs)
{
    if (m_waitObserver)
        m_waitObserver();
    const int ceiling = std::min(maxMs, s_firstBackOffMs << std::min(attempt, 7));
    const int sleep = s_firstBackOffMs / 2 + int(QRandomGenerator::global()->bounded(ceiling));
    QThread::msleep(std::min(sleep, maxMs));
}

Status Connection::write(const std::function<Status()> &body)
{
    // Inside another write (BoardStore::inOneTransaction): a part of that transaction, which commits or rolls back.
    // In a savepoint of its own, so that a change that fails part-way leaves nothing of itself behind, even when the
    // outer body goes on.
    if (m_inWrite) {
        if (auto begun = run(QStringLiteral("SAVEPOINT nested_write")); !begun)
            return begun.error();
        const Status status = body();
        if (!status)
            endTransaction(QStringLiteral("ROLLBACK TO nested_write"));
        endTransaction(QStringLiteral("RELEASE nested_write"));
        return status;
    }
    m_lastRetries = 0;
    m_ambiguousCommit = false;
    if (m_damaged) {
        return Error{
                ErrorKind::Corrupt,
                tr("%1 was found damaged; HelpBoard will not write to it again").arg(QFileInfo(m_path).fileName())};
    }
    // The one place every write begins: a board another process found damaged is not written either.
    if (!m_path.isEmpty() && DamageMark::exists(m_path)) {
        const auto mark = DamageMark::read(m_path);
        return Error{ErrorKind::Corrupt,
                     tr("%1 was found damaged and HelpBoard will not write to it: %2")
                             .arg(QFileInfo(m_path).fileName(), mark ? mark->describe() : QString())};
    }
    QElapsedTimer clock;
    clock.start();
    auto retryAllowed = [&](const Error &error) {
        return error.kind == ErrorKind::Busy && clock.elapsed() < m_busyTimeoutMs && !(m_giveUp && m_giveUp());
    };
    // After an I/O error or a full disk SQLite has often rolled back already: this one may fail, unheard.
    auto rollback = [&] { endTransaction(QStringLiteral("ROLLBACK")); };
    // While inside write(), statements report busy at once: this loop decides, since it must roll back first.
    m_inWrite = true;
    const auto leave = qScopeGuard([this] { m_inWrite = false; });

    for (int attempt = 0;; ++attempt) {
        if (attempt > 0) {
            ++m_lastRetries;
            backOff(attempt, s_maxBackOffMs);
        }
        if (auto begun = run(QStringLiteral("BEGIN IMMEDIATE")); !begun) {
            if (retryAllowed(begun.error()))
                continue;
            return begun.error();
        }
        if (auto status = body(); !status) {
            rollback();
            if (retryAllowed(status.error()))
                continue;
            return status;
        }
        // COMMIT can be busy while readers finish; the transaction stays open, so try COMMIT again.
        for (int commitAttempt = 0;; ++commitAttempt) {
            // The share found not to pass locks while this transaction ran (by this process's watch or a
            // colleague's): another desktop may be writing at the same time, so this one must not land.
            if (const QString locks = m_path.isEmpty() ? QString() : LockProbe::refusal(m_path); !locks.isEmpty()) {
                rollback();
                return Error{ErrorKind::ReadOnly, tr("the board is read-only: %1").arg(locks)};
            }
            auto committed = run(QStringLiteral("COMMIT"));
            if (committed)
                return {};
            const Error error = committed.error();
            if (retryAllowed(error)) {
                ++m_lastRetries;
                backOff(commitAttempt, s_maxBackOffMs);
                continue;
            }
            // Only an I/O error leaves the outcome unknown; "disk full" and the like are certain failures.
            const bool unknownOutcome = m_lastErrorCode == SqliteIoErr;
            rollback();
            m_ambiguousCommit = unknownOutcome;
            return error;
        }
    }
}

Status Connection::readTransaction(const std::function<Status()> &reads)
{
    // Inside a write, the reads see that transaction's snapshot (and what it wrote so far).
    if (m_inWrite)
        return reads();
    if (auto begun = run(QStringLiteral("BEGIN")); !begun)
        return begun.error();
    const Status status = reads();
    // Ending a read transaction only releases the shared lock; nothing can be lost here. What failed is the read.
    endTransaction(status ? QStringLiteral("COMMIT") : QStringLiteral("ROLLBACK"));
    return status;
}

void Connection::endTransaction(const QString &statement)
{
    // The failure being reported is the one before: "no transaction is active" must not take its place.
    const int failure = m_lastErrorCode;
    if (!run(statement))
        m_lastErrorCode = failure;
}

FailureCause Connection::lastFailureCause() const
{
    switch (m_lastErrorCode) {
    case 0:
        return FailureCause::None;
    case SqliteBusy:
        return FailureCause::Busy;
    case SqliteReadOnly:
        return FailureCause::ReadOnly;
    case SqliteCantOpen:
        return FailureCause::Gone;
    case SqliteIoErr:
        return FailureCause::Io;
    case SqliteFull:
        return FailureCause::Full;
    case SqliteCorrupt:
    case SqliteNotADb:
        return FailureCause::Damaged;
    case SqliteConstraint:
        return FailureCause::None; // the data refused, not the file
    default:
        // A table locked on this very connection (6), a locking protocol error (15), an authorizer's refusal (23)
        // and the rest: waiting or opening the file again would not help.
        return FailureCause::Other;
    }
}

Error Connection::mapError(const QSqlError &error, const QString &context) const
{
    Error mapped = describeError(error, context);
    mapped.cause = lastFailureCause();
    return mapped;
}

Error Connection::describeError(const QSqlError &error, const QString &context) const
{
    const int code = sqlitePrimaryCode(error);
    m_lastErrorCode = code;
    const QString detail = error.databaseText().isEmpty() ? error.text() : error.databaseText();
    const QString prefix = context.isEmpty() ? QString() : context + QStringLiteral(": ");
    const QString file = QFileInfo(m_path).fileName();
    // A read that fails once (a flaky share; SQLite may report a failed read as corruption) is not damage, and
    // advice to restore a backup would lose work: only what a second look confirms is damage.
    const bool suspect = code == SqliteCorrupt || (code == SqliteIoErr && !m_inWrite);
    if (suspect && m_confirmsDamage && !m_path.isEmpty()) {
        const DamageCheck check = confirmDamage(m_path);
        if (check.verdict == DamageCheck::Verdict::Damaged) {
            m_damaged = true;
            m_lastErrorCode = SqliteCorrupt;
            const QString reason = tr("%1 is damaged (%2)").arg(file, check.detail);
            (void)DamageMark::write(m_path, DamageMark::make(m_path, reason, m_actor));
            return {ErrorKind::Corrupt, prefix + reason + tr("; restore it from a backup")};
        }
        m_lastErrorCode = SqliteIoErr;
        return {ErrorKind::Io,
                prefix + tr("could not read the file %1 (%2); nothing was changed, try again").arg(file, detail)};
    }
    if (code == SqliteCorrupt)
        m_damaged = true;
    const bool refused = (code == SqliteIoErr || code == SqliteCantOpen) && m_inWrite && refusesWrites(m_path);
    switch (refused ? SqliteReadOnly : code) {
    case SqliteBusy:
    case SqliteLocked:
        return {ErrorKind::Busy, prefix + tr("another user is saving to %1; try again in a moment").arg(file)};
    case SqliteReadOnly:
    case SqliteAuth:
        return {ErrorKind::ReadOnly, prefix + tr("%1 cannot be written (read-only file, folder or share)").arg(file)};
    case SqliteCorrupt:
        return {ErrorKind::Corrupt, prefix + tr("%1 is damaged (%2); restore it from a backup").arg(file, detail)};
    case SqliteNotADb:
        return {ErrorKind::NotABoard, prefix + tr("%1 is not a HelpBoard board file").arg(file)};
    case SqliteFull:
        return {ErrorKind::Io, prefix + tr("the disk or share holding %1 is full").arg(file)};
    case SqliteCantOpen:
        return {ErrorKind::Io, prefix + tr("cannot open %1 (%2)").arg(m_path, detail)};
    case SqliteIoErr:
    case SqliteProtocol:
        return {ErrorKind::Io, prefix + tr("the file system failed while using %1 (%2)").arg(file, detail)};
    case SqliteConstraint:
        return {ErrorKind::Invalid, prefix + detail};
    default:
        return {ErrorKind::Io, prefix + tr("unexpected database error in %1 (%2)").arg(file, detail)};
    }
}

} // namespace hb::storage
