// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Private to BoardActions' source files (boardactions*.cpp): the undo step that saves, and what its saves share.

#include "boardactions.h"

#include <storage/boardstore.h>

#include <QCoreApplication>
#include <QUndoCommand>
#include <QUndoStack>

#include <atomic>
#include <functional>
#include <memory>

namespace hb::board::actions {

using storage::BoardStore;
using storage::ErrorKind;
using storage::Status;

inline QString tr(const char *text)
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
inline std::function<Status(BoardStore &)> createOrRestore(Id id,
                                                           std::function<storage::Result<qint64>(BoardStore &)> create,
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

    /// The cards this step changes (a new card's once it is saved), for saying what an undo did.
    QList<qint64> cardIds() const { return m_newId && m_newId->load() ? QList<qint64>{m_newId->load()} : m_cardIds; }
    /// Where a step that makes a card learns its id.
    void setNewId(Id id) { m_newId = std::move(id); }

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
    Id m_newId;
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
                           StoreWorker::Done firstDone);

} // namespace hb::board::actions
