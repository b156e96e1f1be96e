// SPDX-License-Identifier: GPL-3.0-or-later
#include <app/mainwindow.h>
#include <board/boardmodel.h>
#include <storage/boardstore.h>
#include <storage/demoboard.h>

#include <QApplication>
#include <QDir>
#include <QIcon>
#include <QStatusBar>
#include <QStyleFactory>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeView>

using namespace hb;

class tst_MainWindow : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QApplication::setStyle(QStyleFactory::create(QStringLiteral("Fusion"))); }

    void shouldShowTheDemoBoardColumnsAndCards()
    {
        // GIVEN the demo board
        QTemporaryDir dir;
        storage::StoreOptions options;
        options.login = QStringLiteral("alice");
        auto store = storage::BoardStore::create(dir.filePath(QStringLiteral("demo.helpboard")),
                                                 QStringLiteral("IT Help Desk"), options);
        QVERIFY(store);
        QVERIFY(storage::populateDemoBoard(**store));
        const int cards = int(store.value()->cards()->size());

        // WHEN the window opens on it
        app::MainWindow window(std::move(store).value());
        window.resize(1280, 800);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));

        // THEN each column is listed with its count and WIP limit, and its cards below it
        auto *outline = window.findChild<QTreeView *>(QStringLiteral("boardOutline"));
        QVERIFY(outline);
        QAbstractItemModel *model = outline->model();
        QCOMPARE(model->rowCount(), 3);
        QCOMPARE(model->index(0, 0).data().toString(), QStringLiteral("To-do  (10)"));
        QCOMPARE(model->index(1, 0).data().toString(), QStringLiteral("Doing  (7/4)"));
        QVERIFY(outline->isExpanded(model->index(1, 0)));
        QCOMPARE(window.model()->cardCount(), cards);
        QVERIFY(window.windowTitle().startsWith(QStringLiteral("IT Help Desk")));
        QVERIFY(window.statusBar()->currentMessage().contains(QStringLiteral("alice (admin)")));

        // AND the keyboard moves through the cards
        outline->setFocus();
        outline->setCurrentIndex(model->index(0, 0));
        QTest::keyClick(outline, Qt::Key_Down);
        QCOMPARE(outline->currentIndex(), model->index(0, 0, model->index(0, 0)));

        // AND the application icon is compiled in
        QVERIFY(!QIcon(QStringLiteral(":/icons/org.helpboard.HelpBoard.png")).pixmap(64, 64).isNull());

        // A screenshot for people to look at (kept as a test artifact, not compared).
        const QString shot = QDir::current().filePath(QStringLiteral("mainwindow-demo.png"));
        QVERIFY(window.grab().save(shot));
        qInfo("screenshot: %s", qPrintable(shot));
    }
};

QTEST_MAIN(tst_MainWindow)
#include "tst_mainwindow.moc"
