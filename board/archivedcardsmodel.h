// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <storage/records.h>

#include <QAbstractListModel>
#include <QHash>

namespace hb::board {

/// The board's archived cards, last archived first: title, the column they were in, and when they were archived.
class ArchivedCardsModel final : public QAbstractListModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ArchivedCardsModel)

public:
    enum Roles {
        IdRole = Qt::UserRole + 1,
        ArchivedAtRole, ///< QDateTime
        DetailsRole,    ///< "#12 · from Done · archived 1 Dec 14:05", for people
    };

    explicit ArchivedCardsModel(QObject *parent = nullptr);
    ~ArchivedCardsModel() override;

    /// The archived ones among @p cards (the others are left out), with @p columnNames to say where they were.
    void setCards(const QList<storage::Card> &cards, const QHash<qint64, QString> &columnNames);
    qint64 idAt(int row) const;

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;

private:
    QList<storage::Card> m_cards;
    QHash<qint64, QString> m_columnNames;
};

} // namespace hb::board
