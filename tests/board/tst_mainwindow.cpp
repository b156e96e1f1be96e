// SPDX-License-Identifier: GPL-3.0-or-later
#include "demowindowtestcase.h"
#include "support/testsupport.h"

#include <app/backups.h>
#include <app/mainwindow.h>
#include <app/recentboards.h>
#include <board/model/boardmodel.h>
#include <board/widgets/board/boardview.h>
#include <board/widgets/cardeditor/cardeditor.h>
#include <board/widgets/cardeditor/titleedit.h>
#include <storage/boardstore.h>
#include <storage/exchange/demoboard.h>

#include <QAbstractButton>
#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QContextMenuEvent>
#include <QDate>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QIcon>
#include <QInputDialog>
#include <QLabel>
#include <QLayout>
#include <QLineEdit>
#include <QListView>
#include <QMenu>
#include <QMessageBox>
#include <QPainter>
#include <QScrollArea>
#include <QScrollBar>
#include <QSettings>
#include <QSignalSpy>
#include <QSplitter>
#include <QStandardPaths>
#include <QStatusBar>
#include <QStyleFactory>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>
#include <QToolButton>
#include <QUndoStack>

using namespace hb;

class tst_MainWindow : public tests::DemoWindowTestCase
{
    Q_OBJECT

private:
private:
    /// Enter on the first card of a column (To-do by default).
    /**
     * A card as full as a busy ticket gets: a long Markdown description, 12 checklist items (5 ticked), 4
     * attachments (a screenshot, a manual, an installer and a link) and 10 comments from four people. Its id.
     */
    qint64 addFullCard()
    {
        auto store = storeAs();
        storage::NewCard card;
        card.columnId = store->columns()->at(1).id;
        card.title = QStringLiteral("Install SolidWorks 2026 for the Engineering team (5 seats)");
        card.description = QStringLiteral(
                "Engineering needs **SolidWorks 2026** on five workstations before the design review on Friday.\n\n"
                "## Machines\n\n"
                "- ENG-WS-014 (Priya)\n- ENG-WS-015 (Tom)\n- ENG-WS-021 (Lena)\n- ENG-WS-022 (Omar)\n"
                "- ENG-LAP-007 (Sam, laptop, on VPN most days)\n\n"
                "## Notes\n\n"
                "1. Licences come from the network licence server `lic01`; check seats before installing.\n"
                "2. The installer needs the Visual C++ runtime 2022 first.\n"
                "3. Uninstall the 2024 trial on ENG-WS-021 first, it blocks the licence manager.\n\n"
                "Vendor guide: https://example.com/solidworks/install-guide\n\n"
                "Ask Dev before touching the licence server configuration.");
        card.priority = storage::Priority::High;
        card.status = storage::StatusTag::InProgress;
        card.assignee = QStringLiteral("dev");
        card.requester = QStringLiteral("Priya Shah (Engineering)");
        card.channel = storage::Channel::Portal;
        card.dueAt = QDateTime::currentDateTime().addDays(2).toMSecsSinceEpoch();
        for (const storage::Label &label : store->labels().value()) {
            if (label.name == u"Software" || label.name == u"Hardware")
                card.labelIds << label.id;
        }
        const qint64 id = store->createCard(card).value();
        const QStringList items{QStringLiteral("Confirm 5 free seats on lic01"),
                                QStringLiteral("Download installer 2026 SP1"),
                                QStringLiteral("Install VC++ runtime 2022"),
                                QStringLiteral("Uninstall the trial on ENG-WS-021"),
                                QStringLiteral("ENG-WS-014 installed"),
                                QStringLiteral("ENG-WS-015 installed"),
                                QStringLiteral("ENG-WS-021 installed"),
                                QStringLiteral("ENG-WS-022 installed"),
                                QStringLiteral("ENG-LAP-007 installed (over VPN)"),
                                QStringLiteral("Licence check on every machine"),
                                QStringLiteral("Test the PDM add-in"),
                                QStringLiteral("Tell Priya it is done")};
        for (int i = 0; i < items.size(); ++i) {
            const qint64 item = store->addChecklistItem(id, items.at(i)).value();
            if (i < 5)
                (void)store->setChecklistItemDone(item, true);
        }
        QImage shot(900, 560, QImage::Format_RGB32);
        shot.fill(QColor(0xec, 0xf0, 0xf1));
        {
            QPainter painter(&shot);
            painter.fillRect(0, 0, 900, 40, QColor(0x2c, 0x3e, 0x50));
            painter.fillRect(250, 180, 400, 200, Qt::white);
            painter.fillRect(250, 180, 400, 36, QColor(0xc0, 0x39, 0x2b));
        }
        const QString folder = m_dir.filePath(QStringLiteral("full-card"));
        QDir().mkpath(folder);
        const QString picture = folder + QStringLiteral("/licence error on ENG-WS-021.png");
        shot.save(picture);
        const QString manual = folder + QStringLiteral("/SolidWorks 2026 Installation Guide.pdf");
        tests::writeFile(manual, QByteArray("%PDF-1.4\n") + QByteArray(2'400'000, 'x'));
        const QString installer = folder + QStringLiteral("/SW2026-SP1-Setup.msi");
        tests::writeFile(installer, QByteArray(5'800'000, 'i'));
        (void)store->addAttachment(id, picture);
        (void)store->addAttachment(id, manual);
        (void)store->addAttachment(id, installer);
        (void)store->addLink(id, QStringLiteral("/srv/share/it/licences/solidworks-seats.xlsx"));
        const std::pair<const char16_t *, const char16_t *> comments[] = {
                {u"priya", u"Design review is Friday 10:00, we need all five machines by Thursday evening please."},
                {u"dev", u"Checked lic01: 6 seats free. Downloading SP1 now."},
                {u"alice", u"Escalated to high: the review date is fixed."},
                {u"dev", u"ENG-WS-014 and 015 done. 021 still has the 2024 trial, removing it first."},
                {u"ben", u"I can take ENG-LAP-007 tomorrow morning when Sam is in the office."},
                {u"dev", u"Trial removed from 021, installer running."},
                {u"priya", u"Tom says it works, thanks! Lena is out until Wednesday."},
                {u"dev", u"021 done, licence error on first start (screenshot attached), fixed by restarting the "
                         u"licence service."},
                {u"ben", u"Sam's laptop will need the VPN up during install, see https://example.com/kb/vpn-install"},
                {u"dev", u"022 done. Waiting for Lena and Sam."},
        };
        for (const auto &[login, text] : comments) {
            (void)store->setLogin(QString::fromUtf16(login));
            (void)store->addComment(id, QString::fromUtf16(text));
        }
        return id;
    }

    /// Answers the question closing the window asks (a modal box) with the button named @p button, once it shows.
    static void answerCloseQuestion(const QString &button)
    {
        QTimer::singleShot(0, [button] {
            QTRY_VERIFY(qobject_cast<QMessageBox *>(QApplication::activeModalWidget()));
            auto *box = qobject_cast<QMessageBox *>(QApplication::activeModalWidget());
            for (QAbstractButton *each : box->buttons()) {
                if (each->text() == button) {
                    QTest::mouseClick(each, Qt::LeftButton);
                    return;
                }
            }
            QFAIL(qPrintable(QStringLiteral("no button ") + button));
        });
    }

private Q_SLOTS:
    void initTestCase() { setUpDemo(); }

    void shouldShowOneListPerColumnWithCountsAndWipWarning()
    {
        // GIVEN the demo board open in the window
        auto window = openDemo(QSize(1280, 800));
        QVERIFY(window);

        // THEN each column is a list of its cards under a header with the count and the WIP limit
        auto *board = window->findChild<board::BoardView *>(QStringLiteral("boardView"));
        QVERIFY(board);
        QCOMPARE(board->columnCount(), 3);
        const QStringList titles{QStringLiteral("To-do"), QStringLiteral("Doing"), QStringLiteral("Done")};
        const QStringList counts{QStringLiteral("10"), QStringLiteral("7/4"), QStringLiteral("8")};
        for (int column = 0; column < 3; ++column) {
            QCOMPARE(board->columnTitle(column)->text(), titles.at(column));
            QCOMPARE(board->columnCount(column)->text(), counts.at(column));
            QListView *view = board->columnView(column);
            QCOMPARE(view->model()->rowCount(view->rootIndex()),
                     counts.at(column).section(QLatin1Char('/'), 0, 0).toInt());
            QVERIFY(view->visualRect(view->model()->index(0, 0, view->rootIndex())).isValid());
        }
        QVERIFY(board->columnCount(1)->property("overLimit").toBool());
        QVERIFY(!board->columnCount(0)->property("overLimit").toBool());
        const QString status = window->findChild<QLabel *>(QStringLiteral("boardStatus"))->text();
        QVERIFY2(status.contains(QStringLiteral("alice (admin)")), qPrintable(status));
        QVERIFY2(status.contains(QStringLiteral("overdue")), qPrintable(status));
        const QString total = QString::number(window->model()->cardCount());
        QVERIFY2(status.startsWith(QStringLiteral("DEMO board, sample data  ·  ") + total + QStringLiteral(" of ")
                                   + total + QStringLiteral(" cards shown")),
                 qPrintable(status));
        QVERIFY2(status.contains(QFileInfo(m_board).absoluteFilePath()), qPrintable(status));

        // AND a click selects a card, and the keyboard moves down the column
        QListView *todo = board->columnView(0);
        const QModelIndex first = todo->model()->index(0, 0, todo->rootIndex());
        QTest::mouseClick(todo->viewport(), Qt::LeftButton, {}, todo->visualRect(first).center());
        QCOMPARE(todo->currentIndex(), first);
        QTest::keyClick(todo, Qt::Key_Down);
        QCOMPARE(todo->currentIndex().row(), 1);

        // AND the application icon is compiled in
        QVERIFY(!QIcon(QStringLiteral(":/icons/org.helpboard.HelpBoard.png")).pixmap(64, 64).isNull());
    }

    void shouldMoveCardsWithTheKeyboardAndUndo()
    {
        auto window = openDemo();
        QVERIFY(window);
        auto *board = window->findChild<board::BoardView *>(QStringLiteral("boardView"));
        QListView *todo = board->columnView(0);
        QListView *doing = board->columnView(1);
        const QModelIndex first = todo->model()->index(0, 0, todo->rootIndex());
        const qint64 id = first.data(board::BoardModel::IdRole).toLongLong();
        const qint64 doingFirst =
                doing->model()->index(0, 0, doing->rootIndex()).data(board::BoardModel::IdRole).toLongLong();
        QTest::mouseClick(todo->viewport(), Qt::LeftButton, {}, todo->visualRect(first).center());

        // WHEN Ctrl+Right, THEN the card is saved in Doing, at the same height (the top), and stays selected
        QTest::keyClick(todo, Qt::Key_Right, Qt::ControlModifier);
        QVERIFY(saved(*window));
        QCOMPARE(storedColumnOf(id), 1);
        QCOMPARE(storedPosition(id), 0);
        QCOMPARE(doing->currentIndex().data(board::BoardModel::IdRole).toLongLong(), id);
        QVERIFY(doing->hasFocus());

        // WHEN Ctrl+Down, THEN it swaps places with the card below it
        QTest::keyClick(doing, Qt::Key_Down, Qt::ControlModifier);
        QVERIFY(saved(*window));
        QCOMPARE(storedPosition(id), 1);
        QCOMPARE(storedPosition(doingFirst), 0);

        // WHEN Ctrl+Z twice, THEN it is back at the top of To-do; Ctrl+Shift+Z redoes
        QTest::keyClick(window.get(), Qt::Key_Z, Qt::ControlModifier);
        QVERIFY(saved(*window));
        QCOMPARE(storedPosition(id), 0);
        QTest::keyClick(window.get(), Qt::Key_Z, Qt::ControlModifier);
        QVERIFY(saved(*window));
        QCOMPARE(storedColumnOf(id), 0);
        QCOMPARE(storedPosition(id), 0);
        QTest::keyClick(window.get(), Qt::Key_Z, Qt::ControlModifier | Qt::ShiftModifier);
        QVERIFY(saved(*window));
        QCOMPARE(storedColumnOf(id), 1);
        QTest::keyClick(window.get(), Qt::Key_Z, Qt::ControlModifier);
        QVERIFY(saved(*window));
        QCOMPARE(storedColumnOf(id), 0);

        // AND several selected cards move together, stay selected, and move again together
        todo->setFocus();
        const QModelIndex top = todo->model()->index(0, 0, todo->rootIndex());
        const QModelIndex next = todo->model()->index(1, 0, todo->rootIndex());
        const qint64 topId = top.data(board::BoardModel::IdRole).toLongLong();
        const qint64 nextId = next.data(board::BoardModel::IdRole).toLongLong();
        QTest::mouseClick(todo->viewport(), Qt::LeftButton, {}, todo->visualRect(top).center());
        QTest::mouseClick(todo->viewport(), Qt::LeftButton, Qt::ControlModifier, todo->visualRect(next).center());
        QTest::keyClick(todo, Qt::Key_Right, Qt::ControlModifier);
        QVERIFY(saved(*window));
        QCOMPARE(storedColumnOf(topId), 1);
        QCOMPARE(storedColumnOf(nextId), 1);
        QCOMPARE(doing->selectionModel()->selectedIndexes().size(), 2);
        QVERIFY(!todo->selectionModel()->hasSelection()); // nothing stays selected where they were
        QTest::keyClick(doing, Qt::Key_Right, Qt::ControlModifier);
        QVERIFY(saved(*window));
        QCOMPARE(storedColumnOf(topId), 2);
        QCOMPARE(storedColumnOf(nextId), 2);
        window->undoStack()->undo();
        QVERIFY(saved(*window));
        window->undoStack()->undo();
        QVERIFY(saved(*window));
        QCOMPARE(storedColumnOf(topId), 0);
        QCOMPARE(storedPosition(topId), 0);
        QCOMPARE(storedPosition(nextId), 1);

        // AND plain Left/Right only move the focus between columns
        todo->setFocus();
        todo->setCurrentIndex(todo->model()->index(0, 0, todo->rootIndex()));
        QTest::keyClick(todo, Qt::Key_Right);
        QVERIFY(doing->hasFocus());
        QCOMPARE(storedColumnOf(id), 0);
    }

    void shouldAddArchiveAndOpenCardsFromTheKeyboard()
    {
        auto window = openDemo();
        QVERIFY(window);
        auto *board = window->findChild<board::BoardView *>(QStringLiteral("boardView"));
        QListView *todo = board->columnView(0);
        const int before = todo->model()->rowCount(todo->rootIndex());
        todo->setFocus();
        todo->setCurrentIndex(todo->model()->index(0, 0, todo->rootIndex()));

        // N goes to the column's "+ Add card" field; a title and Enter save a card at the end of the column
        QTest::keyClick(todo, Qt::Key_N);
        QLineEdit *quickAdd = board->quickAdd(0);
        QVERIFY(quickAdd->hasFocus());
        QTest::keyClicks(quickAdd, QStringLiteral("Order toner for 3rd floor"));
        QTest::keyClick(quickAdd, Qt::Key_Return);
        QVERIFY(saved(*window));
        QVERIFY(quickAdd->text().isEmpty());
        QCOMPARE(todo->model()->rowCount(todo->rootIndex()), before + 1);
        const QModelIndex added = todo->model()->index(before, 0, todo->rootIndex());
        QCOMPARE(added.data().toString(), QStringLiteral("Order toner for 3rd floor"));
        const qint64 addedId = added.data(board::BoardModel::IdRole).toLongLong();
        QCOMPARE(storedPosition(addedId), before);
        // Ctrl+Z takes it away again (from the file too), Ctrl+Shift+Z brings it back
        QTest::keyClick(window.get(), Qt::Key_Z, Qt::ControlModifier);
        QVERIFY(saved(*window));
        QCOMPARE(storedColumnOf(addedId), -1);
        QCOMPARE(todo->model()->rowCount(todo->rootIndex()), before);
        QTest::keyClick(window.get(), Qt::Key_Z, Qt::ControlModifier | Qt::ShiftModifier);
        QVERIFY(saved(*window));
        QCOMPARE(storedPosition(addedId), before);
        // Esc gives up what was typed
        QTest::keyClick(todo, Qt::Key_N);
        QTest::keyClicks(quickAdd, QStringLiteral("never mind"));
        QTest::keyClick(quickAdd, Qt::Key_Escape);
        QVERIFY(quickAdd->text().isEmpty());
        QVERIFY(todo->hasFocus());

        // Delete archives the selected card; Ctrl+Z puts it back where it was
        todo->setCurrentIndex(todo->model()->index(1, 0, todo->rootIndex()));
        const qint64 second = todo->currentIndex().data(board::BoardModel::IdRole).toLongLong();
        QTest::keyClick(todo, Qt::Key_Delete);
        QVERIFY(saved(*window));
        QCOMPARE(storedColumnOf(second), -1);
        QVERIFY(!window->model()->cardIndex(second).isValid());
        QTest::keyClick(window.get(), Qt::Key_Z, Qt::ControlModifier);
        QVERIFY(saved(*window));
        QCOMPARE(storedPosition(second), 1);
        QCOMPARE(window->model()->cardIndex(second).row(), 1);

        // Enter opens the card; its title is shown as typed, markup and all
        storage::NewCard markup;
        markup.columnId = window->model()->index(0, 0).data(board::BoardModel::IdRole).toLongLong();
        markup.title = QStringLiteral("<b>x</b><img src=y>");
        auto other = storage::BoardStore::open(m_board, tests::optionsFor(QStringLiteral("ben"))).value();
        const qint64 markupId = other->createCard(markup).value();
        QTest::keyClick(window.get(), Qt::Key_F5);
        todo = board->columnView(0); // a reload builds the columns anew
        const QModelIndex markupIndex = board->cardIndex(markupId);
        todo->setFocus();
        todo->setCurrentIndex(markupIndex);
        QTest::keyClick(todo, Qt::Key_Return);
        auto *editor = window->findChild<QWidget *>(QStringLiteral("cardEditor"));
        QVERIFY(editor);
        QTRY_VERIFY(editor->isVisible());
        auto *title = editor->findChild<board::TitleEdit *>(QStringLiteral("titleEdit"));
        QCOMPARE(title->text(), markup.title);
        // beside the board, with the focus on its title, ready to type
        QVERIFY(editor->x() > board->x() + board->width() - 1);
        QVERIFY(title->hasFocus());
        // Esc closes it and gives the focus back to that card; Enter on another card shows that one
        QTest::keyClick(title, Qt::Key_Escape);
        QVERIFY(editor->isHidden());
        QVERIFY(todo->hasFocus());
        QCOMPARE(todo->currentIndex().data(board::BoardModel::IdRole).toLongLong(), markupId);
        todo->setCurrentIndex(todo->model()->index(0, 0, todo->rootIndex()));
        QTest::keyClick(todo, Qt::Key_Return);
        QCOMPARE(title->text(), todo->currentIndex().data().toString());
        QTest::keyClick(title, Qt::Key_Escape);
    }

    void shouldRenameACardInPlaceWithF2()
    {
        auto window = openDemo();
        QVERIFY(window);
        auto *board = window->findChild<board::BoardView *>(QStringLiteral("boardView"));
        QListView *todo = board->columnView(0);
        const QModelIndex card = todo->model()->index(0, 0, todo->rootIndex());
        const qint64 id = card.data(board::BoardModel::IdRole).toLongLong();
        const QString before = card.data().toString();
        todo->setFocus();
        todo->setCurrentIndex(card);
        QTest::keyClick(todo, Qt::Key_F2);
        auto *editor = qobject_cast<QLineEdit *>(QApplication::focusWidget());
        QVERIFY(editor);
        QCOMPARE(editor->text(), before);
        editor->selectAll();
        QTest::keyClicks(editor, QStringLiteral("Password reset for Dana"));
        // a colleague's change to the card, shown while I type, leaves my typing alone
        storage::Card changed = *window->model()->cardAt(window->model()->cardIndex(id));
        changed.priority = storage::Priority::Low;
        window->model()->applyCard(changed);
        QCOMPARE(editor->text(), QStringLiteral("Password reset for Dana"));
        QTest::keyClick(editor, Qt::Key_Return);
        // The delegate commits on the next turn of the event loop.
        auto store = storeAs();
        QTRY_COMPARE(store->card(id)->title, QStringLiteral("Password reset for Dana"));
        // Return only ended the edit: no card was opened (the editor is made when the first one is)
        const auto *details = window->findChild<QWidget *>(QStringLiteral("cardEditor"));
        QVERIFY(!details || details->isHidden());
        QTest::keyClick(window.get(), Qt::Key_Z, Qt::ControlModifier);
        QVERIFY(saved(*window));
        QCOMPARE(store->card(id)->title, before);
    }

    void shouldWorkACardFromItsMenu_data()
    {
        QTest::addColumn<QStringList>("path"); ///< object names: submenus, then the action
        QTest::addColumn<QString>("field");
        QTest::addColumn<QString>("value"); ///< as the file has it afterwards
        QTest::newRow("priority") << QStringList{QStringLiteral("priorityMenu"), QStringLiteral("priority-critical")}
                                  << QStringLiteral("priority") << QStringLiteral("critical");
        QTest::newRow("status") << QStringList{QStringLiteral("statusMenu"), QStringLiteral("status-blocked")}
                                << QStringLiteral("status") << QStringLiteral("blocked");
        QTest::newRow("assign to me") << QStringList{QStringLiteral("assignToMe")} << QStringLiteral("assignee")
                                      << QStringLiteral("alice");
        QTest::newRow("move to Done") << QStringList{QStringLiteral("moveToMenu"), QStringLiteral("moveTo-2")}
                                      << QStringLiteral("column") << QStringLiteral("2");
        QTest::newRow("archive") << QStringList{QStringLiteral("archiveCards")} << QStringLiteral("archived")
                                 << QStringLiteral("true");
        QTest::newRow("copy number") << QStringList{QStringLiteral("copyNumber")} << QStringLiteral("clipboard")
                                     << QStringLiteral("#%1");
        QTest::newRow("open") << QStringList{QStringLiteral("openCard")} << QStringLiteral("editor")
                              << QStringLiteral("%1");
    }

    void shouldWorkACardFromItsMenu()
    {
        QFETCH(QStringList, path);
        QFETCH(QString, field);
        QFETCH(QString, value);
        auto window = openDemo();
        QVERIFY(window);
        auto *board = window->findChild<board::BoardView *>(QStringLiteral("boardView"));
        QListView *todo = board->columnView(0);
        // the fourth card of To-do: not urgent, nobody's, no status (the demo's)
        const QModelIndex card = todo->model()->index(2, 0, todo->rootIndex());
        const qint64 id = card.data(board::BoardModel::IdRole).toLongLong();
        const storage::Card before = storedCard(id);
        QVERIFY(before.priority != storage::Priority::Critical && before.assignee != u"alice");

        // WHEN the card is right-clicked (the window system turns the click into a context menu event: sent here)
        const QPoint at = todo->visualRect(card).center();
        QTest::mouseClick(todo->viewport(), Qt::RightButton, {}, at);
        QContextMenuEvent click(QContextMenuEvent::Mouse, at, todo->viewport()->mapToGlobal(at));
        QApplication::sendEvent(todo->viewport(), &click);
        auto *menu = board->findChild<QMenu *>(QStringLiteral("cardMenu"));
        QVERIFY(menu);
        QTRY_VERIFY(menu->isVisible());
        QCOMPARE(todo->currentIndex(), card);
        // AND the entry is picked, through its submenu
        QMenu *in = menu;
        for (const QString &name : path.first(path.size() - 1))
            in = in->findChild<QMenu *>(name);
        QVERIFY(in);
        QAction *action = in->findChild<QAction *>(path.constLast());
        QVERIFY2(action && action->isEnabled(), qPrintable(path.constLast()));
        action->trigger();
        menu->close();
        QTRY_VERIFY(!QApplication::activePopupWidget());
        QVERIFY(saved(*window));

        // THEN the file has it
        const storage::Card after = storedCard(id);
        if (field == u"priority")
            QCOMPARE(storage::toText(after.priority), value);
        else if (field == u"status")
            QCOMPARE(storage::toText(after.status), value);
        else if (field == u"assignee")
            QCOMPARE(after.assignee, value);
        else if (field == u"column")
            QCOMPARE(storedColumnOf(id), value.toInt());
        else if (field == u"archived")
            QVERIFY(!window->model()->cardIndex(id).isValid());
        else if (field == u"clipboard")
            QCOMPARE(QApplication::clipboard()->text(), value.arg(id));
        else if (field == u"editor")
            QCOMPARE(window->findChild<board::CardEditor *>(QStringLiteral("cardEditor"))->cardId(), id);
        // AND one Ctrl+Z undoes it
        if (field == u"clipboard" || field == u"editor")
            return;
        // (a window manager gives the window back its activation when the menu closes; offscreen has none)
        window->activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(window.get()));
        QTest::keyClick(window.get(), Qt::Key_Z, Qt::ControlModifier);
        QVERIFY(saved(*window));
        const storage::Card undone = storedCard(id);
        QCOMPARE(undone.priority, before.priority);
        QCOMPARE(undone.status, before.status);
        QCOMPARE(undone.assignee, before.assignee);
        QCOMPARE(storedColumnOf(id), 0);
    }

    void shouldOpenACardInsideTheWindowAsItIs_data()
    {
        QTest::addColumn<QSize>("size");
        QTest::newRow("1280x800") << QSize(1280, 800);
        QTest::newRow("1024x700") << QSize(1024, 700);
        // about what a 1600 px wide screen at 150 % gives a window
        QTest::newRow("1000x560") << QSize(1000, 560);
        QTest::newRow("800x600") << QSize(800, 600);
    }

    void shouldOpenACardInsideTheWindowAsItIs()
    {
        QFETCH(QSize, size);
        auto window = openDemo(size);
        QVERIFY(window);
        QTRY_COMPARE(window->size(), size);
        // WHEN a card is opened with Enter
        QVERIFY(openFirstCard(*window));
        auto *editor = window->findChild<board::CardEditor *>(QStringLiteral("cardEditor"));
        QTRY_VERIFY(editor->isVisible());
        QApplication::processEvents();
        // THEN the window keeps its size; the editor, its close button and the board's edge are inside it
        QCOMPARE(window->size(), size);
        const QRect inside = window->rect();
        const auto placed = [&](const QWidget *widget) {
            return QRect(widget->mapTo(window.get(), QPoint(0, 0)), widget->size());
        };
        QVERIFY2(inside.contains(placed(editor)), qPrintable(QStringLiteral("%1 px wide").arg(editor->width())));
        auto *close = editor->findChild<QToolButton *>(QStringLiteral("closeCardEditor"));
        QVERIFY(close && close->isVisible());
        QVERIFY(inside.contains(placed(close)));
        QVERIFY(editor->width() >= 300);
        auto *board = window->findChild<board::BoardView *>(QStringLiteral("boardView"));
        QVERIFY(board->width() >= 200);
        QVERIFY(inside.contains(placed(board)));
        // AND the filter bar's buttons are all in it too
        for (auto *button : window->findChild<QWidget *>(QStringLiteral("filterBar"))->findChildren<QToolButton *>())
            QVERIFY2(inside.contains(placed(button)), qPrintable(button->objectName()));
    }

    void shouldShareAWideWindowBetweenTheColumns_data()
    {
        QTest::addColumn<int>("windowWidth");
        QTest::newRow("900: narrowest, the board scrolls") << 900;
        QTest::newRow("1280") << 1280;
        QTest::newRow("1500") << 1500;
        QTest::newRow("2400: widest, the rest left empty") << 2400;
    }

    void shouldShareAWideWindowBetweenTheColumns()
    {
        QFETCH(int, windowWidth);
        auto window = openDemo(QSize(windowWidth, 800));
        QVERIFY(window);
        QTRY_COMPARE(window->width(), windowWidth);
        auto *board = window->findChild<board::BoardView *>(QStringLiteral("boardView"));
        const auto widths = [board] {
            QList<int> result;
            for (int column = 0; column < board->columnCount(); ++column)
                result << board->columnView(column)->parentWidget()->width();
            return result;
        };
        const auto check = [&](int columns) {
            // THEN every column has the same width, readable, in whole steps (a drag of the edge lays the cards out
            // again now and then, not at every pixel)
            const int width = board->columnWidth();
            QCOMPARE(widths(), QList<int>(columns, width));
            // shown (a new column's panel is shown by the event loop) and placed side by side
            QTRY_VERIFY(board->columnView(columns - 1)->isVisible());
            board->widget()->layout()->activate();
            QVERIFY(width >= board::BoardView::s_columnWidth && width <= board::BoardView::s_columnMaxWidth);
            QVERIFY(width == board::BoardView::s_columnMaxWidth
                    || (width - board::BoardView::s_columnWidth) % board::BoardView::s_columnWidthStep == 0);
            // AND the columns fill the board but for less than a step each, unless at their widest or narrowest
            const QWidget *last = board->columnView(columns - 1)->parentWidget();
            const int left = board->viewport()->width() - (last->geometry().right() + 1);
            if (width == board::BoardView::s_columnWidth) {
                QVERIFY2(left < columns * board::BoardView::s_columnWidthStep, qPrintable(QString::number(left)));
            } else if (width < board::BoardView::s_columnMaxWidth) {
                QVERIFY2(left >= 0 && left < columns * board::BoardView::s_columnWidthStep,
                         qPrintable(QString::number(left)));
            } else {
                QVERIFY(left >= 0);
            }
            // AND a card's title wraps to the width it has
            QListView *view = board->columnView(0);
            const QModelIndex first = view->model()->index(0, 0, view->rootIndex());
            QTRY_VERIFY2(view->visualRect(first).width() > width - 40 && view->visualRect(first).width() <= width,
                         qPrintable(QString::number(view->visualRect(first).width())));
        };
        const int columns = board->columnCount();
        check(columns);
        if (windowWidth == 900) {
            // at their narrowest, the columns do not fit: the board scrolls sideways
            QCOMPARE(board->columnWidth(), board::BoardView::s_columnWidth);
            QVERIFY(board->horizontalScrollBar()->isVisible());
        }
        if (windowWidth == 2400)
            QCOMPARE(board->columnWidth(), board::BoardView::s_columnMaxWidth);
        if (windowWidth == 1500)
            QVERIFY(board->columnWidth() > board::BoardView::s_columnWidth);
        // WHEN a column is added, THEN the four share the width
        const int before = board->columnWidth();
        QVERIFY(window->actions()->addColumn(QStringLiteral("Waiting")));
        QVERIFY(saved(*window));
        QTRY_COMPARE(board->columnCount(), columns + 1);
        check(columns + 1);
        QVERIFY(board->columnWidth() <= before);
        window->undoStack()->undo();
        QVERIFY(saved(*window));
        QTRY_COMPARE(board->columnCount(), columns);
        QCOMPARE(board->columnWidth(), before);
    }

    void shouldShapeColumnsFromTheHeaderMenu()
    {
        auto window = openDemo();
        QVERIFY(window);
        auto *board = window->findChild<board::BoardView *>(QStringLiteral("boardView"));
        const auto action = [board](int column, const char *name) -> QAction * {
            for (QAction *candidate : board->columnActions(column)) {
                if (candidate->objectName() == QLatin1String(name))
                    return candidate;
            }
            return nullptr;
        };
        QVERIFY(action(0, "renameColumn") && action(0, "setWipLimit") && action(0, "addColumn"));
        QVERIFY(!action(0, "moveColumnLeft")->isEnabled());

        // New Ticket Here on Done: the ticket is saved there and opened for its details
        QSignalSpy created(board, &board::BoardView::ticketCreated);
        action(2, "newTicketHere")->trigger();
        QVERIFY(created.wait(5000));
        const qint64 ticket = created.first().first().toLongLong();
        QCOMPARE(storedColumnOf(ticket), 2);
        QCOMPARE(window->findChild<board::CardEditor *>(QStringLiteral("cardEditor"))->cardId(), ticket);
        window->undoStack()->undo();
        QVERIFY(saved(*window));
        QVERIFY(!window->model()->cardIndex(ticket).isValid());

        // Move Right on To-do: saved, and the board shows Doing first
        action(0, "moveColumnRight")->trigger();
        QVERIFY(saved(*window));
        QCOMPARE(board->columnTitle(0)->text(), QStringLiteral("Doing"));
        QCOMPARE(board->columnTitle(1)->text(), QStringLiteral("To-do"));
        auto store = storeAs();
        QCOMPARE(store->columns()->constFirst().name, QStringLiteral("Doing"));
        QTest::keyClick(window.get(), Qt::Key_Z, Qt::ControlModifier);
        QVERIFY(saved(*window));
        QCOMPARE(board->columnTitle(0)->text(), QStringLiteral("To-do"));

        // Add Column on To-do's header: the new column comes right after To-do, not after Done
        QString asked;
        QTimer::singleShot(0, window.get(), [&] {
            auto *dialog = qobject_cast<QInputDialog *>(QApplication::activeModalWidget());
            if (!dialog)
                return;
            asked = dialog->labelText();
            dialog->setTextValue(QStringLiteral("Triage"));
            dialog->accept();
        });
        action(0, "addColumn")->trigger();
        QVERIFY(saved(*window));
        QCOMPARE(asked, QStringLiteral("Name of the new column, after “To-do”:"));
        QCOMPARE(board->columnTitle(1)->text(), QStringLiteral("Triage"));
        QCOMPARE(board->columnTitle(2)->text(), QStringLiteral("Doing"));
        window->activateWindow(); // the dialog's window manager would give it back; offscreen has none
        QVERIFY(QTest::qWaitForWindowActive(window.get()));
        QTest::keyClick(window.get(), Qt::Key_Z, Qt::ControlModifier);
        QVERIFY(saved(*window));
        QCOMPARE(board->columnCount(), 3);
        QCOMPARE(board->columnTitle(1)->text(), QStringLiteral("Doing"));

        // Delete on a column with cards: refused, and the window says why without blocking
        action(1, "deleteColumn")->trigger();
        QVERIFY(saved(*window));
        auto *message = window->findChild<QMessageBox *>(QStringLiteral("notSavedMessage"));
        QVERIFY(message);
        QTRY_VERIFY(message->isVisible());
        QVERIFY2(message->text().contains(QStringLiteral("still holds")), qPrintable(message->text()));
        message->close();
        QCOMPARE(board->columnCount(), 3);
    }

    void shouldStayResponsiveWhileAColleagueIsSaving()
    {
        auto window = openDemo();
        QVERIFY(window);
        auto *board = window->findChild<board::BoardView *>(QStringLiteral("boardView"));
        auto *saving = window->findChild<QLabel *>(QStringLiteral("savingStatus"));
        QVERIFY(saving);
        QListView *todo = board->columnView(0);
        QListView *doing = board->columnView(1);
        const QModelIndex first = todo->model()->index(0, 0, todo->rootIndex());
        const qint64 id = first.data(board::BoardModel::IdRole).toLongLong();
        todo->setFocus();
        todo->setCurrentIndex(first);

        // GIVEN a colleague in the middle of a long save
        tests::WriteLock colleague(m_board);
        QVERIFY(colleague.isHeld());
        // WHEN the card goes to Doing, THEN it shows there at once, and the status bar says why it is not saved yet
        QTest::keyClick(todo, Qt::Key_Right, Qt::ControlModifier);
        QCOMPARE(doing->currentIndex().data(board::BoardModel::IdRole).toLongLong(), id);
        QTRY_COMPARE(saving->text(), QStringLiteral("Saving… another user is saving"));
        QCOMPARE(storedColumnOf(id), 0);
        // AND closing the window waits for the save instead of dropping it
        QVERIFY(!window->close());
        QVERIFY(window->isVisible());
        QCOMPARE(saving->text(), QStringLiteral("Saving your last change before closing…"));
        // WHEN the colleague is done, THEN the move is saved and the window closes
        colleague.release();
        QTRY_VERIFY(!window->isVisible());
        QCOMPARE(storedColumnOf(id), 1);
        QVERIFY(window->actions() && !window->actions()->isSaving());
        // (back as it was, for the other tests)
        auto store = storeAs();
        QVERIFY(store->moveCard(
                id, window->model()->index(0, 0).data(board::BoardModel::IdRole).toLongLong(),
                storage::Placement{
                        todo->model()->index(0, 0, todo->rootIndex()).data(board::BoardModel::IdRole).toLongLong(),
                        0}));
    }

    void shouldKeepAChangeWhileTheShareStaysBusyAndAskBeforeClosing()
    {
        // GIVEN a window that waits only 300 ms for the file, and a colleague who holds it for longer
        auto window = openDemo({}, 300);
        QVERIFY(window);
        auto *banner = window->findChild<QLabel *>(QStringLiteral("boardBanner"));
        QListView *todo = window->findChild<board::BoardView *>(QStringLiteral("boardView"))->columnView(0);
        const qint64 id = todo->model()->index(0, 0, todo->rootIndex()).data(board::BoardModel::IdRole).toLongLong();
        const qint64 next = todo->model()->index(1, 0, todo->rootIndex()).data(board::BoardModel::IdRole).toLongLong();
        auto colleague = std::make_unique<tests::WriteLock>(m_board);
        QVERIFY(colleague->isHeld());
        // WHEN I move the first card of To-do to Doing
        todo->setFocus();
        todo->setCurrentIndex(todo->model()->index(0, 0, todo->rootIndex()));
        QTest::keyClick(todo, Qt::Key_Right, Qt::ControlModifier);
        // THEN after the wait a banner says why it is not saved yet; the move stays on the board, nothing is refused
        QTRY_VERIFY2_WITH_TIMEOUT(banner->isVisible() && banner->text().contains(QStringLiteral("busy")),
                                  qPrintable(banner->text()), 5000);
        QVERIFY2(banner->text().contains(QStringLiteral("Your changes are kept on the board")),
                 qPrintable(banner->text()));
        QCOMPARE(window->model()->cardIndex(id).parent().row(), 1);
        QCOMPARE(storedColumnOf(id), 0);
        QVERIFY(!window->findChild<QMessageBox *>(QStringLiteral("notSavedMessage")));
        // WHEN I close the window, THEN it asks first, and Keep Open keeps it open and waiting
        answerCloseQuestion(QStringLiteral("Keep Open"));
        QVERIFY(!window->close());
        QVERIFY(window->isVisible());
        QVERIFY(window->actions()->isSaving());
        // WHEN the colleague is done, THEN the move is saved, once, and the banner goes
        colleague.reset();
        QVERIFY(saved(*window));
        QTRY_VERIFY_WITH_TIMEOUT(banner->isHidden(), 5000);
        QCOMPARE(storedColumnOf(id), 1);

        // GIVEN the file kept busy again, and the next card moved
        colleague = std::make_unique<tests::WriteLock>(m_board);
        todo->setFocus();
        todo->setCurrentIndex(todo->model()->index(0, 0, todo->rootIndex()));
        QCOMPARE(todo->currentIndex().data(board::BoardModel::IdRole).toLongLong(), next);
        QTest::keyClick(todo, Qt::Key_Right, Qt::ControlModifier);
        QTRY_VERIFY_WITH_TIMEOUT(banner->isVisible(), 5000);
        // WHEN I close the window and choose Close Without Saving, THEN it closes, and that move is not saved
        answerCloseQuestion(QStringLiteral("Close Without Saving"));
        window->close();
        QTRY_VERIFY(!window->isVisible());
        colleague.reset();
        QCOMPARE(storedColumnOf(next), 0);
        // (back as it was, for the other tests)
        auto store = storeAs();
        QVERIFY(store->moveCard(id, window->model()->index(0, 0).data(board::BoardModel::IdRole).toLongLong(),
                                storage::Placement{next, 0}));
    }

    void shouldKeepChangesWhileTheFileIsAwayAndSaveThemWhenItIsBack()
    {
        auto window = openDemo(QSize(1100, 700));
        QVERIFY(window);
        auto *banner = window->findChild<QLabel *>(QStringLiteral("boardBanner"));
        QVERIFY(banner->isHidden());
        QSignalSpy again(window->actions(), &board::BoardActions::saveTriedAgain);
        window->actions()->setSaveRetryDelays(100, 200);
        const QModelIndex todo = window->model()->index(0, 0);
        const qint64 first = window->model()->index(0, 0, todo).data(board::BoardModel::IdRole).toLongLong();
        const qint64 second = window->model()->index(1, 0, todo).data(board::BoardModel::IdRole).toLongLong();
        const qint64 seqBefore = storeAs()->lastEventSeq().value();
        const storage::Priority wanted = storedCard(first).priority == storage::Priority::Critical
                                                 ? storage::Priority::Low
                                                 : storage::Priority::Critical;
        // GIVEN the board file goes away mid-session (the share drops, someone moves it)
        const QString away = m_board + QStringLiteral(".away");
        QVERIFY(QFile::rename(m_board, away));
        // WHEN I change a card, and move another
        storage::CardPatch patch;
        patch.priority = wanted;
        QVERIFY(window->actions()->editCard(first, patch, QStringLiteral("Change Priority")));
        QVERIFY(window->actions()->moveCards(
                {second}, window->model()->index(1, 0).data(board::BoardModel::IdRole).toLongLong(), 0));
        // THEN the board shows both at once, a banner says they cannot be saved yet, and nothing is refused
        QTRY_VERIFY_WITH_TIMEOUT(banner->isVisible(), 5000);
        QTRY_VERIFY2_WITH_TIMEOUT(banner->text().contains(QStringLiteral("cannot save to demo.helpboard")),
                                  qPrintable(banner->text()), 5000);
        QVERIFY2(banner->text().contains(QStringLiteral("Your changes are kept on the board")),
                 qPrintable(banner->text()));
        QCOMPARE(window->model()->cardAt(window->model()->cardIndex(first))->priority, wanted);
        QCOMPARE(window->model()->cardIndex(second).parent().row(), 1);
        QTRY_VERIFY_WITH_TIMEOUT(again.count() >= 2, 10'000); // a retry or two
        QVERIFY(window->actions()->isSaving());
        QVERIFY(!window->findChild<QMessageBox *>(QStringLiteral("notSavedMessage")));
        // WHEN the file is back
        QVERIFY(QFile::rename(away, m_board));
        // THEN both are saved, once each, in order, and the banner goes
        QVERIFY(saved(*window));
        QTRY_VERIFY_WITH_TIMEOUT(banner->isHidden(), 5000);
        QCOMPARE(storedCard(first).priority, wanted);
        QCOMPARE(storedColumnOf(second), 1);
        QStringList kinds;
        for (const storage::Event &event : storeAs()->eventsSince(seqBefore).value())
            kinds << QStringLiteral("%1 %2")
                             .arg(event.kind)
                             .arg(event.cardId == first ? QStringLiteral("first") : QStringLiteral("second"));
        QCOMPARE(kinds, (QStringList{QStringLiteral("card.updated first"), QStringLiteral("card.moved second")}));
        QVERIFY(!window->findChild<QMessageBox *>(QStringLiteral("notSavedMessage")));
    }

    void shouldRememberBoardsAndGeometryAndSaveCopies()
    {
        {
            auto window = openDemo();
            QVERIFY(window);
            window->resize(760, 540);
            // the board is remembered as the last and most recent one
            QCOMPARE(app::RecentBoards::last(), QFileInfo(m_board).absoluteFilePath());
            QCOMPARE(app::RecentBoards::boards().value(0), QFileInfo(m_board).absoluteFilePath());
            // Save a Copy writes a consistent board that opens on its own, and never overwrites
            const QString copy = m_dir.filePath(QStringLiteral("copy.helpboard"));
            QSignalSpy made(window.get(), &app::MainWindow::copySaved);
            window->saveCopyTo(copy);
            QVERIFY(made.wait(10000));
            QCOMPARE(made.constFirst(), (QVariantList{copy, true}));
            auto copied = storage::BoardStore::open(copy, tests::optionsFor(QStringLiteral("alice")));
            QVERIFY(copied);
            QCOMPARE(copied.value()->cards()->size(), window->model()->cardCount());
            // the card panel is made narrower by its splitter
            openFirstCard(*window, 0);
            auto *splitter = window->findChild<QSplitter *>(QStringLiteral("boardSplitter"));
            QVERIFY(window->findChild<QWidget *>(QStringLiteral("cardEditor"))->isVisible());
            const int width = splitter->width();
            splitter->setSizes({width - 300, 300});
            QCOMPARE(splitter->sizes().constLast(), 300);
            window->close();
        }
        // the next window comes back at the size it was left, and so does the card panel
        auto again = openDemo();
        QVERIFY(again);
        QCOMPARE(again->size(), QSize(760, 540));
        openFirstCard(*again, 0);
        QCOMPARE(again->findChild<QSplitter *>(QStringLiteral("boardSplitter"))->sizes().constLast(), 300);
        // a board whose name has "&" in it is listed under Open Recent by that name, not with a shortcut letter
        const QString rnd = m_dir.filePath(QStringLiteral("R&D.helpboard"));
        QSignalSpy rndCopied(again.get(), &app::MainWindow::copySaved);
        again->saveCopyTo(rnd);
        QVERIFY(rndCopied.wait(10000));
        QCOMPARE(rndCopied.constFirst(), (QVariantList{rnd, true}));
        app::MainWindow rndWindow(storage::BoardStore::open(rnd, tests::optionsFor(QStringLiteral("alice"))).value());
        auto *recent = rndWindow.findChild<QMenu *>(QStringLiteral("recentMenu"));
        QVERIFY(recent && !recent->actions().isEmpty());
        QCOMPARE(recent->actions().constFirst()->text(), QStringLiteral("R&&D.helpboard"));
        QCOMPARE(recent->actions().constFirst()->toolTip(), QFileInfo(rnd).absoluteFilePath());
        // a size left on a bigger screen, or at a smaller scale, comes back inside this screen, title bar and all
        const QRect room = again->screen()->availableGeometry();
        again->resize(room.size() + QSize(600, 400));
        again->close();
        again.reset();
        auto fitted = openDemo();
        QVERIFY(fitted);
        QVERIFY2(room.contains(fitted->geometry()), qPrintable(QStringLiteral("%1x%2 at %3,%4 on a %5x%6 screen")
                                                                       .arg(fitted->width())
                                                                       .arg(fitted->height())
                                                                       .arg(fitted->x())
                                                                       .arg(fitted->y())
                                                                       .arg(room.width())
                                                                       .arg(room.height())));
        QVERIFY(fitted->height() <= room.height() - 40);
    }

    void shouldSayAboveTheBoardWhyItCannotBeChanged_data()
    {
        QTest::addColumn<QString>("login");
        QTest::addColumn<bool>("walFile");
        QTest::addColumn<QString>("says");
        QTest::newRow("an editor") << QStringLiteral("alice") << false << QString();
        QTest::newRow("a viewer") << QStringLiteral("margaret") << false << QStringLiteral("You are a viewer of");
        // a file another program switched to WAL opens read-only, as an unwritable file or share does
        QTest::newRow("a read-only board")
                << QStringLiteral("alice") << true << QStringLiteral("This board is read-only: ");
    }

    void shouldSayAboveTheBoardWhyItCannotBeChanged()
    {
        QFETCH(QString, login);
        QFETCH(bool, walFile);
        QFETCH(QString, says);
        QString path = m_board;
        if (walFile) {
            path = m_dir.filePath(QStringLiteral("wal.helpboard"));
            QFile::remove(path);
            QVERIFY(storeAs()->backupTo(path));
            const tests::RawResult switched = tests::rawSql(path, {QStringLiteral("PRAGMA journal_mode = WAL")});
            QVERIFY2(switched.error.isEmpty(), qPrintable(switched.error));
        }
        app::MainWindow window(storage::BoardStore::open(path, tests::optionsFor(login)).value());
        window.resize(1100, 700);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        auto *banner = window.findChild<QLabel *>(QStringLiteral("boardBanner"));
        QVERIFY(banner);
        QCOMPARE(banner->isVisible(), !says.isEmpty());
        // New Ticket, from the menu, the toolbar and the column menu, is there only for who may add one
        auto *newTicket = window.findChild<QAction *>(QStringLiteral("newTicket"));
        QVERIFY(newTicket);
        QCOMPARE(newTicket->isEnabled(), says.isEmpty());
        bool inColumnMenu = false;
        for (QAction *action : window.findChild<board::BoardView *>(QStringLiteral("boardView"))->columnActions(1)) {
            if (action->objectName() == u"newTicketHere") {
                inColumnMenu = true;
                QCOMPARE(action->isEnabled(), says.isEmpty());
            }
        }
        QVERIFY(inColumnMenu);
        if (says.isEmpty())
            return;
        QVERIFY2(banner->text().startsWith(says), qPrintable(banner->text()));
        QVERIFY2(banner->text().contains(QFileInfo(path).fileName()), qPrintable(banner->text()));
        QCOMPARE(banner->textFormat(), Qt::PlainText);
        // above the filter bar, across the board
        auto *bar = window.findChild<QWidget *>(QStringLiteral("filterBar"));
        QVERIFY(banner->geometry().bottom() <= bar->geometry().top());
        QCOMPARE(window.actions(), nullptr); // and nothing can be changed
    }

    void shouldFollowThePaletteWhenTheDesktopChangesIt()
    {
        auto window = openDemo();
        QVERIFY(window);
        auto *board = window->findChild<board::BoardView *>(QStringLiteral("boardView"));
        QLabel *count = board->columnCount(0); // "10": not over a limit, so in the quiet colour
        const QPalette original = QApplication::palette();
        QCOMPARE(count->palette().color(QPalette::WindowText), original.color(QPalette::PlaceholderText));
        // WHEN the desktop switches to its dark theme while the board is open
        QApplication::setPalette(tests::darkPalette());
        // THEN the header counts take the dark theme's colour, not stay in the light one's
        QTRY_COMPARE(count->palette().color(QPalette::WindowText),
                     tests::darkPalette().color(QPalette::PlaceholderText));
        QApplication::setPalette(original);
        QTRY_COMPARE(count->palette().color(QPalette::WindowText), original.color(QPalette::PlaceholderText));
    }

    void shouldBackUpDailyAndOnRequestAndCheckTheBoard()
    {
        auto window = openDemo();
        QVERIFY(window);
        auto store = storeAs();
        const QDir folder(store->backupFolder());
        QVERIFY(QDir(folder).removeRecursively() || !folder.exists());
        const QString base = QFileInfo(m_board).completeBaseName();
        // WHEN the board has been open a while, THEN today's copy is made, in the background, and said
        window->backups()->setFirstDelay(0);
        const QString today = folder.filePath(
                QStringLiteral("%1 %2.helpboard").arg(base, QDate::currentDate().toString(Qt::ISODate)));
        QTRY_VERIFY_WITH_TIMEOUT(QFile::exists(today), 10000);
        QTRY_VERIFY(window->statusBar()->currentMessage().contains(today));
        QCOMPARE(storage::BoardStore::open(today, tests::optionsFor(QStringLiteral("alice"))).value()->cards()->size(),
                 window->model()->cardCount());
        // AND the next day's copy is looked for a few minutes after midnight, if the window is still open then
        const QDateTime clock = QDateTime::currentDateTime();
        const qint64 toMidnight = clock.msecsTo(QDateTime(clock.date().addDays(1), QTime(0, 0)));
        QVERIFY2(window->backups()->nextDayIn() > toMidnight - 60'000
                         && window->backups()->nextDayIn() <= toMidnight + app::Backups::s_nextDayJitterMs,
                 qPrintable(QString::number(window->backups()->nextDayIn())));
        // WHEN File > Back Up Now, THEN a copy named by the time is there too
        auto *now = window->findChild<QAction *>(QStringLiteral("backUpNow"));
        QVERIFY(now);
        now->trigger();
        QTRY_COMPARE_WITH_TIMEOUT(folder.entryList({QStringLiteral("*.helpboard")}, QDir::Files).size(), 2, 10000);
        QTRY_VERIFY(window->statusBar()->currentMessage().startsWith(QStringLiteral("Backed up the board to")));
        // WHEN File > Check Board, THEN it says the board is sound
        auto *check = window->findChild<QAction *>(QStringLiteral("checkBoard"));
        QVERIFY(check);
        check->trigger();
        QMessageBox *result = nullptr;
        QTRY_VERIFY_WITH_TIMEOUT((result = window->findChild<QMessageBox *>(QStringLiteral("checkBoardResult"))),
                                 10000);
        QCOMPARE(result->textFormat(), Qt::PlainText);
        QCOMPARE(result->text(), QStringLiteral("%1 is sound: no problems found.").arg(QFileInfo(m_board).fileName()));
        result->close();
    }

    void shouldShowOtherPeoplesChangesAfterReload()
    {
        auto window = openDemo();
        QVERIFY(window);
        auto *board = window->findChild<board::BoardView *>(QStringLiteral("boardView"));
        const int before = board->columnCount(0)->text().toInt();

        // GIVEN a colleague adds a card from the command line (here: another connection)
        storage::StoreOptions options;
        options.login = QStringLiteral("ben");
        auto other = storage::BoardStore::open(m_board, options).value();
        storage::NewCard card;
        card.columnId = other->columns()->constFirst().id;
        card.title = QStringLiteral("<b>Keyboard</b> missing keys");
        QVERIFY(other->createCard(card));

        // WHEN the user reloads with F5
        QTest::keyClick(window.get(), Qt::Key_F5);

        // THEN the column shows it, title as typed, and the header counts it
        QCOMPARE(board->columnCount(0)->text().toInt(), before + 1);
        QListView *todo = board->columnView(0);
        const QModelIndex last = todo->model()->index(before, 0, todo->rootIndex());
        QCOMPARE(last.data().toString(), card.title);
        QVERIFY(todo->visualRect(last).height() > 0);
    }

    void shouldRenderScreenshots_data()
    {
        QTest::addColumn<bool>("dark");
        QTest::addColumn<QSize>("size");
        QTest::addColumn<bool>("card");  ///< with a card open beside the board
        QTest::addColumn<int>("scroll"); ///< the full card, scrolled to the top (0) or down to its end (1)
        QTest::newRow("light 1280x800") << false << QSize(1280, 800) << false << -1;
        QTest::newRow("dark 1280x800") << true << QSize(1280, 800) << false << -1;
        QTest::newRow("light 1920x1080") << false << QSize(1920, 1080) << true << -1;
        QTest::newRow("dark 1920x1080") << true << QSize(1920, 1080) << true << -1;
        QTest::newRow("full card light top") << false << QSize(1600, 1000) << true << 0;
        QTest::newRow("full card light end") << false << QSize(1600, 1000) << true << 1;
        QTest::newRow("full card dark top") << true << QSize(1600, 1000) << true << 0;
    }

    void shouldRenderScreenshots()
    {
        // Screenshots for people to look at, kept as test artifacts (not compared pixel by pixel).
        QFETCH(bool, dark);
        QFETCH(QSize, size);
        QFETCH(bool, card);
        QFETCH(int, scroll);
        const QPalette original = QApplication::palette();
        if (dark)
            QApplication::setPalette(tests::darkPalette());
        static qint64 fullCard = 0;
        if (scroll >= 0 && !fullCard)
            fullCard = addFullCard();
        auto window = openDemo(size);
        QVERIFY(window);
        if (scroll >= 0) {
            auto *board = window->findChild<board::BoardView *>(QStringLiteral("boardView"));
            QListView *doing = board->columnView(1);
            doing->setFocus();
            doing->setCurrentIndex(board->cardIndex(fullCard));
            QTest::keyClick(doing, Qt::Key_Return);
            auto *splitter = window->findChild<QSplitter *>(QStringLiteral("boardSplitter"));
            splitter->setSizes({size.width() - 560, 560});
            // THEN it shows all of it: 12 items, 4 attachments (the picture's thumbnail read in the background)
            auto *editor = window->findChild<QWidget *>(QStringLiteral("cardEditor"));
            QCOMPARE(editor->findChild<QListView *>(QStringLiteral("checklistView"))->model()->rowCount(), 12);
            QAbstractItemModel *attachments =
                    editor->findChild<QListView *>(QStringLiteral("attachmentsView"))->model();
            QCOMPARE(attachments->rowCount(), 4);
            QTRY_VERIFY(!attachments->index(0, 0).data(Qt::DecorationRole).value<QImage>().isNull());
            QVERIFY(saved(*window));
            auto *scrollArea = window->findChild<QWidget *>(QStringLiteral("cardEditor"))->findChild<QScrollArea *>();
            QApplication::processEvents();
            scrollArea->verticalScrollBar()->setValue(scroll ? scrollArea->verticalScrollBar()->maximum() : 0);
        } else if (card) {
            openFirstCard(*window, 1); // one with a checklist and comments
            // and, in the dark one, its history
            if (dark)
                window->findChild<QToolButton *>(QStringLiteral("historyToggle"))->click();
        }
        const QImage image = window->grab().toImage();
        QCOMPARE(image.deviceIndependentSize().toSize(), size); // at any QT_SCALE_FACTOR
        const QString shot =
                QDir::current().filePath(QStringLiteral("mainwindow-%1-%2x%3%4.png")
                                                 .arg(dark ? QStringLiteral("dark") : QStringLiteral("light"))
                                                 .arg(size.width())
                                                 .arg(size.height())
                                                 .arg(scroll < 0 ? QString()
                                                      : scroll   ? QStringLiteral("-fullcard-end")
                                                                 : QStringLiteral("-fullcard")));
        QVERIFY(image.save(shot));
        qInfo("screenshot: %s", qPrintable(shot));
        QApplication::setPalette(original);
    }
};

QTEST_MAIN(tst_MainWindow)
#include "tst_mainwindow.moc"
