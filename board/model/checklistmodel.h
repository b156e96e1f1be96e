// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <storage/records.h>

#include <QAbstractListModel>
#include <QUuid>

#include <functional>

namespace hb::board {

/**
 * One card's checklist, in order: text, ticked or not. Editing, ticking and dropping go to handlers (BoardActions
 * saves them as undo steps); rows change through setItems() and the show methods only.
 */
class ChecklistModel final : public QAbstractListModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ChecklistModel)

public:
    enum Roles { IdRole = Qt::UserRole + 1 };

    struct Handlers
    {
        std::function<bool(qint64 id, const QString &text)> edit;
        std::function<bool(qint64 id, bool done)> tick;
        /// Moves @p id just before @p beforeId (0: to the end).
        std::function<bool(qint64 id, qint64 beforeId)> move;
    };

    explicit ChecklistModel(QObject *parent = nullptr);
    ~ChecklistModel() override;

    /// Without handlers the checklist is read-only.
    void setHandlers(Handlers handlers) { m_handlers = std::move(handlers); }
    qint64 cardId() const { return m_cardId; }
    /// The checklist of card @p cardId as the file has it; rows that are the same stay, so the selection does.
    void setItems(qint64 cardId, const QList<storage::ChecklistItem> &items);
    const QList<storage::ChecklistItem> &items() const { return m_items; }

    // How a change looks at once, before it is saved.
    void showItem(const storage::ChecklistItem &item);
    void showRemoved(qint64 id);
    void showMoved(qint64 id, qint64 beforeId);
    int row(qint64 id) const;
    int doneCount() const;

    static QString mimeType();
    /// The board the checklist is on: drag payloads carry it, and drops refuse another board's items.
    QUuid boardUuid() const { return m_boardUuid; }
    void setBoardUuid(const QUuid &uuid) { m_boardUuid = uuid; }

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;
    bool setData(const QModelIndex &index, const QVariant &value, int role = Qt::EditRole) override;
    Qt::DropActions supportedDropActions() const override { return Qt::MoveAction; }
    QStringList mimeTypes() const override;
    QMimeData *mimeData(const QModelIndexList &indexes) const override;
    bool canDropMimeData(const QMimeData *data, Qt::DropAction action, int row, int column,
                         const QModelIndex &parent) const override;
    /// Moves an item of this checklist; one dragged from another board's (or another card's) is refused.
    bool dropMimeData(const QMimeData *data, Qt::DropAction action, int row, int column,
                      const QModelIndex &parent) override;

private:
    /// The item a drag payload names, when it is one of this checklist's; 0 otherwise.
    qint64 itemOf(const QMimeData *data) const;

    QUuid m_boardUuid;
    qint64 m_cardId = 0;
    QList<storage::ChecklistItem> m_items;
    Handlers m_handlers;
};

} // namespace hb::board
