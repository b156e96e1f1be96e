// SPDX-License-Identifier: GPL-3.0-or-later
#include "demowindowtestcase.h"

#include <board/model/boardmodel.h>
#include <board/rules/cardfields.h>
#include <board/sync/boardpoller.h>
#include <board/widgets/board/boardview.h>
#include <board/widgets/cardeditor/cardeditor.h>
#include <board/widgets/cardeditor/titleedit.h>
#include <board/widgets/dialogs/conflictdialog.h>

#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QTest>
#include <QUndoStack>

using namespace hb;

Q_DECLARE_METATYPE(storage::CardPatch)

namespace {

storage::CardPatch titled(const QString &title)
{
    storage::CardPatch patch;
    patch.title = title;
    return patch;
}

} // namespace

/**
 * Two people change one card at once: different fields both stay, the same field is a choice for the second saver
 * (theirs, mine, or mine edited), and nothing is overwritten unseen. The colleague is a second connection to the
 * board file; the window sees their change through its own poller.
 */
class tst_Conflicts : public tests::DemoWindowTestCase
{
    Q_OBJECT

    std::unique_ptr<app::MainWindow> m_window;
    board::CardEditor *m_editor = nullptr;
    qint64 m_id = 0;

    template<typename T>
    T *field(const char *name) const
    {
        return m_editor->findChild<T *>(QLatin1String(name));
    }

    bool saved() const { return tests::DemoWindowTestCase::saved(*m_window); }

    /// Ben changes the open card through a connection of his own.
    void colleagueChanges(const storage::CardPatch &patch)
    {
        auto ben = storeAs(QStringLiteral("ben"));
        QVERIFY(ben->updateCard(m_id, patch));
    }

    /// The window has read the colleague's change (its poller asked the file).
    bool seen(const std::function<bool(const storage::Card &)> &shows) const
    {
        m_window->poller()->poll();
        return QTest::qWaitFor([&] {
            const storage::Card *card = m_window->model()->cardAt(m_window->model()->cardIndex(m_id));
            return card && shows(*card);
        });
    }

    board::ConflictDialog *conflictDialog() const
    {
        board::ConflictDialog *dialog = nullptr;
        const bool shown = QTest::qWaitFor([&] {
            dialog = m_window->findChild<board::ConflictDialog *>(QStringLiteral("conflictDialog"));
            return dialog && dialog->isVisible();
        });
        return shown ? dialog : nullptr;
    }

private Q_SLOTS:
    void initTestCase() { setUpDemo(); }

    void init()
    {
        m_window = openDemo(QSize(1400, 900));
        QVERIFY(m_window);
        // The tests poll when they want the window to see a colleague's change, not once a second.
        m_window->poller()->setInterval(3'600'000);
        m_id = openFirstCard(*m_window);
        QVERIFY(m_id);
        m_editor = m_window->findChild<board::CardEditor *>(QStringLiteral("cardEditor"));
        QVERIFY(m_editor && m_editor->isVisible());
        QCOMPARE(m_editor->cardId(), m_id);
    }

    void cleanup()
    {
        if (m_window)
            QVERIFY(saved());
        m_window.reset();
    }

    void shouldMergeOrSetApartEachField_data()
    {
        QTest::addColumn<storage::CardPatch>("from");
        QTest::addColumn<storage::CardPatch>("to");
        QTest::addColumn<QString>("fileTitle");
        QTest::addColumn<bool>("saves");
        QTest::addColumn<QStringList>("conflicting");
        const QString same = QStringLiteral("Printer jam");
        QTest::newRow("only I changed it")
                << titled(same) << titled(QStringLiteral("Mine")) << same << true << QStringList();
        QTest::newRow("both set the same")
                << titled(same) << titled(QStringLiteral("Mine")) << QStringLiteral("Mine") << false << QStringList();
        QTest::newRow("both changed it") << titled(same) << titled(QStringLiteral("Mine")) << QStringLiteral("Theirs")
                                         << false << QStringList{QStringLiteral("title")};
        QTest::newRow("a field I did not start from") << storage::CardPatch() << titled(QStringLiteral("Mine"))
                                                      << QStringLiteral("Theirs") << true << QStringList();
    }

    void shouldMergeOrSetApartEachField()
    {
        QFETCH(storage::CardPatch, from);
        QFETCH(storage::CardPatch, to);
        QFETCH(QString, fileTitle);
        QFETCH(bool, saves);
        QFETCH(QStringList, conflicting);
        storage::Card current;
        current.id = 7;
        current.title = fileTitle;
        current.updatedBy = QStringLiteral("ben");
        const board::CardMerge merged = board::merge(current, from, to);
        QCOMPARE(merged.save.title.has_value(), saves);
        QCOMPARE(merged.conflicting, conflicting);
        QCOMPARE(merged.conflict.theirs.title.has_value(), !conflicting.isEmpty());
        if (!conflicting.isEmpty()) {
            QCOMPARE(*merged.conflict.theirs.title, fileTitle);
            QCOMPARE(*merged.conflict.mine.title, QStringLiteral("Mine"));
            QCOMPARE(merged.conflict.changedBy, QStringLiteral("ben"));
        }
    }

    void shouldOfferTheChoiceWhenBothChangedAField_data()
    {
        QTest::addColumn<QString>("choice");
        QTest::addColumn<storage::Priority>("kept");
        QTest::newRow("Escape keeps theirs") << QStringLiteral("escape") << storage::Priority::Low;
        QTest::newRow("Keep Theirs") << QStringLiteral("keepTheirs") << storage::Priority::Low;
        QTest::newRow("Keep Mine") << QStringLiteral("keepMine") << storage::Priority::Critical;
        QTest::newRow("Enter keeps mine") << QStringLiteral("enter") << storage::Priority::Critical;
    }

    void shouldOfferTheChoiceWhenBothChangedAField()
    {
        QFETCH(QString, choice);
        QFETCH(storage::Priority, kept);
        auto *priority = field<QComboBox>("priorityBox");
        // GIVEN the card at Normal priority, here too
        storage::CardPatch start;
        start.priority = storage::Priority::Normal;
        colleagueChanges(start);
        QVERIFY(seen([](const storage::Card &card) { return card.priority == storage::Priority::Normal; }));
        QCOMPARE(priority->currentText(), QStringLiteral("Normal"));
        // AND Ben sets it to Low, and this window has not seen that yet
        storage::CardPatch theirs;
        theirs.priority = storage::Priority::Low;
        colleagueChanges(theirs);
        QSignalSpy conflicted(m_window->actions(), &board::BoardActions::conflicted);
        QSignalSpy failed(m_window->actions(), &board::BoardActions::failed);
        // WHEN I pick Critical
        priority->setFocus();
        QTest::keyClick(priority, Qt::Key_Home);
        QCOMPARE(priority->currentText(), QStringLiteral("Critical"));
        QVERIFY(saved());
        // THEN the file keeps theirs, and I see both values, named, with who changed it
        QCOMPARE(conflicted.count(), 1);
        QCOMPARE(failed.count(), 0);
        QCOMPARE(storedCard(m_id).priority, storage::Priority::Low);
        board::ConflictDialog *dialog = conflictDialog();
        QVERIFY(dialog);
        QCOMPARE(dialog->findChild<QLabel *>(QStringLiteral("theirs-0"))->text(), QStringLiteral("Low"));
        QCOMPARE(dialog->findChild<QLabel *>(QStringLiteral("mine-0"))->text(), QStringLiteral("Critical"));
        const QString heading = dialog->findChild<QLabel *>(QStringLiteral("conflictHeading"))->text();
        QVERIFY2(heading.contains(QStringLiteral("Ben")) && heading.contains(QStringLiteral("priority")),
                 qPrintable(heading));
        // a choice, not a field: nothing to edit
        QVERIFY(!dialog->findChild<QPushButton *>(QStringLiteral("editMine"))->isVisible());
        // WHEN I choose
        if (choice == u"escape")
            QTest::keyClick(dialog, Qt::Key_Escape);
        else if (choice == u"enter")
            QTest::keyClick(dialog, Qt::Key_Return);
        else
            QTest::mouseClick(dialog->findChild<QPushButton *>(choice), Qt::LeftButton);
        QVERIFY(!dialog->isVisible());
        QVERIFY(saved());
        // THEN the card keeps what I chose, in the file and in the editor
        QCOMPARE(storedCard(m_id).priority, kept);
        QCOMPARE(priority->currentData().toInt(), int(kept));
        // AND keeping mine is a step I can undo, back to theirs
        if (kept == storage::Priority::Critical) {
            QCOMPARE(m_window->undoStack()->undoText(), QStringLiteral("Resolve Conflict"));
            m_window->undoStack()->undo();
            QVERIFY(saved());
            QCOMPARE(storedCard(m_id).priority, storage::Priority::Low);
        }
    }

    void shouldKeepTheMergedPartOfAnEditUndoable_data()
    {
        QTest::addColumn<QString>("choice");
        QTest::addColumn<storage::Priority>("kept");
        QTest::newRow("Keep Theirs") << QStringLiteral("keepTheirs") << storage::Priority::Low;
        QTest::newRow("Keep Mine") << QStringLiteral("keepMine") << storage::Priority::Critical;
    }

    void shouldKeepTheMergedPartOfAnEditUndoable()
    {
        QFETCH(QString, choice);
        QFETCH(storage::Priority, kept);
        // GIVEN the card at Normal priority, here too, and Ben then sets it to Low unseen
        storage::CardPatch start;
        start.priority = storage::Priority::Normal;
        colleagueChanges(start);
        QVERIFY(seen([](const storage::Card &card) { return card.priority == storage::Priority::Normal; }));
        const QString title = storedCard(m_id).title;
        storage::CardPatch theirs;
        theirs.priority = storage::Priority::Low;
        colleagueChanges(theirs);
        QSignalSpy conflicted(m_window->actions(), &board::BoardActions::conflicted);
        QSignalSpy failed(m_window->actions(), &board::BoardActions::failed);
        // WHEN one edit renames the card and sets it to Critical
        const QString renamed = title + QStringLiteral(" (") + QLatin1String(QTest::currentDataTag()) + u')';
        storage::CardPatch mine = titled(renamed);
        mine.priority = storage::Priority::Critical;
        QVERIFY(m_window->actions()->editCard(m_id, mine, QStringLiteral("Edit Card")));
        QVERIFY(saved());
        // THEN the new title is saved, the priority is a choice, and I make it
        QCOMPARE(conflicted.count(), 1);
        QCOMPARE(storedCard(m_id).title, renamed);
        QCOMPARE(storedCard(m_id).priority, storage::Priority::Low);
        board::ConflictDialog *dialog = conflictDialog();
        QVERIFY(dialog);
        QCOMPARE(dialog->findChild<QLabel *>(QStringLiteral("mine-0"))->text(), QStringLiteral("Critical"));
        QVERIFY(!dialog->findChild<QLabel *>(QStringLiteral("mine-1")));
        QTest::mouseClick(dialog->findChild<QPushButton *>(choice), Qt::LeftButton);
        QVERIFY(saved());
        QCOMPARE(storedCard(m_id).priority, kept);
        // AND the rename stays a step of its own, which undo takes back without touching the priority
        if (kept == storage::Priority::Critical) {
            QCOMPARE(m_window->undoStack()->undoText(), QStringLiteral("Resolve Conflict"));
            m_window->undoStack()->undo();
            QVERIFY(saved());
            QCOMPARE(storedCard(m_id).priority, storage::Priority::Low);
        }
        QCOMPARE(m_window->undoStack()->undoText(), QStringLiteral("Edit Card"));
        m_window->undoStack()->undo();
        // (shown at once: the old title back, the priority as it is, not the one before the edit)
        QCOMPARE(m_window->model()->cardAt(m_window->model()->cardIndex(m_id))->title, title);
        QCOMPARE(m_window->model()->cardAt(m_window->model()->cardIndex(m_id))->priority, storage::Priority::Low);
        QVERIFY(saved());
        QCOMPARE(storedCard(m_id).title, title);
        QCOMPARE(storedCard(m_id).priority, storage::Priority::Low);
        QCOMPARE(m_window->model()->cardAt(m_window->model()->cardIndex(m_id))->title, title);
        // AND redo renames it again, still without asking about the priority
        QCOMPARE(m_window->undoStack()->redoText(), QStringLiteral("Edit Card"));
        m_window->undoStack()->redo();
        QVERIFY(saved());
        QCOMPARE(storedCard(m_id).title, renamed);
        QCOMPARE(storedCard(m_id).priority, storage::Priority::Low);
        QCOMPARE(m_window->model()->cardAt(m_window->model()->cardIndex(m_id))->priority, storage::Priority::Low);
        QCOMPARE(conflicted.count(), 1);
        QCOMPARE(failed.count(), 0);
    }

    void shouldNotOverwriteTextAColleagueChangedWhileITyped()
    {
        auto *description = field<QPlainTextEdit>("descriptionEdit");
        const QString before = description->toPlainText();
        // GIVEN I am typing in the description
        description->setFocus();
        description->moveCursor(QTextCursor::End);
        QTest::keyClicks(description, QStringLiteral(" Mine."));
        // WHEN Ben saves another description, and the window sees it
        storage::CardPatch theirs;
        theirs.description = QStringLiteral("Ben: replaced the fuser.");
        colleagueChanges(theirs);
        QVERIFY(seen([&](const storage::Card &card) { return card.description == *theirs.description; }));
        // THEN what I typed stays in the field
        QCOMPARE(description->toPlainText(), before + QStringLiteral(" Mine."));
        // WHEN I leave the field (it saves)
        field<QLineEdit>("requesterEdit")->setFocus();
        QVERIFY(saved());
        // THEN theirs was not overwritten: I get both, side by side
        QCOMPARE(storedCard(m_id).description, *theirs.description);
        board::ConflictDialog *dialog = conflictDialog();
        QVERIFY(dialog);
        auto *mine = dialog->findChild<QPlainTextEdit *>(QStringLiteral("mine-0"));
        QCOMPARE(dialog->findChild<QPlainTextEdit *>(QStringLiteral("theirs-0"))->toPlainText(), *theirs.description);
        QCOMPARE(mine->toPlainText(), before + QStringLiteral(" Mine."));
        QVERIFY(mine->isReadOnly());
        // WHEN I edit mine, to keep both, and save that
        auto *edit = dialog->findChild<QPushButton *>(QStringLiteral("editMine"));
        QVERIFY(edit->isVisible());
        QTest::mouseClick(edit, Qt::LeftButton);
        QVERIFY(!mine->isReadOnly());
        mine->moveCursor(QTextCursor::End);
        QTest::keyClicks(mine, QStringLiteral(" Ben replaced the fuser."));
        QCOMPARE(dialog->findChild<QPushButton *>(QStringLiteral("keepMine"))->text(), QStringLiteral("&Save Mine"));
        QTest::mouseClick(dialog->findChild<QPushButton *>(QStringLiteral("keepMine")), Qt::LeftButton);
        QVERIFY(saved());
        // THEN the card has the edited text, and the editor shows it
        const QString edited = before + QStringLiteral(" Mine. Ben replaced the fuser.");
        QCOMPARE(storedCard(m_id).description, edited);
        QCOMPARE(description->toPlainText(), edited);
    }

    void shouldSaySoWhenTheCardWentBeforeIChose()
    {
        auto *priority = field<QComboBox>("priorityBox");
        storage::CardPatch start;
        start.priority = storage::Priority::Normal;
        colleagueChanges(start);
        QVERIFY(seen([](const storage::Card &card) { return card.priority == storage::Priority::Normal; }));
        // GIVEN a conflict on the priority, the choice open
        storage::CardPatch theirs;
        theirs.priority = storage::Priority::Low;
        colleagueChanges(theirs);
        priority->setFocus();
        QTest::keyClick(priority, Qt::Key_Home);
        QVERIFY(saved());
        board::ConflictDialog *dialog = conflictDialog();
        QVERIFY(dialog);
        // WHEN the colleague archives the card, and the window sees it
        QVERIFY(storeAs(QStringLiteral("ben"))->archiveCard(m_id));
        m_window->poller()->poll();
        QVERIFY(QTest::qWaitFor([&] { return !m_window->model()->cardIndex(m_id).isValid(); }));
        // AND I keep mine, THEN I am told it could not be saved, and not asked again
        QTest::mouseClick(dialog->findChild<QPushButton *>(QStringLiteral("keepMine")), Qt::LeftButton);
        QVERIFY(saved());
        QTest::qWait(20);
        QVERIFY(!m_window->findChild<board::ConflictDialog *>());
        bool told = false;
        for (const QMessageBox *box : m_window->findChildren<QMessageBox *>())
            told = told || (box->isVisible() && box->text().contains(QStringLiteral("no longer on the board")));
        QVERIFY(told);
        QVERIFY(storeAs()->restoreCard(m_id)); // the next tests use it
    }

    void shouldNotConflictWithMyOwnEarlierSave()
    {
        auto *description = field<QPlainTextEdit>("descriptionEdit");
        const QString before = description->toPlainText();
        QSignalSpy conflicted(m_window->actions(), &board::BoardActions::conflicted);
        // GIVEN a colleague's long save holds the file, so mine wait
        tests::WriteLock colleague(m_board);
        QVERIFY(colleague.isHeld());
        // WHEN I add to the description twice, leaving the field each time
        description->setFocus();
        description->moveCursor(QTextCursor::End);
        QTest::keyClicks(description, QStringLiteral(" one."));
        field<QLineEdit>("requesterEdit")->setFocus();
        description->setFocus();
        description->moveCursor(QTextCursor::End);
        QTest::keyClicks(description, QStringLiteral(" two."));
        field<QLineEdit>("requesterEdit")->setFocus();
        QVERIFY(m_window->actions()->isSaving());
        colleague.release();
        QVERIFY(saved());
        // THEN the second follows the first: no conflict with myself, and both are in the file
        QCOMPARE(conflicted.count(), 0);
        QCOMPARE(storedCard(m_id).description, before + QStringLiteral(" one. two."));
    }

    void shouldKeepBothWhenWeChangedDifferentFields()
    {
        auto *description = field<QPlainTextEdit>("descriptionEdit");
        description->setFocus();
        description->selectAll();
        QTest::keyClicks(description, QStringLiteral("Toner low, ordered more."));
        // Ben renames the card meanwhile, and the window shows it
        colleagueChanges(titled(QStringLiteral("Printer 3F: toner")));
        QVERIFY(seen([](const storage::Card &card) { return card.title == u"Printer 3F: toner"; }));
        QCOMPARE(field<board::TitleEdit>("titleEdit")->text(), QStringLiteral("Printer 3F: toner"));
        QSignalSpy conflicted(m_window->actions(), &board::BoardActions::conflicted);
        field<QLineEdit>("requesterEdit")->setFocus();
        QVERIFY(saved());
        // both stay, and no one is asked anything
        QCOMPARE(conflicted.count(), 0);
        QVERIFY(!m_window->findChild<board::ConflictDialog *>());
        const storage::Card card = storedCard(m_id);
        QCOMPARE(card.title, QStringLiteral("Printer 3F: toner"));
        QCOMPARE(card.description, QStringLiteral("Toner low, ordered more."));
    }
};

QTEST_MAIN(tst_Conflicts)
#include "tst_conflicts.moc"
