// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <storage/records.h>

#include <QAbstractTableModel>
#include <QHash>

namespace hb::board {

/**
 * The board's archived cards, last archived first, one row each: title, the column it was archived from, when, and
 * by whom (by the name the board shows for them).
 */
class ArchivedCardsModel final : public QAbstractTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ArchivedCardsModel)

public:
    enum Column { TitleColumn, ColumnColumn, ArchivedAtColumn, ArchivedByColumn, ColumnCount };
    enum Roles {
        IdRole = Qt::UserRole + 1, ///< in every column of the row
        ArchivedAtRole,            ///< QDateTime
        DetailsRole,               ///< "#12 · from Done · archived 1 Dec 14:05 by Alice Martin", for people
        SortRole,                  ///< what the column sorts by: the time as a number for ArchivedAtColumn
    };

    explicit ArchivedCardsModel(QObject *parent = nullptr);
    ~ArchivedCardsModel() override;

    /// The archived ones among @p cards (the others are left out), with @p columnNames to say where they were and
    /// @p memberNames (login to name) who archived them; a login not in it is shown as it is.
    void setCards(const QList<storage::Card> &cards, const QHash<qint64, QString> &columnNames,
                  const QHash<QString, QString> &memberNames = {});
    qint64 idAt(int row) const;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    QString nameOf(const QString &login) const { return m_memberNames.value(login, login); }

    QList<storage::Card> m_cards;
    QHash<qint64, QString> m_columnNames;
    QHash<QString, QString> m_memberNames;
};

} // namespace hb::board
