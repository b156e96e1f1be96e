// SPDX-License-Identifier: GPL-3.0-or-later
#include "archivedcardsmodel.h"

#include <QDateTime>
#include <QLocale>
#include <QTextDocument>

namespace hb::board {

ArchivedCardsModel::ArchivedCardsModel(QObject *parent)
    : QAbstractTableModel(parent)
{ }

ArchivedCardsModel::~ArchivedCardsModel() = default;

void ArchivedCardsModel::setCards(const QList<storage::Card> &cards, const QHash<qint64, QString> &columnNames,
                                  const QHash<QString, QString> &memberNames)
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
    m_memberNames = memberNames;
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

int ArchivedCardsModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant ArchivedCardsModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const storage::Card &card = m_cards.at(index.row());
    const QString column = m_columnNames.value(card.columnId);
    const QString when = QLocale().toString(QDateTime::fromMSecsSinceEpoch(card.archivedAt), QLocale::ShortFormat);
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case TitleColumn:
            return card.title;
        case ColumnColumn:
            return column;
        case ArchivedAtColumn:
            return when;
        case ArchivedByColumn:
            return nameOf(card.archivedBy);
        }
        return {};
    case SortRole:
        return index.column() == ArchivedAtColumn ? QVariant(card.archivedAt) : data(index, Qt::DisplayRole);
    case Qt::ToolTipRole: // plain text, whatever the title or the column is called
        return Qt::convertFromPlainText(card.title + u'\n' + data(index, DetailsRole).toString(), Qt::WhiteSpaceNormal);
    case DetailsRole: {
        QString details = column.isEmpty() ? tr("#%1 · archived %2").arg(card.id).arg(when)
                                           : tr("#%1 · from %2 · archived %3").arg(card.id).arg(column, when);
        if (!card.archivedBy.isEmpty())
            details = tr("%1 by %2").arg(details, nameOf(card.archivedBy));
        return details;
    }
    case IdRole:
        return card.id;
    case ArchivedAtRole:
        return QDateTime::fromMSecsSinceEpoch(card.archivedAt);
    default:
        return {};
    }
}

QVariant ArchivedCardsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case TitleColumn:
        return tr("Title");
    case ColumnColumn:
        return tr("Column");
    case ArchivedAtColumn:
        return tr("Archived");
    case ArchivedByColumn:
        return tr("By");
    }
    return {};
}

} // namespace hb::board
