// SPDX-License-Identifier: GPL-3.0-or-later
#include "recentboards.h"

#include <board/widgets/common/menutext.h>

#include <QFileInfo>
#include <QMenu>
#include <QSettings>

#include <utility>

namespace hb::app {

namespace {

constexpr int s_maxRecent = 8;

} // namespace

RecentBoards::RecentBoards(QMenu *menu, std::function<void(const QString &path)> open, QObject *parent)
    : QObject(parent)
    , m_menu(menu)
    , m_open(std::move(open))
{
    fillMenu(boards());
}

QStringList RecentBoards::boards()
{
    return QSettings().value(QStringLiteral("boards/recent")).toStringList();
}

QString RecentBoards::last()
{
    return QSettings().value(QStringLiteral("boards/last")).toString();
}

void RecentBoards::remember(const QString &path)
{
    const QString absolute = QFileInfo(path).absoluteFilePath();
    QStringList recent = boards();
    recent.removeAll(absolute);
    recent.prepend(absolute);
    recent = recent.mid(0, s_maxRecent);
    QSettings settings;
    settings.setValue(QStringLiteral("boards/recent"), recent);
    settings.setValue(QStringLiteral("boards/last"), absolute);
    fillMenu(recent);
}

void RecentBoards::fillMenu(const QStringList &boards)
{
    if (!m_menu)
        return;
    m_menu->clear();
    for (const QString &board : boards) {
        QAction *action =
                m_menu->addAction(board::menuText(QFileInfo(board).fileName()), this, [this, board] { m_open(board); });
        action->setToolTip(board);
        action->setStatusTip(board);
    }
}

} // namespace hb::app
