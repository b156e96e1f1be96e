// SPDX-License-Identifier: GPL-3.0-or-later
// BoardStore: column order and ranks, and the columns themselves.
#include "boardstore_p.h"
#include "connection.h"

#include <storage/boardstore.h>
#include <storage/eventkinds.h>
#include <storage/rank.h>

#include <QSqlQuery>

#include <array>

namespace hb::storage {

using namespace detail;

namespace {

constexpr int s_maxColumnNameLength = 100;
constexpr int s_maxWipLimit = 999;

// The rank queries for each kind of sibling list: rank of an anchor, last rank, previous and next rank.
struct SiblingSql
{
    const char16_t *rankOf;
    const char16_t *last;
    const char16_t *previous;
    const char16_t *next;
};

constexpr std::array<SiblingSql, 3> s_siblingSql{{
        {u"SELECT rank FROM columns WHERE id = :anchor AND board_id = :parent AND deleted_at IS NULL",
         u"SELECT max(rank) FROM columns WHERE board_id = :parent AND deleted_at IS NULL AND id != :moving",
         u"SELECT max(rank) FROM columns WHERE board_id = :parent AND deleted_at IS NULL AND id != :moving "
         u"AND rank < :rank",
         u"SELECT min(rank) FROM columns WHERE board_id = :parent AND deleted_at IS NULL AND id != :moving "
         u"AND rank > :rank"},
        {u"SELECT rank FROM cards WHERE id = :anchor AND column_id = :parent AND deleted_at IS NULL",
         u"SELECT max(rank) FROM cards WHERE column_id = :parent AND deleted_at IS NULL AND id != :moving",
         u"SELECT max(rank) FROM cards WHERE column_id = :parent AND deleted_at IS NULL AND id != :moving "
         u"AND rank < :rank",
         u"SELECT min(rank) FROM cards WHERE column_id = :parent AND deleted_at IS NULL AND id != :moving "
         u"AND rank > :rank"},
        {u"SELECT rank FROM checklist_items WHERE id = :anchor AND card_id = :parent AND deleted_at IS NULL",
         u"SELECT max(rank) FROM checklist_items WHERE card_id = :parent AND deleted_at IS NULL AND id != :moving",
         u"SELECT max(rank) FROM checklist_items WHERE card_id = :parent AND deleted_at IS NULL AND id != :moving "
         u"AND rank < :rank",
         u"SELECT min(rank) FROM checklist_items WHERE card_id = :parent AND deleted_at IS NULL AND id != :moving "
         u"AND rank > :rank"},
}};

Column readColumn(const QSqlQuery &query)
{
    Column column;
    column.id = query.value(0).toLongLong();
    column.name = query.value(1).toString();
    column.rank = query.value(2).toString();
    column.wipLimit = query.value(3).toInt();
    column.kind = columnKindFromString(query.value(4).toString()).value_or(ColumnKind::Todo);
    column.version = query.value(5).toLongLong();
    column.createdAt = query.value(6).toLongLong();
    return column;
}

} // namespace

Status BoardStore::checkVersion(const QString &what, qint64 current, qint64 expected)
{
    if (expected < 0 || current == expected)
        return {};
    return Error{ErrorKind::Conflict,
                 tr("someone else changed %1 since you loaded it (version %2, now %3); reload it and try again")
                         .arg(what)
                         .arg(expected)
                         .arg(current)};
}

// --- Ranks, summaries, bookkeeping ----------------------------------------------------------------------------

Result<QString> BoardStore::rankFor(Siblings siblings, qint64 parentId, qint64 movingId, Placement placement)
{
    const SiblingSql &sql = s_siblingSql[std::size_t(siblings)];
    if ((placement.before && placement.before == movingId) || (placement.after && placement.after == movingId))
        return Error{ErrorKind::Invalid, tr("an item cannot be placed next to itself")};
    QString lower;
    QString upper;
    const qint64 anchor = placement.before ? placement.before : placement.after;
    if (anchor) {
        auto anchorRank = m_db->scalar(QString::fromUtf16(sql.rankOf),
                                       {{QStringLiteral(":anchor"), anchor}, {QStringLiteral(":parent"), parentId}});
        if (!anchorRank)
            return anchorRank.error();
        if (anchorRank->isNull())
            return Error{ErrorKind::NotFound, tr("#%1 is not in that list any more").arg(anchor)};
        const QString bound = anchorRank->toString();
        auto neighbour = m_db->scalar(QString::fromUtf16(placement.before ? sql.previous : sql.next),
                                      {{QStringLiteral(":parent"), parentId},
                                       {QStringLiteral(":moving"), movingId},
                                       {QStringLiteral(":rank"), bound}});
        if (!neighbour)
            return neighbour.error();
        lower = placement.before ? neighbour->toString() : bound;
        upper = placement.before ? bound : neighbour->toString();
    } else {
        auto last = m_db->scalar(QString::fromUtf16(sql.last),
                                 {{QStringLiteral(":parent"), parentId}, {QStringLiteral(":moving"), movingId}});
        if (!last)
            return last.error();
        lower = last->toString();
    }
    const QString result = rank::between(lower, upper);
    if (result.isEmpty())
        return Error{ErrorKind::Invalid,
                     tr("the list order is damaged around #%1; run “helpboard-cli verify”").arg(anchor)};
    return result;
}

// --- Columns --------------------------------------------------------------------------------------------------

Result<QList<Column>> BoardStore::columns()
{
    return m_db->list<Column>(QStringLiteral("SELECT id, name, rank, wip_limit, kind, version, created_at FROM columns "
                                             "WHERE deleted_at IS NULL ORDER BY rank, id"),
                              {}, readColumn);
}

Result<QHash<qint64, ColumnKind>> BoardStore::columnKinds()
{
    QHash<qint64, ColumnKind> kinds;
    auto read = m_db->forEach(QStringLiteral("SELECT id, kind FROM columns"), {}, [&](const QSqlQuery &query) {
        kinds.insert(query.value(0).toLongLong(),
                     columnKindFromString(query.value(1).toString()).value_or(ColumnKind::Todo));
    });
    if (!read)
        return read.error();
    return kinds;
}

Result<Column> BoardStore::column(qint64 id)
{
    auto found = m_db->list<Column>(
            QStringLiteral("SELECT id, name, rank, wip_limit, kind, version, created_at FROM columns "
                           "WHERE id = :id AND deleted_at IS NULL"),
            {{QStringLiteral(":id"), id}}, readColumn);
    if (!found)
        return found.error();
    if (found->isEmpty())
        return Error{ErrorKind::NotFound, tr("there is no column #%1").arg(id)};
    return found->constFirst();
}

namespace {

Status checkColumnName(Connection &db, const QString &name, qint64 exceptId)
{
    return checkUniqueName(db,
                           QStringLiteral("SELECT count(*) FROM columns WHERE deleted_at IS NULL AND id != :id "
                                          "AND lower(name) = lower(:name)"),
                           tr("column"), name, exceptId, s_maxColumnNameLength);
}

Status checkWipLimit(int wipLimit)
{
    if (wipLimit < 0 || wipLimit > s_maxWipLimit)
        return Error{ErrorKind::Invalid, tr("a WIP limit is between 0 (none) and %1").arg(s_maxWipLimit)};
    return {};
}

} // namespace

Result<qint64> BoardStore::addColumn(const QString &name, ColumnKind kind, int wipLimit, Placement placement)
{
    const OperationScope operation(*this);
    const QString trimmed = name.trimmed();
    if (auto valid = checkWipLimit(wipLimit); !valid)
        return valid.error();
    qint64 id = 0;
    auto status = change(
            Role::Admin, QStringLiteral("column.add"),
            [&]() -> Status {
                if (auto valid = checkColumnName(*m_db, trimmed, 0); !valid)
                    return valid;
                auto rank = rankFor(Siblings::Columns, 1, 0, placement);
                if (!rank)
                    return rank.error();
                auto inserted =
                        m_db->insert(QStringLiteral("INSERT INTO columns (board_id, name, rank, wip_limit, kind, "
                                                    "created_at, updated_at) VALUES (1, :name, :rank, :wip, :kind, "
                                                    ":now, :now)"),
                                     {{QStringLiteral(":name"), trimmed},
                                      {QStringLiteral(":rank"), *rank},
                                      {QStringLiteral(":wip"), wipLimit},
                                      {QStringLiteral(":kind"), toText(kind)},
                                      {QStringLiteral(":now"), now()}});
                if (!inserted)
                    return inserted.error();
                id = *inserted;
                return appendEvent(eventkind::ColumnAdded, 0,
                                   {{QStringLiteral("column_id"), id},
                                    {QStringLiteral("name"), trimmed},
                                    {QStringLiteral("kind"), toText(kind)}});
            },
            &id);
    if (!status)
        return status.error();
    return id;
}

Status BoardStore::renameColumn(qint64 id, const QString &name, qint64 expectedVersion)
{
    const OperationScope operation(*this);
    const QString trimmed = name.trimmed();
    return change(Role::Admin, QStringLiteral("column.rename"), [&]() -> Status {
        auto current = column(id);
        if (!current)
            return current.error();
        if (auto fresh = checkVersion(tr("column “%1”").arg(current->name), current->version, expectedVersion); !fresh)
            return fresh;
        if (auto valid = checkColumnName(*m_db, trimmed, id); !valid)
            return valid;
        auto renamed = m_db->run(
                QStringLiteral("UPDATE columns SET name = :name, updated_at = :now, "
                               "version = version + 1 WHERE id = :id"),
                {{QStringLiteral(":name"), trimmed}, {QStringLiteral(":now"), now()}, {QStringLiteral(":id"), id}});
        if (!renamed)
            return renamed.error();
        return appendEvent(eventkind::ColumnRenamed, 0,
                           {{QStringLiteral("column_id"), id},
                            {QStringLiteral("from"), current->name},
                            {QStringLiteral("to"), trimmed}});
    });
}

Status BoardStore::moveColumn(qint64 id, Placement placement)
{
    const OperationScope operation(*this);
    return change(Role::Admin, QStringLiteral("column.move"), [&]() -> Status {
        auto current = column(id);
        if (!current)
            return current.error();
        auto rank = rankFor(Siblings::Columns, 1, id, placement);
        if (!rank)
            return rank.error();
        auto moved = m_db->run(
                QStringLiteral("UPDATE columns SET rank = :rank, updated_at = :now, "
                               "version = version + 1 WHERE id = :id"),
                {{QStringLiteral(":rank"), *rank}, {QStringLiteral(":now"), now()}, {QStringLiteral(":id"), id}});
        if (!moved)
            return moved.error();
        return appendEvent(eventkind::ColumnMoved, 0,
                           {{QStringLiteral("column_id"), id}, {QStringLiteral("rank"), fromTo(current->rank, *rank)}});
    });
}

Status BoardStore::setColumnWipLimit(qint64 id, int wipLimit, qint64 expectedVersion)
{
    const OperationScope operation(*this);
    if (auto valid = checkWipLimit(wipLimit); !valid)
        return valid;
    return change(Role::Admin, QStringLiteral("column.wip"), [&]() -> Status {
        auto current = column(id);
        if (!current)
            return current.error();
        if (auto fresh = checkVersion(tr("column “%1”").arg(current->name), current->version, expectedVersion); !fresh)
            return fresh;
        auto set = m_db->run(
                QStringLiteral("UPDATE columns SET wip_limit = :wip, updated_at = :now, "
                               "version = version + 1 WHERE id = :id"),
                {{QStringLiteral(":wip"), wipLimit}, {QStringLiteral(":now"), now()}, {QStringLiteral(":id"), id}});
        if (!set)
            return set.error();
        return appendEvent(eventkind::ColumnWipChanged, 0,
                           {{QStringLiteral("column_id"), id},
                            {QStringLiteral("wip_limit"), fromTo(current->wipLimit, wipLimit)}});
    });
}

Status BoardStore::deleteColumn(qint64 id)
{
    const OperationScope operation(*this);
    return change(Role::Admin, QStringLiteral("column.delete"), [&]() -> Status {
        auto current = column(id);
        if (!current)
            return current.error();
        auto cardCount = m_db->scalar(QStringLiteral("SELECT count(*) FROM cards WHERE column_id = :id "
                                                     "AND deleted_at IS NULL AND archived_at IS NULL"),
                                      {{QStringLiteral(":id"), id}});
        if (!cardCount)
            return cardCount.error();
        if (cardCount->toInt() > 0) {
            return Error{ErrorKind::Invalid,
                         tr("“%1” still holds %n card(s); move or archive them first", cardCount->toInt())
                                 .arg(current->name)};
        }
        auto columnCount = m_db->scalar(QStringLiteral("SELECT count(*) FROM columns WHERE deleted_at IS NULL"));
        if (!columnCount)
            return columnCount.error();
        if (columnCount->toInt() <= 1)
            return Error{ErrorKind::Invalid, tr("“%1” is the board's only column").arg(current->name)};
        auto deleted = m_db->run(QStringLiteral("UPDATE columns SET deleted_at = :now, version = version + 1 "
                                                "WHERE id = :id"),
                                 {{QStringLiteral(":now"), now()}, {QStringLiteral(":id"), id}});
        if (!deleted)
            return deleted.error();
        return appendEvent(eventkind::ColumnDeleted, 0,
                           {{QStringLiteral("column_id"), id}, {QStringLiteral("name"), current->name}});
    });
}

Status BoardStore::restoreColumn(qint64 id)
{
    const OperationScope operation(*this);
    return change(Role::Admin, QStringLiteral("column.restore"), [&]() -> Status {
        auto row = m_db->one(QStringLiteral("SELECT name, deleted_at IS NOT NULL FROM columns WHERE id = :id"),
                             {{QStringLiteral(":id"), id}});
        if (!row)
            return row.error();
        if (!row->has_value())
            return Error{ErrorKind::NotFound, tr("there is no column #%1").arg(id)};
        if (!row->value().value(1).toBool())
            return {};
        const QString name = row->value().value(0).toString();
        if (auto valid = checkColumnName(*m_db, name, id); !valid)
            return valid;
        auto restored = m_db->run(QStringLiteral("UPDATE columns SET deleted_at = NULL, updated_at = :now, "
                                                 "version = version + 1 WHERE id = :id"),
                                  {{QStringLiteral(":now"), now()}, {QStringLiteral(":id"), id}});
        if (!restored)
            return restored.error();
        return appendEvent(eventkind::ColumnRestored, 0,
                           {{QStringLiteral("column_id"), id}, {QStringLiteral("name"), name}});
    });
}

} // namespace hb::storage
