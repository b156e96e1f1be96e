// SPDX-License-Identifier: GPL-3.0-or-later
// BoardStore::importCards: many cards with their checklists and comments in one change, each row written by a
// statement prepared once.
#include "boardstore_p.h"
#include "connection.h"

#include <storage/boardstore.h>
#include <storage/eventkinds.h>
#include <storage/rank.h>

#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSet>

namespace hb::storage {

using namespace detail;

namespace {

QString compactJson(const QJsonObject &object)
{
    return QString::fromUtf8(QJsonDocument(object).toJson(QJsonDocument::Compact));
}

/// @p why the card at @p index of an import (titled @p title) is refused, saying which card it is.
Error refusedCard(ErrorKind kind, qsizetype index, const QString &title, const QString &why)
{
    return Error{kind, tr("card %1 (“%2”): %3").arg(QString::number(index + 1), title.trimmed().left(60), why)};
}

/// What is wrong with the card at @p index of an import, or nothing: the text limits createCard, addChecklistItem
/// and addComment keep.
Status checkImported(const ImportedCard &imported, qsizetype index)
{
    const NewCard &card = imported.card;
    Status status = BoardStore::checkText(tr("title"), card.title.trimmed(), BoardStore::s_maxTitleLength, true);
    if (status)
        status = BoardStore::checkText(tr("description"), card.description, BoardStore::s_maxTextLength, false);
    if (status)
        status = BoardStore::checkText(tr("requester"), card.requester, BoardStore::s_maxTitleLength, false);
    for (const ImportedCard::Item &item : imported.checklist) {
        if (status)
            status = BoardStore::checkText(tr("checklist item"), item.text.trimmed(),
                                           BoardStore::s_maxChecklistTextLength, true);
    }
    for (const ImportedCard::Comment &comment : imported.comments) {
        if (status)
            status = BoardStore::checkText(tr("comment"), comment.body, BoardStore::s_maxTextLength, true);
    }
    for (const QString &link : imported.links) {
        if (status)
            status = BoardStore::checkText(tr("link"), link.trimmed(), BoardStore::s_maxTextLength, true);
    }
    if (status && !imported.source.source.isEmpty())
        status = BoardStore::checkText(tr("source id"), imported.source.sourceId, BoardStore::s_maxTitleLength, true);
    if (status)
        return {};
    return refusedCard(status.error().kind, index, card.title, status.error().message);
}

/// How many cards an import brings in between two reports of its progress.
constexpr qsizetype s_importProgressEvery = 100;

} // namespace

Result<QList<qint64>> BoardStore::importCards(const QList<ImportedCard> &cards, const ProgressCallback &progress)
{
    const OperationScope operation(*this);
    for (qsizetype i = 0; i < cards.size(); ++i) {
        if (auto valid = checkImported(cards.at(i), i); !valid)
            return valid.error();
    }
    QList<qint64> ids;
    qint64 count = 0;
    auto status = change(
            Role::Editor, QStringLiteral("card.import"),
            [&]() -> Status {
                ids.clear();
                // What the cards may name: live columns, labels and members, read once.
                struct Target
                {
                    QString name;
                    ColumnKind kind;
                    QString lastRank;
                };
                QHash<qint64, Target> columns;
                qint64 firstTodo = 0; // where a card imported resolved was made, before it moved to its Done column
                auto readColumns = m_db->forEach(
                        QStringLiteral("SELECT c.id, c.name, c.kind, (SELECT max(rank) FROM cards WHERE column_id = "
                                       "c.id) FROM columns c WHERE c.deleted_at IS NULL ORDER BY c.rank"),
                        {}, [&](const QSqlQuery &query) {
                            const ColumnKind kind =
                                    columnKindFromString(query.value(2).toString()).value_or(ColumnKind::Todo);
                            if (!firstTodo && kind == ColumnKind::Todo)
                                firstTodo = query.value(0).toLongLong();
                            columns.insert(query.value(0).toLongLong(),
                                           {query.value(1).toString(), kind, query.value(3).toString()});
                        });
                if (!readColumns)
                    return readColumns;
                QSet<qint64> labels;
                auto readLabels = m_db->forEach(QStringLiteral("SELECT id FROM labels WHERE deleted_at IS NULL"), {},
                                                [&](const QSqlQuery &query) { labels << query.value(0).toLongLong(); });
                if (!readLabels)
                    return readLabels;
                QSet<QString> members;
                auto readMembers =
                        m_db->forEach(QStringLiteral("SELECT login FROM members WHERE deleted_at IS NULL"), {},
                                      [&](const QSqlQuery &query) { members << query.value(0).toString(); });
                if (!readMembers)
                    return readMembers;

                auto insertCard = m_db->prepare(QStringLiteral(
                        "INSERT INTO cards (board_id, column_id, rank, title, description, priority, status, assignee, "
                        "requester, channel, due_at, created_at, created_by, updated_at, updated_by, started_at, "
                        "first_response_at, first_response_by, resolved_at, resolved_by, archived_at, archived_by, "
                        "version) VALUES (1, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"));
                auto linkLabel = m_db->prepare(QStringLiteral("INSERT OR IGNORE INTO card_labels (card_id, label_id, "
                                                              "added_at, added_by) VALUES (?, ?, ?, ?)"));
                auto insertItem = m_db->prepare(QStringLiteral(
                        "INSERT INTO checklist_items (card_id, text, done, rank, done_at, done_by, created_at, "
                        "created_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"));
                auto insertComment = m_db->prepare(
                        QStringLiteral("INSERT INTO comments (card_id, author, body, created_at) VALUES (?, ?, ?, ?)"));
                auto insertEvent = m_db->prepare(QStringLiteral(
                        "INSERT INTO events (op_id, at, actor, card_id, kind, payload) VALUES (?, ?, ?, ?, ?, ?)"));
                auto index = m_db->prepare(QStringLiteral("INSERT INTO cards_fts (rowid, title, description, comments, "
                                                          "checklist) VALUES (?, ?, ?, ?, ?)"));
                auto insertLink = m_db->prepare(
                        QStringLiteral("INSERT INTO attachments (card_id, kind, name, link_path, state, created_at, "
                                       "created_by) VALUES (?, 'link', ?, ?, 'ready', ?, ?)"));
                // A source id already taken (by a card deleted since) passes to the new card.
                auto insertSource = m_db->prepare(QStringLiteral(
                        "INSERT INTO card_sources (source, source_id, card_id, fingerprint, fields, imported_at) "
                        "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (source, source_id) DO UPDATE SET card_id = "
                        "excluded.card_id, fingerprint = excluded.fingerprint, fields = excluded.fields, "
                        "imported_at = excluded.imported_at"));
                for (const auto *prepared : {&insertCard, &linkLabel, &insertItem, &insertComment, &insertEvent, &index,
                                             &insertLink, &insertSource}) {
                    if (!*prepared)
                        return prepared->error();
                }
                const auto event = [&](qint64 at, const QString &actor, qint64 cardId, QStringView kind,
                                       const QJsonObject &payload) -> Status {
                    auto added =
                            insertEvent->run({m_currentOpId, at, actor, cardId, kind.toString(), compactJson(payload)});
                    return added ? Status() : Status(added.error());
                };

                const qint64 importedAt = now();
                for (qsizetype i = 0; i < cards.size(); ++i) {
                    const ImportedCard &imported = cards.at(i);
                    const NewCard &card = imported.card;
                    const auto refuse = [&](const QString &why) -> Status {
                        return refusedCard(ErrorKind::Invalid, i, card.title, why);
                    };
                    auto target = columns.find(card.columnId);
                    if (target == columns.end())
                        return refuse(tr("column %1 does not exist").arg(card.columnId));
                    const QString assignee = normalizedLogin(card.assignee);
                    const QString creator =
                            imported.createdBy.isEmpty() ? m_login : normalizedLogin(imported.createdBy);
                    const QString resolver =
                            imported.resolvedBy.isEmpty() ? creator : normalizedLogin(imported.resolvedBy);
                    for (const QString &login : {assignee, creator, resolver}) {
                        if (!login.isEmpty() && !members.contains(login))
                            return refuse(tr("“%1” is not a member of this board").arg(login));
                    }
                    for (qint64 labelId : card.labelIds) {
                        if (!labels.contains(labelId))
                            return refuse(tr("label %1 does not exist").arg(labelId));
                    }
                    const qint64 created = imported.createdAt > 0 ? imported.createdAt : importedAt;
                    const QString title = card.title.trimmed();
                    const QString requester = card.requester.trimmed();
                    // As createCard and addComment decide them: a card made in a started column was answered at
                    // once; otherwise the first comment by anyone but the requester is the first response.
                    const bool started = target->kind != ColumnKind::Todo;
                    const bool resolved = target->kind == ColumnKind::Done;
                    // A card resolved later than it was made: made in the first To-do column, moved to its Done
                    // column then (as it happened, for the metrics' first resolution and the 24 hours).
                    const qint64 resolvedAt = resolved ? std::max(created, imported.resolvedAt) : 0;
                    const bool movedToDone = resolved && resolvedAt > created && firstTodo;
                    const qint64 archivedAt = imported.archivedAt > 0 ? std::max(created, imported.archivedAt) : 0;
                    QVariant respondedAt = started ? QVariant(resolved ? resolvedAt : created) : QVariant();
                    QVariant respondedBy = started ? QVariant(resolved ? resolver : creator) : QVariant();
                    qint64 updated = std::max(resolvedAt, archivedAt);
                    QString updatedBy = archivedAt >= resolvedAt ? creator : resolver;
                    if (updated < created) {
                        updated = created;
                        updatedBy = creator;
                    }
                    for (const ImportedCard::Comment &comment : imported.comments) {
                        const QString author = normalizedLogin(comment.author);
                        if (!members.contains(author))
                            return refuse(tr("comment author “%1” is not a member of this board").arg(author));
                        const qint64 at = comment.at > 0 ? comment.at : created;
                        // the earliest, as addComment decides it when comments come one by one
                        if ((!started || movedToDone) && comment.response
                            && requester.compare(author, Qt::CaseInsensitive) != 0
                            && (respondedAt.isNull() || at < respondedAt.toLongLong())) {
                            respondedAt = at;
                            respondedBy = author;
                        }
                        if (at >= updated) {
                            updated = at;
                            updatedBy = author;
                        }
                    }
                    const QString cardRank = rank::between(target->lastRank, QString());
                    if (cardRank.isEmpty())
                        return refuse(tr("column “%1” has no room after its last card").arg(target->name));
                    target->lastRank = cardRank;
                    const qint64 version = 1 + (movedToDone ? 1 : 0) + (archivedAt ? 1 : 0);
                    auto id = insertCard->run({card.columnId,
                                               cardRank,
                                               title,
                                               card.description,
                                               toText(card.priority),
                                               toText(card.status),
                                               assignee,
                                               requester,
                                               toText(card.channel),
                                               nullable(card.dueAt),
                                               created,
                                               creator,
                                               updated,
                                               updatedBy,
                                               started ? QVariant(movedToDone ? resolvedAt : created) : QVariant(),
                                               respondedAt,
                                               respondedBy,
                                               resolved ? QVariant(resolvedAt) : QVariant(),
                                               resolved ? QVariant(resolver) : QVariant(),
                                               nullable(archivedAt),
                                               archivedAt ? QVariant(creator) : QVariant(),
                                               version});
                    if (!id)
                        return id.error();
                    ids << *id;
                    for (qint64 labelId : card.labelIds) {
                        if (auto linked = linkLabel->run({*id, labelId, created, creator}); !linked)
                            return linked.error();
                    }
                    NewCard made = card;
                    if (movedToDone)
                        made.columnId = firstTodo;
                    if (auto logged =
                                event(created, creator, *id, eventkind::CardCreated,
                                      cardCreatedPayload(title, made, columns.value(made.columnId).name, assignee));
                        !logged)
                        return logged;
                    if (movedToDone) {
                        const QJsonObject payload{
                                {QStringLiteral("version"), 2},
                                {QStringLiteral("from_column"), columns.value(firstTodo).name},
                                {QStringLiteral("to_column"), target->name},
                                {QStringLiteral("changes"),
                                 QJsonObject{{QStringLiteral("column"), fromTo(firstTodo, card.columnId)}}}};
                        if (auto logged = event(resolvedAt, resolver, *id, eventkind::CardMoved, payload); !logged)
                            return logged;
                    }
                    QStringList itemTexts;
                    QString itemRank;
                    for (const ImportedCard::Item &item : imported.checklist) {
                        const QString text = item.text.trimmed();
                        itemRank = itemRank.isEmpty() ? rank::initial() : rank::between(itemRank, QString());
                        auto itemId = insertItem->run({*id, text, item.done ? 1 : 0, itemRank,
                                                       item.done ? QVariant(created) : QVariant(),
                                                       item.done ? QVariant(creator) : QVariant(), created, creator});
                        if (!itemId)
                            return itemId.error();
                        const QJsonObject payload{{QStringLiteral("item_id"), *itemId}, {QStringLiteral("text"), text}};
                        if (auto logged = event(created, creator, *id, eventkind::ChecklistAdded, payload); !logged)
                            return logged;
                        if (item.done) {
                            if (auto logged = event(created, creator, *id, eventkind::ChecklistChecked, payload);
                                !logged)
                                return logged;
                        }
                        itemTexts << text;
                    }
                    QStringList commentTexts;
                    for (const ImportedCard::Comment &comment : imported.comments) {
                        const QString author = normalizedLogin(comment.author);
                        const qint64 at = comment.at > 0 ? comment.at : created;
                        auto commentId = insertComment->run({*id, author, comment.body, at});
                        if (!commentId)
                            return commentId.error();
                        if (auto logged = event(at, author, *id, eventkind::CommentAdded,
                                                {{QStringLiteral("comment_id"), *commentId},
                                                 {QStringLiteral("text"), excerpt(comment.body)}});
                            !logged)
                            return logged;
                        commentTexts << comment.body;
                    }
                    for (const QString &link : imported.links) {
                        const QString path = link.trimmed();
                        const QString name = linkName(path);
                        auto linkId = insertLink->run({*id, name, path, created, creator});
                        if (!linkId)
                            return linkId.error();
                        if (auto logged = event(created, creator, *id, eventkind::AttachmentLinked,
                                                {{QStringLiteral("attachment_id"), *linkId},
                                                 {QStringLiteral("name"), name},
                                                 {QStringLiteral("path"), path}});
                            !logged)
                            return logged;
                    }
                    if (archivedAt) {
                        const QJsonObject payload{{QStringLiteral("version"), version},
                                                  {QStringLiteral("changes"),
                                                   QJsonObject{{QStringLiteral("archived"), fromTo(false, true)}}}};
                        if (auto logged = event(archivedAt, creator, *id, eventkind::CardArchived, payload); !logged)
                            return logged;
                    }
                    if (!imported.source.source.isEmpty()) {
                        const CardSource &source = imported.source;
                        if (auto kept = insertSource->run(
                                    {source.source, source.sourceId, *id, source.fingerprint,
                                     source.fields.isEmpty() ? QStringLiteral("{}") : source.fields, importedAt});
                            !kept)
                            return kept.error();
                    }
                    if (auto indexed = index->run({*id, title, card.description, commentTexts.join(QLatin1Char(' ')),
                                                   itemTexts.join(QLatin1Char(' '))});
                        !indexed)
                        return indexed.error();
                    if (progress && (i + 1) % s_importProgressEvery == 0 && !progress(i + 1, cards.size()))
                        return Error{ErrorKind::Invalid, tr("the import was cancelled; nothing was changed")};
                }
                count = ids.size();
                return {};
            },
            &count);
    if (!status)
        return status.error();
    if (ids.size() != count) {
        // The import had landed already (a commit whose outcome was unsure, looked up again): its cards, in order.
        auto landed = m_db->list<qint64>(
                QStringLiteral("SELECT card_id FROM events WHERE op_id = :op AND kind = "
                               ":kind ORDER BY seq"),
                {{QStringLiteral(":op"), m_currentOpId}, {QStringLiteral(":kind"), eventkind::CardCreated.toString()}},
                [](const QSqlQuery &query) { return query.value(0).toLongLong(); });
        if (!landed)
            return landed.error();
        return *landed;
    }
    return ids;
}

} // namespace hb::storage

namespace hb::storage {

Result<QHash<QString, CardSource>> BoardStore::cardSources(const QString &source)
{
    QHash<QString, CardSource> sources;
    auto read = m_db->forEach(
            QStringLiteral("SELECT s.source_id, s.card_id, s.fingerprint, s.imported_at, s.fields FROM card_sources s "
                           "JOIN cards c ON c.id = s.card_id WHERE s.source = :source AND c.deleted_at IS NULL"),
            {{QStringLiteral(":source"), source}}, [&](const QSqlQuery &query) {
                const QString id = query.value(0).toString();
                sources.insert(id, {source, id, query.value(2).toString(), query.value(4).toString(),
                                    query.value(1).toLongLong(), query.value(3).toLongLong()});
            });
    if (!read)
        return read.error();
    return sources;
}

Status BoardStore::setCardSources(const QList<CardSource> &sources)
{
    const OperationScope operation(*this);
    for (const CardSource &source : sources) {
        if (auto valid = checkText(tr("source"), source.source, s_maxTitleLength, true); !valid)
            return valid;
        if (auto valid = checkText(tr("source id"), source.sourceId, s_maxTitleLength, true); !valid)
            return valid;
    }
    return change(Role::Editor, QStringLiteral("card.source"), [&]() -> Status {
        const qint64 at = now();
        for (const CardSource &source : sources) {
            if (auto found = loadCard(source.cardId, true); !found)
                return found.error();
            auto kept = m_db->run(
                    QStringLiteral("INSERT INTO card_sources (source, source_id, card_id, fingerprint, fields, "
                                   "imported_at) VALUES (:source, :id, :card, :fingerprint, :fields, :at) ON CONFLICT "
                                   "(source, source_id) DO UPDATE SET card_id = excluded.card_id, fingerprint = "
                                   "excluded.fingerprint, fields = excluded.fields, "
                                   "imported_at = excluded.imported_at"),
                    {{QStringLiteral(":source"), source.source},
                     {QStringLiteral(":id"), source.sourceId},
                     {QStringLiteral(":card"), source.cardId},
                     {QStringLiteral(":fingerprint"), source.fingerprint},
                     {QStringLiteral(":fields"), source.fields.isEmpty() ? QStringLiteral("{}") : source.fields},
                     {QStringLiteral(":at"), at}});
            if (!kept)
                return kept.error();
        }
        return {};
    });
}

} // namespace hb::storage
