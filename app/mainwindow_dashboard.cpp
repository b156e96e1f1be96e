// SPDX-License-Identifier: GPL-3.0-or-later
// The main window's dashboard: View > Dashboard beside the board, and its drill-down onto the board.
#include "mainwindow.h"

#include <board/model/boardmodel.h>
#include <board/widgets/board/filterbar.h>
#include <board/widgets/dashboard/dashboard.h>

#include <QAction>
#include <QDockWidget>
#include <QStatusBar>

namespace hb::app {

QAction *MainWindow::setUpDashboard()
{
    m_dashboard = new board::Dashboard(this);
    m_dashboardDock = new QDockWidget(tr("Dashboard"), this);
    m_dashboardDock->setObjectName(QStringLiteral("dashboardDock"));
    m_dashboardDock->setWidget(m_dashboard);
    m_dashboardDock->setAllowedAreas(Qt::LeftDockWidgetArea | Qt::RightDockWidgetArea);
    addDockWidget(Qt::RightDockWidgetArea, m_dashboardDock);
    m_dashboardDock->hide();
    // Beside the board, wide enough for its tiles four across; the board keeps the rest.
    resizeDocks({m_dashboardDock}, {520}, Qt::Horizontal);
    // Every change the board shows (this user's and colleagues') is read again, once for a burst, while it is open.
    for (auto signal : {&QAbstractItemModel::rowsInserted, &QAbstractItemModel::rowsRemoved})
        connect(m_model, signal, m_dashboard, &board::Dashboard::boardChanged);
    connect(m_model, &QAbstractItemModel::modelReset, m_dashboard, &board::Dashboard::boardChanged);
    // Not the badges' minute ticks nor a colleague's mark fading: they change no ticket (the figures' "now" moves
    // with the next read).
    connect(m_model, &QAbstractItemModel::dataChanged, m_dashboard,
            [this](const QModelIndex &, const QModelIndex &, const QList<int> &roles) {
                static const QList<int> s_passing{board::BoardModel::SlaStateRole, board::BoardModel::SlaTextRole,
                                                  board::BoardModel::ChangedByRole, Qt::ToolTipRole};
                if (roles.isEmpty()
                    || std::any_of(roles.cbegin(), roles.cend(), [](int role) { return !s_passing.contains(role); }))
                    m_dashboard->boardChanged();
            });
    connect(m_dashboard, &board::Dashboard::drillDown, this, &MainWindow::showDrillDown);
    QAction *action = m_dashboardDock->toggleViewAction();
    action->setObjectName(QStringLiteral("showDashboard"));
    action->setText(tr("&Dashboard"));
    action->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_D));
    action->setToolTip(tr("The help-desk metrics beside the board"));
    return action;
}

void MainWindow::showDrillDown(const QSet<qint64> &ids, const QString &name, int archived)
{
    board::CardFilter filter = m_filterBar->filter();
    filter.cardIds = ids;
    filter.cardIdsName = name;
    m_filterBar->setFilter(filter);
    const QString shown = tr("The dashboard's “%1”: %n ticket(s)", nullptr, int(ids.size())).arg(name);
    statusBar()->showMessage(
            archived ? tr("%1, %n of them archived (Edit > Archived Cards)", nullptr, archived).arg(shown) : shown,
            15000);
}

} // namespace hb::app
