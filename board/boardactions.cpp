// SPDX-License-Identifier: GPL-3.0-or-later
#include "boardactions.h"

#include "boardmodel.h"

#include <storage/boardstore.h>

#include <QCoreApplication>
#include <QUndoCommand>
#include <QUndoStack>

#include <memory>

namespace hb::board {

namespace {

// One card of a move: where it was (its column and the card that followed it there).
struct MovedCard
{
    qint64 id = 0;
    qint64 fromColumn = 0;
    qint64 fromBefore = 0;
};

class MoveCardsCommand final : public QUndoCommand
{
public:
    MoveCardsCommand(BoardActions &actions, QList<MovedCard> cards, qint64 toColumn, qint64 toBefore)
        : m_actions(actions)
        , m_cards(std::move(cards))
        , m_toColumn(toColumn)
        , m_toBefore(toBefore)
    {
        setText(m_cards.size() == 1
                        ? QCoreApplication::translate("hb::board::BoardActions", "Move Card")
                        : QCoreApplication::translate("hb::board::BoardActions", "Move %1 Cards").arg(m_cards.size()));
    }

    // The first redo already happened before the command was pushed: the move was saved, then recorded.
    void redo() override
    {
        if (m_saved) {
            m_saved = false;
            return;
        }
        // Every card is checked before any is written, so a conflict never leaves the step half redone.
        for (const MovedCard &card : std::as_const(m_cards)) {
            if (!stillIn(card.id, card.fromColumn))
                return;
        }
        for (MovedCard &card : m_cards) {
            if (!finish(card, place(card.id, m_toColumn, m_toBefore)))
                return;
        }
    }

    void undo() override
    {
        // Back in reverse order, so each card's former neighbour is already home again. A card someone else
        // has since moved to another column (or archived) is a conflict: say so and leave their change alone.
        for (const MovedCard &card : std::as_const(m_cards)) {
            if (!stillIn(card.id, m_toColumn))
                return;
        }
        for (auto it = m_cards.rbegin(); it != m_cards.rend(); ++it) {
            if (!finish(*it, place(it->id, it->fromColumn, it->fromBefore)))
                return;
        }
    }

    void markSaved() { m_saved = true; }

private:
    // Before @p before; at the end of the column when that card has gone meanwhile (archived, moved away).
    storage::Result<qint64> place(qint64 id, qint64 column, qint64 before)
    {
        auto moved = m_actions.store().moveCard(id, column, storage::Placement{before, 0});
        if (!moved && moved.error().kind == storage::ErrorKind::NotFound && before)
            moved = m_actions.store().moveCard(id, column, storage::Placement{});
        return moved;
    }

    // Our own later commands change versions and ranks too, so the test is where the card is, not its version.
    bool stillIn(qint64 id, qint64 column)
    {
        auto card = m_actions.store().card(id);
        if (card && !card->archivedAt && !card->deletedAt && card->columnId == column)
            return true;
        const QString title = card ? card->title : QString::number(id);
        m_actions.report(
                storage::Error{storage::ErrorKind::Conflict,
                               QCoreApplication::translate("hb::board::BoardActions",
                                                           "“%1” was moved by someone else since; %2 was not done")
                                       .arg(title, text())});
        setObsolete(true);
        m_actions.refreshCard(id);
        return false;
    }

    bool finish(const MovedCard &card, const storage::Result<qint64> &moved)
    {
        if (!moved) {
            m_actions.report(moved.error());
            setObsolete(true);
            m_actions.refreshCard(card.id);
            return false;
        }
        return m_actions.refreshCard(card.id);
    }

    BoardActions &m_actions;
    QList<MovedCard> m_cards;
    qint64 m_toColumn;
    qint64 m_toBefore;
    bool m_saved = false;
};

// Archive (or, for a card just created, delete) and bring back: the same command, either way round.
class HideCardsCommand final : public QUndoCommand
{
public:
    enum class Kind { Archive, Create };

    HideCardsCommand(BoardActions &actions, QList<qint64> ids, Kind kind)
        : m_actions(actions)
        , m_ids(std::move(ids))
        , m_kind(kind)
    {
        const auto tr = [](const char *text) { return QCoreApplication::translate("hb::board::BoardActions", text); };
        if (kind == Kind::Create)
            setText(tr("Add Card"));
        else
            setText(m_ids.size() == 1 ? tr("Archive Card") : tr("Archive %1 Cards").arg(m_ids.size()));
    }

    void redo() override
    {
        if (m_saved) {
            m_saved = false;
            return;
        }
        // Redo of an archive hides again; redo of a create brings the card back.
        apply(m_kind == Kind::Archive ? Action::Hide : Action::Show);
    }

    void undo() override { apply(m_kind == Kind::Archive ? Action::Show : Action::Hide); }
    void markSaved() { m_saved = true; }

private:
    enum class Action { Hide, Show };

    void apply(Action action)
    {
        for (qint64 id : std::as_const(m_ids)) {
            storage::BoardStore &store = m_actions.store();
            const storage::Status done = action == Action::Show   ? store.restoreCard(id)
                                         : m_kind == Kind::Create ? store.deleteCard(id)
                                                                  : store.archiveCard(id);
            if (!done) {
                m_actions.report(done.error());
                setObsolete(true);
            }
            m_actions.refreshCard(id);
            if (!done)
                return;
        }
    }

    BoardActions &m_actions;
    QList<qint64> m_ids;
    Kind m_kind;
    bool m_saved = false;
};

// A change given as what to do and what undoes it, and what to refresh after either (a card, or the board).
class ChangeCommand final : public QUndoCommand
{
public:
    ChangeCommand(BoardActions &actions, const QString &text, std::function<storage::Status()> redo,
                  std::function<storage::Status()> undo, std::function<void()> after)
        : m_actions(actions)
        , m_redo(std::move(redo))
        , m_undo(std::move(undo))
        , m_after(std::move(after))
    {
        setText(text);
    }

    void redo() override
    {
        if (m_saved) {
            m_saved = false;
            return;
        }
        run(m_redo);
    }
    void undo() override { run(m_undo); }
    void markSaved() { m_saved = true; }

private:
    void run(const std::function<storage::Status()> &step)
    {
        if (const storage::Status done = step(); !done) {
            m_actions.report(done.error());
            setObsolete(true);
        }
        m_after();
    }

    BoardActions &m_actions;
    std::function<storage::Status()> m_redo;
    std::function<storage::Status()> m_undo;
    std::function<void()> m_after;
    bool m_saved = false;
};

} // namespace

BoardActions::BoardActions(storage::BoardStore &store, BoardModel &model, QUndoStack &stack, QObject *parent)
    : QObject(parent)
    , m_store(store)
    , m_model(model)
    , m_stack(stack)
{
    m_model.setDropHandler([this](const QList<qint64> &ids, qint64 columnId, qint64 beforeId) {
        return moveCards(ids, columnId, beforeId);
    });
    m_model.setRenameHandler([this](qint64 id, const QString &title) { return renameCard(id, title); });
}

BoardActions::~BoardActions()
{
    m_model.setDropHandler({});
    m_model.setRenameHandler({});
}

void BoardActions::report(const storage::Error &error)
{
    Q_EMIT failed(error.message);
}

bool BoardActions::refreshCard(qint64 id)
{
    auto card = m_store.card(id);
    if (!card) {
        report(card.error());
        return false;
    }
    m_model.applyCard(*card);
    return true;
}

bool BoardActions::moveCards(const QList<qint64> &ids, qint64 columnId, qint64 beforeId)
{
    // Remember where each card was, in board order, before anything moves.
    QList<MovedCard> cards;
    for (qint64 id : ids) {
        const QModelIndex index = m_model.cardIndex(id);
        if (!index.isValid())
            continue;
        const QModelIndex next = index.siblingAtRow(index.row() + 1);
        MovedCard card;
        card.id = id;
        card.fromColumn = index.parent().data(BoardModel::IdRole).toLongLong();
        card.fromBefore = next.isValid() ? next.data(BoardModel::IdRole).toLongLong() : 0;
        cards << card;
    }
    if (cards.isEmpty()
        || (cards.size() == 1 && cards.first().fromColumn == columnId
            && (cards.first().fromBefore == beforeId || cards.first().id == beforeId))) {
        return false; // dropped where it was
    }
    // A card that followed one of the moved cards is itself moving: undo puts it back first (reverse order).
    for (MovedCard &card : cards) {
        auto moved = m_store.moveCard(card.id, columnId, storage::Placement{beforeId, 0});
        if (!moved) {
            report(moved.error());
            // Cards moved before the failure stay saved; put them back, last first (a card's former neighbour
            // may be one of them), so nothing is half done.
            const qsizetype failedAt = &card - cards.data();
            for (qsizetype i = failedAt - 1; i >= 0; --i) {
                const MovedCard &done = cards.at(i);
                if (auto back = m_store.moveCard(done.id, done.fromColumn, storage::Placement{done.fromBefore, 0});
                    !back)
                    report(back.error());
                refreshCard(done.id);
            }
            return false;
        }
        refreshCard(card.id);
    }
    auto *command = new MoveCardsCommand(*this, cards, columnId, beforeId);
    command->markSaved();
    m_stack.push(command);
    return true;
}

} // namespace hb::board

namespace hb::board {

bool BoardActions::archiveCards(const QList<qint64> &ids)
{
    QList<qint64> archived;
    for (qint64 id : ids) {
        if (auto done = m_store.archiveCard(id); !done) {
            report(done.error());
            break;
        }
        refreshCard(id);
        archived << id;
    }
    if (archived.isEmpty())
        return false;
    auto *command = new HideCardsCommand(*this, archived, HideCardsCommand::Kind::Archive);
    command->markSaved();
    m_stack.push(command);
    return archived.size() == ids.size();
}

qint64 BoardActions::createCard(qint64 columnId, const QString &title)
{
    storage::NewCard card;
    card.columnId = columnId;
    card.title = title;
    auto id = m_store.createCard(card);
    if (!id) {
        report(id.error());
        return 0;
    }
    refreshCard(*id);
    auto *command = new HideCardsCommand(*this, {*id}, HideCardsCommand::Kind::Create);
    command->markSaved();
    m_stack.push(command);
    return *id;
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

bool BoardActions::reloadBoard()
{
    if (auto loaded = m_model.load(m_store); !loaded) {
        report(loaded.error());
        return false;
    }
    return true;
}

bool BoardActions::perform(const QString &text, const std::function<storage::Status()> &redo,
                           const std::function<storage::Status()> &undo, qint64 cardId)
{
    // A card's change refreshes that card; a board-level change reloads the board.
    const std::function<void()> after = cardId ? std::function<void()>([this, cardId] { refreshCard(cardId); })
                                               : std::function<void()>([this] { reloadBoard(); });
    if (const storage::Status done = redo(); !done) {
        report(done.error());
        after();
        return false;
    }
    after();
    auto *command = new ChangeCommand(*this, text, redo, undo, after);
    command->markSaved();
    m_stack.push(command);
    return true;
}

qint64 BoardActions::addColumn(const QString &name)
{
    // Redo after undo brings the same column back, so later commands that name it still find it.
    auto id = std::make_shared<qint64>(0);
    const bool done = perform(
            tr("Add Column"),
            [this, name, id]() -> storage::Status {
                if (*id)
                    return m_store.restoreColumn(*id);
                auto added = m_store.addColumn(name, storage::ColumnKind::Doing);
                if (!added)
                    return added.error();
                *id = *added;
                return {};
            },
            [this, id] { return m_store.deleteColumn(*id); });
    return done ? *id : 0;
}

bool BoardActions::renameColumn(qint64 id, const QString &name)
{
    auto column = m_store.column(id);
    if (!column) {
        report(column.error());
        return false;
    }
    const QString old = column->name;
    const QString fresh = name.trimmed();
    // Like card titles: undo and redo change the name only if it is still the one this step left.
    const auto setName = [this, id](const QString &from, const QString &to) -> storage::Status {
        auto current = m_store.column(id);
        if (!current)
            return current.error();
        if (current->name != from) {
            return storage::Error{
                    storage::ErrorKind::Conflict,
                    tr("the column was renamed “%1” by someone else since; it was left as it is").arg(current->name)};
        }
        return m_store.renameColumn(id, to, current->version);
    };
    return perform(
            tr("Rename Column"), [setName, old, fresh] { return setName(old, fresh); },
            [setName, old, fresh] { return setName(fresh, old); });
}

bool BoardActions::setWipLimit(qint64 id, int limit)
{
    auto column = m_store.column(id);
    if (!column) {
        report(column.error());
        return false;
    }
    const int old = column->wipLimit;
    const auto setLimit = [this, id](int from, int to) -> storage::Status {
        auto current = m_store.column(id);
        if (!current)
            return current.error();
        if (current->wipLimit != from) {
            return storage::Error{storage::ErrorKind::Conflict,
                                  tr("someone else set this column's WIP limit to %1 since; it was left as it is")
                                          .arg(current->wipLimit)};
        }
        return m_store.setColumnWipLimit(id, to, current->version);
    };
    return perform(
            tr("Set WIP Limit"), [setLimit, old, limit] { return setLimit(old, limit); },
            [setLimit, old, limit] { return setLimit(limit, old); });
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
    return perform(
            tr("Move Column"),
            [this, id, beforeId] {
                return m_store.moveColumn(id, storage::Placement{beforeId, 0});
            },
            [this, id, backBefore] {
                return m_store.moveColumn(id, storage::Placement{backBefore, 0});
            });
}

qint64 BoardActions::columnIdAt(int row) const
{
    return row >= 0 && row < m_model.rowCount() ? m_model.index(row, 0).data(BoardModel::IdRole).toLongLong() : 0;
}

bool BoardActions::deleteColumn(qint64 id)
{
    return perform(
            tr("Delete Column"), [this, id] { return m_store.deleteColumn(id); },
            [this, id] { return m_store.restoreColumn(id); });
}

} // namespace hb::board

namespace hb::board {

bool BoardActions::renameCard(qint64 id, const QString &title)
{
    auto card = m_store.card(id);
    if (!card) {
        report(card.error());
        return false;
    }
    const QString old = card->title;
    const QString fresh = title.trimmed();
    if (fresh == old)
        return true;
    // Undo and redo put the title back only if it is still the one this step left: our own later edits change
    // versions too, so the test is the value, not the version.
    const auto setTitle = [this, id](const QString &from, const QString &to) -> storage::Status {
        auto current = m_store.card(id);
        if (!current)
            return current.error();
        if (current->title != from) {
            return storage::Error{
                    storage::ErrorKind::Conflict,
                    tr("“%1” was renamed by someone else since; the title was left as it is").arg(current->title)};
        }
        storage::CardPatch patch;
        patch.title = to;
        auto updated = m_store.updateCard(id, patch, current->version);
        return updated ? storage::Status() : storage::Status(updated.error());
    };
    return perform(
            tr("Rename Card"), [setTitle, old, fresh] { return setTitle(old, fresh); },
            [setTitle, old, fresh] { return setTitle(fresh, old); }, id);
}

} // namespace hb::board
