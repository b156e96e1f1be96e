// SPDX-License-Identifier: GPL-3.0-or-later
// BoardStore: labels, checklist items and comments.
#include "boardstore_p.h"
#include "connection.h"

#include <storage/boardstore.h>
#include <storage/eventkinds.h>

#include <QRegularExpression>
#include <QSqlQuery>

namespace hb::storage {

using namespace detail;

namespace {

Label readLabel(const QSqlQuery &query)
{
    return Label{query.value(0).toLongLong(), query.value(1).toString(), query.value(2).toString(),
                 query.value(3).toLongLong()};
}

} // namespace

namespace {

/// A checklist item or comment (@p columns: "SELECT ... FROM table ") on a card that is not deleted: a live one, or
/// with @p deleted one that was deleted (to restore it).
template<typename T, typename Read>
Result<T> loadCardItem(Connection &db, const char16_t *columns, qint64 id, bool deleted, Read read,
                       const QString &missing)
{
    auto found = db.row<T>(QString::fromUtf16(columns)
                                   + (deleted ? QStringLiteral("WHERE id = :id AND deleted_at IS NOT NULL ")
                                              : QStringLiteral("WHERE id = :id AND deleted_at IS NULL "))
                                   + QStringLiteral("AND card_id IN (SELECT id FROM cards WHERE deleted_at IS NULL)"),
                           {{QStringLiteral(":id"), id}}, read);
    if (!found)
        return found.error();
    if (!found->has_value())
        return Error{ErrorKind::NotFound, missing};
    return **found;
}

/// Marks row @p id of @p table (checklist_items, comments) deleted at @p at, or with no @p at live again; a new
/// version either way.
Status setDeletedAt(Connection &db, const char16_t *table, qint64 id, std::optional<qint64> at)
{
    auto changed = db.run(QStringLiteral("UPDATE %1 SET deleted_at = :at, version = version + 1 WHERE id = :id")
                                  .arg(QString::fromUtf16(table)),
                          {{QStringLiteral(":at"), at ? QVariant(*at) : QVariant()}, {QStringLiteral(":id"), id}});
    return changed ? Status() : Status(changed.error());
}

} // namespace

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
    return checkUniqueName(db,
                           QStringLiteral("SELECT count(*) FROM labels WHERE deleted_at IS NULL AND id != :id "
                                          "AND lower(name) = lower(:name)"),
                           tr("label"), name, exceptId, BoardStore::s_maxLabelNameLength);
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
                return appendEvent(eventkind::LabelCreated, 0,
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
        // The knowledge base finds articles by their labels' names.
        if (auto indexed = reindexArticlesWithLabel(id); !indexed)
            return indexed;
        return appendEvent(eventkind::LabelRenamed, 0,
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
                eventkind::LabelRecolored, 0,
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
        if (auto indexed = reindexArticlesWithLabel(id); !indexed)
            return indexed;
        return appendEvent(eventkind::LabelDeleted, 0,
                           {{QStringLiteral("label_id"), id}, {QStringLiteral("name"), label->name}});
    });
}

Status BoardStore::restoreLabel(qint64 id)
{
    const OperationScope operation(*this);
    return change(Role::Editor, QStringLiteral("label.restore"), [&]() -> Status {
        auto row = m_db->one(QStringLiteral("SELECT name, deleted_at IS NOT NULL FROM labels WHERE id = :id"),
                             {{QStringLiteral(":id"), id}});
        if (!row)
            return row.error();
        if (!row->has_value())
            return Error{ErrorKind::NotFound, tr("there is no label #%1").arg(id)};
        if (!row->value().value(1).toBool())
            return {};
        // Its cards get it back with it; refused if another label has taken its name meanwhile.
        const QString name = row->value().value(0).toString();
        if (auto valid = checkLabel(*m_db, name, id); !valid)
            return valid;
        auto restored =
                m_db->run(QStringLiteral("UPDATE labels SET deleted_at = NULL, version = version + 1 WHERE id = :id"),
                          {{QStringLiteral(":id"), id}});
        if (!restored)
            return restored.error();
        if (auto indexed = reindexArticlesWithLabel(id); !indexed)
            return indexed;
        return appendEvent(eventkind::LabelRestored, 0,
                           {{QStringLiteral("label_id"), id}, {QStringLiteral("name"), name}});
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
        return cardChanged(CardIndex::Keep, eventkind::CardLabelAdded, cardId,
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
        return cardChanged(CardIndex::Keep, eventkind::CardLabelRemoved, cardId,
                           {{QStringLiteral("label_id"), labelId}, {QStringLiteral("label"), label->name}});
    });
}

// --- Checklist ------------------------------------------------------------------------------------------------

namespace {

constexpr const char16_t *s_checklistColumns =
        u"SELECT id, card_id, text, done, rank, done_at, done_by, version, created_at FROM checklist_items ";

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
    item.createdAt = query.value(8).toLongLong();
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

Result<ChecklistItem> BoardStore::loadChecklistItem(qint64 id, bool deleted)
{
    return loadCardItem<ChecklistItem>(*m_db, s_checklistColumns, id, deleted, readChecklistItem,
                                       deleted ? tr("there is no deleted checklist item #%1").arg(id)
                                               : tr("there is no checklist item #%1").arg(id));
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
                return cardChanged(CardIndex::Refresh, eventkind::ChecklistAdded, cardId,
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
        return cardChanged(CardIndex::Refresh, eventkind::ChecklistEdited, item->cardId,
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
        return cardChanged(CardIndex::Keep, done ? eventkind::ChecklistChecked : eventkind::ChecklistUnchecked,
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
        return cardChanged(CardIndex::Keep, eventkind::ChecklistMoved, item->cardId,
                           {{QStringLiteral("item_id"), id}, {QStringLiteral("text"), item->text}});
    });
}

Status BoardStore::setChecklistItemDeleted(qint64 id, bool deleted, bool missingIsDone)
{
    auto item = loadChecklistItem(id, !deleted);
    if (!item) {
        // Already as asked (a colleague deleted it first, say): nothing to do, when the caller allows it.
        if (missingIsDone && item.error().kind == ErrorKind::NotFound)
            return {};
        return item.error();
    }
    if (auto changed = setDeletedAt(*m_db, u"checklist_items", id, deleted ? std::optional(now()) : std::nullopt);
        !changed)
        return changed;
    return cardChanged(CardIndex::Refresh, deleted ? eventkind::ChecklistDeleted : eventkind::ChecklistRestored,
                       item->cardId, {{QStringLiteral("item_id"), id}, {QStringLiteral("text"), item->text}});
}

Status BoardStore::deleteChecklistItem(qint64 id)
{
    const OperationScope operation(*this);
    return change(Role::Editor, QStringLiteral("checklist.delete"),
                  [&]() -> Status { return setChecklistItemDeleted(id, true, false); });
}

Status BoardStore::restoreChecklistItem(qint64 id)
{
    const OperationScope operation(*this);
    return change(Role::Editor, QStringLiteral("checklist.restore"),
                  [&]() -> Status { return setChecklistItemDeleted(id, false, false); });
}

Status BoardStore::deleteChecklistItems(const QList<qint64> &ids)
{
    const OperationScope operation(*this);
    return change(Role::Editor, QStringLiteral("checklist.delete"), [&]() -> Status {
        for (qint64 id : ids) {
            if (Status done = setChecklistItemDeleted(id, true, true); !done)
                return done;
        }
        return {};
    });
}

Status BoardStore::restoreChecklistItems(const QList<qint64> &ids)
{
    const OperationScope operation(*this);
    return change(Role::Editor, QStringLiteral("checklist.restore"), [&]() -> Status {
        for (qint64 id : ids) {
            if (Status done = setChecklistItemDeleted(id, false, true); !done)
                return done;
        }
        return {};
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

Result<Comment> BoardStore::loadComment(qint64 id, bool deleted)
{
    return loadCardItem<Comment>(*m_db, s_commentColumns, id, deleted, readComment,
                                 deleted ? tr("there is no deleted comment #%1").arg(id)
                                         : tr("there is no comment #%1").arg(id));
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
                return cardChanged(CardIndex::Refresh, eventkind::CommentAdded, cardId,
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
        return cardChanged(CardIndex::Refresh, eventkind::CommentEdited, comment->cardId,
                           {{QStringLiteral("comment_id"), id}, {QStringLiteral("text"), excerpt(body)}});
    });
}

Status BoardStore::deleteComment(qint64 id)
{
    const OperationScope operation(*this);
    return change(Role::Editor, QStringLiteral("comment.delete"), [&] { return setCommentDeleted(id, true); });
}

Status BoardStore::restoreComment(qint64 id)
{
    const OperationScope operation(*this);
    return change(Role::Editor, QStringLiteral("comment.restore"), [&] { return setCommentDeleted(id, false); });
}

Status BoardStore::setCommentDeleted(qint64 id, bool deleted)
{
    auto comment = loadComment(id, !deleted);
    if (!comment)
        return comment.error();
    if (comment->author != m_login && m_role != Role::Admin) {
        return Error{ErrorKind::Forbidden,
                     deleted ? tr("only %1 or an admin can delete this comment").arg(comment->author)
                             : tr("only %1 or an admin can restore this comment").arg(comment->author)};
    }
    if (auto changed = setDeletedAt(*m_db, u"comments", id, deleted ? std::optional(now()) : std::nullopt); !changed)
        return changed;
    return cardChanged(CardIndex::Refresh, deleted ? eventkind::CommentDeleted : eventkind::CommentRestored,
                       comment->cardId, {{QStringLiteral("comment_id"), id}});
}

} // namespace hb::storage
