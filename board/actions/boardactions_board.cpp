// SPDX-License-Identifier: GPL-3.0-or-later
// BoardActions: card labels, the board's labels and its columns.
#include "boardactions.h"
#include "boardactions_p.h"

#include <board/model/boardmodel.h>

namespace hb::board {

using namespace actions;

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

QList<qint64> BoardActions::cardsOf(const QUndoCommand *command)
{
    QList<qint64> ids;
    if (!command)
        return ids;
    if (const auto *saved = dynamic_cast<const actions::SavedCommand *>(command))
        ids = saved->cardIds();
    for (int i = 0; i < command->childCount(); ++i) {
        for (qint64 id : cardsOf(command->child(i))) {
            if (!ids.contains(id))
                ids << id;
        }
    }
    return ids;
}

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

bool BoardActions::addColumn(const QString &name, std::function<void(qint64 id)> done, qint64 afterId)
{
    const QString fresh = name.trimmed();
    if (!accepted(BoardStore::checkText(tr("column name"), fresh, BoardStore::s_maxTitleLength, true)))
        return false;
    // Redo after undo brings the same column back, so later steps that name it still find it.
    Id id = std::make_shared<std::atomic<qint64>>(0);
    return changeColumns(
            tr("Add Column"),
            createOrRestore(
                    id,
                    [fresh, afterId](BoardStore &store) {
                        storage::Placement placement;
                        placement.after = afterId;
                        return store.addColumn(fresh, storage::ColumnKind::Doing, 0, placement);
                    },
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
