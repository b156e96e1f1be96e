// SPDX-License-Identifier: GPL-3.0-or-later
// BoardActions: its saves and undo steps, and the actions on cards (move, archive, create, edit).
#include "boardactions.h"

#include "boardactions_p.h"

#include <board/model/attachmentmodel.h>
#include <board/model/boardmodel.h>
#include <board/model/checklistmodel.h>
#include <board/rules/cardfields.h>

namespace hb::board {

using namespace actions;

SavedCommand *actions::boardCommand(BoardActions &actions, const QString &text,
                                    std::function<Status(BoardStore &)> redo, std::function<Status(BoardStore &)> undo,
                                    std::function<void(BoardStore &, Saved &)> readBack,
                                    std::function<void(bool redo)> show, StoreWorker::Done firstDone)
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

namespace {

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

/// Moves every card, or none, in one change: each must still be where this step found it (someone else may have
/// moved it since: the test is its column, not its version, since our own later steps change versions too).
Saved moveCards(BoardStore &store, const QList<CardMove> &moves)
{
    QList<storage::CardMove> changes;
    QList<qint64> ids;
    for (const CardMove &move : moves) {
        ids << move.id;
        changes << storage::CardMove{move.id, move.to.column, storage::Placement{move.to.before, 0}, move.from.column};
    }
    Saved saved{store.moveCards(changes)};
    saved.readCards(store, ids);
    return saved;
}

/// Archives every card, or none, in one change.
Saved archiveCards(BoardStore &store, const QList<qint64> &ids)
{
    Saved saved{store.archiveCards(ids)};
    saved.readCards(store, ids);
    return saved;
}

/// Brings back every card, or none, in one change.
Saved restoreCards(BoardStore &store, const QList<qint64> &ids)
{
    Saved saved{store.restoreCards(ids)};
    saved.readCards(store, ids);
    return saved;
}

Saved deleteCard(BoardStore &store, qint64 id)
{
    Saved saved{store.deleteCard(id)};
    saved.readCards(store, {id});
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
    , m_worker(store.path(), store.options(), StoreWorker::WhenBusy::WaitLonger)
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
    connect(&m_worker, &StoreWorker::triedAgain, this, &BoardActions::saveTriedAgain);
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

void BoardActions::save(const QList<qint64> &cardIds, StoreWorker::Job job, StoreWorker::Done done)
{
    for (qint64 id : cardIds)
        ++m_inFlight[id];
    m_worker.submit(std::move(job), [this, cardIds, done = std::move(done)](const Saved &saved) {
        // A card a later save is still changing keeps showing that change; that save's result will show it.
        QSet<qint64> settled;
        for (qint64 id : cardIds) {
            ++m_landed[id];
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
        if (saved.articlesChanged)
            Q_EMIT articlesChanged();
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
    const auto step = [this](const QList<CardMove> &list) {
        return Step{[this, list] {
                        for (const CardMove &move : list)
                            m_model.placeCard(move.id, move.to.column, move.to.before);
                    },
                    [list](BoardStore &store) { return board::moveCards(store, list); }};
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
                 [archived](BoardStore &store) { return board::archiveCards(store, archived); }};
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
                                  [ids](BoardStore &store) { return board::archiveCards(store, ids); }},
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
    Step remove{[this, id] { m_model.removeCard(*id); }, [id](BoardStore &store) { return deleteCard(store, *id); }};
    auto *command = new SavedCommand(*this, tr("Add Card"), {}, std::move(create), std::move(remove),
                                     [done = std::move(done)](const Saved &saved) {
                                         if (done)
                                             done(saved.status ? saved.newId : 0);
                                     });
    command->setNewId(id);
    m_stack.push(command);
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
    // What undo and redo show at once, on the window's thread: narrowed likewise once the first save says so.
    const auto shown = std::make_shared<Fields>(*fields);
    const auto step = [this, id, fields, shown](bool forward) {
        return Step{[this, id, shown, forward] {
                        if (const storage::Card *current = m_model.cardAt(m_model.cardIndex(id))) {
                            storage::Card edited = *current;
                            apply(edited, forward ? shown->after : shown->before);
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
                        // An escalation this step opened is the one redo opens again, with its times, not a new one.
                        if (forward && saved.status && fields->after.escalation
                            && fields->after.escalation->isEscalated()) {
                            for (const storage::Card &read : std::as_const(saved.cards)) {
                                if (read.id == id && read.escalation.targetId == fields->after.escalation->targetId)
                                    fields->after.escalation->id = read.escalation.id;
                            }
                        }
                        return saved;
                    }};
    };
    const auto narrowShown = [shown](const Saved &saved) {
        if (saved.conflict) {
            shown->before = without(shown->before, saved.conflict->mine);
            shown->after = without(shown->after, saved.conflict->mine);
        }
    };
    m_stack.push(new SavedCommand(*this, text, {id}, step(true), step(false), narrowShown));
    return true;
}

} // namespace hb::board
