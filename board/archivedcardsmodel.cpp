// SPDX-License-Identifier: GPL-3.0-or-later
#include "archivedcardsmodel.h"

#include <QDateTime>
#include <QLocale>
#include <QTextDocument>

namespace hb::board {

ArchivedCardsModel::ArchivedCardsModel(QObject *parent)
    : QAbstractListModel(parent)
{ }

ArchivedCardsModel::~ArchivedCardsModel() = default;

void ArchivedCardsModel::setCards(const QList<storage::Card> &cards, const QHash<qint64, QString> &columnNames)
{
    beginResetModel();
    m_cards.clear();
    for (const storage::Card &card : cards) {
        if (card.archivedAt && !card.deletedAt)
            m_cards << card;
    }
    // The most recently archived first: the one people look for is usually the one just archived.
    std::stable_sort(m_cards.begin(), m_cards.end(), [](const storage::Card &a, const storage::Card &b) {
        return a.archivedAt > b.archivedAt || (a.archivedAt == b.archivedAt && a.id > b.id);
    });
    m_columnNames = columnNames;
    endResetModel();
}

qint64 ArchivedCardsModel::idAt(int row) const
{
    return row >= 0 && row < m_cards.size() ? m_cards.at(row).id : 0;
}

int ArchivedCardsModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_cards.size());
}

QVariant ArchivedCardsModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const storage::Card &card = m_cards.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
        return card.title;
    case Qt::ToolTipRole: // plain text, whatever the column is called
        return Qt::convertFromPlainText(data(index, DetailsRole).toString());
    case DetailsRole: {
        const QString column = m_columnNames.value(card.columnId);
        const QString when = QLocale().toString(QDateTime::fromMSecsSinceEpoch(card.archivedAt), QLocale::ShortFormat);
        return column.isEmpty() ? tr("#%1 · archived %2").arg(card.id).arg(when)
                                : tr("#%1 · from %2 · archived %3").arg(card.id).arg(column, when);
    }
    case IdRole:
        return card.id;
    case ArchivedAtRole:
        return QDateTime::fromMSecsSinceEpoch(card.archivedAt);
    default:
        return {};
    }
}

} // namespace hb::board
