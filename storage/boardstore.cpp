// SPDX-License-Identifier: GPL-3.0-or-later
#include "boardstore.h"

#include "connection.h"
#include "rank.h"
#include "schema.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSysInfo>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QSqlRecord>
#include <QtEndian>

#ifdef Q_OS_UNIX
#include <pwd.h>
#include <unistd.h>
#endif

namespace hb::storage {

namespace {

constexpr qint64 s_healthCheckIntervalMs = 24LL * 3600 * 1000;
constexpr int s_sqliteHeaderSize = 100;
constexpr int s_maxLoginLength = 64;

QString tr(const char *text)
{
    return QCoreApplication::translate("hb::storage::BoardStore", text);
}

QString normalizedLogin(const QString &login)
{
    return login.trimmed().toLower();
}

// Logins are compared lower-case; one rule for joining, --as, and the members an admin adds.
Status checkLogin(const QString &normalized, const QString &asGiven)
{
    static const QRegularExpression s_space(QStringLiteral("\\s"));
    if (normalized.isEmpty() || normalized.size() > s_maxLoginLength || normalized.contains(s_space)) {
        return Error{
                ErrorKind::Invalid,
                tr("“%1” is not a valid login (1 to %2 characters, no spaces)").arg(asGiven).arg(s_maxLoginLength)};
    }
    return {};
}

// Reads the 100-byte SQLite header without SQLite, so nothing can write to a file we do not recognize.
Status inspectHeader(const QString &path, bool *walMode)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return Error{ErrorKind::Io, tr("cannot read %1: %2").arg(path, file.errorString())};
    const qint64 fileSize = file.size();
    const QByteArray header = file.read(s_sqliteHeaderSize);
    if (fileSize == 0)
        return Error{ErrorKind::NotABoard, tr("%1 is an empty file, not a HelpBoard board").arg(path)};
    if (header.size() < s_sqliteHeaderSize || !header.startsWith(QByteArrayLiteral("SQLite format 3\0"))) {
        return Error{ErrorKind::NotABoard,
                     tr("%1 is not a HelpBoard board (it is not an SQLite database); nothing was changed").arg(path)};
    }
    const auto *bytes = reinterpret_cast<const uchar *>(header.constData());
    qint64 pageSize = qFromBigEndian<quint16>(bytes + 16);
    if (pageSize == 1)
        pageSize = 65536;
    const quint32 pageCount = qFromBigEndian<quint32>(bytes + 28);
    const quint32 changeCounter = qFromBigEndian<quint32>(bytes + 24);
    const quint32 versionValidFor = qFromBigEndian<quint32>(bytes + 92);
    // The in-header page count is authoritative when it is stamped with the current change counter.
    if (pageCount > 0 && changeCounter == versionValidFor && pageSize * pageCount > fileSize) {
        return Error{ErrorKind::Corrupt, tr("%1 is damaged: it is cut short (%2 of %3 bytes); restore it from a "
                                            "backup. The file was not changed.")
                                                 .arg(path)
                                                 .arg(fileSize)
                                                 .arg(pageSize * pageCount)};
    }
    *walMode = bytes[18] == 2 || bytes[19] == 2;
    return {};
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
    return store;
}

Status BoardStore::openFile(const QString &path, bool creating, const QString &boardName, const StoreOptions &options)
{
    const QFileInfo info(path);
    const QString filePath = info.absoluteFilePath();
    m_login = normalizedLogin(options.login.isEmpty() ? systemLogin() : options.login);
    if (auto valid = checkLogin(m_login, options.login.isEmpty() ? m_login : options.login); !valid)
        return valid;
    m_db->setBusyTimeout(options.busyTimeoutMs);

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
            if (auto added = addColumn(columnName, kind); !added)
                return added.error();
        }
        return {};
    }

    if (!info.exists())
        return Error{ErrorKind::NotFound, tr("there is no board file at %1").arg(filePath)};
    bool walMode = false;
    if (auto header = inspectHeader(filePath, &walMode); !header)
        return header;

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
    }
    if (auto opened = m_db->open(filePath, isReadOnly() ? Connection::Mode::ReadOnly : Connection::Mode::ReadWrite);
        !opened) {
        return opened;
    }
    auto version = schema::detectVersion(*m_db);
    if (!version)
        return version.error();

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
        const QString backup = filePath + QStringLiteral(".v%1-backup").arg(*version);
        if (auto migrated =
                    schema::migrate(*m_db, *version, schema::s_currentVersion, schema::migrationSteps(), backup);
            !migrated) {
            return migrated;
        }
    }
    if (*checked && !isReadOnly()) {
        auto stamped = m_db->write([&]() -> Status {
            auto done = m_db->run(QStringLiteral("UPDATE meta SET value = :now WHERE key = 'last_check_at'"),
                                  {{QStringLiteral(":now"), QString::number(now())}});
            return done ? Status() : Status(done.error());
        });
        if (!stamped)
            return stamped;
    }
    return resolveRole();
}

Result<bool> BoardStore::checkHealth(const StoreOptions &options)
{
    auto lastCheck = setting(QStringLiteral("last_check_at"));
    if (!lastCheck)
        return markDamaged(lastCheck.error(), options);
    if (now() - lastCheck->toLongLong() < s_healthCheckIntervalMs)
        return false;
    auto problems = m_db->list<QString>(QStringLiteral("PRAGMA quick_check"), {},
                                        [](const QSqlQuery &query) { return query.value(0).toString(); });
    if (problems && *problems == QStringList{QStringLiteral("ok")})
        return true;
    constexpr int s_maxDetail = 300;
    QString why = problems ? problems->mid(0, 3).join(QStringLiteral("; ")) : problems.error().message;
    if (why.size() > s_maxDetail)
        why = why.left(s_maxDetail - 1) + QChar(0x2026);
    return markDamaged(Error{ErrorKind::Corrupt, tr("%1 is damaged (%2); restore it from a backup").arg(path(), why)},
                       options);
}

Result<bool> BoardStore::markDamaged(const Error &error, const StoreOptions &options)
{
    if (error.kind != ErrorKind::Corrupt || !options.allowCorruptReadOnly)
        return error;
    m_readOnlyReason = error.message;
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
    if (probe.error().message == probeTag || probe.error().kind == ErrorKind::Busy)
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
    return appendEvent(QStringLiteral("member.joined"), 0,
                       {{QStringLiteral("login"), m_login}, {QStringLiteral("role"), toText(m_role)}});
}

void BoardStore::setDurableWrites(bool durable)
{
    (void)m_db->run(durable ? QStringLiteral("PRAGMA synchronous = FULL") : QStringLiteral("PRAGMA synchronous = OFF"));
}

Status BoardStore::setLogin(const QString &login)
{
    const QString normalized = normalizedLogin(login);
    if (auto valid = checkLogin(normalized, login); !valid)
        return valid;
    m_login = normalized;
    return resolveRole();
}

bool BoardStore::isReadOnly() const
{
    return !m_readOnlyReason.isEmpty() || m_db->isDamaged();
}

QString BoardStore::readOnlyReason() const
{
    if (m_readOnlyReason.isEmpty() && m_db->isDamaged())
        return tr("%1 was found damaged; restore it from a backup").arg(path());
    return m_readOnlyReason;
}

Status BoardStore::requireWritable() const
{
    if (isReadOnly())
        return Error{ErrorKind::ReadOnly, tr("the board is read-only: %1").arg(readOnlyReason())};
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
            return {};
        }
        if (status.error().kind == ErrorKind::Corrupt)
            m_readOnlyReason = status.error().message;
        if (!m_db->ambiguousCommit() || attempt >= s_ambiguousRetries)
            return status;
        // The COMMIT failed with an I/O error: it may or may not have landed. Reopen and look for our operation.
        const QString file = m_db->path();
        if (auto reopened = m_db->open(file, Connection::Mode::ReadWrite); !reopened)
            return status;
        (void)m_db->run(QStringLiteral("PRAGMA journal_mode = TRUNCATE"));
        auto applied = m_db->one(QStringLiteral("SELECT result FROM operations WHERE op_id = :op"),
                                 {{QStringLiteral(":op"), m_currentOpId}});
        if (applied && applied->has_value()) {
            if (result)
                *result = applied->value().value(0).toLongLong();
            return {};
        }
    }
}

Status BoardStore::appendEvent(const QString &kind, qint64 cardId, const QJsonObject &payload)
{
    auto appended = m_db->run(
            QStringLiteral("INSERT INTO events (op_id, at, actor, card_id, kind, payload) "
                           "VALUES (:op, :at, :actor, :card, :kind, :payload)"),
            {{QStringLiteral(":op"), m_currentOpId},
             {QStringLiteral(":at"), now()},
             {QStringLiteral(":actor"), m_login},
             {QStringLiteral(":card"), cardId > 0 ? QVariant(cardId) : QVariant()},
             {QStringLiteral(":kind"), kind},
             {QStringLiteral(":payload"), QString::fromUtf8(QJsonDocument(payload).toJson(QJsonDocument::Compact))}});
    return appended ? Status() : Status(appended.error());
}

// --- Board and settings ---------------------------------------------------------------------------------------

Result<QString> BoardStore::boardName()
{
    auto name = m_db->scalar(QStringLiteral("SELECT name FROM boards WHERE id = 1"));
    if (!name)
        return name.error();
    return name->toString();
}

Status BoardStore::renameBoard(const QString &name)
{
    const OperationScope operation(*this);
    const QString trimmed = name.trimmed();
    if (auto valid = checkText(tr("board name"), trimmed, s_maxTitleLength, true); !valid)
        return valid;
    return change(Role::Admin, QStringLiteral("board.rename"), [&]() -> Status {
        auto old = boardName();
        if (!old)
            return old.error();
        auto renamed = m_db->run(QStringLiteral("UPDATE boards SET name = :name, version = version + 1 WHERE id = 1"),
                                 {{QStringLiteral(":name"), trimmed}});
        if (!renamed)
            return renamed.error();
        return appendEvent(QStringLiteral("board.renamed"), 0,
                           {{QStringLiteral("from"), *old}, {QStringLiteral("to"), trimmed}});
    });
}

Result<QString> BoardStore::setting(const QString &key)
{
    auto value = m_db->scalar(QStringLiteral("SELECT value FROM meta WHERE key = :key"),
                              {{QStringLiteral(":key"), key}}, QString());
    if (!value)
        return value.error();
    return value->toString();
}

Status BoardStore::setSetting(const QString &key, const QString &value)
{
    const OperationScope operation(*this);
    if (key == u"default_role") {
        if (value != u"editor" && value != u"viewer")
            return Error{ErrorKind::Invalid, tr("default_role must be “editor” or “viewer”")};
    } else if (key == u"attachment_limit_bytes") {
        bool ok = false;
        if (value.toLongLong(&ok) <= 0 || !ok)
            return Error{ErrorKind::Invalid, tr("attachment_limit_bytes must be a positive number of bytes")};
    } else {
        return Error{ErrorKind::Invalid, tr("“%1” is not a board setting").arg(key)};
    }
    return change(Role::Admin, QStringLiteral("setting.set"), [&]() -> Status {
        auto set = m_db->run(QStringLiteral("INSERT INTO meta (key, value) VALUES (:key, :value) "
                                            "ON CONFLICT (key) DO UPDATE SET value = excluded.value"),
                             {{QStringLiteral(":key"), key}, {QStringLiteral(":value"), value}});
        if (!set)
            return set.error();
        return appendEvent(QStringLiteral("setting.changed"), 0,
                           {{QStringLiteral("key"), key}, {QStringLiteral("value"), value}});
    });
}

Result<qint64> BoardStore::attachmentLimit()
{
    auto value = setting(QStringLiteral("attachment_limit_bytes"));
    if (!value)
        return value.error();
    const qint64 limit = value->toLongLong();
    return limit > 0 ? limit : 100LL * 1024 * 1024;
}

Status BoardStore::checkText(const QString &what, const QString &text, qint64 maxLength, bool required) const
{
    if (required && text.trimmed().isEmpty())
        return Error{ErrorKind::Invalid, tr("the %1 cannot be empty").arg(what)};
    if (text.size() > maxLength) {
        return Error{ErrorKind::Invalid,
                     tr("the %1 is too long (%2 characters; at most %3)").arg(what).arg(text.size()).arg(maxLength)};
    }
    return {};
}

// --- Members -------------------------------------------------------------------------------------------------

Result<QList<Member>> BoardStore::members()
{
    return m_db->list<Member>(QStringLiteral("SELECT login, display_name, role, added_at, version FROM members "
                                             "WHERE deleted_at IS NULL ORDER BY login"),
                              {}, [](const QSqlQuery &query) {
                                  Member member;
                                  member.login = query.value(0).toString();
                                  member.displayName = query.value(1).toString();
                                  member.role = roleFromString(query.value(2).toString()).value_or(Role::Viewer);
                                  member.addedAt = query.value(3).toLongLong();
                                  member.version = query.value(4).toLongLong();
                                  return member;
                              });
}

Status BoardStore::setMember(const QString &login, Role role, const QString &displayName)
{
    const OperationScope operation(*this);
    const QString normalized = normalizedLogin(login);
    if (auto valid = checkLogin(normalized, login); !valid)
        return valid;
    if (auto valid = checkText(tr("display name"), displayName, s_maxTitleLength, false); !valid)
        return valid;
    auto status = change(Role::Admin, QStringLiteral("member.set"), [&]() -> Status {
        auto current = m_db->one(QStringLiteral("SELECT role, display_name FROM members "
                                                "WHERE login = :login AND deleted_at IS NULL"),
                                 {{QStringLiteral(":login"), normalized}});
        if (!current)
            return current.error();
        if (current->has_value() && current->value().value(0).toString() == u"admin" && role != Role::Admin) {
            auto admins = m_db->scalar(QStringLiteral("SELECT count(*) FROM members "
                                                      "WHERE role = 'admin' AND deleted_at IS NULL"));
            if (!admins)
                return admins.error();
            if (admins->toInt() <= 1)
                return Error{ErrorKind::Invalid,
                             tr("%1 is the board's last admin; make someone else admin first").arg(normalized)};
        }
        const QString name = displayName.isEmpty() && current->has_value() ? current->value().value(1).toString()
                                                                           : displayName.trimmed();
        auto set = m_db->run(QStringLiteral("INSERT INTO members (login, display_name, role, added_at, added_by) "
                                            "VALUES (:login, :name, :role, :now, :actor) "
                                            "ON CONFLICT (login) DO UPDATE SET display_name = excluded.display_name, "
                                            "role = excluded.role, deleted_at = NULL, "
                                            "version = members.version + 1"),
                             {{QStringLiteral(":login"), normalized},
                              {QStringLiteral(":name"), name},
                              {QStringLiteral(":role"), toText(role)},
                              {QStringLiteral(":now"), now()},
                              {QStringLiteral(":actor"), m_login}});
        if (!set)
            return set.error();
        return appendEvent(QStringLiteral("member.set"), 0,
                           {{QStringLiteral("login"), normalized}, {QStringLiteral("role"), toText(role)}});
    });
    if (status && normalized == m_login)
        m_role = role;
    return status;
}

Status BoardStore::removeMember(const QString &login)
{
    const OperationScope operation(*this);
    const QString normalized = normalizedLogin(login);
    return change(Role::Admin, QStringLiteral("member.remove"), [&]() -> Status {
        auto current = m_db->one(QStringLiteral("SELECT role FROM members WHERE login = :login "
                                                "AND deleted_at IS NULL"),
                                 {{QStringLiteral(":login"), normalized}});
        if (!current)
            return current.error();
        if (!current->has_value())
            return Error{ErrorKind::NotFound, tr("%1 is not a member of this board").arg(normalized)};
        if (current->value().value(0).toString() == u"admin") {
            auto admins = m_db->scalar(QStringLiteral("SELECT count(*) FROM members "
                                                      "WHERE role = 'admin' AND deleted_at IS NULL"));
            if (!admins)
                return admins.error();
            if (admins->toInt() <= 1)
                return Error{ErrorKind::Invalid,
                             tr("%1 is the board's last admin and cannot be removed").arg(normalized)};
        }
        auto removed = m_db->run(QStringLiteral("UPDATE members SET deleted_at = :now, version = version + 1 "
                                                "WHERE login = :login"),
                                 {{QStringLiteral(":now"), now()}, {QStringLiteral(":login"), normalized}});
        if (!removed)
            return removed.error();
        return appendEvent(QStringLiteral("member.removed"), 0, {{QStringLiteral("login"), normalized}});
    });
}

// --- Events, search, maintenance ------------------------------------------------------------------------------

namespace {

Event readEvent(const QSqlQuery &query)
{
    Event event;
    event.seq = query.value(0).toLongLong();
    event.opId = query.value(1).toString();
    event.at = query.value(2).toLongLong();
    event.actor = query.value(3).toString();
    event.cardId = query.value(4).toLongLong();
    event.kind = query.value(5).toString();
    event.payload = query.value(6).toString().toUtf8();
    return event;
}

} // namespace

Result<QList<Event>> BoardStore::eventsSince(qint64 seq, int limit)
{
    return m_db->list<Event>(QStringLiteral("SELECT seq, op_id, at, actor, card_id, kind, payload FROM events "
                                            "WHERE seq > :seq ORDER BY seq LIMIT :limit"),
                             {{QStringLiteral(":seq"), seq}, {QStringLiteral(":limit"), limit}}, readEvent);
}

Result<QList<Event>> BoardStore::cardHistory(qint64 cardId)
{
    return m_db->list<Event>(QStringLiteral("SELECT seq, op_id, at, actor, card_id, kind, payload FROM events "
                                            "WHERE card_id = :card ORDER BY seq"),
                             {{QStringLiteral(":card"), cardId}}, readEvent);
}

Result<qint64> BoardStore::lastEventSeq()
{
    auto seq = m_db->scalar(QStringLiteral("SELECT coalesce(max(seq), 0) FROM events"));
    if (!seq)
        return seq.error();
    return seq->toLongLong();
}

Result<QList<qint64>> BoardStore::search(const QString &text, bool includeArchived)
{
    // Each word becomes a quoted prefix term, so user text can never be read as FTS5 syntax.
    QStringList terms;
    for (const QString &word : text.split(QRegularExpression(QStringLiteral("\\s+")), Qt::SkipEmptyParts)) {
        QString term = word;
        term.replace(QLatin1Char('"'), QStringLiteral("\"\""));
        terms << QLatin1Char('"') + term + QStringLiteral("\"*");
    }
    if (terms.isEmpty())
        return QList<qint64>();
    return m_db->list<qint64>(QStringLiteral("SELECT c.id FROM cards_fts JOIN cards c ON c.id = cards_fts.rowid "
                                             "WHERE cards_fts MATCH :match AND c.deleted_at IS NULL "
                                             "AND (:archived OR c.archived_at IS NULL) ORDER BY bm25(cards_fts), c.id"),
                              {{QStringLiteral(":match"), terms.join(QLatin1Char(' '))},
                               {QStringLiteral(":archived"), includeArchived ? 1 : 0}},
                              [](const QSqlQuery &query) { return query.value(0).toLongLong(); });
}

Result<QStringList> BoardStore::verify()
{
    QStringList problems;
    auto integrity = m_db->forEach(QStringLiteral("PRAGMA integrity_check"), {}, [&](const QSqlQuery &query) {
        if (const QString line = query.value(0).toString(); line != u"ok")
            problems << tr("integrity: %1").arg(line);
    });
    if (!integrity)
        return integrity.error();
    auto foreignKeys = m_db->forEach(QStringLiteral("PRAGMA foreign_key_check"), {}, [&](const QSqlQuery &query) {
        problems << tr("foreign key: row %1 of %2 points to a missing row of %3")
                            .arg(query.value(1).toString(), query.value(0).toString(), query.value(2).toString());
    });
    if (!foreignKeys)
        return foreignKeys.error();
    auto chunks = m_db->forEach(
            QStringLiteral("SELECT a.id, a.name, a.size, coalesce(sum(length(c.data)), 0) FROM attachments a "
                           "LEFT JOIN attachment_chunks c ON c.sha256 = a.sha256 WHERE a.kind = 'file' "
                           "AND a.state = 'ready' GROUP BY a.id HAVING coalesce(sum(length(c.data)), 0) != a.size"),
            {}, [&](const QSqlQuery &query) {
                problems << tr("attachment %1 (%2) has %3 of its %4 bytes")
                                    .arg(query.value(0).toString(), query.value(1).toString(),
                                         query.value(3).toString(), query.value(2).toString());
            });
    if (!chunks)
        return chunks.error();
    return problems;
}

Status BoardStore::backupTo(const QString &filePath)
{
    const QFileInfo target(filePath);
    if (target.exists())
        return Error{ErrorKind::Invalid, tr("%1 already exists; choose a new file name").arg(filePath)};
    if (!target.absoluteDir().exists())
        return Error{ErrorKind::NotFound, tr("the folder %1 does not exist").arg(target.absolutePath())};
    auto done = m_db->run(QStringLiteral("VACUUM INTO :path"), {{QStringLiteral(":path"), target.absoluteFilePath()}});
    if (!done)
        return Error{done.error().kind, tr("backup to %1 failed: %2").arg(filePath, done.error().message)};
    return {};
}

} // namespace hb::storage
