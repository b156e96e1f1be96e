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

CardFilter::Context CardFilterModel::withClocks(CardFilter::Context context) const
{
    // The clocks as the board shows them on the cards: a badge and the filter never disagree.
    context.slaState = [this](qint64 id) {
        const auto clocks = m_board.clocks(id);
        return clocks ? sla::stateName(clocks->current().state) : QString();
    };
    return context;
}

void CardFilterModel::setFilter(const CardFilter &filter, const CardFilter::Context &context)
{
    m_filter = filter;
    m_context = withClocks(context);
    m_kept.clear();
    // A new filter changes much of every column: one layout change, which the views lay out once, costs less than
    // thousands of rows leaving and coming back one run at a time (helpboard-bench, settled figures). Selections
    // and current cards that still show stay either way.
    invalidate();
    Q_EMIT filterChanged();
}

void CardFilterModel::setContext(const CardFilter::Context &context)
{
    m_context = withClocks(context);
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

void CardFilterModel::keepShown(qint64 id)
{
    if (!isFiltering() || m_kept.contains(id))
        return;
    m_kept.insert(id);
    invalidateRowsFilter();
    if (const QModelIndex shown = cardIndex(id); shown.isValid())
        Q_EMIT dataChanged(shown, shown, {BoardModel::OutsideFilterRole, Qt::ToolTipRole});
}

QVariant CardFilterModel::data(const QModelIndex &index, int role) const
{
    if (role != BoardModel::OutsideFilterRole && role != Qt::ToolTipRole)
        return QSortFilterProxyModel::data(index, role);
    const storage::Card *card = index.parent().isValid() ? m_board.cardAt(mapToSource(index)) : nullptr;
    const bool outside = card && m_kept.contains(card->id) && !m_filter.matches(*card, m_context);
    if (role == BoardModel::OutsideFilterRole)
        return outside;
    const QString tip = QSortFilterProxyModel::data(index, role).toString();
    if (!outside)
        return tip;
    const QString why = tr("Shown because you just added it: the filter hides it, and will once it changes.");
    return QString(tip + QStringLiteral("<p><i>%1</i></p>").arg(why.toHtmlEscaped()));
}

bool CardFilterModel::filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const
{
    if (!sourceParent.isValid())
        return true; // every column stays, empty or not
    const storage::Card *card = m_board.cardAt(m_board.index(sourceRow, 0, sourceParent));
    return card && (m_filter.matches(*card, m_context) || m_kept.contains(card->id));
}

} // namespace hb::board
