// SPDX-License-Identifier: GPL-3.0-or-later
#include "checklistmodel.h"

#include "idpayload.h"

#include <QMimeData>

namespace hb::board {

ChecklistModel::ChecklistModel(QObject *parent)
    : QAbstractListModel(parent)
{ }

ChecklistModel::~ChecklistModel() = default;

QString ChecklistModel::mimeType()
{
    return QStringLiteral("application/x-helpboard-checklist-item-ids");
}

void ChecklistModel::setItems(qint64 cardId, const QList<storage::ChecklistItem> &items)
{
    const auto sameRows = [&] {
        if (cardId != m_cardId || items.size() != m_items.size())
            return false;
        for (qsizetype i = 0; i < items.size(); ++i) {
            if (items.at(i).id != m_items.at(i).id)
                return false;
        }
        return true;
    };
    if (sameRows()) {
        m_items = items;
        if (!m_items.isEmpty())
            Q_EMIT dataChanged(index(0), index(int(m_items.size()) - 1));
        return;
    }
    beginResetModel();
    m_cardId = cardId;
    m_items = items;
    endResetModel();
}

int ChecklistModel::row(qint64 id) const
{
    for (int i = 0; i < m_items.size(); ++i) {
        if (m_items.at(i).id == id)
            return i;
    }
    return -1;
}

int ChecklistModel::doneCount() const
{
    return int(std::count_if(m_items.cbegin(), m_items.cend(), [](const auto &item) { return item.done; }));
}

void ChecklistModel::showItem(const storage::ChecklistItem &item)
{
    if (item.cardId != m_cardId)
        return;
    if (const int at = row(item.id); at >= 0) {
        m_items[at] = item;
        Q_EMIT dataChanged(index(at), index(at));
        return;
    }
    // A new item (or one brought back): where its rank puts it.
    const auto before = std::find_if(m_items.cbegin(), m_items.cend(),
                                     [&item](const storage::ChecklistItem &other) { return item.rank < other.rank; });
    const int at = int(before - m_items.cbegin());
    beginInsertRows({}, at, at);
    m_items.insert(at, item);
    endInsertRows();
}

void ChecklistModel::showRemoved(qint64 id)
{
    if (const int at = row(id); at >= 0) {
        beginRemoveRows({}, at, at);
        m_items.removeAt(at);
        endRemoveRows();
    }
}

void ChecklistModel::showMoved(qint64 id, qint64 beforeId)
{
    const int from = row(id);
    const int before = beforeId ? row(beforeId) : int(m_items.size());
    if (from < 0 || before < 0 || before == from || before == from + 1)
        return;
    beginMoveRows({}, from, from, {}, before);
    m_items.move(from, before > from ? before - 1 : before);
    endMoveRows();
}

int ChecklistModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_items.size());
}

QVariant ChecklistModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const storage::ChecklistItem &item = m_items.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
    case Qt::EditRole:
    case Qt::AccessibleTextRole:
        return item.text;
    case Qt::CheckStateRole:
        return item.done ? Qt::Checked : Qt::Unchecked;
    case Qt::ToolTipRole:
        return item.done && !item.doneBy.isEmpty() ? tr("Ticked by %1").arg(item.doneBy) : QVariant();
    case IdRole:
        return item.id;
    default:
        return {};
    }
}

Qt::ItemFlags ChecklistModel::flags(const QModelIndex &index) const
{
    const bool editable = bool(m_handlers.edit);
    if (!index.isValid())
        return editable ? Qt::ItemIsDropEnabled : Qt::NoItemFlags;
    Qt::ItemFlags flags = Qt::ItemIsEnabled | Qt::ItemIsSelectable | Qt::ItemNeverHasChildren;
    if (editable)
        flags |= Qt::ItemIsEditable | Qt::ItemIsUserCheckable | Qt::ItemIsDragEnabled;
    return flags;
}

bool ChecklistModel::setData(const QModelIndex &index, const QVariant &value, int role)
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return false;
    const storage::ChecklistItem &item = m_items.at(index.row());
    if (role == Qt::EditRole && m_handlers.edit)
        return m_handlers.edit(item.id, value.toString());
    if (role == Qt::CheckStateRole && m_handlers.tick)
        return m_handlers.tick(item.id, value.value<Qt::CheckState>() == Qt::Checked);
    return false;
}

QStringList ChecklistModel::mimeTypes() const
{
    return {mimeType()};
}

QMimeData *ChecklistModel::mimeData(const QModelIndexList &indexes) const
{
    // One item at a time.
    const int at = indexes.isEmpty() ? -1 : row(indexes.first().data(IdRole).toLongLong());
    if (at < 0)
        return nullptr;
    return payloadToMimeData(mimeType(), {m_boardUuid, {{m_items.at(at).id, m_items.at(at).createdAt}}});
}

qint64 ChecklistModel::itemOf(const QMimeData *data) const
{
    const auto payload = payloadFromMimeData(data, mimeType());
    if (!payload || payload->board != m_boardUuid || payload->items.size() != 1)
        return 0;
    const PayloadItem &item = payload->items.first();
    const int at = row(item.id);
    return at >= 0 && m_items.at(at).createdAt == item.createdAt ? item.id : 0;
}

bool ChecklistModel::canDropMimeData(const QMimeData *data, Qt::DropAction action, int, int, const QModelIndex &) const
{
    return (action == Qt::MoveAction || action == Qt::IgnoreAction) && itemOf(data) != 0;
}

bool ChecklistModel::dropMimeData(const QMimeData *data, Qt::DropAction action, int row, int, const QModelIndex &parent)
{
    if (action == Qt::IgnoreAction)
        return true;
    const qint64 id = itemOf(data);
    if (!id || !m_handlers.move)
        return false;
    // Dropped onto an item: it goes before that item.
    if (parent.isValid())
        row = parent.row();
    row = (row < 0 || row > m_items.size()) ? int(m_items.size()) : row;
    const qint64 beforeId = row < m_items.size() ? m_items.at(row).id : 0;
    m_handlers.move(id, beforeId);
    // The view must not remove the dragged row itself: the move did.
    return false;
}

} // namespace hb::board
