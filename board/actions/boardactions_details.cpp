// SPDX-License-Identifier: GPL-3.0-or-later
// BoardActions: a card's checklist, checklist templates, attachments and comments.
#include "boardactions.h"
#include "boardactions_p.h"

#include <board/model/attachmentmodel.h>
#include <board/model/checklistmodel.h>
#include <board/rules/attachmentfiles.h>

#include <QFileInfo>

namespace hb::board {

using namespace actions;

namespace {

/// A checklist or comment change: @p change on the saver, then the card, its checklist and comments read back.
StoreWorker::Job detailsSave(qint64 cardId, std::function<Status(BoardStore &)> change)
{
    return [cardId, change = std::move(change)](BoardStore &store) {
        Saved saved{change(store)};
        saved.readDetails(store, cardId);
        return saved;
    };
}

Status checkItemText(const QString &text)
{
    return BoardStore::checkText(tr("checklist item"), text, BoardStore::s_maxChecklistTextLength, true);
}

Status checkCommentText(const QString &text)
{
    return BoardStore::checkText(tr("comment"), text, BoardStore::s_maxTextLength, true);
}

} // namespace

void BoardActions::setChecklist(ChecklistModel *checklist)
{
    m_checklist = checklist;
}

void BoardActions::showChecklistItem(qint64 itemId, const std::function<void(storage::ChecklistItem &)> &change)
{
    if (!m_checklist || m_checklist->row(itemId) < 0)
        return;
    storage::ChecklistItem item = m_checklist->items().at(m_checklist->row(itemId));
    change(item);
    m_checklist->showItem(item);
}

bool BoardActions::addChecklistItem(qint64 cardId, const QString &text)
{
    const QString fresh = text.trimmed();
    if (!accepted(checkItemText(fresh)))
        return false;
    // Written by the first save; undo deletes that item and redo brings the same one back.
    Id id = std::make_shared<std::atomic<qint64>>(0);
    Step add{{},
             detailsSave(cardId,
                         createOrRestore(
                                 id,
                                 [cardId, fresh](BoardStore &store) { return store.addChecklistItem(cardId, fresh); },
                                 [](BoardStore &store, qint64 item) { return store.restoreChecklistItem(item); }))};
    Step remove{[this, id] {
                    if (m_checklist && *id)
                        m_checklist->showRemoved(*id);
                },
                detailsSave(cardId, [id](BoardStore &store) { return store.deleteChecklistItem(*id); })};
    m_stack.push(new SavedCommand(*this, tr("Add Checklist Item"), {cardId}, std::move(add), std::move(remove)));
    return true;
}

bool BoardActions::tickChecklistItem(qint64 cardId, qint64 itemId, bool done)
{
    if (!m_checklist || m_checklist->row(itemId) < 0)
        return false;
    const auto step = [this, cardId, itemId](bool to) {
        return Step{[this, itemId, to] { showChecklistItem(itemId, [to](auto &item) { item.done = to; }); },
                    detailsSave(cardId,
                                [itemId, to](BoardStore &store) { return store.setChecklistItemDone(itemId, to); })};
    };
    m_stack.push(new SavedCommand(*this, done ? tr("Tick Checklist Item") : tr("Untick Checklist Item"), {cardId},
                                  step(done), step(!done)));
    return true;
}

bool BoardActions::editChecklistItem(qint64 cardId, qint64 itemId, const QString &text)
{
    if (!m_checklist || m_checklist->row(itemId) < 0)
        return false;
    const QString old = m_checklist->items().at(m_checklist->row(itemId)).text;
    const QString fresh = text.trimmed();
    if (fresh == old)
        return true;
    if (!accepted(checkItemText(fresh)))
        return false;
    // Like titles: undo and redo change the text only while it is still the one this step left.
    const auto step = [this, cardId, itemId](const QString &from, const QString &to) {
        return Step{[this, itemId, to] { showChecklistItem(itemId, [to](auto &item) { item.text = to; }); },
                    detailsSave(cardId, [cardId, itemId, from, to](BoardStore &store) -> Status {
                        auto items = store.checklist(cardId);
                        if (!items)
                            return items.error();
                        const auto item = std::find_if(items->cbegin(), items->cend(),
                                                       [itemId](const auto &each) { return each.id == itemId; });
                        if (item == items->cend())
                            return storage::Error{ErrorKind::NotFound, tr("the checklist item was deleted since")};
                        if (item->text != from) {
                            return storage::Error{
                                    ErrorKind::Conflict,
                                    tr("someone else changed the checklist item to “%1” since; it was left as it is")
                                            .arg(item->text)};
                        }
                        return store.editChecklistItem(itemId, to, item->version);
                    })};
    };
    m_stack.push(new SavedCommand(*this, tr("Edit Checklist Item"), {cardId}, step(old, fresh), step(fresh, old)));
    return true;
}

bool BoardActions::moveChecklistItem(qint64 cardId, qint64 itemId, qint64 beforeId)
{
    if (!m_checklist)
        return false;
    const int from = m_checklist->row(itemId);
    if (from < 0 || beforeId == itemId)
        return false;
    const QList<storage::ChecklistItem> &items = m_checklist->items();
    const qint64 backBefore = from + 1 < items.size() ? items.at(from + 1).id : 0;
    if (backBefore == beforeId)
        return false; // where it is
    const auto step = [this, cardId, itemId](qint64 before) {
        return Step{[this, itemId, before] {
                        if (m_checklist)
                            m_checklist->showMoved(itemId, before);
                    },
                    detailsSave(cardId, [itemId, before](BoardStore &store) -> Status {
                        Status moved = store.moveChecklistItem(itemId, storage::Placement{before, 0});
                        // The item it went before is gone meanwhile: to the end.
                        if (!moved && moved.error().kind == ErrorKind::NotFound && before)
                            moved = store.moveChecklistItem(itemId, storage::Placement{});
                        return moved;
                    })};
    };
    m_stack.push(new SavedCommand(*this, tr("Move Checklist Item"), {cardId}, step(beforeId), step(backBefore)));
    return true;
}

bool BoardActions::deleteChecklistItem(qint64 cardId, qint64 itemId)
{
    if (!m_checklist || m_checklist->row(itemId) < 0)
        return false;
    const storage::ChecklistItem item = m_checklist->items().at(m_checklist->row(itemId));
    Step remove{[this, itemId] {
                    if (m_checklist)
                        m_checklist->showRemoved(itemId);
                },
                detailsSave(cardId, [itemId](BoardStore &store) { return store.deleteChecklistItem(itemId); })};
    Step restore{[this, item] {
                     if (m_checklist)
                         m_checklist->showItem(item);
                 },
                 detailsSave(cardId, [itemId](BoardStore &store) { return store.restoreChecklistItem(itemId); })};
    m_stack.push(new SavedCommand(*this, tr("Delete Checklist Item"), {cardId}, std::move(remove), std::move(restore)));
    return true;
}

bool BoardActions::applyChecklistTemplate(qint64 cardId, qint64 templateId)
{
    // The items the first save added; undo deletes them and redo brings the same ones back.
    auto added = std::make_shared<QList<qint64>>();
    auto applied = std::make_shared<std::atomic_bool>(false);
    Step apply{{}, detailsSave(cardId, [cardId, templateId, added, applied](BoardStore &store) -> Status {
                   if (*applied)
                       return store.restoreChecklistItems(*added);
                   auto ids = store.applyChecklistTemplate(cardId, templateId);
                   if (!ids)
                       return ids.error();
                   *added = *ids;
                   *applied = true;
                   return {};
               })};
    // (No removal shown at once: the item ids are written on the saver's thread; the read-back shows it.)
    Step remove{{}, detailsSave(cardId, [added](BoardStore &store) { return store.deleteChecklistItems(*added); })};
    m_stack.push(
            new SavedCommand(*this, tr("Apply Checklist Template"), {cardId}, std::move(apply), std::move(remove)));
    return true;
}

bool BoardActions::createChecklistTemplate(const QString &name, const QStringList &items)
{
    const QString fresh = name.trimmed();
    if (!accepted(BoardStore::checkText(tr("template name"), fresh, BoardStore::s_maxTemplateNameLength, true)))
        return false;
    // Undo deletes the one this step made (never another of the same name); redo brings it back.
    Id id = std::make_shared<std::atomic<qint64>>(0);
    const auto create = createOrRestore(
            id, [fresh, items](BoardStore &store) { return store.createChecklistTemplate(fresh, items); },
            [](BoardStore &store, qint64 made) { return store.restoreChecklistTemplate(made); });
    m_stack.push(
            new SavedCommand(*this, tr("Save Checklist Template"), {},
                             Step{{}, [create](BoardStore &store) { return Saved{create(store)}; }},
                             Step{{}, [id](BoardStore &store) { return Saved{store.deleteChecklistTemplate(*id)}; }}));
    return true;
}

bool BoardActions::replaceChecklistTemplate(qint64 id, const QStringList &before, const QStringList &items)
{
    // Like titles: undo and redo set the items only while the template still has those this step left.
    const auto replace = [id](const QStringList &from, const QStringList &to) {
        return [id, from, to](BoardStore &store) -> Saved {
            auto templates = store.checklistTemplates();
            if (!templates)
                return Saved{templates.error()};
            const auto current = std::find_if(templates->cbegin(), templates->cend(),
                                              [id](const storage::ChecklistTemplate &each) { return each.id == id; });
            if (current == templates->cend())
                return Saved{storage::Error{ErrorKind::NotFound, tr("the checklist template was deleted since")}};
            if (current->items != from) {
                return Saved{storage::Error{
                        ErrorKind::Conflict,
                        tr("someone else changed the checklist template “%1” since; it was left as it is")
                                .arg(current->name)}};
            }
            return Saved{store.replaceChecklistTemplateItems(id, to, current->version)};
        };
    };
    m_stack.push(new SavedCommand(*this, tr("Replace Checklist Template"), {}, Step{{}, replace(before, items)},
                                  Step{{}, replace(items, before)}));
    return true;
}

bool BoardActions::deleteChecklistTemplate(qint64 id)
{
    m_stack.push(
            new SavedCommand(*this, tr("Delete Checklist Template"), {},
                             Step{{}, [id](BoardStore &store) { return Saved{store.deleteChecklistTemplate(id)}; }},
                             Step{{}, [id](BoardStore &store) { return Saved{store.restoreChecklistTemplate(id)}; }}));
    return true;
}

void BoardActions::setAttachments(AttachmentModel *attachments)
{
    m_attachments = attachments;
}

bool BoardActions::attachable(const QString &path, qint64 limit)
{
    // Refused at once, with the reason: nothing is queued for a file that cannot be stored.
    const QFileInfo info(path);
    const QString name = info.fileName();
    if (!info.exists()) {
        report({ErrorKind::NotFound, tr("“%1” is no longer there; nothing was attached").arg(path)});
        return false;
    }
    if (!info.isFile()) {
        report({ErrorKind::Invalid, tr("“%1” is a folder or a device, not a file; nothing was attached").arg(path)});
        return false;
    }
    if (!info.isReadable()) {
        report({ErrorKind::Invalid, tr("you may not read “%1”; nothing was attached").arg(path)});
        return false;
    }
    if (info.size() > limit) {
        report({ErrorKind::Invalid,
                tr("“%1” is %2; the board's limit for one attachment is %3. Link to it on "
                   "the share instead.")
                        .arg(name, attachmentfiles::humanSize(info.size()), attachmentfiles::humanSize(limit))});
        return false;
    }
    return true;
}

int BoardActions::addAttachments(qint64 cardId, const QStringList &paths)
{
    auto limit = m_store.attachmentLimit();
    if (!limit) {
        report(limit.error());
        return 0;
    }
    int taken = 0;
    for (const QString &path : paths) {
        if (!attachable(path, *limit))
            continue;
        const QString name = QFileInfo(path).fileName();
        Id id = std::make_shared<std::atomic<qint64>>(0);
        const auto progress = [this, cardId, name](qint64 done, qint64 total, bool finished) {
            QMetaObject::invokeMethod(
                    this,
                    [this, cardId, name, done, total, finished] {
                        Q_EMIT uploadProgress(cardId, name, done, total, finished);
                    },
                    Qt::QueuedConnection);
        };
        Step add{{}, [cardId, path, id, cancel = m_cancelUploads, progress](BoardStore &store) {
                     Saved saved;
                     if (*id) {
                         saved.status = store.restoreAttachment(*id);
                     } else if (*cancel) {
                         saved.status = storage::Error{
                                 ErrorKind::Invalid, tr("attaching %1 was cancelled").arg(QFileInfo(path).fileName())};
                     } else {
                         auto added = store.addAttachment(cardId, path, {}, [&](qint64 done, qint64 total) {
                             progress(done, total, false);
                             return !*cancel;
                         });
                         progress(0, 0, true);
                         if (added)
                             *id = *added;
                         else
                             saved.status = added.error();
                     }
                     saved.readDetails(store, cardId);
                     return saved;
                 }};
        Step remove{[this, id] {
                        if (m_attachments && *id)
                            m_attachments->showRemoved(*id);
                    },
                    detailsSave(cardId, [id](BoardStore &store) { return store.removeAttachment(*id); })};
        m_stack.push(new SavedCommand(*this, tr("Attach “%1”").arg(name), {cardId}, std::move(add), std::move(remove)));
        ++taken;
    }
    return taken;
}

bool BoardActions::addLink(qint64 cardId, const QString &path)
{
    const QString trimmed = path.trimmed();
    if (!accepted(BoardStore::checkText(tr("link"), trimmed, BoardStore::s_maxTextLength, true)))
        return false;
    Id id = std::make_shared<std::atomic<qint64>>(0);
    Step add{{},
             detailsSave(cardId,
                         createOrRestore(
                                 id, [cardId, trimmed](BoardStore &store) { return store.addLink(cardId, trimmed); },
                                 [](BoardStore &store, qint64 link) { return store.restoreAttachment(link); }))};
    Step remove{[this, id] {
                    if (m_attachments && *id)
                        m_attachments->showRemoved(*id);
                },
                detailsSave(cardId, [id](BoardStore &store) { return store.removeAttachment(*id); })};
    m_stack.push(new SavedCommand(*this, tr("Link File"), {cardId}, std::move(add), std::move(remove)));
    return true;
}

bool BoardActions::removeAttachment(qint64 cardId, qint64 attachmentId)
{
    Step remove{
            [this, attachmentId] {
                if (m_attachments)
                    m_attachments->showRemoved(attachmentId);
            },
            detailsSave(cardId, [attachmentId](BoardStore &store) { return store.removeAttachment(attachmentId); })};
    Step restore{{}, detailsSave(cardId, [attachmentId](BoardStore &store) {
                     return store.restoreAttachment(attachmentId);
                 })};
    m_stack.push(new SavedCommand(*this, tr("Remove Attachment"), {cardId}, std::move(remove), std::move(restore)));
    return true;
}

void BoardActions::cancelUploads()
{
    *m_cancelUploads = true;
    m_cancelUploads = std::make_shared<std::atomic_bool>(false); // for the uploads that come after
}

bool BoardActions::addComment(qint64 cardId, const QString &body)
{
    if (!accepted(checkCommentText(body)))
        return false;
    Id id = std::make_shared<std::atomic<qint64>>(0);
    Step add{{},
             detailsSave(cardId,
                         createOrRestore(
                                 id, [cardId, body](BoardStore &store) { return store.addComment(cardId, body); },
                                 [](BoardStore &store, qint64 comment) { return store.restoreComment(comment); }))};
    Step remove{{}, detailsSave(cardId, [id](BoardStore &store) { return store.deleteComment(*id); })};
    m_stack.push(new SavedCommand(*this, tr("Add Comment"), {cardId}, std::move(add), std::move(remove)));
    return true;
}

bool BoardActions::editComment(qint64 cardId, qint64 commentId, const QString &oldBody, const QString &body)
{
    if (body == oldBody)
        return true;
    if (!accepted(checkCommentText(body)))
        return false;
    // Undo and redo change the text only while it is still the one this step left.
    const auto step = [cardId, commentId](const QString &from, const QString &to) {
        return Step{{}, detailsSave(cardId, [cardId, commentId, from, to](BoardStore &store) -> Status {
                        auto comments = store.comments(cardId);
                        if (!comments)
                            return comments.error();
                        const auto comment =
                                std::find_if(comments->cbegin(), comments->cend(),
                                             [commentId](const auto &each) { return each.id == commentId; });
                        if (comment == comments->cend())
                            return storage::Error{ErrorKind::NotFound, tr("the comment was deleted since")};
                        if (comment->body != from) {
                            return storage::Error{ErrorKind::Conflict,
                                                  tr("the comment was changed since; it was left as it is")};
                        }
                        return store.editComment(commentId, to, comment->version);
                    })};
    };
    m_stack.push(new SavedCommand(*this, tr("Edit Comment"), {cardId}, step(oldBody, body), step(body, oldBody)));
    return true;
}

bool BoardActions::deleteComment(qint64 cardId, qint64 commentId)
{
    m_stack.push(new SavedCommand(
            *this, tr("Delete Comment"), {cardId},
            Step{{}, detailsSave(cardId, [commentId](BoardStore &store) { return store.deleteComment(commentId); })},
            Step{{}, detailsSave(cardId, [commentId](BoardStore &store) { return store.restoreComment(commentId); })}));
    return true;
}

} // namespace hb::board
