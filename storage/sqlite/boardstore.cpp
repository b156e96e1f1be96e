// SPDX-License-Identifier: GPL-3.0-or-later
#include <storage/boardstore.h>

#include "boardstore_p.h"
#include "connection.h"
#include "damagemark.h"
#include "keptfile.h"
#include "schema.h"

#include <storage/lockprobe.h>

#include <storage/eventkinds.h>
#include <storage/rank.h>

#include <QCoreApplication>
#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSysInfo>
#include <QThread>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QScopeGuard>
#include <QSqlRecord>
#include <QtEndian>

#include <cerrno>

#ifdef Q_OS_UNIX
#include <pwd.h>
#include <unistd.h>
#endif

namespace hb::storage {

using namespace detail;

namespace {

constexpr qint64 s_healthCheckIntervalMs = 24LL * 3600 * 1000;
constexpr int s_sqliteHeaderSize = 100;

// Reads the 100-byte SQLite header without SQLite, so nothing can write to a file we do not recognize.
Status inspectHeader(const QString &path, bool *walMode)
{
    // A colleague's commit rewrites the header and grows the file one after the other, and this read takes no lock:
    // a header that promises more pages than the file has is damage only if it stays so while nobody writes.
    constexpr int s_attempts = 10;
    constexpr int s_pauseMs = 100;
    for (int attempt = 0;; ++attempt) {
        // Through the process's kept descriptor: closing one of our own would drop the locks of this process's
        // open connections to the file (keptfile.h).
        const qint64 sizeBefore = keptfile::size(path);
        QByteArray header(s_sqliteHeaderSize, Qt::Uninitialized);
        const qint64 got = sizeBefore < 0 ? -1 : keptfile::read(path, header.data(), header.size(), 0);
        if (got < 0)
            return Error{ErrorKind::Io, tr("cannot read %1: %2").arg(path, qt_error_string(errno))};
        header.truncate(got);
        // The size after the header: a commit between the two reads made both bigger.
        const qint64 fileSize = std::max(sizeBefore, keptfile::size(path));
        if (fileSize == 0)
            return Error{ErrorKind::NotABoard, tr("%1 is an empty file, not a HelpBoard board").arg(path)};
        if (header.size() < s_sqliteHeaderSize || !header.startsWith(QByteArrayLiteral("SQLite format 3\0"))) {
            return Error{
                    ErrorKind::NotABoard,
                    tr("%1 is not a HelpBoard board (it is not an SQLite database); nothing was changed").arg(path)};
        }
        const auto *bytes = reinterpret_cast<const uchar *>(header.constData());
        *walMode = bytes[18] == 2 || bytes[19] == 2;
        qint64 pageSize = qFromBigEndian<quint16>(bytes + 16);
        if (pageSize == 1)
            pageSize = 65536;
        const quint32 pageCount = qFromBigEndian<quint32>(bytes + 28);
        const quint32 changeCounter = qFromBigEndian<quint32>(bytes + 24);
        const quint32 versionValidFor = qFromBigEndian<quint32>(bytes + 92);
        // The in-header page count is authoritative when it is stamped with the current change counter.
        if (pageCount == 0 || changeCounter != versionValidFor || pageSize * pageCount <= fileSize)
            return {};
        // A journal with content: a save under way, or one cut off by a crash, which SQLite rolls back on opening.
        if (QFileInfo(path + QStringLiteral("-journal")).size() > 0)
            return {};
        if (attempt + 1 >= s_attempts) {
            return Error{ErrorKind::Corrupt, tr("%1 is damaged: it is cut short (%2 of %3 bytes); restore it from a "
                                                "backup. The file was not changed.")
                                                     .arg(path)
                                                     .arg(fileSize)
                                                     .arg(pageSize * pageCount)};
        }
        QThread::msleep(s_pauseMs);
    }
}

} // namespace

BoardStore::BoardStore()
    : m_db(std::make_unique<Connection>())
    , m_clientId(QSysInfo::machineHostName() + QLatin1Char('/') + QString::number(QCoreApplication::applicationPid()))
    , m_clock([] { return QDateTime::currentMSecsSinceEpoch(); })
{ }

BoardStore::~BoardStore() = default;

QString BoardStore::systemLogin()
{
    for (const char *variable : {"HELPBOARD_LOGIN", "USER", "USERNAME", "LOGNAME"}) {
        const QString value = normalizedLogin(qEnvironmentVariable(variable));
        if (!value.isEmpty())
            return value;
    }
#ifdef Q_OS_UNIX
    if (const passwd *entry = getpwuid(getuid()); entry && entry->pw_name)
        return normalizedLogin(QString::fromLocal8Bit(entry->pw_name));
#endif
    return QStringLiteral("unknown");
}

QString BoardStore::path() const
{
    return m_db->path();
}

int BoardStore::lastWriteRetries() const
{
    return m_db->lastWriteRetries();
}

void BoardStore::setWaitObserver(std::function<void()> observer)
{
    m_db->setWaitObserver(std::move(observer));
}

void BoardStore::setGiveUp(std::function<bool()> giveUp)
{
    m_db->setGiveUp(std::move(giveUp));
}

void BoardStore::setBusyTimeout(int milliseconds)
{
    m_db->setBusyTimeout(milliseconds);
}

Status BoardStore::reconnect()
{
    if (auto opened = m_db->reopen(isReadOnly() ? Connection::Mode::ReadOnly : Connection::Mode::ReadWrite); !opened)
        return opened;
    // A new connection starts in DELETE mode (DESIGN.md: TRUNCATE on a share).
    if (!isReadOnly()) {
        if (auto journal = m_db->scalar(QStringLiteral("PRAGMA journal_mode = TRUNCATE")); !journal)
            return journal.error();
    }
    return {};
}

StoreOptions BoardStore::options() const
{
    StoreOptions options = m_options;
    options.login = m_login;
    return options;
}

Result<std::unique_ptr<BoardStore>> BoardStore::create(const QString &path, const QString &boardName,
                                                       const StoreOptions &options)
{
    std::unique_ptr<BoardStore> store(new BoardStore);
    if (auto status = store->openFile(path, true, boardName, options); !status)
        return status.error();
    return store;
}

Result<std::unique_ptr<BoardStore>> BoardStore::open(const QString &path, const StoreOptions &options)
{
    std::unique_ptr<BoardStore> store(new BoardStore);
    if (auto status = store->openFile(path, false, {}, options); !status)
        return status.error();
    store->m_db->setBusyTimeout(options.busyTimeoutMs); // opening's own wait is over
    return store;
}

Status BoardStore::openFile(const QString &path, bool creating, const QString &boardName, const StoreOptions &options)
{
    const QFileInfo info(path);
    const QString filePath = info.absoluteFilePath();
    m_login = normalizedLogin(options.login.isEmpty() ? systemLogin() : options.login);
    if (auto valid = checkLogin(m_login, options.login.isEmpty() ? m_login : options.login); !valid)
        return valid;
    m_db->setBusyTimeout(options.openBusyTimeoutMs >= 0 ? options.openBusyTimeoutMs : options.busyTimeoutMs);
    m_db->setActor(m_login);
    m_options = options;
    m_options.openBusyTimeoutMs = -1;

    if (!info.absoluteDir().exists())
        return Error{ErrorKind::NotFound, tr("the folder %1 does not exist").arg(info.absolutePath())};

    if (creating) {
        const QString name = boardName.trimmed();
        if (name.isEmpty() || name.size() > s_maxTitleLength)
            return Error{ErrorKind::Invalid, tr("a board needs a name of 1 to %1 characters").arg(s_maxTitleLength)};
        // Claim the path exclusively first: two people creating the same board at once must not both succeed,
        // and a failure below may then remove only the file this call made.
        QFile claim(filePath);
        if (!claim.open(QIODevice::WriteOnly | QIODevice::NewOnly)) {
            if (claim.exists())
                return Error{ErrorKind::Invalid,
                             tr("%1 already exists; HelpBoard will not overwrite it").arg(filePath)};
            return Error{ErrorKind::Io, tr("cannot create %1: %2").arg(filePath, claim.errorString())};
        }
        claim.close();
        if (auto opened = m_db->open(filePath, Connection::Mode::ReadWrite); !opened) {
            QFile::remove(filePath);
            return opened;
        }
        auto journal = m_db->scalar(QStringLiteral("PRAGMA journal_mode = TRUNCATE"));
        Status created = journal ? schema::create(*m_db, name, m_login, now()) : Status(journal.error());
        if (!created) {
            m_db->close();
            QFile::remove(filePath);
            return created;
        }
        m_role = Role::Admin;
        // A new board starts with the three columns every help desk uses; admins rename or add to them.
        const std::pair<QString, ColumnKind> defaults[] = {
                {tr("To-do"), ColumnKind::Todo}, {tr("Doing"), ColumnKind::Doing}, {tr("Done"), ColumnKind::Done}};
        for (const auto &[columnName, kind] : defaults) {
            if (auto added = addColumn(columnName, kind); !added) {
                // Never a board without its columns left behind: the next try starts from scratch.
                m_db->close();
                QFile::remove(filePath);
                QFile::remove(filePath + QStringLiteral("-journal"));
                return added.error();
            }
        }
        return {};
    }

    if (!info.exists())
        return Error{ErrorKind::NotFound, tr("there is no board file at %1").arg(filePath)};
    // A journal with content is a save under way or one cut off (rolled back on opening): look at the file then.
    m_checkAtOpen = QFileInfo(filePath + QStringLiteral("-journal")).size() > 0;
    bool walMode = false;
    if (auto header = inspectHeader(filePath, &walMode); !header) {
        if (header.error().kind == ErrorKind::Corrupt)
            (void)DamageMark::write(filePath, DamageMark::make(filePath, header.error().message, m_login));
        return header;
    }

    const bool fileWritable = info.isWritable();
    const bool folderWritable = QFileInfo(info.absolutePath()).isWritable();
    if (walMode) {
        m_readOnlyReason = tr("%1 was switched to WAL journal mode by another program, which is unsafe on a shared "
                              "drive; HelpBoard opens it read-only")
                                   .arg(filePath);
    } else if (!fileWritable) {
        m_readOnlyReason = tr("you do not have permission to change %1").arg(filePath);
    } else if (!folderWritable) {
        m_readOnlyReason = tr("you cannot write to the folder %1, which HelpBoard needs for saving safely")
                                   .arg(info.absolutePath());
    } else if (options.readOnly) {
        m_readOnlyReason = tr("%1 was opened for reading only").arg(filePath);
    }
    if (auto opened = m_db->open(filePath, isReadOnly() ? Connection::Mode::ReadOnly : Connection::Mode::ReadWrite);
        !opened) {
        return opened;
    }
    auto version = schema::detectVersion(*m_db);
    if (!version)
        return version.error();
    // Found damaged before, by any process: never written to, and looked at again now.
    if (const auto mark = DamageMark::read(filePath)) {
        m_damageReason = mark->describe();
        m_checkAtOpen = true;
    }

    if (!isReadOnly()) {
        auto journal = m_db->scalar(QStringLiteral("PRAGMA journal_mode = TRUNCATE"));
        if (!journal)
            return journal.error();
        if (journal->toString().compare(u"truncate", Qt::CaseInsensitive) != 0) {
            m_readOnlyReason = tr("SQLite kept %1 in “%2” journal mode instead of TRUNCATE; HelpBoard opens it "
                                  "read-only to keep it safe")
                                       .arg(filePath, journal->toString());
        }
    }
    // The health check reads before anything is written, so a damaged file is recognized before our first write.
    auto checked = checkHealth(options);
    if (!checked)
        return checked.error();
    if (!isReadOnly()) {
        if (auto probed = probeWrite(options); !probed)
            return probed;
    }

    if (*version < schema::s_currentVersion) {
        if (isReadOnly()) {
            return Error{ErrorKind::ReadOnly, tr("%1 uses an older board format and must be upgraded, but it cannot "
                                                 "be written: %2")
                                                      .arg(filePath, m_readOnlyReason)};
        }
        // The upgrade writes (a backup, then the file): only where the process may write, the share's locks proven.
        if (auto writable = requireWritable(); !writable) {
            return Error{writable.error().kind, tr("%1 uses an older board format and must be upgraded, but HelpBoard "
                                                   "will not write to it: %2")
                                                        .arg(filePath, writable.error().message)};
        }
        const QString backup = filePath + QStringLiteral(".v%1-backup").arg(*version);
        if (auto migrated =
                    schema::migrate(*m_db, *version, schema::s_currentVersion, schema::migrationSteps(), backup);
            !migrated) {
            return migrated;
        }
    }
    if (*version == schema::s_currentVersion || !isReadOnly()) {
        if (auto sound = checkSchema(options); !sound)
            return sound;
    }
    // Through requireWritable, as every write: a share found not to pass locks (or not yet proven to, when the
    // process asks for proof) gets no stamp either.
    if (*checked && requireWritable()) {
        // Only a note for the next opener: a colleague saving now must not hold this open up (it looks again).
        constexpr int s_stampWaitMs = 1000;
        const int busyTimeout = m_db->busyTimeout();
        m_db->setBusyTimeout(std::min(busyTimeout, s_stampWaitMs));
        auto stamped = m_db->write([&]() -> Status {
            auto done = m_db->run(QStringLiteral("UPDATE meta SET value = :now WHERE key = 'last_check_at'"),
                                  {{QStringLiteral(":now"), QString::number(now())}});
            return done ? Status() : Status(done.error());
        });
        m_db->setBusyTimeout(busyTimeout);
        if (!stamped && stamped.error().kind != ErrorKind::Busy)
            return stamped;
    }
    return resolveRole();
}

Result<bool> BoardStore::checkHealth(const StoreOptions &options)
{
    auto lastCheck = setting(QStringLiteral("last_check_at"));
    if (!lastCheck)
        return markDamaged(lastCheck.error(), options);
    if (now() - lastCheck->toLongLong() < s_healthCheckIntervalMs && !m_checkAtOpen && !endedUncleanly())
        return false;
    auto problems = m_db->list<QString>(QStringLiteral("PRAGMA quick_check"), {},
                                        [](const QSqlQuery &query) { return query.value(0).toString(); });
    if (problems && *problems == QStringList{QStringLiteral("ok")})
        return true;
    constexpr int s_maxDetail = 300;
    if (!problems && problems.error().kind == ErrorKind::Corrupt)
        return markDamaged(problems.error(), options); // already says what and where
    QString why = problems ? problems->mid(0, 3).join(QStringLiteral("; ")) : problems.error().message;
    if (why.size() > s_maxDetail)
        why = why.left(s_maxDetail - 1) + QChar(0x2026);
    return markDamaged(Error{ErrorKind::Corrupt, tr("%1 is damaged (%2); restore it from a backup").arg(path(), why)},
                       options);
}

Result<bool> BoardStore::markDamaged(const Error &error, const StoreOptions &options)
{
    if (error.kind != ErrorKind::Corrupt)
        return error;
    const QString markedBefore = m_damageReason; // by whoever found it first, named in their mark
    noteDamage(error.message);
    if (!options.allowCorruptReadOnly && !markedBefore.isEmpty())
        return Error{ErrorKind::Corrupt, tr("%1 was found damaged: %2").arg(path(), markedBefore)};
    if (!options.allowCorruptReadOnly)
        return error;
    m_damageReason = error.message;
    return false;
}

Status BoardStore::probeWrite(const StoreOptions &options)
{
    // BEGIN IMMEDIATE alone succeeds on read-only files; only a real (rolled back) write tells.
    // Someone else saving right now shows the file is writable; don't make a reader wait for them.
    constexpr int s_probeWaitMs = 1000;
    const int busyTimeout = m_db->busyTimeout();
    m_db->setBusyTimeout(std::min(busyTimeout, s_probeWaitMs));
    const QString probeTag = QStringLiteral("write-probe");
    auto probe = m_db->write([&]() -> Status {
        auto written = m_db->run(QStringLiteral("INSERT OR REPLACE INTO meta (key, value) VALUES ('probe', '')"));
        if (!written)
            return written.error();
        return Error{ErrorKind::Invalid, probeTag};
    });
    m_db->setBusyTimeout(busyTimeout);
    // A full disk is not a read-only board: the save itself says "the disk is full" (exit 7), and works once there
    // is room again.
    if (probe.error().message == probeTag || probe.error().kind == ErrorKind::Busy
        || m_db->lastFailureCause() == FailureCause::Full)
        return {};
    if (probe.error().kind == ErrorKind::ReadOnly || probe.error().kind == ErrorKind::Io) {
        m_readOnlyReason = probe.error().message;
        return {};
    }
    if (auto damaged = markDamaged(probe.error(), options); !damaged)
        return damaged.error();
    return {};
}

Status BoardStore::resolveRole()
{
    // The login's role as the file says now: a member's role; viewer once removed (only an admin brings them back);
    // for a login the board has never seen, the board's default role, joining with their first change.
    auto record = m_db->one(QStringLiteral("SELECT role, deleted_at IS NOT NULL FROM members WHERE login = :login"),
                            {{QStringLiteral(":login"), m_login}});
    if (!record)
        return record.error();
    m_joinPending = !record->has_value();
    if (!m_joinPending) {
        const bool removed = record->value().value(1).toBool();
        m_role = removed ? Role::Viewer : roleFromString(record->value().value(0).toString()).value_or(Role::Viewer);
        return {};
    }
    auto defaultRole = setting(QStringLiteral("default_role"));
    if (!defaultRole)
        return defaultRole.error();
    m_role = *defaultRole == u"viewer" ? Role::Viewer : Role::Editor;
    return {};
}

Status BoardStore::joinIfPending()
{
    if (!m_joinPending)
        return {};
    // A login joins with its first change, in that change's transaction; reading the board writes nothing.
    auto joined = m_db->run(QStringLiteral("INSERT INTO members (login, role, added_at, added_by) "
                                           "VALUES (:login, :role, :now, :login) "
                                           "ON CONFLICT (login) DO NOTHING"),
                            {{QStringLiteral(":login"), m_login},
                             {QStringLiteral(":role"), toText(m_role)},
                             {QStringLiteral(":now"), now()}});
    if (!joined)
        return joined.error();
    if (*joined == 0)
        return {};
    return appendEvent(eventkind::MemberJoined, 0,
                       {{QStringLiteral("login"), m_login}, {QStringLiteral("role"), toText(m_role)}});
}

Status BoardStore::inOneTransaction(const std::function<Status()> &body)
{
    if (auto writable = requireWritable(); !writable)
        return writable;
    const bool joinPending = m_joinPending;
    const int commits = m_commits;
    // Pages changed in a transaction stay in SQLite's cache until it is full, then are written out early (after a
    // sync of the journal each time). A bigger cache for a big transaction keeps most of them for the one commit.
    const auto cacheSize = m_db->scalar(QStringLiteral("PRAGMA cache_size"));
    (void)m_db->run(QStringLiteral("PRAGMA cache_size = -262144")); // 256 MiB at most
    const auto keepCache = qScopeGuard([this, before = cacheSize ? cacheSize->toLongLong() : -2000] {
        (void)m_db->run(QStringLiteral("PRAGMA cache_size = %1").arg(before));
    });
    // A body that found the file busy runs again from the start: it counts only what that run did.
    Status status = m_db->write([&] {
        m_joinPending = joinPending;
        m_commits = commits;
        return body();
    });
    if (!status) {
        // What the changes inside counted as done was rolled back with them, unless the commit's outcome is unknown.
        m_joinPending = joinPending;
        m_commits = commits;
        if (m_db->ambiguousCommit())
            ++m_unknownOutcomes;
        (void)resolveRole();
    }
    return status;
}

Status BoardStore::setLogin(const QString &login)
{
    const QString normalized = normalizedLogin(login);
    if (auto valid = checkLogin(normalized, login); !valid)
        return valid;
    m_login = normalized;
    m_db->setActor(m_login);
    return resolveRole();
}

bool BoardStore::isReadOnly() const
{
    return !m_readOnlyReason.isEmpty() || isDamaged() || !LockProbe::refusal(path()).isEmpty();
}

QString BoardStore::readOnlyReason() const
{
    if (!m_damageReason.isEmpty())
        return m_damageReason;
    // The share found not to pass locks, or an old copy read: for every store of this file in the process.
    if (const QString locks = LockProbe::refusal(path()); m_readOnlyReason.isEmpty() && !locks.isEmpty())
        return locks;
    if (m_readOnlyReason.isEmpty() && m_db->isDamaged())
        return tr("%1 was found damaged; restore it from a backup").arg(path());
    return m_readOnlyReason;
}

Status BoardStore::requireWritable() const
{
    if (isDamaged())
        return Error{ErrorKind::Corrupt, tr("the board is damaged and is not written to: %1").arg(readOnlyReason())};
    if (isReadOnly())
        return Error{ErrorKind::ReadOnly, tr("the board is read-only: %1").arg(readOnlyReason())};
    // The process's proof that the share passes locks, if it asks for one before writing (the CLI does).
    // Still being proven (Busy, from a thread that must not wait for it): tried again later, not read-only.
    if (auto gate = LockProbe::passWriteGate(path(), m_login); !gate) {
        if (gate.error().kind == ErrorKind::Busy)
            return gate;
        return Error{ErrorKind::ReadOnly, tr("the board is read-only: %1").arg(gate.error().message)};
    }
    return {};
}

Status BoardStore::requireRole(Role minimum) const
{
    if (m_role >= minimum)
        return {};
    if (m_role == Role::Viewer)
        return Error{ErrorKind::Forbidden, tr("%1 is a viewer on this board and cannot change it").arg(m_login)};
    return Error{ErrorKind::Forbidden, tr("only a board admin can do that (%1 is an editor)").arg(m_login)};
}

bool BoardStore::isOperationApplied(const QUuid &opId)
{
    auto found = m_db->scalar(QStringLiteral("SELECT count(*) FROM operations WHERE op_id = :op"),
                              {{QStringLiteral(":op"), opId.toString(QUuid::WithoutBraces)}}, 0);
    return found && found->toInt() > 0;
}

Status BoardStore::change(Role minimum, const QString &kind, const std::function<Status()> &body, qint64 *result)
{
    m_currentOpId = (m_nextOpId.isNull() ? QUuid::createUuid() : m_nextOpId).toString(QUuid::WithoutBraces);
    m_nextOpId = QUuid();
    if (auto writable = requireWritable(); !writable)
        return writable;
    // Refuse without taking the write lock, but only on a fresh look: an admin may have changed the role since.
    if (!requireRole(minimum)) {
        if (auto role = resolveRole(); !role)
            return role;
        if (auto allowed = requireRole(minimum); !allowed)
            return allowed;
    }

    constexpr int s_ambiguousRetries = 3;
    for (int attempt = 0;; ++attempt) {
        Status status = m_db->write([&]() -> Status {
            auto existing = m_db->one(QStringLiteral("SELECT result, kind FROM operations WHERE op_id = :op"),
                                      {{QStringLiteral(":op"), m_currentOpId}});
            if (!existing)
                return existing.error();
            if (existing->has_value()) {
                // Already applied (a retried call, or a commit whose success we could not see): report, don't redo.
                if (existing->value().value(1).toString() != kind) {
                    return Error{ErrorKind::Invalid,
                                 tr("operation id %1 was already used for a different change (%2)")
                                         .arg(m_currentOpId, existing->value().value(1).toString())};
                }
                if (result)
                    *result = existing->value().value(0).toLongLong();
                return {};
            }
            // Roles can change while the board is open: decide on what the file says now, in this transaction.
            if (auto role = resolveRole(); !role)
                return role;
            if (auto allowed = requireRole(minimum); !allowed)
                return allowed;
            if (auto joined = joinIfPending(); !joined)
                return joined;
            if (auto done = body(); !done)
                return done;
            auto recorded = m_db->run(QStringLiteral("INSERT INTO operations (op_id, client, actor, at, kind, result) "
                                                     "VALUES (:op, :client, :actor, :at, :kind, :result)"),
                                      {{QStringLiteral(":op"), m_currentOpId},
                                       {QStringLiteral(":client"), m_clientId},
                                       {QStringLiteral(":actor"), m_login},
                                       {QStringLiteral(":at"), now()},
                                       {QStringLiteral(":kind"), kind},
                                       {QStringLiteral(":result"), result ? QVariant(*result) : QVariant()}});
            return recorded ? Status() : Status(recorded.error());
        });
        if (status) {
            m_joinPending = false;
            ++m_commits;
            return {};
        }
        if (status.error().kind == ErrorKind::Corrupt && m_damageReason.isEmpty())
            m_damageReason = status.error().message;
        if (!m_db->ambiguousCommit() || attempt >= s_ambiguousRetries)
            return status;
        // The COMMIT failed with an I/O error: it may or may not have landed. Look for our operation, first on this
        // connection (it rolls a journal left behind back in TRUNCATE mode); only if that fails too, reopen: a new
        // connection starts in DELETE mode and would delete that journal, which some shares refuse.
        const auto lookUp = [this] {
            return m_db->one(QStringLiteral("SELECT result FROM operations WHERE op_id = :op"),
                             {{QStringLiteral(":op"), m_currentOpId}});
        };
        auto applied = lookUp();
        if (!applied) {
            if (auto reopened = m_db->open(m_db->path(), Connection::Mode::ReadWrite); !reopened) {
                ++m_unknownOutcomes; // the file went before we could look
                return status;
            }
            (void)m_db->run(QStringLiteral("PRAGMA journal_mode = TRUNCATE"));
            applied = lookUp();
            if (!applied) {
                ++m_unknownOutcomes;
                return status;
            }
        }
        if (applied && applied->has_value()) {
            if (result)
                *result = applied->value().value(0).toLongLong();
            ++m_commits;
            return {};
        }
    }
}

Status BoardStore::writeAgainIfUnsure(const std::function<Status()> &body)
{
    Status status = m_db->write(body);
    if (!status && m_db->ambiguousCommit())
        status = m_db->write(body); // on the same connection, which rolls back what is left of the first
    return status;
}

FailureCause BoardStore::lastFailureCause() const
{
    return m_db->lastFailureCause();
}

void BoardStore::forgetLastFailure()
{
    m_db->forgetLastFailure();
}

Status BoardStore::appendEvent(QStringView kind, qint64 cardId, const QJsonObject &payload)
{
    auto appended = m_db->run(
            QStringLiteral("INSERT INTO events (op_id, at, actor, card_id, kind, payload) "
                           "VALUES (:op, :at, :actor, :card, :kind, :payload)"),
            {{QStringLiteral(":op"), m_currentOpId},
             {QStringLiteral(":at"), now()},
             {QStringLiteral(":actor"), m_login},
             {QStringLiteral(":card"), cardId > 0 ? QVariant(cardId) : QVariant()},
             {QStringLiteral(":kind"), kind.toString()},
             {QStringLiteral(":payload"), QString::fromUtf8(QJsonDocument(payload).toJson(QJsonDocument::Compact))}});
    return appended ? Status() : Status(appended.error());
}

} // namespace hb::storage
