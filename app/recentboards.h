// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QObject>
#include <QPointer>
#include <QStringList>

#include <functional>

class QMenu;

namespace hb::app {

/**
 * The boards opened on this desktop, newest first (at most eight), kept in the settings: File > Open Recent lists
 * them, and HelpBoard opens the last one when started without a board.
 */
class RecentBoards final : public QObject
{
    Q_OBJECT

public:
    /// Fills @p menu; its entries call @p open with a board's path.
    RecentBoards(QMenu *menu, std::function<void(const QString &path)> open, QObject *parent = nullptr);

    /// The boards, newest first, as absolute paths.
    static QStringList boards();
    /// The board opened last, or an empty string.
    static QString last();
    /// @p path was opened: first in the list and the menu, and the last board.
    void remember(const QString &path);

private:
    void fillMenu(const QStringList &boards);

    QPointer<QMenu> m_menu;
    std::function<void(const QString &path)> m_open;
};

} // namespace hb::app
