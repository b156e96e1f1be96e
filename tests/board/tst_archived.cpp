// SPDX-License-Identifier: GPL-3.0-or-later
// Archived cards: found by title in their own list, and put back on the board as undo steps.
#include "demowindowtestcase.h"

#include <board/model/archivedcardsmodel.h>
#include <board/model/boardmodel.h>
#include <board/widgets/board/boardview.h>
#include <board/widgets/dialogs/archiveddialog.h>

#include <QAbstractItemModelTester>
#include <QAction>
#include <QDateTime>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QLocale>
#include <QPushButton>
#include <QSignalSpy>
#include <QTest>
#include <QTreeView>
#include <QUndoStack>

using namespace hb;

class tst_Archived : public tests::DemoWindowTestCase
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { setUpDemo(); }

    void shouldListOnlyArchivedCardsLastArchivedFirst()
    {
        board::ArchivedCardsModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        storage::Card open;
        open.id = 1;
        open.title = QStringLiteral("Still open");
        storage::Card older = open;
        older.id = 2;
        older.title = QStringLiteral("Archived last week");
        older.columnId = 30;
        older.archivedAt = 1'000;
        older.archivedBy = QStringLiteral("bob");
        storage::Card newer = older;
        newer.id = 3;
        newer.title = QStringLiteral("Archived today");
        newer.archivedAt = 2'000;
        newer.archivedBy = QStringLiteral("alice");
        storage::Card deleted = newer;
        deleted.id = 4;
        deleted.deletedAt = 3'000;
        model.setCards({open, older, newer, deleted}, {{30, QStringLiteral("Done")}});
        QCOMPARE(model.rowCount(), 2);
        QCOMPARE(model.columnCount(), 4);
        QCOMPARE(model.index(0, 0).data().toString(), QStringLiteral("Archived today"));
        QCOMPARE(model.idAt(1), 2);
        QCOMPARE(model.idAt(2), 0);
        // Each row says where the card was, when it was archived and by whom, under a header that names it
        using Model = board::ArchivedCardsModel;
        QStringList headers;
        for (int column = 0; column < model.columnCount(); ++column)
            headers << model.headerData(column, Qt::Horizontal).toString();
        QCOMPARE(headers, (QStringList{QStringLiteral("Title"), QStringLiteral("Column"), QStringLiteral("Archived"),
                                       QStringLiteral("By")}));
        QCOMPARE(model.index(0, Model::ColumnColumn).data().toString(), QStringLiteral("Done"));
        QCOMPARE(model.index(0, Model::ArchivedAtColumn).data().toString(),
                 QLocale().toString(QDateTime::fromMSecsSinceEpoch(2'000), QLocale::ShortFormat));
        QCOMPARE(model.index(0, Model::ArchivedAtColumn).data(Model::SortRole).toLongLong(), 2'000);
        QCOMPARE(model.index(1, Model::ArchivedByColumn).data().toString(), QStringLiteral("bob"));
        QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
        model.setCards({open, older, newer, deleted}, {{30, QStringLiteral("Done")}},
                       {{QStringLiteral("alice"), QStringLiteral("Alice Martin")}});
        QCOMPARE(reset.count(), 1);
        QCOMPARE(model.index(1, Model::ArchivedByColumn).data().toString(), QStringLiteral("bob"));
        QCOMPARE(model.index(0, Model::ArchivedByColumn).data().toString(), QStringLiteral("Alice Martin"));
        QVERIFY(model.index(0, 0)
                        .data(Model::DetailsRole)
                        .toString()
                        .endsWith(u"from Done · archived " + model.index(0, 2).data().toString()
                                  + u" by Alice Martin"));
        for (int column = 0; column < model.columnCount(); ++column)
            QCOMPARE(model.index(1, column).data(Model::IdRole).toLongLong(), 2);
    }

    void shouldFindAnArchivedCardAndPutItBackWhereItWas()
    {
        auto window = openDemo(QSize(1280, 800));
        QVERIFY(window);
        auto *board = window->findChild<board::BoardView *>(QStringLiteral("boardView"));
        // GIVEN another card archived before, and a card of Doing archived with the Delete key
        QListView *todo = board->columnView(0);
        todo->setFocus();
        todo->setCurrentIndex(todo->model()->index(0, 0, todo->rootIndex()));
        QTest::keyClick(todo, Qt::Key_Delete);
        QVERIFY(saved(*window));
        QListView *doing = board->columnView(1);
        doing->setFocus();
        doing->setCurrentIndex(doing->model()->index(2, 0, doing->rootIndex()));
        const qint64 id = doing->currentIndex().data(board::BoardModel::IdRole).toLongLong();
        const QString title = doing->currentIndex().data().toString();
        QTest::keyClick(doing, Qt::Key_Delete);
        QVERIFY(saved(*window));
        QVERIFY(!board->cardIndex(id).isValid());
        // WHEN the archived cards are opened from the Edit menu and searched by a word of its title
        window->findChild<QAction *>(QStringLiteral("showArchived"))->trigger();
        auto *dialog = window->findChild<board::ArchivedDialog *>(QStringLiteral("archivedDialog"));
        QVERIFY(dialog);
        QTRY_VERIFY(dialog->isVisible());
        QTreeView *list = dialog->list();
        const int archived = list->model()->rowCount();
        QVERIFY(archived >= 2);
        QCOMPARE(list->model()->index(0, 0).data(board::ArchivedCardsModel::IdRole).toLongLong(), id);
        // AND its row says the column it was archived from, and who archived it, by name
        using Model = board::ArchivedCardsModel;
        QCOMPARE(list->model()->index(0, Model::ColumnColumn).data().toString(), QStringLiteral("Doing"));
        QCOMPARE(list->model()->index(0, Model::ArchivedByColumn).data().toString(),
                 window->model()->memberName(QStringLiteral("alice")));
        QVERIFY(window->model()->memberName(QStringLiteral("alice")) != u"alice");
        // AND a click on a header sorts by it: by title, then back to the last archived first
        const auto titles = [list] {
            QStringList shown;
            for (int row = 0; row < list->model()->rowCount(); ++row)
                shown << list->model()->index(row, 0).data().toString();
            return shown;
        };
        QHeaderView *header = list->header();
        QTest::mouseClick(header->viewport(), Qt::LeftButton, {},
                          QPoint(header->sectionViewportPosition(Model::TitleColumn) + 20, header->height() / 2));
        QStringList sorted = titles();
        std::sort(sorted.begin(), sorted.end(),
                  [](const QString &a, const QString &b) { return QString::localeAwareCompare(a, b) < 0; });
        QVERIFY(titles() == sorted || titles() == QStringList(sorted.rbegin(), sorted.rend()));
        list->sortByColumn(Model::ArchivedAtColumn, Qt::DescendingOrder);
        QCOMPARE(list->model()->index(0, 0).data(Model::IdRole).toLongLong(), id);
        auto *search = dialog->findChild<QLineEdit *>(QStringLiteral("archivedSearch"));
        const QString word = title.split(u' ').constFirst();
        QTest::keyClicks(search, word.toLower());
        QVERIFY(list->model()->rowCount() >= 1);
        QVERIFY(list->model()->rowCount() < archived);
        for (int row = 0; row < list->model()->rowCount(); ++row)
            QVERIFY(list->model()->index(row, 0).data().toString().contains(word, Qt::CaseInsensitive));
        // AND it is picked with a click and restored with the button
        auto *restore = dialog->findChild<QPushButton *>(QStringLiteral("restoreArchived"));
        QVERIFY(!restore->isEnabled());
        QModelIndex row;
        for (int r = 0; r < list->model()->rowCount(); ++r) {
            if (list->model()->index(r, 0).data(board::ArchivedCardsModel::IdRole).toLongLong() == id)
                row = list->model()->index(r, 0);
        }
        QVERIFY(row.isValid());
        QTest::mouseClick(list->viewport(), Qt::LeftButton, {}, list->visualRect(row).center());
        QVERIFY(restore->isEnabled());
        QTest::mouseClick(restore, Qt::LeftButton);
        QVERIFY(saved(*window));
        // THEN it is back in Doing, in the file and on the board, and no longer in the list
        QCOMPARE(storedColumnOf(id), 1);
        QVERIFY(board->cardIndex(id).isValid());
        QCOMPARE(board->cardIndex(id).parent().row(), 1);
        QTRY_VERIFY([&] {
            for (int r = 0; r < list->model()->rowCount(); ++r) {
                if (list->model()->index(r, 0).data(board::ArchivedCardsModel::IdRole).toLongLong() == id)
                    return false;
            }
            return true;
        }());
        // AND undo archives it again, and the list shows it again
        QCOMPARE(window->undoStack()->undoText(), QStringLiteral("Restore Card"));
        window->undoStack()->undo();
        QVERIFY(saved(*window));
        QCOMPARE(storedColumnOf(id), -1);
        QVERIFY(!board->cardIndex(id).isValid());
        search->clear();
        QTRY_COMPARE(list->model()->index(0, 0).data(board::ArchivedCardsModel::IdRole).toLongLong(), id);
        dialog->close();
    }

    void shouldLetAViewerLookButNotRestore()
    {
        // GIVEN an archived card (archived by an editor)
        {
            auto editor = storeAs();
            QVERIFY(editor->archiveCard(editor->cards()->constFirst().id));
        }
        auto store = storeAs(QStringLiteral("margaret"));
        QCOMPARE(store->role(), storage::Role::Viewer);
        app::MainWindow window(std::move(store));
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        window.findChild<QAction *>(QStringLiteral("showArchived"))->trigger();
        auto *dialog = window.findChild<board::ArchivedDialog *>(QStringLiteral("archivedDialog"));
        QVERIFY(dialog);
        QTRY_VERIFY(dialog->isVisible());
        QVERIFY(dialog->list()->model()->rowCount() >= 1);
        QVERIFY(!dialog->findChild<QPushButton *>(QStringLiteral("restoreArchived"))->isVisible());
        QVERIFY(dialog->findChild<QLabel *>(QStringLiteral("archivedStatus"))->text().contains(u"archived"));
    }
};

QTEST_MAIN(tst_Archived)
#include "tst_archived.moc"
