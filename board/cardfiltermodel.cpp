// SPDX-License-Identifier: GPL-3.0-or-later
#include "cardfiltermodel.h"

#include "boardmodel.h"

namespace hb::board {

CardFilterModel::CardFilterModel(BoardModel &board, QObject *parent)
    : QSortFilterProxyModel(parent)
    , m_board(board)
{
    // Board order is the model's own; nothing is sorted here. A card that changes is judged again.
    setDynamicSortFilter(true);
    setRecursiveFilteringEnabled(false);
    setSourceModel(&board);
}

CardFilterModel::~CardFilterModel() = default;

void CardFilterModel::setFilter(const CardFilter &filter, const CardFilter::Context &context)
{
    m_filter = filter;
    m_context = context;
    // A new filter changes much of every column: one layout change, which the views lay out once, costs less than
    // thousands of rows leaving and coming back one run at a time (helpboard-bench, settled figures). Selections
    // and current cards that still show stay either way.
    invalidate();
    Q_EMIT filterChanged();
}

void CardFilterModel::setContext(const CardFilter::Context &context)
{
    m_context = context;
    if (!isFiltering())
        return;
    // The clock moved: a card or two becomes overdue, so only those rows change.
    invalidateRowsFilter();
    Q_EMIT filterChanged();
}

int CardFilterModel::shownCount(int column) const
{
    return rowCount(index(column, 0));
}

int CardFilterModel::totalCount(int column) const
{
    return m_board.rowCount(m_board.index(column, 0));
}

QModelIndex CardFilterModel::cardIndex(qint64 id) const
{
    return mapFromSource(m_board.cardIndex(id));
}

bool CardFilterModel::filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const
{
    if (!sourceParent.isValid())
        return true; // every column stays, empty or not
    const storage::Card *card = m_board.cardAt(m_board.index(sourceRow, 0, sourceParent));
    return card && m_filter.matches(*card, m_context);
}

} // namespace hb::board
