// SPDX-License-Identifier: GPL-3.0-or-later
// BoardStore: board settings, members, the change feed, search and maintenance.
#include "boardstore_p.h"
#include "connection.h"
#include "newfile.h"
#include "schema.h"

#include <storage/boardstore.h>
#include <storage/eventkinds.h>
#include <storage/textlength.h>

#include <QDate>
#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QSqlQuery>
#include <QUuid>

#include <algorithm>
#include <functional>

namespace hb::storage {

using namespace detail;

// --- Board and settings ---------------------------------------------------------------------------------------

Result<QString> BoardStore::boardName()
{
    auto name = m_db->scalar(QStringLiteral("SELECT name FROM boards WHERE id = 1"));
    if (!name)
        return name.error();
    return name->toString();
}

Result<QString> BoardStore::engineVersion()
{
    auto version = m_db->scalar(QStringLiteral("SELECT sqlite_version()"));
    if (!version)
        return version.error();
    return version->toString();
}

int BoardStore::formatVersion()
{
    return schema::s_currentVersion;
}

Result<QUuid> BoardStore::boardUuid()
{
    auto value = setting(QString::fromUtf16(schema::s_boardUuidKey));
    if (!value)
        return value.error();
    const QUuid uuid(*value);
    if (uuid.isNull())
        return Error{ErrorKind::Corrupt, tr("the board in %1 has lost its identity (meta board_uuid)").arg(path())};
    return uuid;
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
        return appendEvent(eventkind::BoardRenamed, 0,
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
    } else if (key == u"demo") {
        if (value != u"yes" && value != u"no")
            return Error{ErrorKind::Invalid, tr("demo must be “yes” or “no”")};
    } else {
        return Error{ErrorKind::Invalid, tr("“%1” is not a board setting").arg(key)};
    }
    return change(Role::Admin, QStringLiteral("setting.set"), [&]() -> Status {
        auto set = m_db->run(QStringLiteral("INSERT INTO meta (key, value) VALUES (:key, :value) "
                                            "ON CONFLICT (key) DO UPDATE SET value = excluded.value"),
                             {{QStringLiteral(":key"), key}, {QStringLiteral(":value"), value}});
        if (!set)
            return set.error();
        return appendEvent(eventkind::SettingChanged, 0,
                           {{QStringLiteral("key"), key}, {QStringLiteral("value"), value}});
    });
}

Result<ServiceLevels> BoardStore::serviceLevels()
{
    auto found = m_db->list<ServiceLevels>(
            QStringLiteral("SELECT policy, calendar, updated_at, updated_by, version FROM service_levels WHERE id = 1"),
            {}, [](const QSqlQuery &query) {
                return ServiceLevels{query.value(0).toString().toUtf8(), query.value(1).toString().toUtf8(),
                                     query.value(2).toLongLong(), query.value(3).toString(),
                                     query.value(4).toLongLong()};
            });
    if (!found)
        return found.error();
    if (found->isEmpty())
        return Error{ErrorKind::Corrupt, tr("the board in %1 has lost its service levels").arg(path())};
    return found->constFirst();
}

Result<qint64> BoardStore::setServiceLevels(const QByteArray &policy, const QByteArray &calendar,
                                            qint64 expectedVersion)
{
    const OperationScope operation(*this);
    for (const QByteArray &json : {policy, calendar}) {
        if (json.size() > s_maxTextLength)
            return Error{ErrorKind::Invalid,
                         tr("the service levels are too long (%1 bytes at most)").arg(s_maxTextLength)};
        QJsonParseError error;
        if (!QJsonDocument::fromJson(json, &error).isObject())
            return Error{
                    ErrorKind::Invalid,
                    tr("the service levels are not a JSON object (%1)")
                            .arg(error.error == QJsonParseError::NoError ? tr("another value") : error.errorString())};
    }
    qint64 newVersion = 0;
    auto status = change(
            Role::Admin, QStringLiteral("sla.set"),
            [&]() -> Status {
                auto current = serviceLevels();
                if (!current)
                    return current.error();
                if (auto fresh = checkVersion(tr("the service levels"), current->version, expectedVersion); !fresh)
                    return fresh;
                newVersion = current->version + 1;
                auto set = m_db->run(QStringLiteral("UPDATE service_levels SET policy = :policy, calendar = :calendar, "
                                                    "updated_at = :now, updated_by = :login, version = :new "
                                                    "WHERE id = 1 AND version = :old"),
                                     {{QStringLiteral(":policy"), QString::fromUtf8(policy)},
                                      {QStringLiteral(":calendar"), QString::fromUtf8(calendar)},
                                      {QStringLiteral(":now"), now()},
                                      {QStringLiteral(":login"), m_login},
                                      {QStringLiteral(":new"), newVersion},
                                      {QStringLiteral(":old"), current->version}});
                if (!set)
                    return set.error();
                if (*set != 1)
                    return Error{ErrorKind::Conflict, tr("the service levels changed while saving; try again")};
                // What they replace goes with the change: a ticket resolved before it keeps the result it had.
                const auto object = [](const QByteArray &json) { return QJsonDocument::fromJson(json).object(); };
                return appendEvent(eventkind::ServiceLevelsChanged, 0,
                                   {{QStringLiteral("version"), newVersion},
                                    {QStringLiteral("previous"),
                                     QJsonObject{{QStringLiteral("policy"), object(current->policy)},
                                                 {QStringLiteral("calendar"), object(current->calendar)}}}});
            },
            &newVersion);
    if (!status)
        return status.error();
    return newVersion;
}

bool BoardStore::isDemo()
{
    const auto demo = setting(QStringLiteral("demo"));
    return demo && *demo == u"yes";
}

Result<qint64> BoardStore::attachmentLimit()
{
    auto value = setting(QStringLiteral("attachment_limit_bytes"));
    if (!value)
        return value.error();
    const qint64 limit = value->toLongLong();
    return limit > 0 ? limit : 100LL * 1024 * 1024;
}

Status BoardStore::checkText(const QString &what, const QString &text, qint64 maxLength, bool required)
{
    if (required && text.trimmed().isEmpty())
        return Error{ErrorKind::Invalid, tr("the %1 cannot be empty").arg(what)};
    // Characters as people count them (500 emoji are 500), with a bound on the code units behind them too.
    constexpr qint64 s_unitsPerCharacter = 16;
    const qint64 length = text.size() > maxLength ? characterCount(text) : text.size();
    if (length > maxLength) {
        return Error{ErrorKind::Invalid,
                     tr("the %1 is too long (%2 characters; at most %3)").arg(what).arg(length).arg(maxLength)};
    }
    if (text.size() > maxLength * s_unitsPerCharacter) {
        return Error{ErrorKind::Invalid, tr("the %1 is too long (its %2 characters carry too many accents or joined "
                                            "symbols; at most %3 in all)")
                                                 .arg(what)
                                                 .arg(length)
                                                 .arg(maxLength * s_unitsPerCharacter)};
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
            if (auto kept = keepAnAdmin(normalized); !kept)
                return kept;
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
        return appendEvent(eventkind::MemberSet, 0,
                           {{QStringLiteral("login"), normalized}, {QStringLiteral("role"), toText(role)}});
    });
    if (status && normalized == m_login)
        m_role = role;
    return status;
}

Status BoardStore::keepAnAdmin(const QString &leaving)
{
    auto admins =
            m_db->scalar(QStringLiteral("SELECT count(*) FROM members WHERE role = 'admin' AND deleted_at IS NULL"));
    if (!admins)
        return admins.error();
    if (admins->toInt() <= 1)
        return Error{ErrorKind::Invalid,
                     tr("%1 is the board's last admin; make someone else admin first").arg(leaving)};
    return {};
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
            if (auto kept = keepAnAdmin(normalized); !kept)
                return kept;
        }
        auto removed = m_db->run(QStringLiteral("UPDATE members SET deleted_at = :now, version = version + 1 "
                                                "WHERE login = :login"),
                                 {{QStringLiteral(":now"), now()}, {QStringLiteral(":login"), normalized}});
        if (!removed)
            return removed.error();
        return appendEvent(eventkind::MemberRemoved, 0, {{QStringLiteral("login"), normalized}});
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

namespace detail {

/// @p text as an FTS5 query: each word a quoted prefix term, so user text can never be read as FTS5 syntax.
QString matchExpression(const QString &text)
{
    QStringList terms;
    for (const QString &word : text.split(QRegularExpression(QStringLiteral("\\s+")), Qt::SkipEmptyParts)) {
        QString term = word;
        term.replace(QLatin1Char('"'), QStringLiteral("\"\""));
        terms << QLatin1Char('"') + term + QStringLiteral("\"*");
    }
    return terms.join(QLatin1Char(' '));
}

} // namespace detail

// --- Presence ----------------------------------------------------------------------------------------------

Status BoardStore::beatPresence(const QString &session, qint64 cardId)
{
    if (isReadOnly())
        return Error{ErrorKind::ReadOnly, tr("this board is read-only: %1").arg(m_readOnlyReason)};
    // Long, since heartbeats carry each desktop's own clock: a clock that is minutes off must not clear the others.
    constexpr qint64 s_staleMs = 24 * 3600 * 1000;
    const qint64 at = now();
    return m_db->write([&]() -> Status {
        for (const QString &statement : schema::presenceStatements()) {
            if (auto made = m_db->run(statement); !made)
                return made.error();
        }
        auto beat = m_db->run(QStringLiteral("INSERT INTO presence (session, login, card_id, started_at, seen_at) "
                                             "VALUES (:session, :login, :card, :at, :at) "
                                             "ON CONFLICT (session) DO UPDATE SET card_id = excluded.card_id, "
                                             "seen_at = excluded.seen_at"),
                              {{QStringLiteral(":session"), session},
                               {QStringLiteral(":login"), m_login},
                               {QStringLiteral(":card"), cardId ? QVariant(cardId) : QVariant()},
                               {QStringLiteral(":at"), at}});
        if (!beat)
            return beat.error();
        auto stale = m_db->run(QStringLiteral("DELETE FROM presence WHERE seen_at < :before"),
                               {{QStringLiteral(":before"), at - s_staleMs}});
        return stale ? Status() : Status(stale.error());
    });
}

Status BoardStore::leavePresence(const QString &session)
{
    if (isReadOnly())
        return {};
    return m_db->write([&]() -> Status {
        auto left = m_db->run(QStringLiteral("DELETE FROM presence WHERE session = :session"),
                              {{QStringLiteral(":session"), session}});
        return left ? Status() : Status(left.error());
    });
}

Result<QList<Presence>> BoardStore::presence(qint64 withinMs)
{
    // A board no one with this program has opened yet has no presence table: no one is here.
    auto table = m_db->scalar(QStringLiteral("SELECT count(*) FROM sqlite_master WHERE name = 'presence'"));
    if (!table)
        return table.error();
    if (table->toInt() == 0)
        return QList<Presence>();
    return m_db->list<Presence>(QStringLiteral("SELECT session, login, card_id, started_at, seen_at FROM presence "
                                               "WHERE seen_at >= :since ORDER BY login, started_at"),
                                {{QStringLiteral(":since"), now() - withinMs}}, [](const QSqlQuery &query) {
                                    Presence present;
                                    present.session = query.value(0).toString();
                                    present.login = query.value(1).toString();
                                    present.cardId = query.value(2).toLongLong();
                                    present.startedAt = query.value(3).toLongLong();
                                    present.seenAt = query.value(4).toLongLong();
                                    return present;
                                });
}

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

Result<QHash<qint64, QList<Event>>> BoardStore::clockHistories(bool includeArchived)
{
    return historiesOf({QStringLiteral("priority"), QStringLiteral("status")}, includeArchived);
}

Result<QHash<qint64, QList<Event>>> BoardStore::metricHistories()
{
    return historiesOf({QStringLiteral("assignee"), QStringLiteral("priority"), QStringLiteral("status")}, true);
}

Result<QHash<qint64, QList<Event>>> BoardStore::metricHistories(const QList<qint64> &cardIds)
{
    return historiesOf({QStringLiteral("assignee"), QStringLiteral("priority"), QStringLiteral("status")}, true,
                       &cardIds);
}

Result<QHash<qint64, QList<Event>>> BoardStore::historiesOf(const QStringList &fields, bool includeArchived,
                                                            const QList<qint64> *onlyCardIds)
{
    QHash<qint64, QList<Event>> histories;
    // An update that changed none of the fields cannot name one (its payload is plain JSON text): it is left out
    // here, and one that only mentions the word is read and found to change nothing that matters.
    // Up to three fields, in three slots (the last one repeated when fewer are asked for).
    Q_ASSERT(!fields.isEmpty() && fields.size() <= 3);
    const auto quoted = [&fields](qsizetype i) {
        return QString(u'"' + fields.at(std::min(i, fields.size() - 1)) + u'"');
    };
    // Some cards only: found through the index of each card's events, not by reading the whole feed.
    const QString some =
            onlyCardIds ? QStringLiteral(" AND e.card_id IN (SELECT value FROM json_each(:ids))") : QString();
    auto read = m_db->forEach(
            QStringLiteral(
                    // (no operation id: nobody reads it of a history, and at 500,000 events it weighs tens of MB)
                    "SELECT e.seq, '', e.at, e.actor, e.card_id, e.kind, e.payload FROM events e "
                    "JOIN cards c ON c.id = e.card_id AND c.deleted_at IS NULL AND (:archived OR c.archived_at "
                    "IS NULL) "
                    "WHERE (e.kind IN (:created, :moved) OR (e.kind = :updated AND (instr(e.payload, :field0) > 0 "
                    "OR instr(e.payload, :field1) > 0 OR instr(e.payload, :field2) > 0)))")
                    + some + QStringLiteral(" ORDER BY e.seq"),
            {{QStringLiteral(":ids"), onlyCardIds ? idsJson(*onlyCardIds) : QString()},
             {QStringLiteral(":created"), eventkind::CardCreated.toString()},
             {QStringLiteral(":moved"), eventkind::CardMoved.toString()},
             {QStringLiteral(":updated"), eventkind::CardUpdated.toString()},
             {QStringLiteral(":field0"), quoted(0)},
             {QStringLiteral(":field1"), quoted(1)},
             {QStringLiteral(":field2"), quoted(2)},
             {QStringLiteral(":archived"), includeArchived ? 1 : 0}},
            [&](const QSqlQuery &query) {
                Event event = readEvent(query);
                histories[event.cardId].append(std::move(event));
            });
    if (!read)
        return read.error();
    return histories;
}

Result<QList<Event>> BoardStore::boardEvents(QStringView kind)
{
    return m_db->list<Event>(QStringLiteral("SELECT seq, op_id, at, actor, card_id, kind, payload FROM events "
                                            "WHERE card_id IS NULL AND kind = :kind ORDER BY seq"),
                             {{QStringLiteral(":kind"), kind.toString()}}, readEvent);
}

Result<qint64> BoardStore::dataVersion()
{
    auto version = m_db->scalar(QStringLiteral("PRAGMA data_version"));
    if (!version)
        return version.error();
    return version->toLongLong();
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
    const QString match = matchExpression(text);
    if (match.isEmpty())
        return QList<qint64>();
    // The few cards that are gone are left out by a lookup, not by a join per hit: as you type, "pr" finds most of a
    // board. Hits come in index order; callers show them in board order anyway.
    return m_db->list<qint64>(
            QStringLiteral("SELECT rowid FROM cards_fts WHERE cards_fts MATCH :match AND rowid NOT IN "
                           "(SELECT id FROM cards WHERE deleted_at IS NOT NULL OR (archived_at IS "
                           "NOT NULL AND NOT :archived))"),
            {{QStringLiteral(":match"), match}, {QStringLiteral(":archived"), includeArchived ? 1 : 0}},
            [](const QSqlQuery &query) { return query.value(0).toLongLong(); });
}

Result<QList<qint64>> BoardStore::searchIndex(const QString &text)
{
    const QString match = matchExpression(text);
    if (match.isEmpty())
        return QList<qint64>();
    return m_db->list<qint64>(QStringLiteral("SELECT rowid FROM cards_fts WHERE cards_fts MATCH :match"),
                              {{QStringLiteral(":match"), match}},
                              [](const QSqlQuery &query) { return query.value(0).toLongLong(); });
}

Status BoardStore::readSnapshot(const std::function<Status()> &reads)
{
    return m_db->readTransaction(reads);
}

Result<QStringList> BoardStore::checkFile()
{
    QStringList problems;
    auto integrity = m_db->forEach(QStringLiteral("PRAGMA integrity_check"), {}, [&](const QSqlQuery &query) {
        if (const QString line = query.value(0).toString(); line != u"ok")
            problems << tr("integrity: %1").arg(line);
    });
    if (!integrity) {
        // SQLite stops the check itself on some damage (a page it cannot read): what it found so far, and that.
        if (integrity.error().kind != ErrorKind::Corrupt)
            return integrity.error();
        problems << tr("integrity: the check stopped: %1").arg(integrity.error().message);
        return problems;
    }
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
    // Into an empty file made next to the target and named only once whole: a failed backup leaves nothing behind.
    NewFile copy(QFile::encodeName(target.absoluteFilePath()), filePath);
    if (auto created = copy.create(); !created)
        return created;
    auto done = m_db->run(QStringLiteral("VACUUM INTO :path"), {{QStringLiteral(":path"), copy.temporaryPath()}});
    if (!done)
        return Error{done.error().kind, tr("backup to %1 failed: %2").arg(filePath, done.error().message)};
    return copy.commit();
}

QString BoardStore::backupFolder() const
{
    const QFileInfo board(path());
    // Not translated: desktops in other languages share the folder, its daily copy and its pruning.
    return board.absoluteDir().filePath(board.completeBaseName() + QStringLiteral(" backups"));
}

Result<QString> BoardStore::backUpAs(const QString &fileName)
{
    const QString folder = backupFolder();
    if (!QDir().mkpath(folder))
        return Error{ErrorKind::Io, tr("cannot make the backup folder %1").arg(folder)};
    const QString target = QDir(folder).filePath(fileName);
    if (QFile::exists(target))
        return QString();
    const QString id = QUuid::createUuid().toString(QUuid::Id128);
    const QString partial = target + QStringLiteral(".part-") + id;
    // The copy holds the board's read lock, and colleagues' saves wait, for as long as it is written: to a local
    // file first (writing to the share would double that), then copied next to the board with no lock held.
    const QString local = QDir::temp().filePath(QStringLiteral("helpboard-backup-%1.helpboard").arg(id));
    auto copied = m_db->run(QStringLiteral("VACUUM INTO :path"), {{QStringLiteral(":path"), local}});
    if (copied) {
        const bool moved = QFile::copy(local, partial);
        QFile::remove(local);
        if (!moved)
            copied = Error{ErrorKind::Io, tr("could not write %1").arg(partial)};
    } else {
        // No room in the local temporary folder, say: straight to the share, then.
        QFile::remove(local);
        copied = m_db->run(QStringLiteral("VACUUM INTO :path"), {{QStringLiteral(":path"), partial}});
    }
    if (!copied) {
        QFile::remove(partial);
        return Error{copied.error().kind, tr("backup to %1 failed: %2").arg(target, copied.error().message)};
    }
    // Renaming does not replace a file where the file system can refuse to: another desktop's copy that got there
    // first serves. Where it cannot (a race on some shares), this copy, just as whole, takes its place.
    if (!QFile::rename(partial, target)) {
        QFile::remove(partial);
        if (QFile::exists(target))
            return QString();
        return Error{ErrorKind::Io, tr("could not put the backup at %1").arg(target)};
    }
    return target;
}

Result<QString> BoardStore::backUpDaily(const QDate &today, int keep)
{
    const QString base = QFileInfo(path()).completeBaseName();
    auto made = backUpAs(QStringLiteral("%1 %2.helpboard").arg(base, today.toString(Qt::ISODate)));
    if (!made)
        return made;
    // The daily copies, newest first (ISO dates sort as text); copies made by hand have a time and stay.
    const QRegularExpression daily(
            QStringLiteral("^%1 \\d{4}-\\d{2}-\\d{2}\\.helpboard$").arg(QRegularExpression::escape(base)));
    QStringList copies = QDir(backupFolder()).entryList({QStringLiteral("*.helpboard")}, QDir::Files, QDir::Name);
    copies.removeIf([&daily](const QString &name) { return !daily.match(name).hasMatch(); });
    std::sort(copies.begin(), copies.end(), std::greater<>());
    for (qsizetype i = std::max(keep, 1); i < copies.size(); ++i)
        QFile::remove(QDir(backupFolder()).filePath(copies.at(i)));
    return made;
}

Result<QString> BoardStore::backUpNow(const QDateTime &now)
{
    const QString base = QFileInfo(path()).completeBaseName();
    auto made =
            backUpAs(QStringLiteral("%1 %2.helpboard").arg(base, now.toString(QStringLiteral("yyyy-MM-dd HH.mm.ss"))));
    if (made && made->isEmpty())
        return Error{ErrorKind::Invalid, tr("a backup was made this very second; try again")};
    return made;
}

} // namespace hb::storage
