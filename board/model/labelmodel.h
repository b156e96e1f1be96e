// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QAbstractListModel>
#include <QHash>
#include <QList>

#include <functional>
#include <utility>

namespace hb::storage {
struct Label;
}

namespace hb::board {

class BoardModel;

/**
 * The board's labels, by name, for pickers and the label manager: name, colour and how many cards carry each.
 * Follows the BoardModel (a load, or labels saved); renaming in place goes to a handler that saves it as an undo
 * step, and the row changes when the saved labels arrive.
 */
class LabelModel final : public QAbstractListModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(LabelModel)

public:
    enum Roles {
        IdRole = Qt::UserRole + 1,
        ColorRole,     ///< "#rrggbb"
        CardCountRole, ///< cards on the board that carry the label (counted when asked, without dataChanged)
    };

    explicit LabelModel(BoardModel &board, QObject *parent = nullptr);
    ~LabelModel() override;

    /// Called when a name is edited in place; without one, names are not editable.
    using RenameHandler = std::function<bool(qint64 id, const QString &name)>;
    void setRenameHandler(RenameHandler handler) { m_renameHandler = std::move(handler); }

    qint64 idAt(int row) const;
    int row(qint64 id) const;

    /// The colours offered for labels: a translated name and "#rrggbb", readable with black or white text.
    static QList<std::pair<QString, QString>> palette();
    /// A colour from the palette for a new label called @p name: the one least like the colours @p taken (the
    /// board's labels'), the name choosing among equals (so the same name on the same board gets the same one).
    static QString suggestedColor(const QString &name, const QStringList &taken = {});

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;
    bool setData(const QModelIndex &index, const QVariant &value, int role = Qt::EditRole) override;

private:
    void reload();
    int cardCount(qint64 id) const;

    BoardModel &m_board;
    QList<storage::Label> m_labels;
    RenameHandler m_renameHandler;
    mutable QHash<qint64, int> m_cardCounts; ///< counted when first asked after a change of the board
    mutable bool m_countsValid = false;
};

} // namespace hb::board
