// SPDX-License-Identifier: GPL-3.0-or-later
#include "boardactions.h"

#include "attachmentfiles.h"
#include "attachmentmodel.h"
#include "boardmodel.h"
#include "cardfields.h"
#include "checklistmodel.h"

#include <storage/boardstore.h>

#include <QCoreApplication>
#include <QFileInfo>
#include <QUndoCommand>
#include <QUndoStack>

#include <atomic>
#include <memory>

namespace hb::board {

namespace {

using storage::BoardStore;
using storage::ErrorKind;
using storage::Status;

QString tr(const char *text)
{
    return QCoreApplication::translate("hb::board::BoardActions", text);
}

/// One direction of a step: how it looks on the board at once (optional), and the save, on the saver's thread.
struct Step
{
    std::function<void()> show;
    StoreWorker::Job save;
};

using Id = std::shared_ptr<std::atomic<qint64>>;

/// The save of something new: made the first time (its id kept in @p id, for undo and redo), brought back by the
/// redos after an undo, so later steps that name it still find it.
std::function<Status(BoardStore &)> createOrRestore(Id id, std::function<storage::Result<qint64>(BoardStore &)> create,
                                                    std::function<Status(BoardStore &, qint64)> restore)
{
    return [id = std::move(id), create = std::move(create), restore = std::move(restore)](BoardStore &store) -> Status {
        if (*id)
            return restore(store, *id);
        auto created = create(store);
        if (!created)
            return created.error();
        *id = *created;
        return {};
    };
}

/**
 * Every board action as an undo step: redo() and undo() show the change on the board and queue its save. A step
 * whose save fails becomes obsolete, does nothing more, and is taken off the stack.
 */
class SavedCommand final : public QUndoCommand
{
public:
    SavedCommand(BoardActions &actions, const QString &text, QList<qint64> cardIds, Step redo, Step undo,
                 StoreWorker::Done firstDone = {})
        : m_actions(actions)
        , m_cardIds(std::move(cardIds))
        , m_redo(std::move(redo))
        , m_undo(std::move(undo))
        , m_firstDone(std::move(firstDone))
    {
        setText(text);
    }

    void redo() override { run(m_redo, std::exchange(m_firstDone, {})); }
    void undo() override { run(m_undo, {}); }

private:
    void run(const Step &step, StoreWorker::Done done)
    {
        if (isObsolete())
            return;
        if (step.show)
            step.show();
        // Once one of this step's saves has failed, its saves still queued (an undo pressed quickly) do not run:
        // they only read back what they would have touched, so the board shows the file as it is.
        auto save = [failed = m_failed, cardIds = m_cardIds, job = step.save](BoardStore &store) {
            if (!*failed) {
                Saved saved = job(store);
                // Marked by the worker, before the next queued save of this step starts, once it does not run
                // this one again when the file is back.
                if (!saved.status && !saved.partlySaved)
                    saved.onFailed = [failed] { *failed = true; };
                return saved;
            }
            Saved skipped;
            skipped.readCards(store, cardIds);
            skipped.reloadBoard = cardIds.isEmpty();
            return skipped;
        };
        // The command may be gone (undo stack cleared) by the time the save lands.
        m_actions.save(m_cardIds, std::move(save),
                       [this, alive = std::weak_ptr<bool>(m_alive), done = std::move(done)](const Saved &saved) {
                           if (done)
                               done(saved);
                           if (saved.status || saved.partlySaved || alive.expired())
                               return;
                           setObsolete(true);
                           m_actions.dropFailedSteps();
                       });
    }

    BoardActions &m_actions;
    QList<qint64> m_cardIds;
    Step m_redo;
    Step m_undo;
    StoreWorker::Done m_firstDone;
    std::shared_ptr<bool> m_alive = std::make_shared<bool>(true);
    std::shared_ptr<std::atomic_bool> m_failed = std::make_shared<std::atomic_bool>(false);
};

/**
 * A step that changes the board rather than cards (its labels, its columns): @p redo and @p undo are each saved and
 * then @p readBack reads what the board shows of the change; @p show (optional) shows it at once, told which way.
 */
SavedCommand *boardCommand(BoardActions &actions, const QString &text, std::function<Status(BoardStore &)> redo,
                           std::function<Status(BoardStore &)> undo,
                           std::function<void(BoardStore &, Saved &)> readBack, std::function<void(bool redo)> show,
                           StoreWorker::Done firstDone)
{
    const auto step = [readBack = std::move(readBack)](std::function<Status(BoardStore &)> change) {
        return [readBack, change = std::move(change)](BoardStore &store) {
            Saved saved{change(store)};
            readBack(store, saved);
            return saved;
        };
    };
    const auto showing = [show = std::move(show)](bool forward) {
        return show ? std::function<void()>([show, forward] { show(forward); }) : std::function<void()>();
    };
    return new SavedCommand(actions, text, {}, Step{showing(true), step(std::move(redo))},
                            Step{showing(false), step(std::move(undo))}, std::move(firstDone));
}

// --- Saves, run on the saver's thread --------------------------------------------------------------------------

struct Place
{
    qint64 column = 0;
    qint64 before = 0; ///< the card it goes before; 0: the end of the column
};

struct CardMove
{
    qint64 id = 0;
    Place from;
    Place to;
};

// Before the card named; at the end of the column when that card has gone meanwhile (archived, moved away).
storage::Result<qint64> place(BoardStore &store, qint64 id, const Place &where)
{
    auto moved = store.moveCard(id, where.column, storage::Placement{where.before, 0});
    if (!moved && moved.error().kind == ErrorKind::NotFound && where.before)
        moved = store.moveCard(id, where.column, storage::Placement{});
    return moved;
}

/// Moves every card, or none: each must still be where this step found it (someone else may have moved it since:
/// the test is its column, not its version, since our own later steps change versions too).
Saved moveCards(BoardStore &store, const QList<CardMove> &moves, const QString &what)
{
    Saved saved;
    QList<qint64> ids;
    for (const CardMove &move : moves) {
        ids << move.id;
        auto card = store.card(move.id);
        if (saved.status && (!card || card->archivedAt || card->deletedAt || card->columnId != move.from.column)) {
            const QString title = card ? card->title : QString::number(move.id);
            saved.status = storage::Error{ErrorKind::Conflict,
                                          tr("“%1” was moved by someone else since; %2 was not done").arg(title, what)};
        }
    }
    for (qsizetype i = 0; saved.status && i < moves.size(); ++i) {
        if (auto moved = place(store, moves.at(i).id, moves.at(i).to); !moved) {
            saved.status = moved.error();
            // Back in reverse order, so each card's former neighbour is already home again.
            for (qsizetype j = i - 1; j >= 0; --j)
                (void)place(store, moves.at(j).id, moves.at(j).from);
        }
    }
    saved.readCards(store, ids);
    return saved;
}

enum class Hide { Archive, Delete };

/// Archives (or deletes) every card, or none.
Saved hideCards(BoardStore &store, const QList<qint64> &ids, Hide hide)
{
    Saved saved;
    for (qsizetype i = 0; i < ids.size(); ++i) {
        const Status done = hide == Hide::Archive ? store.archiveCard(ids.at(i)) : store.deleteCard(ids.at(i));
        if (!done) {
            saved.status = done;
            for (qsizetype j = i - 1; j >= 0; --j)
                (void)store.restoreCard(ids.at(j));
            break;
        }
    }
    saved.readCards(store, ids);
    return saved;
}

Saved restoreCards(BoardStore &store, const QList<qint64> &ids)
{
    Saved saved;
    for (qint64 id : ids) {
        if (const Status done = store.restoreCard(id); !done) {
            saved.status = done;
            break;
        }
    }
    saved.readCards(store, ids);
    return saved;
}

// --- A card's fields ----------------------------------------------------------------------------------------------

bool holds(const storage::Card &card, const storage::CardPatch &patch)
{
    return differences(card, patch).isEmpty();
}

/// The store's rules for text, checked before the change is queued, so bad input is refused at once.
Status checkTexts(const storage::CardPatch &patch)
{
    if (patch.title) {
        if (auto valid = BoardStore::checkText(tr("title"), *patch.title, BoardStore::s_maxTitleLength, true); !valid)
            return valid;
    }
    if (patch.description) {
        if (auto valid =
                    BoardStore::checkText(tr("description"), *patch.description, BoardStore::s_maxTextLength, false);
            !valid)
            return valid;
    }
    if (patch.requester)
        return BoardStore::checkText(tr("requester"), *patch.requester, BoardStore::s_maxTitleLength, false);
    return {};
}

} // namespace

BoardActions::BoardActions(storage::BoardStore &store, BoardModel &model, QUndoStack &stack, QObject *parent)
    : QObject(parent)
    , m_store(store)
    , m_model(model)
    , m_stack(stack)
    , m_worker(store.path(), store.options())
    , m_cancelUploads(std::make_shared<std::atomic_bool>(false))
{
    m_model.setDropHandler([this](const QList<qint64> &ids, qint64 columnId, qint64 beforeId) {
        return moveCards(ids, columnId, beforeId);
    });
    m_model.setRenameHandler([this](qint64 id, const QString &title) { return renameCard(id, title); });
    m_model.setFileDropHandler(
            [this](qint64 cardId, const QStringList &paths) { return addAttachments(cardId, paths) > 0; });
    connect(&m_worker, &StoreWorker::savingChanged, this, &BoardActions::savingChanged);
    connect(&m_worker, &StoreWorker::waitingChanged, this, &BoardActions::waitingChanged);
    connect(&m_worker, &StoreWorker::reachableChanged, this, [this](bool reachable, const QString &why) {
        m_unreachable = !reachable;
        Q_EMIT reachableChanged(reachable, why);
    });
}

BoardActions::~BoardActions()
{
    m_model.setDropHandler({});
    m_model.setRenameHandler({});
    m_model.setFileDropHandler({});
}

void BoardActions::report(const storage::Error &error)
{
    Q_EMIT failed(error.message);
}

bool BoardActions::accepted(const storage::Status &check)
{
    if (!check)
        report(check.error());
    return check.ok();
}

bool BoardActions::reloadBoard()
{
    if (auto loaded = m_model.load(m_store); !loaded) {
        report(loaded.error());
        return false;
    }
    return true;
}

void BoardActions::save(const QList<qint64> &cardIds, StoreWorker::Job job, StoreWorker::Done done)
{
    for (qint64 id : cardIds)
        ++m_inFlight[id];
    m_worker.submit(std::move(job), [this, cardIds, done = std::move(done)](const Saved &saved) {
        // A card a later save is still changing keeps showing that change; that save's result will show it.
        QSet<qint64> settled;
        for (qint64 id : cardIds) {
            if (--m_inFlight[id] == 0) {
                m_inFlight.remove(id);
                settled << id;
            }
        }
        for (const storage::Card &card : saved.cards) {
            if (settled.contains(card.id) || !cardIds.contains(card.id))
                m_model.applyCard(card);
        }
        for (qint64 id : saved.removed)
            m_model.removeCard(id);
        for (const storage::Column &column : saved.columns)
            m_model.applyColumn(column);
        if (saved.labelsRead)
            m_model.applyLabels(saved.labels);
        if (saved.detailsCard && settled.contains(saved.detailsCard)) {
            if (m_checklist && m_checklist->cardId() == saved.detailsCard)
                m_checklist->setItems(saved.detailsCard, saved.checklist);
            if (m_attachments && m_attachments->cardId() == saved.detailsCard)
                m_attachments->setAttachments(saved.detailsCard, saved.attachments);
            Q_EMIT commentsSaved(saved.detailsCard, saved.comments);
        }
        if (saved.conflict)
            Q_EMIT conflicted(*saved.conflict);
        else if (!saved.status)
            report(saved.status.error());
        // After a failed save, one message says what happened: a board that cannot be read now either (the share
        // gone) stays as it is until the file answers again.
        if (saved.reloadBoard) {
            if (auto loaded = m_model.load(m_store); !loaded) {
                if (saved.status)
                    report(loaded.error());
                Q_EMIT boardUnread();
            }
        }
        if (done)
            done(saved);
    });
}

void BoardActions::dropFailedSteps()
{
    // undo() and redo() skip an obsolete step and delete it. Steps further down wait for the stack to reach them.
    bool dropped = false;
    while (m_stack.index() > 0 && m_stack.command(m_stack.index() - 1)->isObsolete()) {
        m_stack.undo();
        dropped = true;
    }
    while (m_stack.index() < m_stack.count() && m_stack.command(m_stack.index())->isObsolete()) {
        m_stack.redo();
        dropped = true;
    }
    // Qt 6.4 deletes an obsolete step in redo() without a word: Edit > Redo would still offer it. Say it changed.
    if (dropped) {
        Q_EMIT m_stack.canUndoChanged(m_stack.canUndo());
        Q_EMIT m_stack.canRedoChanged(m_stack.canRedo());
        Q_EMIT m_stack.undoTextChanged(m_stack.undoText());
        Q_EMIT m_stack.redoTextChanged(m_stack.redoText());
    }
}

bool BoardActions::moveCards(const QList<qint64> &ids, qint64 columnId, qint64 beforeId)
{
    // Where each card was, in board order, before anything moves.
    QList<CardMove> moves;
    for (qint64 id : ids) {
        const QModelIndex index = m_model.cardIndex(id);
        if (!index.isValid())
            continue;
        const QModelIndex next = index.siblingAtRow(index.row() + 1);
        CardMove move;
        move.id = id;
        move.from = {index.parent().data(BoardModel::IdRole).toLongLong(),
                     next.isValid() ? next.data(BoardModel::IdRole).toLongLong() : 0};
        move.to = {columnId, beforeId};
        moves << move;
    }
    if (moves.isEmpty()
        || (moves.size() == 1 && moves.first().from.column == columnId
            && (moves.first().from.before == beforeId || moves.first().id == beforeId))) {
        return false; // dropped where it was
    }
    // Undo goes last card first, each from where this step put it back to where it was.
    QList<CardMove> backs;
    for (auto it = moves.crbegin(); it != moves.crend(); ++it)
        backs << CardMove{it->id, it->to, it->from};
    QList<qint64> movedIds;
    for (const CardMove &move : std::as_const(moves))
        movedIds << move.id;
    const QString text = moves.size() == 1 ? tr("Move Card") : tr("Move %1 Cards").arg(moves.size());
    const auto step = [this, text](const QList<CardMove> &list) {
        return Step{[this, list] {
                        for (const CardMove &move : list)
                            m_model.placeCard(move.id, move.to.column, move.to.before);
                    },
                    [list, text](BoardStore &store) { return board::moveCards(store, list, text); }};
    };
    m_stack.push(new SavedCommand(*this, text, movedIds, step(moves), step(backs)));
    return true;
}

bool BoardActions::archiveCards(const QList<qint64> &ids)
{
    QList<storage::Card> cards;
    for (qint64 id : ids) {
        if (const storage::Card *card = m_model.cardAt(m_model.cardIndex(id)))
            cards << *card;
    }
    if (cards.isEmpty())
        return false;
    QList<qint64> archived;
    for (const storage::Card &card : std::as_const(cards))
        archived << card.id;
    Step archive{[this, archived] {
                     for (qint64 id : archived)
                         m_model.removeCard(id);
                 },
                 [archived](BoardStore &store) { return hideCards(store, archived, Hide::Archive); }};
    // Brought back as they were shown, until the saved cards arrive.
    Step restore{[this, cards] {
                     for (const storage::Card &card : cards)
                         m_model.applyCard(card);
                 },
                 [archived](BoardStore &store) { return restoreCards(store, archived); }};
    m_stack.push(new SavedCommand(
            *this, archived.size() == 1 ? tr("Archive Card") : tr("Archive %1 Cards").arg(archived.size()), archived,
            std::move(archive), std::move(restore)));
    return true;
}

bool BoardActions::restoreArchived(const QList<qint64> &ids, std::function<void()> done)
{
    if (ids.isEmpty())
        return false;
    // They show when saved: the board does not hold archived cards to show at once.
    const auto landed = [done](const Saved &) {
        if (done)
            done();
    };
    auto *command =
            new SavedCommand(*this, ids.size() == 1 ? tr("Restore Card") : tr("Restore %1 Cards").arg(ids.size()), ids,
                             Step{{}, [ids](BoardStore &store) { return restoreCards(store, ids); }},
                             Step{[this, ids] {
                                      for (qint64 id : ids)
                                          m_model.removeCard(id);
                                  },
                                  [ids](BoardStore &store) { return hideCards(store, ids, Hide::Archive); }},
                             landed);
    m_stack.push(command);
    return true;
}

bool BoardActions::createCard(qint64 columnId, const QString &title, std::function<void(qint64 id)> done)
{
    const QString fresh = title.trimmed();
    if (!accepted(BoardStore::checkText(tr("title"), fresh, BoardStore::s_maxTitleLength, true)))
        return false;
    // Written by the first save on the saver's thread; undo and redo after it use the same card.
    Id id = std::make_shared<std::atomic<qint64>>(0);
    const auto save = createOrRestore(
            id,
            [columnId, fresh](BoardStore &store) {
                storage::NewCard card;
                card.columnId = columnId;
                card.title = fresh;
                return store.createCard(card);
            },
            [](BoardStore &store, qint64 card) { return store.restoreCard(card); });
    Step create{{}, [id, save](BoardStore &store) {
                    Saved saved{save(store)};
                    if (*id) {
                        saved.newId = *id;
                        saved.readCards(store, {*id});
                    }
                    return saved;
                }};
    Step remove{[this, id] { m_model.removeCard(*id); },
                [id](BoardStore &store) { return hideCards(store, {*id}, Hide::Delete); }};
    m_stack.push(new SavedCommand(*this, tr("Add Card"), {}, std::move(create), std::move(remove),
                                  [done = std::move(done)](const Saved &saved) {
                                      if (done)
                                          done(saved.status ? saved.newId : 0);
                                  }));
    return true;
}

bool BoardActions::renameCard(qint64 id, const QString &title)
{
    storage::CardPatch patch;
    patch.title = title.trimmed();
    return editCard(id, patch, tr("Rename Card"));
}

bool BoardActions::editCard(qint64 id, const storage::CardPatch &patch, const QString &text,
                            const std::optional<storage::CardPatch> &base)
{
    const storage::Card *card = m_model.cardAt(m_model.cardIndex(id));
    if (!card)
        return false;
    if (holds(*card, patch))
        return true; // nothing to change
    if (!accepted(checkTexts(patch)))
        return false;
    // Undo and redo set the fields back only if they still hold what this step left: our own later edits change
    // versions too, so the test is the values, not the version. Fields only this step changed are saved; a field
    // someone else changed meanwhile keeps their value, and the edit itself offers the choice (conflicted()).
    // Such a field leaves the step (which stays for the fields it did save): the choice is a step of its own.
    struct Fields
    {
        storage::CardPatch before;
        storage::CardPatch after;
    };
    // Touched by the saves only, all on the worker's thread, one after the other.
    const auto fields = std::make_shared<Fields>(Fields{base ? *base : valuesOf(*card, patch), patch});
    const auto step = [this, id, fields](bool forward) {
        const storage::CardPatch shown = forward ? fields->after : fields->before;
        return Step{[this, id, shown] {
                        if (const storage::Card *current = m_model.cardAt(m_model.cardIndex(id))) {
                            storage::Card edited = *current;
                            apply(edited, shown);
                            m_model.applyCard(edited);
                        }
                    },
                    [id, fields, forward](BoardStore &store) {
                        Saved saved;
                        auto current = store.card(id);
                        if (!current) {
                            saved.status = current.error();
                            saved.readCards(store, {id});
                            return saved;
                        }
                        const storage::CardPatch &from = forward ? fields->before : fields->after;
                        const storage::CardPatch &to = forward ? fields->after : fields->before;
                        const CardMerge merged = merge(*current, from, to);
                        if (!merged.save.isEmpty()) {
                            if (auto updated = store.updateCard(id, merged.save, current->version); !updated)
                                saved.status = updated.error();
                        }
                        if (saved.status && !merged.conflicting.isEmpty()) {
                            saved.status = storage::Error{
                                    ErrorKind::Conflict,
                                    tr("someone else changed the %1 of “%2” since; what they set was kept")
                                            .arg(merged.conflicting.join(QStringLiteral(", ")), current->title)};
                            if (forward)
                                saved.conflict = merged.conflict;
                            saved.partlySaved = !merged.save.isEmpty();
                            fields->before = without(fields->before, merged.conflict.mine);
                            fields->after = without(fields->after, merged.conflict.mine);
                        }
                        saved.readCards(store, {id});
                        return saved;
                    }};
    };
    m_stack.push(new SavedCommand(*this, text, {id}, step(true), step(false)));
    return true;
}

} // namespace hb::board

namespace hb::board {

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

int BoardActions::addAttachments(qint64 cardId, const QStringList &paths)
{
    auto limit = m_store.attachmentLimit();
    if (!limit) {
        report(limit.error());
        return 0;
    }
    int taken = 0;
    for (const QString &path : paths) {
        // Refused at once, with the reason: nothing is queued for a file that cannot be stored.
        const QFileInfo info(path);
        const QString name = info.fileName();
        if (!info.exists()) {
            report({ErrorKind::NotFound, tr("“%1” is no longer there; nothing was attached").arg(path)});
            continue;
        }
        if (!info.isFile()) {
            report({ErrorKind::Invalid,
                    tr("“%1” is a folder or a device, not a file; nothing was attached").arg(path)});
            continue;
        }
        if (!info.isReadable()) {
            report({ErrorKind::Invalid, tr("you may not read “%1”; nothing was attached").arg(path)});
            continue;
        }
        if (info.size() > *limit) {
            report({ErrorKind::Invalid,
                    tr("“%1” is %2; the board's limit for one attachment is %3. Link to it on "
                       "the share instead.")
                            .arg(name, attachmentfiles::humanSize(info.size()), attachmentfiles::humanSize(*limit))});
            continue;
        }
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

bool BoardActions::setCardLabel(qint64 cardId, qint64 labelId, bool on)
{
    const storage::Card *card = m_model.cardAt(m_model.cardIndex(cardId));
    if (!card || card->labelIds.contains(labelId) == on)
        return false;
    const auto step = [this, cardId, labelId](bool attach) {
        return Step{[this, cardId, labelId, attach] {
                        if (const storage::Card *shown = m_model.cardAt(m_model.cardIndex(cardId))) {
                            storage::Card labelled = *shown;
                            labelled.labelIds.removeAll(labelId);
                            if (attach)
                                labelled.labelIds << labelId;
                            m_model.applyCard(labelled);
                        }
                    },
                    [cardId, labelId, attach](BoardStore &store) {
                        Saved saved{attach ? store.attachLabel(cardId, labelId) : store.detachLabel(cardId, labelId)};
                        saved.readCards(store, {cardId});
                        return saved;
                    }};
    };
    m_stack.push(new SavedCommand(*this, on ? tr("Add Label") : tr("Remove Label"), {cardId}, step(on), step(!on)));
    return true;
}

bool BoardActions::changeLabels(const QString &text, std::function<Status(BoardStore &)> redo,
                                std::function<Status(BoardStore &)> undo, std::function<void(bool redo)> show,
                                StoreWorker::Done firstDone)
{
    m_stack.push(boardCommand(
            *this, text, std::move(redo), std::move(undo),
            [](BoardStore &store, Saved &saved) { saved.readLabels(store); }, std::move(show), std::move(firstDone)));
    return true;
}

void BoardActions::showLabel(qint64 id, const std::function<void(storage::Label &)> &change)
{
    QList<storage::Label> labels = m_model.labels();
    for (auto it = labels.begin(); it != labels.end(); ++it) {
        if (it->id != id)
            continue;
        if (change)
            change(*it);
        else
            labels.erase(it);
        m_model.applyLabels(labels);
        return;
    }
}

std::optional<storage::Label> BoardActions::label(qint64 id) const
{
    for (const storage::Label &each : m_model.labels()) {
        if (each.id == id)
            return each;
    }
    return std::nullopt;
}

bool BoardActions::createLabel(const QString &name, const QString &color, std::function<void(qint64 id)> done)
{
    const QString fresh = name.trimmed();
    if (!accepted(BoardStore::checkText(tr("label name"), fresh, BoardStore::s_maxLabelNameLength, true)))
        return false;
    Id id = std::make_shared<std::atomic<qint64>>(0);
    return changeLabels(
            tr("New Label"),
            createOrRestore(
                    id, [fresh, color](BoardStore &store) { return store.createLabel(fresh, color); },
                    [](BoardStore &store, qint64 label) { return store.restoreLabel(label); }),
            [id](BoardStore &store) { return store.deleteLabel(*id); },
            [this, id](bool redo) {
                if (!redo && *id)
                    showLabel(*id, {});
            },
            [id, done = std::move(done)](const Saved &saved) {
                if (done)
                    done(saved.status ? qint64(*id) : 0);
            });
}

bool BoardActions::setLabelField(qint64 id, const QString &text, QString storage::Label::*field, const QString &value,
                                 LabelSave save, std::function<QString(const storage::Label &)> conflict)
{
    const std::optional<storage::Label> shown = label(id);
    if (!shown || (*shown).*field == value)
        return false;
    const QString old = (*shown).*field;
    // Like titles: undo and redo change it only while it still has the value this step left.
    const auto change = [id, field, save, conflict](const QString &from, const QString &to) {
        return [id, field, save, conflict, from, to](BoardStore &store) -> Status {
            auto labels = store.labels();
            if (!labels)
                return labels.error();
            const auto current = std::find_if(labels->cbegin(), labels->cend(),
                                              [id](const storage::Label &each) { return each.id == id; });
            if (current == labels->cend())
                return storage::Error{ErrorKind::NotFound, tr("the label was deleted since")};
            if ((*current).*field != from)
                return storage::Error{ErrorKind::Conflict, conflict(*current)};
            return save(store, id, to, current->version);
        };
    };
    return changeLabels(text, change(old, value), change(value, old), [this, id, field, old, value](bool redo) {
        showLabel(id, [field, to = redo ? value : old](storage::Label &each) { each.*field = to; });
    });
}

bool BoardActions::renameLabel(qint64 id, const QString &name)
{
    const QString fresh = name.trimmed();
    const std::optional<storage::Label> shown = label(id);
    if (!shown || shown->name == fresh)
        return false;
    if (!accepted(BoardStore::checkText(tr("label name"), fresh, BoardStore::s_maxLabelNameLength, true)))
        return false;
    return setLabelField(
            id, tr("Rename Label"), &storage::Label::name, fresh,
            [](BoardStore &store, qint64 label, const QString &to, qint64 version) {
                return store.renameLabel(label, to, version);
            },
            [](const storage::Label &current) {
                return tr("someone else renamed the label to “%1” since; it was left as it is").arg(current.name);
            });
}

bool BoardActions::recolorLabel(qint64 id, const QString &color)
{
    return setLabelField(
            id, tr("Recolour Label"), &storage::Label::color, color.toLower(),
            [](BoardStore &store, qint64 label, const QString &to, qint64 version) {
                return store.recolorLabel(label, to, version);
            },
            [](const storage::Label &current) {
                return tr("someone else gave the label “%1” another colour since; it was left as it is")
                        .arg(current.name);
            });
}

bool BoardActions::deleteLabel(qint64 id)
{
    const std::optional<storage::Label> shown = label(id);
    if (!shown)
        return false;
    return changeLabels(
            tr("Delete Label"), [id](BoardStore &store) { return store.deleteLabel(id); },
            [id](BoardStore &store) { return store.restoreLabel(id); },
            [this, id](bool redo) {
                if (redo)
                    showLabel(id, {});
            });
}

} // namespace hb::board

namespace hb::board {

bool BoardActions::canEdit(const storage::BoardStore &store)
{
    return !store.isReadOnly() && store.role() != storage::Role::Viewer;
}

bool BoardActions::canManageColumns() const
{
    return m_store.role() == storage::Role::Admin;
}

bool BoardActions::changeColumns(const QString &text, std::function<Status(BoardStore &)> redo,
                                 std::function<Status(BoardStore &)> undo, qint64 readBack,
                                 std::function<void(bool redo)> show, StoreWorker::Done firstDone)
{
    // A rename or a limit reads that column back; a change of the board's shape loads the board again.
    const auto read = [readBack](BoardStore &store, Saved &saved) {
        if (readBack) {
            if (auto column = store.column(readBack))
                saved.columns << *column;
        } else {
            saved.reloadBoard = saved.status.ok();
        }
    };
    m_stack.push(
            boardCommand(*this, text, std::move(redo), std::move(undo), read, std::move(show), std::move(firstDone)));
    return true;
}

bool BoardActions::addColumn(const QString &name, std::function<void(qint64 id)> done)
{
    const QString fresh = name.trimmed();
    if (!accepted(BoardStore::checkText(tr("column name"), fresh, BoardStore::s_maxTitleLength, true)))
        return false;
    // Redo after undo brings the same column back, so later steps that name it still find it.
    Id id = std::make_shared<std::atomic<qint64>>(0);
    return changeColumns(
            tr("Add Column"),
            createOrRestore(
                    id, [fresh](BoardStore &store) { return store.addColumn(fresh, storage::ColumnKind::Doing); },
                    [](BoardStore &store, qint64 column) { return store.restoreColumn(column); }),
            [id](BoardStore &store) { return store.deleteColumn(*id); }, 0, {},
            [id, done = std::move(done)](const Saved &saved) {
                if (done)
                    done(saved.status ? qint64(*id) : 0);
            });
}

template<typename T, typename Save, typename Conflict>
bool BoardActions::setColumnField(qint64 id, const QString &text, T storage::Column::*field, const T &value, Save save,
                                  Conflict conflict)
{
    const storage::Column *column = m_model.columnAt(m_model.columnIndex(id));
    if (!column)
        return false;
    const T old = column->*field;
    if (value == old)
        return true;
    // Like card titles: undo and redo change it only if it still has the value this step left.
    const auto change = [id, field, save, conflict](const T &from, const T &to) {
        return [id, field, save, conflict, from, to](BoardStore &store) -> Status {
            auto current = store.column(id);
            if (!current)
                return current.error();
            if ((*current).*field != from)
                return storage::Error{ErrorKind::Conflict, conflict(*current)};
            return save(store, id, to, current->version);
        };
    };
    return changeColumns(text, change(old, value), change(value, old), id, [this, id, field, old, value](bool redo) {
        if (const storage::Column *shown = m_model.columnAt(m_model.columnIndex(id))) {
            storage::Column changed = *shown;
            changed.*field = redo ? value : old;
            m_model.applyColumn(changed);
        }
    });
}

bool BoardActions::renameColumn(qint64 id, const QString &name)
{
    const QString fresh = name.trimmed();
    if (!accepted(BoardStore::checkText(tr("column name"), fresh, BoardStore::s_maxTitleLength, true)))
        return false;
    return setColumnField(
            id, tr("Rename Column"), &storage::Column::name, fresh,
            [](BoardStore &store, qint64 column, const QString &to, qint64 version) {
                return store.renameColumn(column, to, version);
            },
            [](const storage::Column &current) {
                return tr("the column was renamed “%1” by someone else since; it was left as it is").arg(current.name);
            });
}

bool BoardActions::setWipLimit(qint64 id, int limit)
{
    return setColumnField(
            id, tr("Set WIP Limit"), &storage::Column::wipLimit, limit,
            [](BoardStore &store, qint64 column, int to, qint64 version) {
                return store.setColumnWipLimit(column, to, version);
            },
            [](const storage::Column &current) {
                return tr("someone else set this column's WIP limit to %1 since; it was left as it is")
                        .arg(current.wipLimit);
            });
}

bool BoardActions::moveColumn(qint64 id, int delta)
{
    const QModelIndex index = m_model.columnIndex(id);
    const int target = index.row() + delta;
    if (!index.isValid() || target < 0 || target >= m_model.rowCount())
        return false;
    // Left: before the column now at the target; right: before the one after the target.
    return moveColumnBefore(id, columnIdAt(delta < 0 ? target : target + 1));
}

bool BoardActions::moveColumnBefore(qint64 id, qint64 beforeId)
{
    const QModelIndex index = m_model.columnIndex(id);
    const qint64 backBefore = columnIdAt(index.row() + 1);
    if (!index.isValid() || beforeId == id || beforeId == backBefore)
        return false; // where it already is
    const auto moveBefore = [id](qint64 before) {
        return [id, before](BoardStore &store) { return store.moveColumn(id, storage::Placement{before, 0}); };
    };
    return changeColumns(tr("Move Column"), moveBefore(beforeId), moveBefore(backBefore));
}

qint64 BoardActions::columnIdAt(int row) const
{
    return row >= 0 && row < m_model.rowCount() ? m_model.index(row, 0).data(BoardModel::IdRole).toLongLong() : 0;
}

bool BoardActions::deleteColumn(qint64 id)
{
    return changeColumns(
            tr("Delete Column"), [id](BoardStore &store) { return store.deleteColumn(id); },
            [id](BoardStore &store) { return store.restoreColumn(id); });
}

} // namespace hb::board
