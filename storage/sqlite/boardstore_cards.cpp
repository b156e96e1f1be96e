// SPDX-License-Identifier: GPL-3.0-or-later
// BoardStore: cards, their summaries, history-based merging and the search index.
#include "boardstore_p.h"
#include "connection.h"

#include <storage/boardstore.h>
#include <storage/eventkinds.h>

#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSqlQuery>

#include <algorithm>

namespace hb::storage {

using namespace detail;

namespace {

constexpr const char16_t *s_cardColumns =
        u"SELECT id, column_id, rank, title, description, priority, status, assignee, requester, channel, due_at, "
        u"created_at, created_by, updated_at, updated_by, started_at, first_response_at, first_response_by, "
        u"resolved_at, resolved_by, archived_at, deleted_at, version, archived_by, first_contact FROM cards ";

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
    card.archivedAt = query.value(20).toLongLong();
    card.deletedAt = query.value(21).toLongLong();
    card.version = query.value(22).toLongLong();
    card.archivedBy = query.value(23).toString();
    card.firstContact = query.value(24).toBool();
    return card;
}

} // namespace

Status BoardStore::touchCard(qint64 cardId)
{
    auto touched = m_db->run(
            QStringLiteral("UPDATE cards SET updated_at = :now, updated_by = :login, "
                           "version = version + 1 WHERE id = :id"),
            {{QStringLiteral(":now"), now()}, {QStringLiteral(":login"), m_login}, {QStringLiteral(":id"), cardId}});
    return touched ? Status() : Status(touched.error());
}

Status BoardStore::cardChanged(CardIndex index, QStringView eventKind, qint64 cardId, const QJsonObject &payload)
{
    if (auto touched = touchCard(cardId); !touched)
        return touched;
    if (index == CardIndex::Refresh) {
        if (auto indexed = reindexCard(cardId); !indexed)
            return indexed;
    }
    return appendEvent(eventKind, cardId, payload);
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
    return fieldsChangedAfter(*m_db,
                              QStringLiteral("SELECT payload FROM events WHERE card_id = :card "
                                             "AND kind IN ('card.updated', 'card.moved', 'card.archived', "
                                             "'card.restored') ORDER BY seq DESC"),
                              {{QStringLiteral(":card"), cardId}}, version);
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
    // Separate statements for one card, a page of cards and all, so that the first two use the card_id indexes.
    QString oneCard = onlyCardId ? QStringLiteral(" AND card_id = :card") : QString();
    QString pageIds;
    if (onlyCardId < 0) {
        QList<qint64> ids;
        ids.reserve(cards.size());
        for (const Card &each : std::as_const(cards))
            ids << each.id;
        pageIds = idsJson(ids);
        oneCard = QStringLiteral(" AND card_id IN (SELECT value FROM json_each(:ids))");
    }
    const Bindings card{{QStringLiteral(":card"), onlyCardId}, {QStringLiteral(":ids"), pageIds}};

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
    auto escalations = m_db->forEach(openEscalationsSql() + oneCard, card, [&](const QSqlQuery &query) {
        auto it = index.constFind(query.value(12).toLongLong());
        if (it != index.cend())
            cards[*it].escalation = readEscalation(query, 0);
    });
    if (!escalations)
        return escalations;
    return m_db->forEach(QStringLiteral("SELECT card_id, count(*) FROM attachments WHERE state = 'ready'") + oneCard
                                 + QStringLiteral(" GROUP BY card_id"),
                         card, [&](const QSqlQuery &query) {
                             if (Card *target = cardFor(query))
                                 target->attachmentCount = query.value(1).toInt();
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
                                                      "AND (NOT :onlyArchived OR archived_at IS NOT NULL) "
                                                      "AND (:since = 0 OR resolved_at >= :since) "
                                                      "ORDER BY (SELECT rank FROM columns WHERE id = cards.column_id), "
                                                      "rank, id"),
                             {{QStringLiteral(":column"), query.columnId},
                              {QStringLiteral(":deleted"), query.includeDeleted ? 1 : 0},
                              {QStringLiteral(":archived"), query.includeArchived || query.onlyArchived ? 1 : 0},
                              {QStringLiteral(":onlyArchived"), query.onlyArchived ? 1 : 0},
                              {QStringLiteral(":since"), query.resolvedSince}},
                             readCard);
    if (!rows)
        return rows.error();
    QList<Card> &result = rows.value();
    if (auto filled = fillSummaries(result, 0); !filled)
        return filled.error();
    return result;
}

Result<QList<qint64>> BoardStore::cardIds(const CardQuery &query)
{
    return m_db->list<qint64>(
            QStringLiteral("SELECT id FROM cards WHERE (:column = 0 OR column_id = :column) "
                           "AND (:deleted OR deleted_at IS NULL) "
                           "AND (:archived OR archived_at IS NULL) "
                           "AND (NOT :onlyArchived OR archived_at IS NOT NULL) "
                           "AND (:since = 0 OR resolved_at >= :since) "
                           "ORDER BY (SELECT rank FROM columns WHERE id = cards.column_id), rank, id"),
            {{QStringLiteral(":column"), query.columnId},
             {QStringLiteral(":deleted"), query.includeDeleted ? 1 : 0},
             {QStringLiteral(":archived"), query.includeArchived || query.onlyArchived ? 1 : 0},
             {QStringLiteral(":onlyArchived"), query.onlyArchived ? 1 : 0},
             {QStringLiteral(":since"), query.resolvedSince}},
            [](const QSqlQuery &row) { return row.value(0).toLongLong(); });
}

Result<QList<Card>> BoardStore::cardsWithIds(const QList<qint64> &ids)
{
    auto rows = m_db->list<Card>(QString::fromUtf16(s_cardColumns)
                                         + QStringLiteral("WHERE id IN (SELECT value FROM json_each(:ids))"),
                                 {{QStringLiteral(":ids"), idsJson(ids)}}, readCard);
    if (!rows)
        return rows.error();
    // In the order asked for; ids no longer there are left out.
    QHash<qint64, qsizetype> position;
    for (qsizetype i = 0; i < ids.size(); ++i)
        position.insert(ids.at(i), i);
    QList<Card> &result = rows.value();
    std::sort(result.begin(), result.end(),
              [&](const Card &a, const Card &b) { return position.value(a.id) < position.value(b.id); });
    if (auto filled = fillSummaries(result, -1); !filled)
        return filled.error();
    return result;
}

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
                }
                if (auto indexed = reindexCard(id); !indexed)
                    return indexed;
                return appendEvent(eventkind::CardCreated, id,
                                   cardCreatedPayload(title, newCard, target->name, assignee));
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
                if (patch.firstContact)
                    set(QStringLiteral("first_contact"), card.firstContact, *patch.firstContact,
                        [](bool ticked) { return QJsonValue(ticked); });
                Escalation openEscalation;
                std::optional<Escalation> wantedEscalation;
                if (patch.escalation) {
                    auto open = m_db->row<Escalation>(openEscalationsSql() + QStringLiteral(" AND e.card_id = :card"),
                                                      {{QStringLiteral(":card"), id}},
                                                      [](const QSqlQuery &query) { return readEscalation(query, 0); });
                    if (!open)
                        return open.error();
                    openEscalation = open->value_or(Escalation());
                    // Compared as it will be stored (trimmed; none is none), so an edit that changes nothing is none.
                    Escalation wanted = patch.escalation->isEscalated() ? *patch.escalation : Escalation();
                    wanted.reference = wanted.reference.trimmed();
                    wanted.note = wanted.note.trimmed();
                    if (!(wanted == openEscalation)) {
                        if (auto valid = checkEscalation(wanted, openEscalation.targetId); !valid)
                            return valid;
                        changes.insert(QStringLiteral("escalation"),
                                       fromTo(escalationJson(openEscalation), escalationJson(wanted)));
                        wantedEscalation = wanted;
                    }
                }

                if (auto merged = checkMerge(tr("card #%1").arg(id), expectedVersion, loaded->version, changes,
                                             [&] { return fieldsChangedSince(id, expectedVersion); });
                    !merged) {
                    return merged;
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
                                "due_at = :due, first_contact = :first, updated_at = :now, updated_by = :login, "
                                "version = :new "
                                "WHERE id = :id AND version = :old"),
                        {{QStringLiteral(":title"), card.title},
                         {QStringLiteral(":description"), card.description},
                         {QStringLiteral(":priority"), toText(card.priority)},
                         {QStringLiteral(":status"), toText(card.status)},
                         {QStringLiteral(":assignee"), card.assignee},
                         {QStringLiteral(":requester"), card.requester},
                         {QStringLiteral(":channel"), toText(card.channel)},
                         {QStringLiteral(":due"), nullable(card.dueAt)},
                         {QStringLiteral(":first"), card.firstContact ? 1 : 0},
                         {QStringLiteral(":now"), now()},
                         {QStringLiteral(":login"), m_login},
                         {QStringLiteral(":new"), newVersion},
                         {QStringLiteral(":id"), id},
                         {QStringLiteral(":old"), loaded->version}});
                if (!updated)
                    return updated.error();
                if (*updated != 1)
                    return Error{ErrorKind::Conflict, tr("card #%1 changed while saving; try again").arg(id)};
                if (wantedEscalation) {
                    if (auto written = writeEscalation(id, openEscalation, *wantedEscalation); !written)
                        return written;
                }
                if (changes.contains(QStringLiteral("title")) || changes.contains(QStringLiteral("description"))) {
                    if (auto indexed = reindexCard(id); !indexed)
                        return indexed;
                }
                return appendEvent(eventkind::CardUpdated, id,
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
            [&]() -> Status { return moveCardNow(id, columnId, placement, expectedVersion, &newVersion); },
            &newVersion);
    if (!status)
        return status.error();
    return newVersion;
}

Status BoardStore::moveCardNow(qint64 id, qint64 columnId, Placement placement, qint64 expectedVersion,
                               qint64 *newVersion)
{
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
                         tr("card #%1 was moved by someone else since you loaded it; reload and try again").arg(id)};
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
    *newVersion = card->version + 1;
    auto moved = m_db->run(
            QStringLiteral("UPDATE cards SET column_id = :column, rank = :rank, first_response_at = :response, "
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
             {QStringLiteral(":new"), *newVersion},
             {QStringLiteral(":id"), id},
             {QStringLiteral(":old"), card->version}});
    if (!moved)
        return moved.error();
    QJsonObject changes{{QStringLiteral("rank"), fromTo(card->rank, *rank)}};
    if (card->columnId != columnId)
        changes.insert(QStringLiteral("column"), fromTo(card->columnId, columnId));
    return appendEvent(eventkind::CardMoved, id,
                       {{QStringLiteral("version"), *newVersion},
                        {QStringLiteral("from_column"), from ? from->name : QString()},
                        {QStringLiteral("to_column"), to->name},
                        {QStringLiteral("changes"), changes}});
}

Status BoardStore::archiveCard(qint64 id)
{
    const OperationScope operation(*this);
    return change(Role::Editor, QStringLiteral("card.archive"), [&]() -> Status { return archiveCardNow(id); });
}

Status BoardStore::archiveCardNow(qint64 id)
{
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
    return appendEvent(eventkind::CardArchived, id,
                       {{QStringLiteral("version"), card->version + 1},
                        {QStringLiteral("changes"), QJsonObject{{QStringLiteral("archived"), fromTo(false, true)}}}});
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
        return appendEvent(eventkind::CardDeleted, id,
                           {{QStringLiteral("version"), card->version + 1}, {QStringLiteral("title"), card->title}});
    });
}

Status BoardStore::restoreCard(qint64 id)
{
    const OperationScope operation(*this);
    return change(Role::Editor, QStringLiteral("card.restore"), [&]() -> Status { return restoreCardNow(id); });
}

Status BoardStore::restoreCardNow(qint64 id)
{
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
        auto tied = m_db->scalar(
                QStringLiteral("SELECT id FROM cards WHERE column_id = :column AND rank = :rank "
                               "AND id != :id AND deleted_at IS NULL LIMIT 1"),
                {{QStringLiteral(":column"), columnId}, {QStringLiteral(":rank"), rank}, {QStringLiteral(":id"), id}});
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
    return appendEvent(eventkind::CardRestored, id,
                       {{QStringLiteral("version"), card->version + 1}, {QStringLiteral("changes"), changes}});
}

Status BoardStore::moveCards(const QList<CardMove> &moves)
{
    const OperationScope operation(*this);
    return change(Role::Editor, QStringLiteral("cards.move"), [&]() -> Status {
        for (const CardMove &move : moves) {
            if (move.fromColumnId) {
                auto card = loadCard(move.id, false);
                if (!card)
                    return card.error();
                if (card->archivedAt || card->columnId != move.fromColumnId) {
                    return Error{ErrorKind::Conflict,
                                 tr("“%1” was moved by someone else since; no card was moved").arg(card->title)};
                }
            }
            qint64 version = 0;
            Status moved = moveCardNow(move.id, move.columnId, move.placement, -1, &version);
            // Nothing is written before the neighbour is looked up: its absence leaves the card to go at the end.
            if (!moved && moved.error().kind == ErrorKind::NotFound && move.placement.before)
                moved = moveCardNow(move.id, move.columnId, {}, -1, &version);
            if (!moved)
                return moved;
        }
        return {};
    });
}

Status BoardStore::archiveCards(const QList<qint64> &ids)
{
    const OperationScope operation(*this);
    return change(Role::Editor, QStringLiteral("cards.archive"), [&]() -> Status {
        for (qint64 id : ids) {
            if (Status archived = archiveCardNow(id); !archived)
                return archived;
        }
        return {};
    });
}

Status BoardStore::restoreCards(const QList<qint64> &ids)
{
    const OperationScope operation(*this);
    return change(Role::Editor, QStringLiteral("cards.restore"), [&]() -> Status {
        for (qint64 id : ids) {
            if (Status restored = restoreCardNow(id); !restored)
                return restored;
        }
        return {};
    });
}

} // namespace hb::storage
