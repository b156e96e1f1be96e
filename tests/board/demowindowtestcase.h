// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "support/testsupport.h"
#include "waitforsaves.h"

#include <app/mainwindow.h>
#include <board/model/boardmodel.h>
#include <board/sync/boardpoller.h>
#include <board/widgets/board/boardview.h>
#include <storage/boardstore.h>
#include <storage/exchange/demoboard.h>

#include <QApplication>
#include <QListView>
#include <QObject>
#include <QPalette>
#include <QProcess>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QStyleFactory>
#include <QTemporaryDir>
#include <QTest>

#include <memory>
#include <optional>

namespace hb::tests {

/// A dark desktop theme's palette, as the window tests put it on.
inline QPalette darkPalette()
{
    QPalette palette;
    palette.setColor(QPalette::Window, QColor(0x2b, 0x2d, 0x30));
    palette.setColor(QPalette::WindowText, QColor(0xe6, 0xe6, 0xe6));
    palette.setColor(QPalette::Base, QColor(0x3a, 0x3d, 0x41));
    palette.setColor(QPalette::AlternateBase, QColor(0x24, 0x26, 0x29));
    palette.setColor(QPalette::Text, QColor(0xf0, 0xf0, 0xf0));
    palette.setColor(QPalette::Button, QColor(0x35, 0x37, 0x3a));
    palette.setColor(QPalette::ButtonText, QColor(0xe6, 0xe6, 0xe6));
    palette.setColor(QPalette::Mid, QColor(0x55, 0x58, 0x5c));
    palette.setColor(QPalette::PlaceholderText, QColor(0xa0, 0xa4, 0xa8));
    palette.setColor(QPalette::Highlight, QColor(0x3d, 0x8e, 0xe6));
    palette.setColor(QPalette::HighlightedText, Qt::white);
    palette.setColor(QPalette::Link, QColor(0x6c, 0xb4, 0xff)); // as dark desktop themes set it
    palette.setColor(QPalette::LinkVisited, QColor(0xb4, 0x8c, 0xff));
    return palette;
}

/// The window tests' fixture: one demo board per test executable, opened in a real MainWindow as alice.
class DemoWindowTestCase : public QObject
{
protected:
    /// For initTestCase(): Fusion style, settings kept in Qt's test location, and the demo board.
    void setUpDemo()
    {
        // Settings (last board, window geometry) go to a test location, never the user's.
        QStandardPaths::setTestModeEnabled(true);
        QSettings().clear();
        QApplication::setStyle(QStyleFactory::create(QStringLiteral("Fusion")));
        m_board = m_dir.filePath(QStringLiteral("demo.helpboard"));
        auto store = storage::BoardStore::create(m_board, QStringLiteral("IT Help Desk"),
                                                 optionsFor(QStringLiteral("alice")));
        QVERIFY(store);
        QVERIFY(storage::populateDemoBoard(**store));
    }

    /// The demo board in a shown window (at @p size, if given); null when it could not be opened or shown.
    std::unique_ptr<app::MainWindow> openDemo(QSize size = {}, int busyTimeoutMs = 30000)
    {
        auto store = storage::BoardStore::open(m_board, optionsFor(QStringLiteral("alice"), busyTimeoutMs));
        if (!store)
            return {};
        auto window = std::make_unique<app::MainWindow>(std::move(store).value());
        if (size.isValid())
            window->resize(size);
        window->show();
        if (!QTest::qWaitForWindowExposed(window.get()))
            return {};
        return window;
    }

    /// The board file through a connection of its own, as @p login (alice, its admin, by default).
    std::unique_ptr<storage::BoardStore> storeAs(const QString &login = QStringLiteral("alice")) const
    {
        return storage::BoardStore::open(m_board, optionsFor(login)).value();
    }

    /// helpboard-cli ARGS as @p login on another desktop (ctest sets HELPBOARD_CLI); its standard output, nothing
    /// when it failed.
    std::optional<QByteArray> cliAs(const QString &login, const QStringList &arguments) const
    {
        QProcess process;
        process.start(qEnvironmentVariable("HELPBOARD_CLI"),
                      QStringList{QStringLiteral("--board"), m_board, QStringLiteral("--as"), login} + arguments);
        if (!process.waitForFinished(30000) || process.exitCode() != 0) {
            qWarning() << "helpboard-cli failed:" << arguments << process.readAllStandardError();
            return std::nullopt;
        }
        return process.readAllStandardOutput();
    }

    /// Card @p id as the file has it now.
    storage::Card storedCard(qint64 id) const { return storeAs()->card(id).value(); }

    /// Opens the first card of column @p column with Enter, as a person would; its id, or 0 if there is none.
    static qint64 openFirstCard(app::MainWindow &window, int column = 1)
    {
        QListView *view = window.findChild<board::BoardView *>(QStringLiteral("boardView"))->columnView(column);
        view->setFocus();
        view->setCurrentIndex(view->model()->index(0, 0, view->rootIndex()));
        const qint64 id = view->currentIndex().data(board::BoardModel::IdRole).toLongLong();
        QTest::keyClick(view, Qt::Key_Return);
        return id;
    }

    /// Every change the window queued has been saved and shows.
    static bool saved(const app::MainWindow &window) { return window.actions() && waitForSaves(*window.actions()); }

public:
    /// Waits for @p looks more looks of @p window's poller at the file that reached it (each after all it found
    /// was said): what a check that nothing changed waits for. False after 10 s without one.
    static bool looked(const app::MainWindow &window, int looks)
    {
        if (!window.poller())
            return false;
        QSignalSpy spy(window.poller(), &board::BoardPoller::looked);
        int reached = 0;
        while (reached < looks) {
            if (spy.isEmpty() && !spy.wait(10'000))
                return false;
            reached += spy.takeFirst().at(0).toBool() ? 1 : 0;
        }
        return true;
    }

protected:
    /// Where the file says a card is.
    int storedColumnOf(qint64 id) const { return storedPlace(m_board, id).first; }
    int storedPosition(qint64 id) const { return storedPlace(m_board, id).second; }

    QTemporaryDir m_dir;
    QString m_board;
};

} // namespace hb::tests
