// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <storage/result.h>

#include <QList>
#include <QObject>

#include <functional>

class QUndoStack;

namespace hb::storage {
class BoardStore;
}

namespace hb::board {

class BoardModel;

/**
 * What people do to the board, as undoable commands: each saves through BoardStore first, then updates the
 * model in the same step, and lands on the one QUndoStack only when it was saved. A failure (someone else got
 * there first, the share is busy) is reported through failed() and leaves board and model as they were.
 */
class BoardActions final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(BoardActions)

public:
    BoardActions(storage::BoardStore &store, BoardModel &model, QUndoStack &stack, QObject *parent = nullptr);
    ~BoardActions() override;

    /// Moves cards, in their current board order, to @p columnId just before @p beforeId (0: at the end).
    bool moveCards(const QList<qint64> &ids, qint64 columnId, qint64 beforeId);
    /// Archives cards (undo restores them where they were).
    bool archiveCards(const QList<qint64> &ids);
    /// Renames a card (F2 on the board).
    bool renameCard(qint64 id, const QString &title);
    /// Creates a card with @p title at the end of @p columnId; returns its id, or 0 when it could not be saved.
    qint64 createCard(qint64 columnId, const QString &title);

    // Columns (admins): each reloads the board after saving.
    bool canManageColumns() const;
    /// Whether the board may be changed at all through @p store: not read-only, and not a viewer's.
    static bool canEdit(const storage::BoardStore &store);
    qint64 addColumn(const QString &name);
    bool renameColumn(qint64 id, const QString &name);
    bool setWipLimit(qint64 id, int limit);
    /// Moves a column one place left (-1) or right (+1).
    bool moveColumn(qint64 id, int delta);
    /// Moves a column just before @p beforeId (0: to the end), as dragging its header does.
    bool moveColumnBefore(qint64 id, qint64 beforeId);
    /// Only an empty column can go; otherwise failed() says why.
    bool deleteColumn(qint64 id);

    storage::BoardStore &store() const { return m_store; }
    bool reloadBoard();
    BoardModel &model() const { return m_model; }

    /// Saves and shows one card's new state; false with failed() emitted on error.
    bool refreshCard(qint64 id);
    void report(const storage::Error &error);

Q_SIGNALS:
    void failed(const QString &message);

private:
    qint64 columnIdAt(int row) const;
    /// Saves @p redo, then records it with @p undo as one undo step; @p cardId: refresh that card, 0: reload all.
    bool perform(const QString &text, const std::function<storage::Status()> &redo,
                 const std::function<storage::Status()> &undo, qint64 cardId = 0);

    storage::BoardStore &m_store;
    BoardModel &m_model;
    QUndoStack &m_stack;
};

} // namespace hb::board
