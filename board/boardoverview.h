// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QWidget>

class QTreeView;

namespace hb::board {

class BoardModel;

/**
 * A plain outline of the board: each column with its count and WIP limit, its cards below.
 * The interim main view until the column board (issue 3) replaces it.
 */
class BoardOverview final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(BoardOverview)

public:
    explicit BoardOverview(BoardModel *model, QWidget *parent = nullptr);
    ~BoardOverview() override;

    QTreeView *view() const { return m_view; }

private:
    QTreeView *m_view;
};

} // namespace hb::board
