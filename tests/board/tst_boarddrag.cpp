// SPDX-License-Identifier: GPL-3.0-or-later
// Dragging cards with the real mouse. Runs under Xvfb with the xcb platform: the offscreen platform's drag is a stub.
#include "demowindowtestcase.h"
#include "support/testsupport.h"

#include <app/mainwindow.h>
#include <board/model/boardmodel.h>
#include <board/widgets/board/boardview.h>
#include <board/widgets/board/carddelegate.h>
#include <storage/boardstore.h>
#include <storage/exchange/demoboard.h>

#include <QApplication>
#include <QDrag>
#include <QFileInfo>
#include <QMimeData>
#include <QMouseEvent>
#include <QUrl>
#include <QLabel>
#include <QListView>
#include <QSettings>
#include <QStandardPaths>
#include <QStyleFactory>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>
#include <QUndoStack>

#include <functional>

using namespace hb;

/// Stands in for a file manager: dragging from it carries the files' addresses, as Nautilus or Explorer do.
class FileSource : public QLabel
{
public:
    explicit FileSource(const QStringList &files)
        : QLabel(QStringLiteral("files"))
        , m_files(files)
    {
        resize(120, 60);
    }

protected:
    void mousePressEvent(QMouseEvent *event) override { m_press = event->position().toPoint(); }
    void mouseMoveEvent(QMouseEvent *event) override
    {
        if ((event->position().toPoint() - m_press).manhattanLength() < QApplication::startDragDistance())
            return;
        auto *mime = new QMimeData;
        QList<QUrl> urls;
        for (const QString &file : m_files)
            urls << QUrl::fromLocalFile(file);
        mime->setUrls(urls);
        auto *drag = new QDrag(this);
        drag->setMimeData(mime);
        m_result = drag->exec(Qt::CopyAction | Qt::MoveAction | Qt::LinkAction, Qt::CopyAction);
    }

public:
    Qt::DropAction m_result = Qt::IgnoreAction;

private:
    QStringList m_files;
    QPoint m_press;
};

class tst_BoardDrag : public tests::DemoWindowTestCase
{
    Q_OBJECT

private:
    /// A point in the upper quarter of a card: a drop there lands just before it (the lower half: just after).
    static QPoint upperPart(const QRect &card) { return QPoint(card.center().x(), card.top() + card.height() / 4); }

    /// Presses at @p from on @p source, moves in steps, and releases at @p to on @p target. A drag runs its own
    /// event loop (QDrag::exec), so the moves and the release inside it are sent from a timer. @p hovering runs
    /// over the target, before the release.
    void drag(QWidget *source, const QPoint &from, QWidget *target, const QPoint &to,
              const std::function<void()> &hovering = {})
    {
        bool released = false;
        QTimer::singleShot(100, this, [&] {
            for (int step = 4; step >= 0; --step)
                QTest::mouseMove(target, to - QPoint(0, step));
            if (hovering)
                hovering();
            QTest::mouseRelease(target, Qt::LeftButton, {}, to);
            released = true;
        });
        QTest::mousePress(source, Qt::LeftButton, {}, from);
        for (int step = 1; step <= 5 && !released; ++step)
            QTest::mouseMove(source, from + QPoint(step * QApplication::startDragDistance(), 0));
        QTRY_VERIFY(released);
    }

    void drag(QListView *source, const QPoint &from, QListView *target, const QPoint &to)
    {
        drag(source->viewport(), from, target->viewport(), to);
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY2(QGuiApplication::platformName() != u"offscreen", "run under Xvfb with QT_QPA_PLATFORM=xcb");
        setUpDemo();
    }

    void shouldDragACardToAnotherColumnWithTheMouse()
    {
        auto window = openDemo(QSize(1280, 800));
        QVERIFY(window);
        auto *board = window->findChild<board::BoardView *>(QStringLiteral("boardView"));
        QListView *todo = board->columnView(0);
        QListView *done = board->columnView(2);
        const QModelIndex card = todo->model()->index(1, 0, todo->rootIndex());
        const qint64 id = card.data(board::BoardModel::IdRole).toLongLong();
        const QModelIndex target = done->model()->index(0, 0, done->rootIndex());
        const qint64 targetId = target.data(board::BoardModel::IdRole).toLongLong();
        const QPoint from = todo->visualRect(card).center();
        const QPoint to = upperPart(done->visualRect(target));

        drag(todo, from, done, to);

        // THEN the card is saved in Done, just before the card it was dropped on, and shown there
        QVERIFY(saved(*window));
        QTRY_COMPARE(storedColumnOf(id), 2);
        QCOMPARE(storedPosition(id) + 1, storedPosition(targetId));
        QCOMPARE(window->model()->cardIndex(id).parent().row(), 2);
        // AND one undo puts it back
        window->undoStack()->undo();
        QVERIFY(saved(*window));
        QCOMPARE(storedColumnOf(id), 0);
        QCOMPARE(storedPosition(id), 1);
    }

    void shouldReorderWithinAColumnWithTheMouse()
    {
        auto window = openDemo(QSize(1280, 800));
        QVERIFY(window);
        auto *board = window->findChild<board::BoardView *>(QStringLiteral("boardView"));
        QListView *todo = board->columnView(0);
        const QModelIndex third = todo->model()->index(2, 0, todo->rootIndex());
        const QModelIndex first = todo->model()->index(0, 0, todo->rootIndex());
        const qint64 id = third.data(board::BoardModel::IdRole).toLongLong();
        // WHEN the third card is dropped onto the first, THEN it is saved first in its column
        drag(todo, todo->visualRect(third).center(), todo, upperPart(todo->visualRect(first)));
        QVERIFY(saved(*window));
        QTRY_COMPARE(storedPosition(id), 0);
        QCOMPARE(storedColumnOf(id), 0);
        QCOMPARE(window->model()->cardIndex(id).row(), 0);
    }

    void shouldMoveSeveralSelectedCardsTogether()
    {
        auto window = openDemo(QSize(1280, 800));
        QVERIFY(window);
        auto *board = window->findChild<board::BoardView *>(QStringLiteral("boardView"));
        QListView *todo = board->columnView(0);
        QListView *doing = board->columnView(1);
        const QModelIndex first = todo->model()->index(0, 0, todo->rootIndex());
        const QModelIndex third = todo->model()->index(2, 0, todo->rootIndex());
        const qint64 a = first.data(board::BoardModel::IdRole).toLongLong();
        const qint64 c = third.data(board::BoardModel::IdRole).toLongLong();
        const QModelIndex target = doing->model()->index(1, 0, doing->rootIndex());
        const qint64 targetId = target.data(board::BoardModel::IdRole).toLongLong();
        // GIVEN two cards selected with a click and a Ctrl+click
        QTest::mouseClick(todo->viewport(), Qt::LeftButton, {}, todo->visualRect(first).center());
        QTest::mouseClick(todo->viewport(), Qt::LeftButton, Qt::ControlModifier, todo->visualRect(third).center());
        QCOMPARE(todo->selectionModel()->selectedIndexes().size(), 2);
        // WHEN one of them is dragged onto a card in Doing
        drag(todo, todo->visualRect(third).center(), doing, upperPart(doing->visualRect(target)));
        // THEN both go, in their order, just before that card, in one undo step
        QVERIFY(saved(*window));
        QTRY_COMPARE(storedColumnOf(a), 1);
        QCOMPARE(storedColumnOf(c), 1);
        QCOMPARE(storedPosition(a) + 1, storedPosition(c));
        QCOMPARE(storedPosition(c) + 1, storedPosition(targetId));
        QCOMPARE(window->undoStack()->undoText(), QStringLiteral("Move 2 Cards"));
        window->undoStack()->undo();
        QVERIFY(saved(*window));
        QCOMPARE(storedPosition(a), 0);
        QCOMPARE(storedPosition(c), 2);
    }

    void shouldAttachFilesDraggedFromAFileManagerOntoACard()
    {
        auto window = openDemo(QSize(1280, 800));
        QVERIFY(window);
        auto *board = window->findChild<board::BoardView *>(QStringLiteral("boardView"));
        QListView *todo = board->columnView(0);
        const QModelIndex card = todo->model()->index(2, 0, todo->rootIndex());
        const qint64 id = card.data(board::BoardModel::IdRole).toLongLong();
        const int before = card.data(board::BoardModel::AttachmentCountRole).toInt();
        const QString manual = m_dir.filePath(QStringLiteral("Monitor calibration.pdf"));
        QVERIFY(tests::writeFile(manual, QByteArray(70'000, 'm')));
        FileSource source({manual});
        source.move(window->geometry().right() - 130, window->geometry().bottom() - 70);
        source.show();
        QVERIFY(QTest::qWaitForWindowExposed(&source));
        // WHEN the file is dragged with the mouse from the "file manager" and let go over the card
        drag(&source, source.rect().center(), todo->viewport(), todo->visualRect(card).center());
        // THEN it is copied in: attached to that card, the board's count follows, the file stays where it was
        QVERIFY(saved(*window));
        QCOMPARE(source.m_result, Qt::CopyAction);
        auto store = storeAs();
        const QList<storage::Attachment> attachments = store->attachments(id).value();
        QCOMPARE(int(attachments.size()), before + 1);
        QCOMPARE(attachments.last().name, QStringLiteral("Monitor calibration.pdf"));
        QCOMPARE(attachments.last().sha256, tests::sha256Of(manual));
        QTRY_COMPARE(window->model()->cardIndex(id).data(board::BoardModel::AttachmentCountRole).toInt(), before + 1);
        QVERIFY(QFileInfo::exists(manual));
        QVERIFY(!board->delegate()->dropTarget().isValid());
    }

    void shouldReorderColumnsByDraggingTheirHeaders()
    {
        auto window = openDemo(QSize(1280, 800));
        QVERIFY(window);
        auto *board = window->findChild<board::BoardView *>(QStringLiteral("boardView"));
        QWidget *todoHeader = board->columnTitle(0)->parentWidget();
        QWidget *doingPanel = board->columnTitle(1)->parentWidget()->parentWidget();
        QWidget *donePanel = board->columnTitle(2)->parentWidget()->parentWidget();
        auto *marker = board->findChild<QWidget *>(QStringLiteral("columnDropMarker"));
        QVERIFY(marker && !marker->isVisible());
        // WHEN To-do's header is held over the left half of Doing, next to where it is, THEN nothing marks a move
        drag(todoHeader, todoHeader->rect().center(), doingPanel, QPoint(20, doingPanel->height() / 2), [&] {
            QVERIFY(!marker->isVisible());
            QTest::keyClick(QApplication::focusWidget() ? QApplication::focusWidget() : window.get(), Qt::Key_Escape);
        });
        QTRY_VERIFY(!marker->isVisible());
        // WHEN To-do's header is dropped on the right half of Done
        bool markedAfterDone = false;
        drag(todoHeader, todoHeader->rect().center(), donePanel,
             QPoint(donePanel->width() * 3 / 4, donePanel->height() / 2), [&] {
                 // THEN while it is held there, a bar marks the landing place: just right of Done, over its height
                 const QRect bar(marker->mapTo(board, QPoint(0, 0)), marker->size());
                 const QRect done(donePanel->mapTo(board, QPoint(0, 0)), donePanel->size());
                 markedAfterDone = marker->isVisible() && bar.left() > done.right() && bar.left() - done.right() <= 12
                                   && bar.top() == done.top() && bar.height() == done.height();
             });
        QVERIFY(markedAfterDone);
        QVERIFY(!marker->isVisible());
        // THEN the columns are saved and shown as Doing, Done, To-do
        auto titles = [board] {
            QStringList result;
            for (int column = 0; column < board->columnCount(); ++column)
                result << board->columnTitle(column)->text();
            return result;
        };
        QVERIFY(saved(*window));
        QTRY_COMPARE(titles(), (QStringList{QStringLiteral("Doing"), QStringLiteral("Done"), QStringLiteral("To-do")}));
        auto store = storeAs();
        QCOMPARE(store->columns()->constLast().name, QStringLiteral("To-do"));
        // AND one undo step puts To-do back first (the Ctrl+Z shortcut itself is tested offscreen)
        QCOMPARE(window->undoStack()->undoText(), QStringLiteral("Move Column"));
        window->undoStack()->undo();
        QVERIFY(saved(*window));
        QCOMPARE(titles().constFirst(), QStringLiteral("To-do"));
        // WHEN To-do's header is dropped in the gap between Doing and Done
        QWidget *strip = board->widget();
        doingPanel = board->columnTitle(1)->parentWidget()->parentWidget();
        QTRY_VERIFY(doingPanel->isVisible() && doingPanel->x() > 0); // the board made again is shown and laid out
        const QPoint gap(doingPanel->geometry().right() + 5, doingPanel->geometry().center().y());
        QVERIFY(!doingPanel->geometry().contains(gap));
        todoHeader = board->columnTitle(0)->parentWidget();
        bool markedInTheGap = false;
        drag(todoHeader, todoHeader->rect().center(), strip, gap, [&] {
            markedInTheGap = marker->isVisible()
                             && marker->geometry().contains(QPoint(marker->geometry().center().x(), gap.y()))
                             && std::abs(marker->geometry().center().x() - gap.x()) <= 6;
        });
        // THEN it is marked there while held, and lands there: Doing, To-do, Done
        QVERIFY(markedInTheGap);
        QVERIFY(saved(*window));
        QTRY_COMPARE(titles(), (QStringList{QStringLiteral("Doing"), QStringLiteral("To-do"), QStringLiteral("Done")}));
        window->undoStack()->undo();
        QVERIFY(saved(*window));
        QTRY_COMPARE(titles().constFirst(), QStringLiteral("To-do"));
    }
};

QTEST_MAIN(tst_BoardDrag)
#include "tst_boarddrag.moc"
