// SPDX-License-Identifier: GPL-3.0-or-later
// Two boards open in two windows, and a card dragged from one to the other with the real mouse. Both boards have
// the same demo content, so the same card ids: a drop that went by the id alone moved an unrelated card of the
// target board. Runs under Xvfb with the xcb platform: the offscreen platform's drag is a stub.
#include "demowindowtestcase.h"
#include "support/testsupport.h"
#include "waitforsaves.h"

#include <app/mainwindow.h>
#include <board/model/boardmodel.h>
#include <board/widgets/board/boardview.h>
#include <storage/boardstore.h>
#include <storage/exchange/demoboard.h>

#include <QApplication>
#include <QListView>
#include <QSettings>
#include <QStandardPaths>
#include <QStyleFactory>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>
#include <QUndoStack>

#include <memory>

using namespace hb;
using namespace Qt::StringLiterals;

class tst_TwoBoards : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;

    QString demoBoard(const QString &name)
    {
        const QString path = m_dir.filePath(name);
        auto store = storage::BoardStore::create(path, u"IT Help Desk"_s, tests::optionsFor(u"alice"_s));
        return store && storage::populateDemoBoard(**store) ? path : QString();
    }

    static std::unique_ptr<app::MainWindow> openWindow(const QString &path, const QRect &geometry)
    {
        auto store = storage::BoardStore::open(path, tests::optionsFor(u"alice"_s));
        if (!store)
            return {};
        auto window = std::make_unique<app::MainWindow>(std::move(store).value());
        window->resize(geometry.size());
        window->move(geometry.topLeft());
        window->show();
        if (!QTest::qWaitForWindowExposed(window.get()))
            return {};
        return window;
    }

    /// Every card of the file: id, column, rank, version, archived; what "the board is unchanged" compares.
    static QList<QVariantList> cardRows(const QString &path)
    {
        return tests::rawSql(path, {u"SELECT id, column_id, rank, version, archived_at FROM cards ORDER BY id"_s}).rows;
    }

    static QList<qint64> shownIds(const app::MainWindow &window, int column)
    {
        QList<qint64> ids;
        const QModelIndex parent = window.model()->index(column, 0);
        for (int row = 0; row < window.model()->rowCount(parent); ++row)
            ids << window.model()->index(row, 0, parent).data(board::BoardModel::IdRole).toLongLong();
        return ids;
    }

    /// Presses at @p from on @p source, moves in steps, and releases at @p to on @p target (tst_boarddrag's way:
    /// the drag runs its own event loop, so the moves and the release inside it are sent from a timer).
    void drag(QWidget *source, const QPoint &from, QWidget *target, const QPoint &to)
    {
        bool released = false;
        QTimer::singleShot(100, this, [&] {
            for (int step = 4; step >= 0; --step)
                QTest::mouseMove(target, to - QPoint(0, step));
            QTest::mouseRelease(target, Qt::LeftButton, {}, to);
            released = true;
        });
        QTest::mousePress(source, Qt::LeftButton, {}, from);
        for (int step = 1; step <= 5 && !released; ++step)
            QTest::mouseMove(source, from + QPoint(step * QApplication::startDragDistance(), 0));
        QTRY_VERIFY(released);
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY2(QGuiApplication::platformName() != u"offscreen", "run under Xvfb with QT_QPA_PLATFORM=xcb");
        QStandardPaths::setTestModeEnabled(true);
        QSettings().clear();
        QApplication::setStyle(QStyleFactory::create(u"Fusion"_s));
        QVERIFY(m_dir.isValid());
    }

    void shouldNotMoveAnyCardWhenACardIsDroppedFromAnotherBoardsWindow()
    {
        // GIVEN two boards with the same content, each in its own window, side by side
        const QString first = demoBoard(u"first.helpboard"_s);
        const QString second = demoBoard(u"second.helpboard"_s);
        QVERIFY(!first.isEmpty() && !second.isEmpty());
        auto left = openWindow(first, QRect(0, 0, 640, 760));
        auto right = openWindow(second, QRect(640, 0, 640, 760));
        QVERIFY(left && right);
        QListView *from = left->findChild<board::BoardView *>(u"boardView"_s)->columnView(0);
        QListView *onto = right->findChild<board::BoardView *>(u"boardView"_s)->columnView(0);
        const QModelIndex card = from->model()->index(1, 0, from->rootIndex());
        const qint64 id = card.data(board::BoardModel::IdRole).toLongLong();
        const QModelIndex target = onto->model()->index(0, 0, onto->rootIndex());
        QVERIFY(right->model()->cardIndex(id).isValid()); // the right board has a card of that id (another card)
        QVERIFY(right->model()->cardIndex(id).row() != 0);
        const QList<QVariantList> firstBefore = cardRows(first);
        const QList<QVariantList> secondBefore = cardRows(second);
        const QList<qint64> shownBefore = shownIds(*right, 0);

        // WHEN the left window's second card is dragged with the mouse onto the top of the right window's To-do
        const QRect at = onto->visualRect(target);
        drag(from->viewport(), from->visualRect(card).center(), onto->viewport(),
             QPoint(at.center().x(), at.top() + at.height() / 4));

        // THEN neither board changed, in the file or on screen, and nothing waits to be undone
        QVERIFY(tests::waitForSaves(*left->actions()));
        QVERIFY(tests::waitForSaves(*right->actions()));
        QVERIFY(tests::DemoWindowTestCase::looked(*left, 1)); // each has read its file since
        QVERIFY(tests::DemoWindowTestCase::looked(*right, 1));
        QCOMPARE(cardRows(second), secondBefore);
        QCOMPARE(cardRows(first), firstBefore);
        QCOMPARE(shownIds(*right, 0), shownBefore);
        QVERIFY(!right->undoStack()->canUndo());
        QVERIFY(!left->undoStack()->canUndo());

        // AND the same drag inside the right window does move that window's card (the drop did reach it)
        const QModelIndex own = onto->model()->index(1, 0, onto->rootIndex());
        const qint64 ownId = own.data(board::BoardModel::IdRole).toLongLong();
        drag(onto->viewport(), onto->visualRect(own).center(), onto->viewport(),
             QPoint(at.center().x(), at.top() + at.height() / 4));
        QVERIFY(tests::waitForSaves(*right->actions()));
        QTRY_COMPARE(shownIds(*right, 0).value(0), ownId);
        QCOMPARE(tests::storedPlace(second, ownId), std::make_pair(0, 0));
        QCOMPARE(cardRows(first), firstBefore);
    }
};

QTEST_MAIN(tst_TwoBoards)
#include "tst_twoboards.moc"
