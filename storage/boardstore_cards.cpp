// SPDX-License-Identifier: GPL-3.0-or-later
// BoardStore: columns, cards, labels, checklist items and comments.
#include "boardstore.h"

#include "connection.h"
#include "rank.h"

#include <QCoreApplication>
#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QSqlRecord>

#include <array>

namespace hb::storage {

namespace {

constexpr int s_maxColumnNameLength = 100;
constexpr int s_maxLabelNameLength = 50;
constexpr int s_maxChecklistTextLength = 1000;
constexpr int s_maxWipLimit = 999;

QString tr(const char *text, int n = -1)
{
    return QCoreApplication::translate("hb::storage::BoardStore", text, nullptr, n);
}

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

constexpr const char16_t *s_cardColumns =
        u"SELECT id, column_id, rank, title, description, priority, status, assignee, requester, channel, due_at, "
        u"created_at, created_by, updated_at, updated_by, started_at, first_response_at, first_response_by, "
        u"resolved_at, resolved_by, escalated_at, archived_at, deleted_at, version FROM cards ";

Card readCard(const QSqlQuery &query)
{
    Card card;
    card.id = query.value(0).toLongLong();
    card.columnId = query.value(1).toLongLong();
    card.rank = query.value(2).toString();
    card.title = query.value(3).toString();
    card.description = query.value(4).toString();
    card.priority = priorityFromString(query.value(5).toString()).value_or(Priority::Normal);
    card.status = statusFromString(query.value(6).toString()).value_or(StatusTag::None);
    card.assignee = query.value(7).toString();
    card.requester = query.value(8).toString();
    card.channel = channelFromString(query.value(9).toString()).value_or(Channel::None);
    card.dueAt = query.value(10).toLongLong();
    card.createdAt = query.value(11).toLongLong();
    card.createdBy = query.value(12).toString();
    card.updatedAt = query.value(13).toLongLong();
    card.updatedBy = query.value(14).toString();
    card.startedAt = query.value(15).toLongLong();
    card.firstResponseAt = query.value(16).toLongLong();
    card.firstResponseBy = query.value(17).toString();
    card.resolvedAt = query.value(18).toLongLong();
    card.resolvedBy = query.value(19).toString();
    card.escalatedAt = query.value(20).toLongLong();
    card.archivedAt = query.value(21).toLongLong();
    card.deletedAt = query.value(22).toLongLong();
    card.version = query.value(23).toLongLong();
    return card;
}

Label readLabel(const QSqlQuery &query)
{
    return Label{query.value(0).toLongLong(), query.value(1).toString(), query.value(2).toString(),
                 query.value(3).toLongLong()};
}

Column readColumn(const QSqlQuery &query)
{
    Column column;
    column.id = query.value(0).toLongLong();
    column.name = query.value(1).toString();
    column.rank = query.value(2).toString();
    column.wipLimit = query.value(3).toInt();
    column.kind = columnKindFromString(query.value(4).toString()).value_or(ColumnKind::Todo);
    column.version = query.value(5).toLongLong();
    return column;
}

QVariant nullable(qint64 value)
{
    return value ? QVariant(value) : QVariant();
}

QVariant nullable(const QString &value)
{
    return value.isEmpty() ? QVariant() : QVariant(value);
}

QJsonValue jsonTime(qint64 value)
{
    return value ? QJsonValue(double(value)) : QJsonValue();
}

QJsonObject fromTo(const QJsonValue &from, const QJsonValue &to)
{
    return {{QStringLiteral("from"), from}, {QStringLiteral("to"), to}};
}

QString excerpt(const QString &text)
{
    constexpr int s_excerptLength = 200;
    return text.size() <= s_excerptLength ? text : text.left(s_excerptLength - 1) + QChar(0x2026);
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

Status BoardStore::touchCard(qint64 cardId)
{
    auto touched = m_db->run(
            QStringLiteral("UPDATE cards SET updated_at = :now, updated_by = :login, "
                           "version = version + 1 WHERE id = :id"),
            {{QStringLiteral(":now"), now()}, {QStringLiteral(":login"), m_login}, {QStringLiteral(":id"), cardId}});
    return touched ? Status() : Status(touched.error());
}

Status BoardStore::reindexCard(qint64 cardId)
{
    auto removed =
            m_db->run(QStringLiteral("DELETE FROM cards_fts WHERE rowid = :id"), {{QStringLiteral(":id"), cardId}});
    if (!removed)
        return removed.error();
    auto added = m_db->run(QStringLiteral("INSERT INTO cards_fts (rowid, title, description, comments, checklist) "
                                          "SELECT c.id, c.title, c.description, "
                                          "coalesce((SELECT group_concat(body, ' ') FROM comments "
                                          "WHERE card_id = c.id AND deleted_at IS NULL), ''), "
                                          "coalesce((SELECT group_concat(text, ' ') FROM checklist_items "
                                          "WHERE card_id = c.id AND deleted_at IS NULL), '') "
                                          "FROM cards c WHERE c.id = :id"),
                           {{QStringLiteral(":id"), cardId}});
    return added ? Status() : Status(added.error());
}

Result<QStringList> BoardStore::fieldsChangedSince(qint64 cardId, qint64 version)
{
    QStringList fields;
    auto read = m_db->forEach(QStringLiteral("SELECT payload FROM events WHERE card_id = :card "
                                             "AND kind IN ('card.updated', 'card.moved', 'card.archived', "
                                             "'card.restored') ORDER BY seq DESC"),
                              {{QStringLiteral(":card"), cardId}}, [&](const QSqlQuery &query) {
                                  const QJsonObject payload =
                                          QJsonDocument::fromJson(query.value(0).toString().toUtf8()).object();
                                  if (payload.value(QStringLiteral("version")).toInteger() <= version)
                                      return;
                                  const QJsonObject changes = payload.value(QStringLiteral("changes")).toObject();
                                  for (auto it = changes.begin(); it != changes.end(); ++it) {
                                      if (!fields.contains(it.key()))
                                          fields << it.key();
                                  }
                              });
    if (!read)
        return read.error();
    return fields;
}

Status BoardStore::fillSummaries(QList<Card> &cards, qint64 onlyCardId)
{
    QHash<qint64, qsizetype> index;
    index.reserve(cards.size());
    for (qsizetype i = 0; i < cards.size(); ++i)
        index.insert(cards.at(i).id, i);
    auto cardFor = [&](const QSqlQuery &query) -> Card * {
        auto it = index.constFind(query.value(0).toLongLong());
        return it == index.cend() ? nullptr : &cards[*it];
    };
    // Separate statements for one card and for all, so that one card's read uses the card_id indexes.
    const QString oneCard = onlyCardId ? QStringLiteral(" AND card_id = :card") : QString();
    const Bindings card{{QStringLiteral(":card"), onlyCardId}};

    auto labels = m_db->forEach(QStringLiteral("SELECT card_id, label_id FROM card_labels "
                                               "JOIN labels l ON l.id = label_id WHERE l.deleted_at IS NULL")
                                        + oneCard + QStringLiteral(" ORDER BY l.name COLLATE NOCASE"),
                                card, [&](const QSqlQuery &query) {
                                    if (Card *target = cardFor(query))
                                        target->labelIds << query.value(1).toLongLong();
                                });
    if (!labels)
        return labels;
    auto checklist = m_db->forEach(QStringLiteral("SELECT card_id, sum(done), count(*) FROM checklist_items "
                                                  "WHERE deleted_at IS NULL")
                                           + oneCard + QStringLiteral(" GROUP BY card_id"),
                                   card, [&](const QSqlQuery &query) {
                                       if (Card *target = cardFor(query)) {
                                           target->checklistDone = query.value(1).toInt();
                                           target->checklistTotal = query.value(2).toInt();
                                       }
                                   });
    if (!checklist)
        return checklist;
    auto comments = m_db->forEach(QStringLiteral("SELECT card_id, count(*) FROM comments WHERE deleted_at IS NULL")
                                          + oneCard + QStringLiteral(" GROUP BY card_id"),
                                  card, [&](const QSqlQuery &query) {
                                      if (Card *target = cardFor(query))
                                          target->commentCount = query.value(1).toInt();
                                  });
    if (!comments)
        return comments;
    return m_db->forEach(QStringLiteral("SELECT card_id, count(*) FROM attachments WHERE state = 'ready'") + oneCard
                                 + QStringLiteral(" GROUP BY card_id"),
                         card, [&](const QSqlQuery &query) {
                             if (Card *target = cardFor(query))
                                 target->attachmentCount = query.value(1).toInt();
                         });
}

// --- Columns --------------------------------------------------------------------------------------------------

Result<QList<Column>> BoardStore::columns()
{
    return m_db->list<Column>(QStringLiteral("SELECT id, name, rank, wip_limit, kind, version FROM columns "
                                             "WHERE deleted_at IS NULL ORDER BY rank, id"),
                              {}, readColumn);
}

Result<Column> BoardStore::column(qint64 id)
{
    auto found = m_db->list<Column>(QStringLiteral("SELECT id, name, rank, wip_limit, kind, version FROM columns "
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
    if (name.isEmpty() || name.size() > s_maxColumnNameLength)
        return Error{ErrorKind::Invalid, tr("a column name has 1 to %1 characters").arg(s_maxColumnNameLength)};
    auto clash = db.scalar(QStringLiteral("SELECT count(*) FROM columns WHERE deleted_at IS NULL AND id != :id "
                                          "AND lower(name) = lower(:name)"),
                           {{QStringLiteral(":id"), exceptId}, {QStringLiteral(":name"), name}});
    if (!clash)
        return clash.error();
    if (clash->toInt() > 0)
        return Error{ErrorKind::Invalid, tr("there is already a column named “%1”").arg(name)};
    return {};
}

} // namespace

Result<qint64> BoardStore::addColumn(const QString &name, ColumnKind kind, int wipLimit, Placement placement)
{
    const OperationScope operation(*this);
    const QString trimmed = name.trimmed();
    if (wipLimit < 0 || wipLimit > s_maxWipLimit)
        return Error{ErrorKind::Invalid, tr("a WIP limit is between 0 (none) and %1").arg(s_maxWipLimit)};
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
                return appendEvent(QStringLiteral("column.added"), 0,
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
        return appendEvent(QStringLiteral("column.renamed"), 0,
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
        return appendEvent(QStringLiteral("column.moved"), 0,
                           {{QStringLiteral("column_id"), id}, {QStringLiteral("rank"), fromTo(current->rank, *rank)}});
    });
}

Status BoardStore::setColumnWipLimit(qint64 id, int wipLimit, qint64 expectedVersion)
{
    const OperationScope operation(*this);
    if (wipLimit < 0 || wipLimit > s_maxWipLimit)
        return Error{ErrorKind::Invalid, tr("a WIP limit is between 0 (none) and %1").arg(s_maxWipLimit)};
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
        return appendEvent(QStringLiteral("column.wip_changed"), 0,
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
        return appendEvent(QStringLiteral("column.deleted"), 0,
                           {{QStringLiteral("column_id"), id}, {QStringLiteral("name"), current->name}});
    });
}

// --- Cards ----------------------------------------------------------------------------------------------------

Result<Card> BoardStore::loadCard(qint64 id, bool includeDeleted)
{
    auto found = m_db->row<Card>(QString::fromUtf16(s_cardColumns) + QStringLiteral("WHERE id = :id"),
                                 {{QStringLiteral(":id"), id}}, readCard);
    if (!found)
        return found.error();
    if (!found->has_value())
        return Error{ErrorKind::NotFound, tr("there is no card #%1").arg(id)};
    const Card &card = **found;
    if (card.deletedAt && !includeDeleted)
        return Error{ErrorKind::NotFound, tr("card #%1 was deleted").arg(id)};
    return card;
}

Result<Card> BoardStore::card(qint64 id)
{
    auto loaded = loadCard(id, true);
    if (!loaded)
        return loaded;
    QList<Card> one{*loaded};
    if (auto filled = fillSummaries(one, id); !filled)
        return filled.error();
    return one.constFirst();
}

Result<QList<Card>> BoardStore::cards(const CardQuery &query)
{
    auto rows =
            m_db->list<Card>(QString::fromUtf16(s_cardColumns)
                                     + QStringLiteral("WHERE (:column = 0 OR column_id = :column) "
                                                      "AND (:deleted OR deleted_at IS NULL) "
                                                      "AND (:archived OR archived_at IS NULL) "
                                                      "ORDER BY (SELECT rank FROM columns WHERE id = cards.column_id), "
                                                      "rank, id"),
                             {{QStringLiteral(":column"), query.columnId},
                              {QStringLiteral(":deleted"), query.includeDeleted ? 1 : 0},
                              {QStringLiteral(":archived"), query.includeArchived ? 1 : 0}},
                             readCard);
    if (!rows)
        return rows.error();
    QList<Card> &result = rows.value();
    if (auto filled = fillSummaries(result, 0); !filled)
        return filled.error();
    return result;
}

namespace {

Status checkMember(Connection &db, const QString &login)
{
    if (login.isEmpty())
        return {};
    auto found = db.scalar(QStringLiteral("SELECT count(*) FROM members WHERE login = :login AND deleted_at IS NULL"),
                           {{QStringLiteral(":login"), login}});
    if (!found)
        return found.error();
    if (found->toInt() == 0)
        return Error{ErrorKind::Invalid, tr("“%1” is not a member of this board").arg(login)};
    return {};
}

} // namespace

Result<qint64> BoardStore::createCard(const NewCard &newCard)
{
    const OperationScope operation(*this);
    const QString title = newCard.title.trimmed();
    const QString assignee = newCard.assignee.trimmed().toLower();
    if (auto valid = checkText(tr("title"), title, s_maxTitleLength, true); !valid)
        return valid.error();
    if (auto valid = checkText(tr("description"), newCard.description, s_maxTextLength, false); !valid)
        return valid.error();
    if (auto valid = checkText(tr("requester"), newCard.requester, s_maxTitleLength, false); !valid)
        return valid.error();
    qint64 id = 0;
    auto status = change(
            Role::Editor, QStringLiteral("card.create"),
            [&]() -> Status {
                auto target = column(newCard.columnId);
                if (!target)
                    return target.error();
                if (auto member = checkMember(*m_db, assignee); !member)
                    return member;
                for (qint64 labelId : newCard.labelIds) {
                    if (auto label = loadLabel(labelId); !label)
                        return label.error();
                }
                auto rank = rankFor(Siblings::Cards, newCard.columnId, 0, newCard.placement);
                if (!rank)
                    return rank.error();
                const qint64 time = now();
                const bool started = target->kind != ColumnKind::Todo;
                const bool resolved = target->kind == ColumnKind::Done;
                auto inserted = m_db->insert(
                        QStringLiteral(
                                "INSERT INTO cards (board_id, column_id, rank, title, description, priority, status, "
                                "assignee, requester, channel, due_at, created_at, created_by, updated_at, updated_by, "
                                "started_at, first_response_at, first_response_by, resolved_at, resolved_by) "
                                "VALUES (1, :column, :rank, :title, :description, :priority, :status, :assignee, "
                                ":requester, :channel, :due, :now, :login, :now, :login, :started, :started, "
                                ":responder, :resolved, :resolver)"),
                        {{QStringLiteral(":column"), newCard.columnId},
                         {QStringLiteral(":rank"), *rank},
                         {QStringLiteral(":title"), title},
                         {QStringLiteral(":description"), newCard.description},
                         {QStringLiteral(":priority"), toText(newCard.priority)},
                         {QStringLiteral(":status"), toText(newCard.status)},
                         {QStringLiteral(":assignee"), assignee},
                         {QStringLiteral(":requester"), newCard.requester.trimmed()},
                         {QStringLiteral(":channel"), toText(newCard.channel)},
                         {QStringLiteral(":due"), nullable(newCard.dueAt)},
                         {QStringLiteral(":now"), time},
                         {QStringLiteral(":login"), m_login},
                         {QStringLiteral(":started"), started ? QVariant(time) : QVariant()},
                         {QStringLiteral(":responder"), started ? QVariant(m_login) : QVariant()},
                         {QStringLiteral(":resolved"), resolved ? QVariant(time) : QVariant()},
                         {QStringLiteral(":resolver"), resolved ? QVariant(m_login) : QVariant()}});
                if (!inserted)
                    return inserted.error();
                id = *inserted;
                QJsonArray labelNames;
                for (qint64 labelId : newCard.labelIds) {
                    auto linked =
                            m_db->run(QStringLiteral("INSERT OR IGNORE INTO card_labels (card_id, label_id, added_at, "
                                                     "added_by) VALUES (:card, :label, :now, :login)"),
                                      {{QStringLiteral(":card"), id},
                                       {QStringLiteral(":label"), labelId},
                                       {QStringLiteral(":now"), time},
                                       {QStringLiteral(":login"), m_login}});
                    if (!linked)
                        return linked.error();
                    labelNames << QJsonValue(labelId);
                }
                if (auto indexed = reindexCard(id); !indexed)
                    return indexed;
                return appendEvent(QStringLiteral("card.created"), id,
                                   {{QStringLiteral("version"), 1},
                                    {QStringLiteral("title"), title},
                                    {QStringLiteral("column_id"), newCard.columnId},
                                    {QStringLiteral("column"), target->name},
                                    {QStringLiteral("priority"), toText(newCard.priority)},
                                    {QStringLiteral("assignee"), assignee},
                                    {QStringLiteral("label_ids"), labelNames}});
            },
            &id);
    if (!status)
        return status.error();
    return id;
}

Result<qint64> BoardStore::updateCard(qint64 id, const CardPatch &patch, qint64 expectedVersion)
{
    const OperationScope operation(*this);
    if (patch.title) {
        if (auto valid = checkText(tr("title"), patch.title->trimmed(), s_maxTitleLength, true); !valid)
            return valid.error();
    }
    if (patch.description) {
        if (auto valid = checkText(tr("description"), *patch.description, s_maxTextLength, false); !valid)
            return valid.error();
    }
    if (patch.requester) {
        if (auto valid = checkText(tr("requester"), *patch.requester, s_maxTitleLength, false); !valid)
            return valid.error();
    }
    qint64 newVersion = 0;
    auto status = change(
            Role::Editor, QStringLiteral("card.update"),
            [&]() -> Status {
                auto loaded = loadCard(id, false);
                if (!loaded)
                    return loaded.error();
                Card card = *loaded;
                QJsonObject changes;
                auto set = [&changes](const QString &field, auto &target, const auto &value, auto toJson) {
                    if (target == value)
                        return;
                    changes.insert(field, fromTo(toJson(target), toJson(value)));
                    target = value;
                };
                const auto text = [](const QString &value) { return QJsonValue(value); };
                const auto enumText = [](auto value) { return QJsonValue(toText(value)); };
                if (patch.title)
                    set(QStringLiteral("title"), card.title, patch.title->trimmed(), text);
                if (patch.description)
                    set(QStringLiteral("description"), card.description, *patch.description, text);
                if (patch.priority)
                    set(QStringLiteral("priority"), card.priority, *patch.priority, enumText);
                if (patch.status)
                    set(QStringLiteral("status"), card.status, *patch.status, enumText);
                if (patch.assignee) {
                    const QString assignee = patch.assignee->trimmed().toLower();
                    if (auto member = checkMember(*m_db, assignee); !member)
                        return member;
                    set(QStringLiteral("assignee"), card.assignee, assignee, text);
                }
                if (patch.requester)
                    set(QStringLiteral("requester"), card.requester, patch.requester->trimmed(), text);
                if (patch.channel)
                    set(QStringLiteral("channel"), card.channel, *patch.channel, enumText);
                if (patch.dueAt)
                    set(QStringLiteral("due"), card.dueAt, *patch.dueAt, jsonTime);
                if (patch.escalated && *patch.escalated != (card.escalatedAt != 0)) {
                    changes.insert(QStringLiteral("escalated"), fromTo(!*patch.escalated, *patch.escalated));
                    card.escalatedAt = *patch.escalated ? now() : 0;
                }

                if (expectedVersion >= 0 && loaded->version != expectedVersion) {
                    auto theirs = fieldsChangedSince(id, expectedVersion);
                    if (!theirs)
                        return theirs.error();
                    QStringList both;
                    for (auto it = changes.begin(); it != changes.end(); ++it) {
                        if (theirs->contains(it.key()))
                            both << it.key();
                    }
                    if (!both.isEmpty() || expectedVersion > loaded->version) {
                        return Error{ErrorKind::Conflict,
                                     tr("card #%1 was changed by someone else since version %2 (now version %3; they "
                                        "changed: %4); reload it and try again")
                                             .arg(id)
                                             .arg(expectedVersion)
                                             .arg(loaded->version)
                                             .arg(both.isEmpty() ? theirs->join(QStringLiteral(", "))
                                                                 : both.join(QStringLiteral(", ")))};
                    }
                }
                if (changes.isEmpty()) {
                    newVersion = card.version;
                    return {};
                }
                newVersion = card.version + 1;
                auto updated = m_db->run(
                        QStringLiteral(
                                "UPDATE cards SET title = :title, description = :description, priority = :priority, "
                                "status = :status, assignee = :assignee, requester = :requester, channel = :channel, "
                                "due_at = :due, escalated_at = :escalated, "
                                "escalated_by = CASE WHEN :escalated IS NULL THEN NULL ELSE coalesce(escalated_by, "
                                ":login) "
                                "END, updated_at = :now, updated_by = :login, version = :new "
                                "WHERE id = :id AND version = :old"),
                        {{QStringLiteral(":title"), card.title},
                         {QStringLiteral(":description"), card.description},
                         {QStringLiteral(":priority"), toText(card.priority)},
                         {QStringLiteral(":status"), toText(card.status)},
                         {QStringLiteral(":assignee"), card.assignee},
                         {QStringLiteral(":requester"), card.requester},
                         {QStringLiteral(":channel"), toText(card.channel)},
                         {QStringLiteral(":due"), nullable(card.dueAt)},
                         {QStringLiteral(":escalated"), nullable(card.escalatedAt)},
                         {QStringLiteral(":now"), now()},
                         {QStringLiteral(":login"), m_login},
                         {QStringLiteral(":new"), newVersion},
                         {QStringLiteral(":id"), id},
                         {QStringLiteral(":old"), loaded->version}});
                if (!updated)
                    return updated.error();
                if (*updated != 1)
                    return Error{ErrorKind::Conflict, tr("card #%1 changed while saving; try again").arg(id)};
                if (changes.contains(QStringLiteral("title")) || changes.contains(QStringLiteral("description"))) {
                    if (auto indexed = reindexCard(id); !indexed)
                        return indexed;
                }
                return appendEvent(QStringLiteral("card.updated"), id,
                                   {{QStringLiteral("version"), newVersion}, {QStringLiteral("changes"), changes}});
            },
            &newVersion);
    if (!status)
        return status.error();
    return newVersion;
}

Result<qint64> BoardStore::moveCard(qint64 id, qint64 columnId, Placement placement, qint64 expectedVersion)
{
    const OperationScope operation(*this);
    qint64 newVersion = 0;
    auto status = change(
            Role::Editor, QStringLiteral("card.move"),
            [&]() -> Status {
                auto card = loadCard(id, false);
                if (!card)
                    return card.error();
                if (card->archivedAt)
                    return Error{ErrorKind::Invalid, tr("card #%1 is archived; restore it first").arg(id)};
                if (expectedVersion >= 0 && card->version != expectedVersion) {
                    auto theirs = fieldsChangedSince(id, expectedVersion);
                    if (!theirs)
                        return theirs.error();
                    if (theirs->contains(QStringLiteral("column")) || theirs->contains(QStringLiteral("rank"))
                        || theirs->contains(QStringLiteral("archived"))) {
                        return Error{ErrorKind::Conflict,
                                     tr("card #%1 was moved by someone else since you loaded it; reload and try again")
                                             .arg(id)};
                    }
                }
                auto from = column(card->columnId);
                auto to = column(columnId);
                if (!to)
                    return to.error();
                auto rank = rankFor(Siblings::Cards, columnId, id, placement);
                if (!rank)
                    return rank.error();
                const qint64 time = now();
                const ColumnKind fromKind = from ? from->kind : ColumnKind::Todo;
                const bool leavesTodo = to->kind != ColumnKind::Todo;
                qint64 firstResponseAt = card->firstResponseAt;
                QString firstResponseBy = card->firstResponseBy;
                if (leavesTodo && !firstResponseAt) {
                    firstResponseAt = time;
                    firstResponseBy = m_login;
                }
                const qint64 startedAt = card->startedAt ? card->startedAt : (leavesTodo ? time : 0);
                qint64 resolvedAt = card->resolvedAt;
                QString resolvedBy = card->resolvedBy;
                if (to->kind == ColumnKind::Done && (fromKind != ColumnKind::Done || !resolvedAt)) {
                    resolvedAt = time;
                    resolvedBy = m_login;
                } else if (to->kind != ColumnKind::Done) {
                    resolvedAt = 0;
                    resolvedBy.clear();
                }
                newVersion = card->version + 1;
                auto moved = m_db->run(
                        QStringLiteral(
                                "UPDATE cards SET column_id = :column, rank = :rank, first_response_at = :response, "
                                "first_response_by = :responder, started_at = :started, resolved_at = :resolved, "
                                "resolved_by = :resolver, updated_at = :now, updated_by = :login, version = :new "
                                "WHERE id = :id AND version = :old"),
                        {{QStringLiteral(":column"), columnId},
                         {QStringLiteral(":rank"), *rank},
                         {QStringLiteral(":response"), nullable(firstResponseAt)},
                         {QStringLiteral(":responder"), nullable(firstResponseBy)},
                         {QStringLiteral(":started"), nullable(startedAt)},
                         {QStringLiteral(":resolved"), nullable(resolvedAt)},
                         {QStringLiteral(":resolver"), nullable(resolvedBy)},
                         {QStringLiteral(":now"), time},
                         {QStringLiteral(":login"), m_login},
                         {QStringLiteral(":new"), newVersion},
                         {QStringLiteral(":id"), id},
                         {QStringLiteral(":old"), card->version}});
                if (!moved)
                    return moved.error();
                QJsonObject changes{{QStringLiteral("rank"), fromTo(card->rank, *rank)}};
                if (card->columnId != columnId)
                    changes.insert(QStringLiteral("column"), fromTo(card->columnId, columnId));
                return appendEvent(QStringLiteral("card.moved"), id,
                                   {{QStringLiteral("version"), newVersion},
                                    {QStringLiteral("from_column"), from ? from->name : QString()},
                                    {QStringLiteral("to_column"), to->name},
                                    {QStringLiteral("changes"), changes}});
            },
            &newVersion);
    if (!status)
        return status.error();
    return newVersion;
}

Status BoardStore::archiveCard(qint64 id)
{
    const OperationScope operation(*this);
    return change(Role::Editor, QStringLiteral("card.archive"), [&]() -> Status {
        auto card = loadCard(id, false);
        if (!card)
            return card.error();
        if (card->archivedAt)
            return {};
        auto archived = m_db->run(
                QStringLiteral("UPDATE cards SET archived_at = :now, archived_by = :login, "
                               "updated_at = :now, updated_by = :login, version = version + 1 "
                               "WHERE id = :id"),
                {{QStringLiteral(":now"), now()}, {QStringLiteral(":login"), m_login}, {QStringLiteral(":id"), id}});
        if (!archived)
            return archived.error();
        return appendEvent(
                QStringLiteral("card.archived"), id,
                {{QStringLiteral("version"), card->version + 1},
                 {QStringLiteral("changes"), QJsonObject{{QStringLiteral("archived"), fromTo(false, true)}}}});
    });
}

Status BoardStore::deleteCard(qint64 id)
{
    const OperationScope operation(*this);
    return change(Role::Editor, QStringLiteral("card.delete"), [&]() -> Status {
        auto card = loadCard(id, false);
        if (!card)
            return card.error();
        auto deleted = m_db->run(
                QStringLiteral("UPDATE cards SET deleted_at = :now, deleted_by = :login, "
                               "version = version + 1 WHERE id = :id"),
                {{QStringLiteral(":now"), now()}, {QStringLiteral(":login"), m_login}, {QStringLiteral(":id"), id}});
        if (!deleted)
            return deleted.error();
        return appendEvent(QStringLiteral("card.deleted"), id,
                           {{QStringLiteral("version"), card->version + 1}, {QStringLiteral("title"), card->title}});
    });
}

Status BoardStore::restoreCard(qint64 id)
{
    const OperationScope operation(*this);
    return change(Role::Editor, QStringLiteral("card.restore"), [&]() -> Status {
        auto card = loadCard(id, true);
        if (!card)
            return card.error();
        if (!card->archivedAt && !card->deletedAt)
            return {};
        qint64 columnId = card->columnId;
        QString rank = card->rank;
        if (!column(columnId)) {
            auto first = m_db->scalar(QStringLiteral("SELECT id FROM columns WHERE deleted_at IS NULL "
                                                     "ORDER BY rank LIMIT 1"));
            if (!first)
                return first.error();
            columnId = first->toLongLong();
            auto end = rankFor(Siblings::Cards, columnId, id, {});
            if (!end)
                return end.error();
            rank = *end;
        } else {
            // Its old place may have been handed to a newer card meanwhile: then it goes right after that card.
            auto tied = m_db->scalar(QStringLiteral("SELECT id FROM cards WHERE column_id = :column AND rank = :rank "
                                                    "AND id != :id AND deleted_at IS NULL LIMIT 1"),
                                     {{QStringLiteral(":column"), columnId},
                                      {QStringLiteral(":rank"), rank},
                                      {QStringLiteral(":id"), id}});
            if (!tied)
                return tied.error();
            if (!tied->isNull()) {
                auto after = rankFor(Siblings::Cards, columnId, id, Placement{0, tied->toLongLong()});
                if (!after)
                    return after.error();
                rank = *after;
            }
        }
        auto restored = m_db->run(QStringLiteral("UPDATE cards SET archived_at = NULL, archived_by = NULL, "
                                                 "deleted_at = NULL, deleted_by = NULL, column_id = :column, "
                                                 "rank = :rank, updated_at = :now, updated_by = :login, "
                                                 "version = version + 1 WHERE id = :id"),
                                  {{QStringLiteral(":column"), columnId},
                                   {QStringLiteral(":rank"), rank},
                                   {QStringLiteral(":now"), now()},
                                   {QStringLiteral(":login"), m_login},
                                   {QStringLiteral(":id"), id}});
        if (!restored)
            return restored.error();
        QJsonObject changes{{QStringLiteral("archived"), fromTo(true, false)}};
        if (columnId != card->columnId)
            changes.insert(QStringLiteral("column"), fromTo(card->columnId, columnId));
        return appendEvent(QStringLiteral("card.restored"), id,
                           {{QStringLiteral("version"), card->version + 1}, {QStringLiteral("changes"), changes}});
    });
}

// --- Labels ---------------------------------------------------------------------------------------------------

Result<QList<Label>> BoardStore::labels()
{
    return m_db->list<Label>(QStringLiteral("SELECT id, name, color, version FROM labels WHERE deleted_at IS NULL "
                                            "ORDER BY name COLLATE NOCASE"),
                             {}, readLabel);
}

Result<Label> BoardStore::loadLabel(qint64 id)
{
    auto found = m_db->row<Label>(QStringLiteral("SELECT id, name, color, version FROM labels "
                                                 "WHERE id = :id AND deleted_at IS NULL"),
                                  {{QStringLiteral(":id"), id}}, readLabel);
    if (!found)
        return found.error();
    if (!found->has_value())
        return Error{ErrorKind::NotFound, tr("there is no label #%1").arg(id)};
    return **found;
}

namespace {

Status checkLabel(Connection &db, const QString &name, qint64 exceptId)
{
    if (name.isEmpty() || name.size() > s_maxLabelNameLength)
        return Error{ErrorKind::Invalid, tr("a label name has 1 to %1 characters").arg(s_maxLabelNameLength)};
    auto clash = db.scalar(QStringLiteral("SELECT count(*) FROM labels WHERE deleted_at IS NULL AND id != :id "
                                          "AND lower(name) = lower(:name)"),
                           {{QStringLiteral(":id"), exceptId}, {QStringLiteral(":name"), name}});
    if (!clash)
        return clash.error();
    if (clash->toInt() > 0)
        return Error{ErrorKind::Invalid, tr("there is already a label named “%1”").arg(name)};
    return {};
}

Status checkColor(const QString &color)
{
    static const QRegularExpression s_color(QStringLiteral("^#[0-9a-fA-F]{6}$"));
    if (!s_color.match(color).hasMatch())
        return Error{ErrorKind::Invalid, tr("“%1” is not a colour like #1f77b4").arg(color)};
    return {};
}

} // namespace

Result<qint64> BoardStore::createLabel(const QString &name, const QString &color)
{
    const OperationScope operation(*this);
    const QString trimmed = name.trimmed();
    if (auto valid = checkColor(color); !valid)
        return valid.error();
    qint64 id = 0;
    auto status = change(
            Role::Editor, QStringLiteral("label.create"),
            [&]() -> Status {
                if (auto valid = checkLabel(*m_db, trimmed, 0); !valid)
                    return valid;
                auto inserted = m_db->insert(QStringLiteral("INSERT INTO labels (board_id, name, color, created_at) "
                                                            "VALUES (1, :name, :color, :now)"),
                                             {{QStringLiteral(":name"), trimmed},
                                              {QStringLiteral(":color"), color.toLower()},
                                              {QStringLiteral(":now"), now()}});
                if (!inserted)
                    return inserted.error();
                id = *inserted;
                return appendEvent(QStringLiteral("label.created"), 0,
                                   {{QStringLiteral("label_id"), id},
                                    {QStringLiteral("name"), trimmed},
                                    {QStringLiteral("color"), color.toLower()}});
            },
            &id);
    if (!status)
        return status.error();
    return id;
}

Status BoardStore::renameLabel(qint64 id, const QString &name, qint64 expectedVersion)
{
    const OperationScope operation(*this);
    const QString trimmed = name.trimmed();
    return change(Role::Editor, QStringLiteral("label.rename"), [&]() -> Status {
        auto label = loadLabel(id);
        if (!label)
            return label.error();
        if (auto fresh = checkVersion(tr("label “%1”").arg(label->name), label->version, expectedVersion); !fresh)
            return fresh;
        if (auto valid = checkLabel(*m_db, trimmed, id); !valid)
            return valid;
        auto renamed = m_db->run(QStringLiteral("UPDATE labels SET name = :name, version = version + 1 WHERE id = :id"),
                                 {{QStringLiteral(":name"), trimmed}, {QStringLiteral(":id"), id}});
        if (!renamed)
            return renamed.error();
        return appendEvent(QStringLiteral("label.renamed"), 0,
                           {{QStringLiteral("label_id"), id}, {QStringLiteral("name"), fromTo(label->name, trimmed)}});
    });
}

Status BoardStore::recolorLabel(qint64 id, const QString &color, qint64 expectedVersion)
{
    const OperationScope operation(*this);
    if (auto valid = checkColor(color); !valid)
        return valid;
    return change(Role::Editor, QStringLiteral("label.recolor"), [&]() -> Status {
        auto label = loadLabel(id);
        if (!label)
            return label.error();
        if (auto fresh = checkVersion(tr("label “%1”").arg(label->name), label->version, expectedVersion); !fresh)
            return fresh;
        auto recolored = m_db->run(QStringLiteral("UPDATE labels SET color = :color, version = version + 1 "
                                                  "WHERE id = :id"),
                                   {{QStringLiteral(":color"), color.toLower()}, {QStringLiteral(":id"), id}});
        if (!recolored)
            return recolored.error();
        return appendEvent(
                QStringLiteral("label.recolored"), 0,
                {{QStringLiteral("label_id"), id}, {QStringLiteral("color"), fromTo(label->color, color.toLower())}});
    });
}

Status BoardStore::deleteLabel(qint64 id)
{
    const OperationScope operation(*this);
    return change(Role::Editor, QStringLiteral("label.delete"), [&]() -> Status {
        auto label = loadLabel(id);
        if (!label)
            return label.error();
        // The card links stay, so restoring the label would bring them back.
        auto deleted = m_db->run(QStringLiteral("UPDATE labels SET deleted_at = :now, version = version + 1 "
                                                "WHERE id = :id"),
                                 {{QStringLiteral(":now"), now()}, {QStringLiteral(":id"), id}});
        if (!deleted)
            return deleted.error();
        return appendEvent(QStringLiteral("label.deleted"), 0,
                           {{QStringLiteral("label_id"), id}, {QStringLiteral("name"), label->name}});
    });
}

Status BoardStore::attachLabel(qint64 cardId, qint64 labelId)
{
    const OperationScope operation(*this);
    return change(Role::Editor, QStringLiteral("card.label"), [&]() -> Status {
        auto card = loadCard(cardId, false);
        if (!card)
            return card.error();
        auto label = loadLabel(labelId);
        if (!label)
            return label.error();
        auto linked = m_db->run(QStringLiteral("INSERT OR IGNORE INTO card_labels (card_id, label_id, added_at, "
                                               "added_by) VALUES (:card, :label, :now, :login)"),
                                {{QStringLiteral(":card"), cardId},
                                 {QStringLiteral(":label"), labelId},
                                 {QStringLiteral(":now"), now()},
                                 {QStringLiteral(":login"), m_login}});
        if (!linked)
            return linked.error();
        if (*linked == 0)
            return {};
        if (auto touched = touchCard(cardId); !touched)
            return touched;
        return appendEvent(QStringLiteral("card.label_added"), cardId,
                           {{QStringLiteral("label_id"), labelId}, {QStringLiteral("label"), label->name}});
    });
}

Status BoardStore::detachLabel(qint64 cardId, qint64 labelId)
{
    const OperationScope operation(*this);
    return change(Role::Editor, QStringLiteral("card.unlabel"), [&]() -> Status {
        auto card = loadCard(cardId, false);
        if (!card)
            return card.error();
        auto label = loadLabel(labelId);
        if (!label)
            return label.error();
        auto unlinked = m_db->run(QStringLiteral("DELETE FROM card_labels WHERE card_id = :card AND label_id = :label"),
                                  {{QStringLiteral(":card"), cardId}, {QStringLiteral(":label"), labelId}});
        if (!unlinked)
            return unlinked.error();
        if (*unlinked == 0)
            return {};
        if (auto touched = touchCard(cardId); !touched)
            return touched;
        return appendEvent(QStringLiteral("card.label_removed"), cardId,
                           {{QStringLiteral("label_id"), labelId}, {QStringLiteral("label"), label->name}});
    });
}

// --- Checklist ------------------------------------------------------------------------------------------------

namespace {

constexpr const char16_t *s_checklistColumns =
        u"SELECT id, card_id, text, done, rank, done_at, done_by, version FROM checklist_items ";

ChecklistItem readChecklistItem(const QSqlQuery &query)
{
    ChecklistItem item;
    item.id = query.value(0).toLongLong();
    item.cardId = query.value(1).toLongLong();
    item.text = query.value(2).toString();
    item.done = query.value(3).toBool();
    item.rank = query.value(4).toString();
    item.doneAt = query.value(5).toLongLong();
    item.doneBy = query.value(6).toString();
    item.version = query.value(7).toLongLong();
    return item;
}

} // namespace

Result<QList<ChecklistItem>> BoardStore::checklist(qint64 cardId)
{
    return m_db->list<ChecklistItem>(QString::fromUtf16(s_checklistColumns)
                                             + QStringLiteral("WHERE card_id = :card AND deleted_at IS NULL "
                                                              "ORDER BY rank, id"),
                                     {{QStringLiteral(":card"), cardId}}, readChecklistItem);
}

Result<ChecklistItem> BoardStore::loadChecklistItem(qint64 id)
{
    // Items of a deleted card are out of reach too, like the card.
    auto found =
            m_db->row<ChecklistItem>(QString::fromUtf16(s_checklistColumns)
                                             + QStringLiteral("WHERE id = :id AND deleted_at IS NULL AND card_id IN "
                                                              "(SELECT id FROM cards WHERE deleted_at IS NULL)"),
                                     {{QStringLiteral(":id"), id}}, readChecklistItem);
    if (!found)
        return found.error();
    if (!found->has_value())
        return Error{ErrorKind::NotFound, tr("there is no checklist item #%1").arg(id)};
    return **found;
}

Result<qint64> BoardStore::addChecklistItem(qint64 cardId, const QString &text, Placement placement)
{
    const OperationScope operation(*this);
    const QString trimmed = text.trimmed();
    if (auto valid = checkText(tr("checklist item"), trimmed, s_maxChecklistTextLength, true); !valid)
        return valid.error();
    qint64 id = 0;
    auto status = change(
            Role::Editor, QStringLiteral("checklist.add"),
            [&]() -> Status {
                auto card = loadCard(cardId, false);
                if (!card)
                    return card.error();
                auto rank = rankFor(Siblings::Checklist, cardId, 0, placement);
                if (!rank)
                    return rank.error();
                auto inserted =
                        m_db->insert(QStringLiteral("INSERT INTO checklist_items (card_id, text, rank, created_at, "
                                                    "created_by) VALUES (:card, :text, :rank, :now, :login)"),
                                     {{QStringLiteral(":card"), cardId},
                                      {QStringLiteral(":text"), trimmed},
                                      {QStringLiteral(":rank"), *rank},
                                      {QStringLiteral(":now"), now()},
                                      {QStringLiteral(":login"), m_login}});
                if (!inserted)
                    return inserted.error();
                id = *inserted;
                if (auto touched = touchCard(cardId); !touched)
                    return touched;
                if (auto indexed = reindexCard(cardId); !indexed)
                    return indexed;
                return appendEvent(QStringLiteral("checklist.added"), cardId,
                                   {{QStringLiteral("item_id"), id}, {QStringLiteral("text"), trimmed}});
            },
            &id);
    if (!status)
        return status.error();
    return id;
}

Status BoardStore::editChecklistItem(qint64 id, const QString &text, qint64 expectedVersion)
{
    const OperationScope operation(*this);
    const QString trimmed = text.trimmed();
    if (auto valid = checkText(tr("checklist item"), trimmed, s_maxChecklistTextLength, true); !valid)
        return valid;
    return change(Role::Editor, QStringLiteral("checklist.edit"), [&]() -> Status {
        auto item = loadChecklistItem(id);
        if (!item)
            return item.error();
        if (auto fresh = checkVersion(tr("checklist item “%1”").arg(item->text), item->version, expectedVersion);
            !fresh)
            return fresh;
        if (item->text == trimmed)
            return {};
        auto edited = m_db->run(QStringLiteral("UPDATE checklist_items SET text = :text, version = version + 1 "
                                               "WHERE id = :id"),
                                {{QStringLiteral(":text"), trimmed}, {QStringLiteral(":id"), id}});
        if (!edited)
            return edited.error();
        if (auto touched = touchCard(item->cardId); !touched)
            return touched;
        if (auto indexed = reindexCard(item->cardId); !indexed)
            return indexed;
        return appendEvent(QStringLiteral("checklist.edited"), item->cardId,
                           {{QStringLiteral("item_id"), id}, {QStringLiteral("text"), fromTo(item->text, trimmed)}});
    });
}

Status BoardStore::setChecklistItemDone(qint64 id, bool done)
{
    const OperationScope operation(*this);
    return change(Role::Editor, QStringLiteral("checklist.tick"), [&]() -> Status {
        auto item = loadChecklistItem(id);
        if (!item)
            return item.error();
        if (item->done == done)
            return {};
        auto ticked = m_db->run(QStringLiteral("UPDATE checklist_items SET done = :done, done_at = :at, "
                                               "done_by = :by, version = version + 1 WHERE id = :id"),
                                {{QStringLiteral(":done"), done ? 1 : 0},
                                 {QStringLiteral(":at"), done ? QVariant(now()) : QVariant()},
                                 {QStringLiteral(":by"), done ? QVariant(m_login) : QVariant()},
                                 {QStringLiteral(":id"), id}});
        if (!ticked)
            return ticked.error();
        if (auto touched = touchCard(item->cardId); !touched)
            return touched;
        return appendEvent(done ? QStringLiteral("checklist.checked") : QStringLiteral("checklist.unchecked"),
                           item->cardId, {{QStringLiteral("item_id"), id}, {QStringLiteral("text"), item->text}});
    });
}

Status BoardStore::moveChecklistItem(qint64 id, Placement placement)
{
    const OperationScope operation(*this);
    return change(Role::Editor, QStringLiteral("checklist.move"), [&]() -> Status {
        auto item = loadChecklistItem(id);
        if (!item)
            return item.error();
        auto rank = rankFor(Siblings::Checklist, item->cardId, id, placement);
        if (!rank)
            return rank.error();
        auto moved = m_db->run(QStringLiteral("UPDATE checklist_items SET rank = :rank, version = version + 1 "
                                              "WHERE id = :id"),
                               {{QStringLiteral(":rank"), *rank}, {QStringLiteral(":id"), id}});
        if (!moved)
            return moved.error();
        if (auto touched = touchCard(item->cardId); !touched)
            return touched;
        return appendEvent(QStringLiteral("checklist.moved"), item->cardId,
                           {{QStringLiteral("item_id"), id}, {QStringLiteral("text"), item->text}});
    });
}

Status BoardStore::deleteChecklistItem(qint64 id)
{
    const OperationScope operation(*this);
    return change(Role::Editor, QStringLiteral("checklist.delete"), [&]() -> Status {
        auto item = loadChecklistItem(id);
        if (!item)
            return item.error();
        auto deleted = m_db->run(QStringLiteral("UPDATE checklist_items SET deleted_at = :now, version = version + 1 "
                                                "WHERE id = :id"),
                                 {{QStringLiteral(":now"), now()}, {QStringLiteral(":id"), id}});
        if (!deleted)
            return deleted.error();
        if (auto touched = touchCard(item->cardId); !touched)
            return touched;
        if (auto indexed = reindexCard(item->cardId); !indexed)
            return indexed;
        return appendEvent(QStringLiteral("checklist.deleted"), item->cardId,
                           {{QStringLiteral("item_id"), id}, {QStringLiteral("text"), item->text}});
    });
}

// --- Comments -------------------------------------------------------------------------------------------------

namespace {

constexpr const char16_t *s_commentColumns =
        u"SELECT id, card_id, author, body, created_at, edited_at, version FROM comments ";

Comment readComment(const QSqlQuery &query)
{
    Comment comment;
    comment.id = query.value(0).toLongLong();
    comment.cardId = query.value(1).toLongLong();
    comment.author = query.value(2).toString();
    comment.body = query.value(3).toString();
    comment.createdAt = query.value(4).toLongLong();
    comment.editedAt = query.value(5).toLongLong();
    comment.version = query.value(6).toLongLong();
    return comment;
}

} // namespace

Result<QList<Comment>> BoardStore::comments(qint64 cardId)
{
    return m_db->list<Comment>(QString::fromUtf16(s_commentColumns)
                                       + QStringLiteral("WHERE card_id = :card AND deleted_at IS NULL "
                                                        "ORDER BY created_at, id"),
                               {{QStringLiteral(":card"), cardId}}, readComment);
}

Result<Comment> BoardStore::loadComment(qint64 id)
{
    auto found = m_db->row<Comment>(QString::fromUtf16(s_commentColumns)
                                            + QStringLiteral("WHERE id = :id AND deleted_at IS NULL AND card_id IN "
                                                             "(SELECT id FROM cards WHERE deleted_at IS NULL)"),
                                    {{QStringLiteral(":id"), id}}, readComment);
    if (!found)
        return found.error();
    if (!found->has_value())
        return Error{ErrorKind::NotFound, tr("there is no comment #%1").arg(id)};
    return **found;
}

Result<qint64> BoardStore::addComment(qint64 cardId, const QString &body)
{
    const OperationScope operation(*this);
    if (auto valid = checkText(tr("comment"), body, s_maxTextLength, true); !valid)
        return valid.error();
    qint64 id = 0;
    auto status = change(
            Role::Editor, QStringLiteral("comment.add"),
            [&]() -> Status {
                auto card = loadCard(cardId, false);
                if (!card)
                    return card.error();
                const qint64 time = now();
                auto inserted = m_db->insert(QStringLiteral("INSERT INTO comments (card_id, author, body, created_at) "
                                                            "VALUES (:card, :login, :body, :now)"),
                                             {{QStringLiteral(":card"), cardId},
                                              {QStringLiteral(":login"), m_login},
                                              {QStringLiteral(":body"), body},
                                              {QStringLiteral(":now"), time}});
                if (!inserted)
                    return inserted.error();
                id = *inserted;
                // The first comment by anyone but the requester is the first response (help-desk metrics).
                if (!card->firstResponseAt && card->requester.compare(m_login, Qt::CaseInsensitive) != 0) {
                    auto responded = m_db->run(QStringLiteral("UPDATE cards SET first_response_at = :now, "
                                                              "first_response_by = :login WHERE id = :id"),
                                               {{QStringLiteral(":now"), time},
                                                {QStringLiteral(":login"), m_login},
                                                {QStringLiteral(":id"), cardId}});
                    if (!responded)
                        return responded.error();
                }
                if (auto touched = touchCard(cardId); !touched)
                    return touched;
                if (auto indexed = reindexCard(cardId); !indexed)
                    return indexed;
                return appendEvent(QStringLiteral("comment.added"), cardId,
                                   {{QStringLiteral("comment_id"), id}, {QStringLiteral("text"), excerpt(body)}});
            },
            &id);
    if (!status)
        return status.error();
    return id;
}

Status BoardStore::editComment(qint64 id, const QString &body, qint64 expectedVersion)
{
    const OperationScope operation(*this);
    if (auto valid = checkText(tr("comment"), body, s_maxTextLength, true); !valid)
        return valid;
    return change(Role::Editor, QStringLiteral("comment.edit"), [&]() -> Status {
        auto comment = loadComment(id);
        if (!comment)
            return comment.error();
        if (comment->author != m_login)
            return Error{ErrorKind::Forbidden, tr("only %1 can edit their comment").arg(comment->author)};
        if (auto fresh = checkVersion(tr("your comment"), comment->version, expectedVersion); !fresh)
            return fresh;
        auto edited = m_db->run(
                QStringLiteral("UPDATE comments SET body = :body, edited_at = :now, "
                               "version = version + 1 WHERE id = :id"),
                {{QStringLiteral(":body"), body}, {QStringLiteral(":now"), now()}, {QStringLiteral(":id"), id}});
        if (!edited)
            return edited.error();
        if (auto touched = touchCard(comment->cardId); !touched)
            return touched;
        if (auto indexed = reindexCard(comment->cardId); !indexed)
            return indexed;
        return appendEvent(QStringLiteral("comment.edited"), comment->cardId,
                           {{QStringLiteral("comment_id"), id}, {QStringLiteral("text"), excerpt(body)}});
    });
}

Status BoardStore::deleteComment(qint64 id)
{
    const OperationScope operation(*this);
    return change(Role::Editor, QStringLiteral("comment.delete"), [&]() -> Status {
        auto comment = loadComment(id);
        if (!comment)
            return comment.error();
        if (comment->author != m_login && m_role != Role::Admin)
            return Error{ErrorKind::Forbidden, tr("only %1 or an admin can delete this comment").arg(comment->author)};
        auto deleted = m_db->run(QStringLiteral("UPDATE comments SET deleted_at = :now, version = version + 1 "
                                                "WHERE id = :id"),
                                 {{QStringLiteral(":now"), now()}, {QStringLiteral(":id"), id}});
        if (!deleted)
            return deleted.error();
        if (auto touched = touchCard(comment->cardId); !touched)
            return touched;
        if (auto indexed = reindexCard(comment->cardId); !indexed)
            return indexed;
        return appendEvent(QStringLiteral("comment.deleted"), comment->cardId, {{QStringLiteral("comment_id"), id}});
    });
}

} // namespace hb::storage
