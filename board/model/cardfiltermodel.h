// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <board/rules/cardfilter.h>

#include <QSet>
#include <QSortFilterProxyModel>

namespace hb::board {

class BoardModel;

/**
 * The board as the filter bar lets it be seen: every column, and in each only the cards the CardFilter accepts.
 * The rules are CardFilter's alone (the CLI's `list` uses the same value); this proxy only asks it.
 */
class CardFilterModel final : public QSortFilterProxyModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(CardFilterModel)

public:
    explicit CardFilterModel(BoardModel &board, QObject *parent = nullptr);
    ~CardFilterModel() override;

    const CardFilter &filter() const { return m_filter; }
    /// Shows the cards @p filter accepts, judged at @p context (now, and who "mine" is), with each card's
    /// service-level clocks as the board model has them (BoardModel::clocks()).
    void setFilter(const CardFilter &filter, const CardFilter::Context &context);
    /// Judges again at @p context (the clock moved: cards become overdue).
    void setContext(const CardFilter::Context &context);
    bool isFiltering() const { return !m_filter.isEmpty(); }

    /// Cards shown in column @p column (a row of the source), and all it has.
    int shownCount(int column) const;
    int totalCount(int column) const;
    /// The view index of card @p id, invalid when it is hidden or gone.
    QModelIndex cardIndex(qint64 id) const;
    /// Keeps card @p id in view although the filter hides it (it was just added here), until the filter changes;
    /// BoardModel::OutsideFilterRole and the tooltip say so. Nothing when no filter is on.
    void keepShown(qint64 id);

    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;

Q_SIGNALS:
    /// The filter or its context changed, so the cards shown may have.
    void filterChanged();

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const override;

private:
    CardFilter::Context withClocks(CardFilter::Context context) const;

    BoardModel &m_board;
    CardFilter m_filter;
    CardFilter::Context m_context; ///< with the board's clocks (withClocks())
    QSet<qint64> m_kept;           ///< see keepShown()
};

} // namespace hb::board
