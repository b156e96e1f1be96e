// SPDX-License-Identifier: GPL-3.0-or-later
// File > Open Recent (app::RecentBoards): newest first, each board once, at most eight, kept in the settings.
#include <app/recentboards.h>

#include <QAction>
#include <QDir>
#include <QFileInfo>
#include <QMenu>
#include <QSettings>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace hb;

class tst_RecentBoards : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;

    QString board(int n) const { return m_dir.filePath(QStringLiteral("board-%1.helpboard").arg(n)); }

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QVERIFY(m_dir.isValid());
    }

    void init() { QSettings().remove(QStringLiteral("boards")); }

    void shouldListBoardsNewestFirstEachOnceAtMostEight()
    {
        QMenu menu;
        QStringList opened;
        app::RecentBoards recent(&menu, [&](const QString &path) { opened << path; });
        QVERIFY(menu.actions().isEmpty());
        // WHEN ten boards are opened, then the third again
        for (int i = 1; i <= 10; ++i)
            recent.remember(board(i));
        recent.remember(board(3));
        // THEN the third is first and last, each board is there once, and the two oldest left
        const QStringList expected{board(3), board(10), board(9), board(8), board(7), board(6), board(5), board(4)};
        QCOMPARE(app::RecentBoards::boards(), expected);
        QCOMPARE(app::RecentBoards::last(), board(3));
        // AND the menu names them by file name, with the whole path as a tip, in that order
        const QList<QAction *> entries = menu.actions();
        QCOMPARE(entries.size(), 8);
        QCOMPARE(entries.at(1)->text(), QStringLiteral("board-10.helpboard"));
        QCOMPARE(entries.at(1)->toolTip(), board(10));
        // AND an entry opens its board
        entries.at(2)->trigger();
        QCOMPARE(opened, QStringList{board(9)});
    }

    void shouldKeepTheListForTheNextStart()
    {
        {
            QMenu menu;
            app::RecentBoards recent(&menu, [](const QString &) {});
            recent.remember(board(1));
            recent.remember(QDir(m_dir.path()).relativeFilePath(board(2))); // as typed: kept as an absolute path
        }
        QMenu menu;
        app::RecentBoards again(&menu, [](const QString &) {});
        QCOMPARE(menu.actions().size(), 2);
        QCOMPARE(app::RecentBoards::boards().value(1), board(1));
        QVERIFY(QFileInfo(app::RecentBoards::boards().value(0)).isAbsolute());
    }
};

QTEST_MAIN(tst_RecentBoards)
#include "tst_recentboards.moc"
