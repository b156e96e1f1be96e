// SPDX-License-Identifier: GPL-3.0-or-later
// The keys the menus advertise, pressed as a person presses them, on a real X server (xcb): its keyboard scheme is
// the one technicians have, where Redo already is Ctrl+Shift+Z.
#include "demowindowtestcase.h"

#include <board/actions/boardactions.h>
#include <board/widgets/board/boardview.h>
#include <board/widgets/cardeditor/cardeditor.h>
#include <board/widgets/cardeditor/titleedit.h>
#include <board/widgets/common/labelbutton.h>
#include <board/widgets/dialogs/helpwindows.h>
#include <board/widgets/dialogs/labelsdialog.h>

#include <QAbstractItemModelTester>
#include <QAction>
#include <QHash>
#include <QLineEdit>
#include <QListView>
#include <QMenu>
#include <QMessageBox>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QSortFilterProxyModel>
#include <QStatusBar>
#include <QTest>
#include <QTextBrowser>
#include <QTimer>
#include <QUndoStack>

using namespace hb;

namespace {

/// The window whose keys an action takes: its owner's, menus being part of the window they drop from.
const QWidget *windowOf(const QAction *action)
{
    for (const QObject *object = action->parent(); object; object = object->parent()) {
        const auto *widget = qobject_cast<const QWidget *>(object);
        if (widget && widget->isWindow() && !qobject_cast<const QMenu *>(widget))
            return widget;
    }
    return nullptr;
}

/// Keys that two actions of one window (or one action twice) claim: Qt calls them ambiguous and triggers neither.
QStringList clashingKeys(const QWidget &window)
{
    QHash<QKeySequence, QString> owner;
    QStringList clashes;
    QList<QAction *> actions = window.findChildren<QAction *>();
    for (QAction *action : window.actions())
        if (!actions.contains(action))
            actions.append(action);
    for (const QAction *action : std::as_const(actions)) {
        if (windowOf(action) != &window || action->shortcutContext() == Qt::WidgetShortcut
            || action->shortcutContext() == Qt::WidgetWithChildrenShortcut)
            continue;
        for (const QKeySequence &key : action->shortcuts()) {
            const QString name = action->text().isEmpty() ? action->objectName() : action->text();
            if (owner.contains(key))
                clashes << QStringLiteral("%1: %2 and %3").arg(key.toString(), owner.value(key), name);
            owner.insert(key, name);
        }
    }
    return clashes;
}

} // namespace

class TestShortcuts : public tests::DemoWindowTestCase
{
    Q_OBJECT

    /// The demo board's window, made the active one: shortcuts reach the active window only, and Xvfb has no window
    /// manager to activate it. Null if it could not be opened or activated.
    std::unique_ptr<app::MainWindow> openActiveDemo()
    {
        auto window = openDemo();
        if (!window)
            return {};
        window->activateWindow();
        if (!QTest::qWaitForWindowActive(window.get()))
            return {};
        return window;
    }

private Q_SLOTS:
    void initTestCase() { setUpDemo(); }

    void init()
    {
        // Qt says "Ambiguous shortcut overload" when a key reaches two actions, and then does nothing at all.
        QTest::failOnWarning(QRegularExpression(QStringLiteral("[Aa]mbiguous shortcut")));
    }

    void shouldRedoWithEveryKeyPeopleExpect_data()
    {
        QTest::addColumn<Qt::Key>("key");
        QTest::addColumn<Qt::KeyboardModifiers>("modifiers");
        QTest::newRow("Ctrl+Shift+Z") << Qt::Key_Z << (Qt::ControlModifier | Qt::ShiftModifier);
        QTest::newRow("Ctrl+Y") << Qt::Key_Y << Qt::KeyboardModifiers(Qt::ControlModifier);
    }

    void shouldRedoWithEveryKeyPeopleExpect()
    {
        QFETCH(Qt::Key, key);
        QFETCH(Qt::KeyboardModifiers, modifiers);
        auto window = openActiveDemo();
        QVERIFY(window);
        QListView *todo = window->findChild<board::BoardView *>(QStringLiteral("boardView"))->columnView(0);
        todo->setFocus();
        todo->setCurrentIndex(todo->model()->index(0, 0, todo->rootIndex()));
        const qint64 id = todo->currentIndex().data(board::BoardModel::IdRole).toLongLong();

        // GIVEN a card moved to Doing with Ctrl+Right and the move undone with Ctrl+Z
        QTest::keyClick(todo, Qt::Key_Right, Qt::ControlModifier);
        QVERIFY(saved(*window));
        QCOMPARE(storedColumnOf(id), 1);
        QTest::keyClick(window.get(), Qt::Key_Z, Qt::ControlModifier);
        QVERIFY(saved(*window));
        QCOMPARE(storedColumnOf(id), 0);

        // WHEN the redo key is pressed, THEN the card is in Doing again, in the file
        QTest::keyClick(QApplication::focusWidget(), key, modifiers);
        QVERIFY(saved(*window));
        QCOMPARE(storedColumnOf(id), 1);
        QVERIFY(!window->undoStack()->canRedo());
        window->undoStack()->undo();
        QVERIFY(saved(*window));
    }

    void shouldOpenANewTicketForItsDetailsWithCtrlN_data()
    {
        QTest::addColumn<int>(
                "focusColumn");          ///< where the keyboard is when Ctrl+N is pressed (-1: nowhere on the board)
        QTest::addColumn<int>("column"); ///< where the ticket lands
        QTest::newRow("from the board's start") << -1 << 0;
        QTest::newRow("from Doing") << 1 << 1;
    }

    void shouldOpenANewTicketForItsDetailsWithCtrlN()
    {
        QFETCH(int, focusColumn);
        QFETCH(int, column);
        auto window = openActiveDemo();
        QVERIFY(window);
        auto *board = window->findChild<board::BoardView *>(QStringLiteral("boardView"));
        if (focusColumn >= 0)
            board->columnView(focusColumn)->setFocus();
        const int before = int(storeAs()->cards().value().size());
        QSignalSpy created(board, &board::BoardView::ticketCreated);

        // WHEN Ctrl+N, THEN a ticket is saved in that column and its editor opens, the title selected
        QTest::keyClick(QApplication::focusWidget() ? QApplication::focusWidget() : window.get(), Qt::Key_N,
                        Qt::ControlModifier);
        QVERIFY(created.wait(5000));
        const qint64 id = created.first().first().toLongLong();
        QCOMPARE(int(storeAs()->cards().value().size()), before + 1);
        QCOMPARE(storedColumnOf(id), column);
        auto *editor = window->findChild<board::CardEditor *>(QStringLiteral("cardEditor"));
        QVERIFY(editor->isVisible());
        QCOMPARE(editor->cardId(), id);
        auto *title = editor->findChild<board::TitleEdit *>(QStringLiteral("titleEdit"));
        QTRY_VERIFY(title->hasFocus());
        QCOMPARE(title->selectedText(), QStringLiteral("New ticket"));

        // AND what is typed replaces the title; Tab goes on to the next field and the title is saved
        QTest::keyClicks(title, QStringLiteral("Printer jams on 3rd floor"));
        QTest::keyClick(title, Qt::Key_Tab);
        QCOMPARE(QApplication::focusWidget()->objectName(), QStringLiteral("priorityBox"));
        QVERIFY(saved(*window));
        QCOMPARE(storedCard(id).title, QStringLiteral("Printer jams on 3rd floor"));
        // AND one Ctrl+Z at a time takes back the title, then the ticket
        window->undoStack()->undo();
        window->undoStack()->undo();
        QVERIFY(saved(*window));
        QCOMPARE(int(storeAs()->cards().value().size()), before);
    }

    void shouldSayWhichCardAnUndoChangedAndShowIt()
    {
        auto window = openActiveDemo();
        QVERIFY(window);
        auto *board = window->findChild<board::BoardView *>(QStringLiteral("boardView"));
        // GIVEN card A's priority changed, and then card B opened (the editor shows B)
        QListView *todo = board->columnView(0);
        const QModelIndex a = todo->model()->index(3, 0, todo->rootIndex());
        const qint64 idA = a.data(board::BoardModel::IdRole).toLongLong();
        const QString titleA = a.data().toString();
        const storage::Priority before = storedCard(idA).priority;
        storage::CardPatch patch;
        patch.priority = before == storage::Priority::Critical ? storage::Priority::Low : storage::Priority::Critical;
        QVERIFY(window->actions()->editCard(idA, patch, QStringLiteral("Set Priority")));
        QVERIFY(saved(*window));
        const qint64 idB = openFirstCard(*window, 1);
        auto *editor = window->findChild<board::CardEditor *>(QStringLiteral("cardEditor"));
        QTRY_COMPARE(editor->cardId(), idB);
        QListView *doing = board->columnView(1);
        doing->setFocus(); // the keys on the board, not in a text field (which has its own undo)

        // WHEN Ctrl+Z
        QTest::keyClick(doing, Qt::Key_Z, Qt::ControlModifier);
        QVERIFY(saved(*window));
        // THEN card A is changed back, the status bar says so naming it, and A is selected and shown
        QCOMPARE(storedCard(idA).priority, before);
        const QString said = window->statusBar()->currentMessage();
        QVERIFY2(said == QStringLiteral("Undone: Set Priority on #%1 “%2”").arg(idA).arg(titleA), qPrintable(said));
        QCOMPARE(todo->currentIndex().data(board::BoardModel::IdRole).toLongLong(), idA);
        QVERIFY(todo->viewport()->rect().intersects(todo->visualRect(todo->currentIndex())));
        QCOMPARE(editor->cardId(), idB); // the open card stays open

        // AND redo says it too
        QTest::keyClick(QApplication::focusWidget(), Qt::Key_Y, Qt::ControlModifier);
        QVERIFY(saved(*window));
        QCOMPARE(storedCard(idA).priority, *patch.priority);
        QVERIFY(window->statusBar()->currentMessage().startsWith(
                QStringLiteral("Redone: Set Priority on #%1").arg(idA)));
        window->undoStack()->undo();
        QVERIFY(saved(*window));
    }

    void shouldFindEveryKeyInHelp_data()
    {
        QTest::addColumn<QString>("search");
        QTest::addColumn<QString>("action"); ///< what the first row found says
        QTest::addColumn<QString>("keys");
        QTest::newRow("redo by name") << QStringLiteral("redo") << QStringLiteral("Redo")
                                      << QStringLiteral("Ctrl+Shift+Z or Ctrl+Y");
        QTest::newRow("new ticket by key")
                << QStringLiteral("ctrl+n") << QStringLiteral("New Ticket") << QStringLiteral("Ctrl+N");
        QTest::newRow("a board key") << QStringLiteral("rename the card") << QStringLiteral("Rename the card in place")
                                     << QStringLiteral("F2");
        QTest::newRow("by menu") << QStringLiteral("help") << QStringLiteral("User Guide") << QStringLiteral("F1");
    }

    void shouldFindEveryKeyInHelp()
    {
        QFETCH(QString, search);
        QFETCH(QString, action);
        QFETCH(QString, keys);
        auto window = openActiveDemo();
        QVERIFY(window);

        // WHEN Ctrl+/ is pressed, THEN the shortcuts open, every key of the menus listed
        QTest::keyClick(window.get(), Qt::Key_Slash, Qt::ControlModifier);
        auto *dialog = window->findChild<board::ShortcutsDialog *>(QStringLiteral("shortcutsDialog"));
        QVERIFY(dialog);
        QTRY_VERIFY(dialog->isVisible());
        QAbstractItemModelTester tester(dialog->shownModel(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        int menuKeys = 0;
        for (QAction *each : window->findChildren<QAction *>()) {
            if (!each->shortcuts().isEmpty() && !each->associatedObjects().isEmpty()
                && qobject_cast<QMenu *>(each->associatedObjects().constFirst()))
                ++menuKeys;
        }
        QVERIFY(menuKeys >= 10);
        QVERIFY(dialog->shownModel()->rowCount() >= menuKeys + int(board::ShortcutsDialog::boardKeys().size()));

        // AND typing narrows it to what matches
        auto *field = dialog->findChild<QLineEdit *>(QStringLiteral("shortcutSearch"));
        QCOMPARE(dialog->focusWidget(), field); // typing searches at once
        QTest::keyClicks(field, search);
        QVERIFY(dialog->shownModel()->rowCount() >= 1);
        QCOMPARE(dialog->shownModel()->index(0, 0).data().toString(), action);
        QCOMPARE(dialog->shownModel()->index(0, 1).data().toString(), keys);
        dialog->close();
    }

    void shouldOpenTheGuideWithF1AndSayTheVersionsInAbout()
    {
        auto window = openActiveDemo();
        QVERIFY(window);
        QTest::keyClick(window.get(), Qt::Key_F1);
        auto *guide = window->findChild<board::UserGuideDialog *>(QStringLiteral("userGuide"));
        QVERIFY(guide);
        QTRY_VERIFY(guide->isVisible());
        auto *text = guide->findChild<QTextBrowser *>(QStringLiteral("userGuideText"));
        QVERIFY(text->toPlainText().startsWith(u"HelpBoard in five minutes"));
        QVERIFY(text->toPlainText().contains(u"Ctrl+N"));
        guide->close();

        // About says the program's, Qt's and SQLite's versions and the board format
        QString about;
        QTimer::singleShot(0, window.get(), [&] {
            auto *box = window->findChild<QMessageBox *>(QStringLiteral("aboutBox"));
            if (!box)
                return;
            about = box->text() + u'\n' + box->informativeText();
            box->close();
        });
        window->findChild<QAction *>(QStringLiteral("aboutAction"))->trigger();
        QVERIFY2(about.startsWith(u"HelpBoard " + QCoreApplication::applicationVersion()), qPrintable(about));
        QVERIFY2(about.contains(u"Qt 6.") && about.contains(u"SQLite 3.")
                         && about.contains(QStringLiteral("board format %1").arg(storage::BoardStore::formatVersion())),
                 qPrintable(about));
    }

    void shouldGiveEveryKeyOneActionInEachWindow()
    {
        auto window = openDemo();
        QVERIFY(window);
        QVERIFY2(clashingKeys(*window).isEmpty(), qPrintable(clashingKeys(*window).join(u"; ")));

        // AND in the labels dialog, opened from a card, which undoes on the same stack
        QVERIFY(openFirstCard(*window));
        auto *editor = window->findChild<board::CardEditor *>();
        QVERIFY(editor);
        QTRY_VERIFY(editor->isVisible());
        auto *button = editor->findChild<board::LabelButton *>(QStringLiteral("labelsButton"));
        QVERIFY(button);
        QMenu *menu = button->menu();
        menu->popup(button->mapToGlobal(QPoint(0, button->height())));
        menu->findChild<QAction *>(QStringLiteral("manageLabels"))->trigger();
        menu->close();
        auto *labels = editor->findChild<board::LabelsDialog *>(QStringLiteral("labelsDialog"));
        QVERIFY(labels);
        QVERIFY(QTest::qWaitForWindowExposed(labels));
        QVERIFY2(clashingKeys(*labels).isEmpty(), qPrintable(clashingKeys(*labels).join(u"; ")));
        QVERIFY2(clashingKeys(*window).isEmpty(), qPrintable(clashingKeys(*window).join(u"; ")));
        labels->close();
    }
};

QTEST_MAIN(TestShortcuts)
#include "tst_shortcuts.moc"
