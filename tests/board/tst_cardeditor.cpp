// SPDX-License-Identifier: GPL-3.0-or-later
#include "demowindowtestcase.h"

#include <board/model/boardmodel.h>
#include <board/widgets/board/boardview.h>
#include <board/widgets/cardeditor/cardeditor.h>
#include <board/widgets/cardeditor/titleedit.h>
#include <board/widgets/common/characterlimit.h>
#include <board/widgets/common/labelbutton.h>
#include <board/widgets/common/theme.h>
#include <board/widgets/dialogs/labelsdialog.h>

#include <QApplication>
#include <QCheckBox>
#include <QClipboard>
#include <QComboBox>
#include <QDateTimeEdit>
#include <QDir>
#include <QLabel>
#include <QInputDialog>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLineEdit>
#include <QMenu>
#include <QMenuBar>
#include <QListView>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QProcess>
#include <QPushButton>
#include <QRegularExpression>
#include <QScrollBar>
#include <QSignalSpy>
#include <QSplitter>
#include <QTextCursor>
#include <QTextDocument>
#include <QTest>
#include <QTextBrowser>
#include <QToolButton>
#include <QUndoStack>

using namespace hb;

class tst_CardEditor : public tests::DemoWindowTestCase
{
    Q_OBJECT

private:
    std::unique_ptr<app::MainWindow> m_window;
    board::CardEditor *m_editor = nullptr;
    qint64 m_id = 0;

    /// The card as the file has it now, read through a connection of its own.
    storage::Card stored() const { return storedCard(m_id); }

    template<typename T>
    T *field(const char *name) const
    {
        return m_editor->findChild<T *>(QLatin1String(name));
    }

    bool saved() const { return tests::DemoWindowTestCase::saved(*m_window); }

private Q_SLOTS:
    void initTestCase() { setUpDemo(); }

    // Each test opens the first card of Doing with Enter, in a window of its own.
    void init()
    {
        m_window = openDemo(QSize(1400, 900));
        QVERIFY(m_window);
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

    void shouldSaveAChoiceAndUndoIt_data()
    {
        QTest::addColumn<QString>("box");
        QTest::addColumn<QStringList>("choices"); ///< the first one the card does not have yet is chosen
        QTest::addColumn<QString>("undoText");
        QTest::newRow("priority") << QStringLiteral("priorityBox")
                                  << QStringList{QStringLiteral("Low"), QStringLiteral("Critical")}
                                  << QStringLiteral("Change Priority");
        QTest::newRow("status") << QStringLiteral("statusBox")
                                << QStringList{QStringLiteral("Blocked"), QStringLiteral("None")}
                                << QStringLiteral("Change Status");
        QTest::newRow("channel") << QStringLiteral("channelBox")
                                 << QStringList{QStringLiteral("Walk-in"), QStringLiteral("Email")}
                                 << QStringLiteral("Change Channel");
        QTest::newRow("assignee") << QStringLiteral("assigneeBox")
                                  << QStringList{QStringLiteral("Unassigned"), QStringLiteral("Dev Patel")}
                                  << QStringLiteral("Assign Card");
    }

    void shouldSaveAChoiceAndUndoIt()
    {
        QFETCH(QString, box);
        QFETCH(QStringList, choices);
        QFETCH(QString, undoText);
        auto *combo = m_editor->findChild<QComboBox *>(box);
        QVERIFY(combo && combo->isEnabled());
        const storage::Card before = stored();
        const QString shownBefore = combo->currentText();
        const QString choice = choices.first() != shownBefore ? choices.first() : choices.last();
        // WHEN the choice is made with the keyboard (arrows from the top or the bottom of the list)
        combo->setFocus();
        const int target = combo->findText(choice);
        QVERIFY(target >= 0);
        while (combo->currentIndex() != target)
            QTest::keyClick(combo, combo->currentIndex() < target ? Qt::Key_Down : Qt::Key_Up);
        // THEN each step was saved on its own, the last one is in the file, and shows on the board
        QVERIFY(saved());
        const storage::Card after = stored();
        QVERIFY(after.version > before.version);
        QCOMPARE(m_window->undoStack()->undoText(), undoText);
        QCOMPARE(combo->currentText(), choice);
        const QModelIndex card = m_window->model()->cardIndex(m_id);
        if (box == u"statusBox")
            QCOMPARE(card.data(board::BoardModel::StatusTextRole).toString(), choice);
        if (box == u"assigneeBox")
            QCOMPARE(after.assignee, combo->currentData().toString());
        // WHEN every step is undone, THEN the card is as it was, in the file and in the editor
        while (m_window->undoStack()->canUndo()) {
            m_window->undoStack()->undo();
            QVERIFY(saved());
        }
        const storage::Card undone = stored();
        QCOMPARE(undone.priority, before.priority);
        QCOMPARE(undone.status, before.status);
        QCOMPARE(undone.channel, before.channel);
        QCOMPARE(undone.assignee, before.assignee);
        QCOMPARE(combo->currentText(), shownBefore);
    }

    void shouldSaveTheTitleWhenDoneTyping()
    {
        auto *title = field<board::TitleEdit>("titleEdit");
        QVERIFY(title->hasFocus()); // Enter on the board put the focus here
        const QString before = title->text();
        title->selectAll();
        QTest::keyClicks(title, QStringLiteral("SSL certificate renewed - check the intranet"));
        QCOMPARE(stored().title, before); // nothing is saved mid-word
        QTest::keyClick(title, Qt::Key_Return);
        QVERIFY(saved());
        QCOMPARE(stored().title, QStringLiteral("SSL certificate renewed - check the intranet"));
        QCOMPARE(m_window->model()->cardIndex(m_id).data().toString(), stored().title);
        // an emptied title is refused, says why, and the field shows the title again
        title->selectAll();
        QTest::keyClick(title, Qt::Key_Delete);
        QTest::keyClick(title, Qt::Key_Return);
        QCOMPARE(title->text(), stored().title);
        auto *message = m_window->findChild<QMessageBox *>(QStringLiteral("notSavedMessage"));
        QVERIFY(message);
        QVERIFY2(message->text().contains(QStringLiteral("title")), qPrintable(message->text()));
        message->close();
        QCOMPARE(m_window->undoStack()->undoText(), QStringLiteral("Rename Card"));
        m_window->undoStack()->undo();
        QVERIFY(saved());
        QCOMPARE(stored().title, before);
        QCOMPARE(title->text(), before);
    }

    void shouldShowALongTitleWhole_data()
    {
        QTest::addColumn<QSize>("windowSize");
        QTest::addColumn<int>("characters");
        QTest::newRow("short, 1400x900") << QSize(1400, 900) << 30;
        QTest::newRow("long, 1400x900") << QSize(1400, 900) << 160;
        QTest::newRow("longest, 1280x800") << QSize(1280, 800) << int(storage::BoardStore::s_maxTitleLength);
        QTest::newRow("longest, 800x600") << QSize(800, 600) << int(storage::BoardStore::s_maxTitleLength);
    }

    void shouldShowALongTitleWhole()
    {
        QFETCH(QSize, windowSize);
        QFETCH(int, characters);
        m_window->resize(windowSize);
        auto *title = field<board::TitleEdit>("titleEdit");
        // GIVEN a title of words and an unbroken path, typed key by key
        QString text;
        for (int i = 0; text.size() < characters; ++i)
            text += i % 4 == 3 ? QStringLiteral("\\\\srv-files\\drivers\\hp-universal-pcl6\\x64\\ ")
                               : QStringLiteral("duplex jobs jam the 3F printer ");
        text = text.left(characters).trimmed();
        title->setFocus();
        title->selectAll();
        QTest::keyClicks(title, text);
        QTest::keyClick(title, Qt::Key_Return);
        QVERIFY(saved());
        QCOMPARE(stored().title, text);
        QTest::keyClick(title, Qt::Key_Home, Qt::ControlModifier);
        // THEN every line of it shows, from the first to the last character: nothing scrolls out of sight
        QTRY_COMPARE(title->height(), title->heightForWidth(title->width()));
        QCOMPARE(title->verticalScrollBar()->maximum(), 0);
        QTextCursor end(title->document());
        end.movePosition(QTextCursor::End);
        const QRect shown = title->viewport()->rect();
        QVERIFY2(shown.contains(title->cursorRect(end)),
                 qPrintable(QStringLiteral("last character at %1,%2 of a %3x%4 field")
                                    .arg(title->cursorRect(end).x())
                                    .arg(title->cursorRect(end).bottom())
                                    .arg(shown.width())
                                    .arg(shown.height())));
        QVERIFY(shown.contains(title->cursorRect(QTextCursor(title->document()))));
        // AND the field stays inside the editor, however many lines it takes
        QVERIFY(title->geometry().right() < m_editor->width());
        const int lineSpacing = QFontMetrics(title->font()).lineSpacing();
        if (characters <= 30)
            QVERIFY2(title->height() < 2 * lineSpacing, "a short title takes one line");
        else
            QVERIFY2(title->height() > 2 * lineSpacing, "a long title wraps");
    }

    void shouldKeepTheTitleOnOneLine()
    {
        auto *title = field<board::TitleEdit>("titleEdit");
        title->setFocus();
        title->selectAll();
        QTest::keyClicks(title, QStringLiteral("VPN drops"));
        // WHEN Shift+Enter is pressed, THEN it ends the editing as Enter does: no line break
        QTest::keyClick(title, Qt::Key_Return, Qt::ShiftModifier);
        QVERIFY(saved());
        QCOMPARE(stored().title, QStringLiteral("VPN drops"));
        // WHEN an e-mail subject over two lines is pasted, THEN it goes in as one line
        QApplication::clipboard()->setText(QStringLiteral(" every hour\r\nfor the sales team\n"));
        QTest::keySequence(title, QKeySequence::Paste);
        QCOMPARE(title->text(), QStringLiteral("VPN drops every hour for the sales team "));
        QSignalSpy finished(title, &board::TitleEdit::editingFinished);
        QTest::keyClick(title, Qt::Key_Enter); // the keypad's Enter too
        QCOMPARE(finished.count(), 1);
        QVERIFY(saved());
        QCOMPARE(stored().title, QStringLiteral("VPN drops every hour for the sales team"));
        // AND leaving the field untouched saves nothing more
        QTest::keyClick(title, Qt::Key_Tab);
        QCOMPARE(finished.count(), 1);
        QCOMPARE(m_window->undoStack()->undoText(), QStringLiteral("Rename Card"));
        // WHEN a title is typed and a menu of the window opened, THEN it is saved first, as a one-line field does:
        // Edit > Undo would otherwise undo the step before it
        title->setFocus();
        QTest::keyClick(title, Qt::Key_End, Qt::ControlModifier);
        QTest::keyClicks(title, QStringLiteral(" (sales)"));
        auto *edit = m_window->menuBar()->actions().at(1)->menu();
        QVERIFY(edit);
        edit->popup(m_window->mapToGlobal(QPoint(40, 40)));
        QTRY_VERIFY(edit->isVisible());
        QTRY_COMPARE(finished.count(), 2);
        edit->close();
        QVERIFY(saved());
        QCOMPARE(stored().title, QStringLiteral("VPN drops every hour for the sales team (sales)"));
        // AND the field's own context menu is not leaving it: nothing is saved while it is open
        QTest::keyClicks(title, QStringLiteral("!"));
        QMenu *own = title->createStandardContextMenu();
        own->setParent(title->viewport(), own->windowFlags());
        own->popup(title->mapToGlobal(QPoint(5, 5)));
        QTRY_VERIFY(own->isVisible());
        QCOMPARE(finished.count(), 2);
        own->close();
        delete own;
    }

    void shouldSaveTheDescriptionAndPreviewItWithoutHtml()
    {
        auto *description = field<QPlainTextEdit>("descriptionEdit");
        auto *preview = field<QTextBrowser>("descriptionPreview");
        auto *toggle = field<QToolButton>("previewButton");
        description->setFocus();
        description->selectAll();
        const QString text = QStringLiteral("Renew with **Let's Encrypt**\n\n- check <b>expiry</b>\n- see "
                                            "[the runbook](https://wiki.example.org/ssl)");
        // typed line by line, Return between the lines
        const QStringList lines = text.split(QLatin1Char('\n'));
        for (qsizetype i = 0; i < lines.size(); ++i) {
            if (i > 0)
                QTest::keyClick(description, Qt::Key_Return);
            QTest::keyClicks(description, lines.at(i));
        }
        // saved when the field is left (here: for the preview)
        QTest::mouseClick(toggle, Qt::LeftButton);
        QVERIFY(saved());
        QCOMPARE(stored().description, text);
        QVERIFY(preview->isVisible());
        QVERIFY(!description->isVisible());
        // the preview formats the Markdown, and shows the HTML in it as text
        const QString shown = preview->toPlainText();
        QVERIFY2(shown.contains(QStringLiteral("Renew with Let's Encrypt")), qPrintable(shown));
        QVERIFY2(shown.contains(QStringLiteral("<b>expiry</b>")), qPrintable(shown));
        QVERIFY(preview->toHtml().contains(QStringLiteral("https://wiki.example.org/ssl")));
        QVERIFY(!preview->openLinks());
        QTest::mouseClick(toggle, Qt::LeftButton);
        QVERIFY(description->isVisible());
        QCOMPARE(m_window->undoStack()->undoText(), QStringLiteral("Edit Description"));
    }

    void shouldSetAndClearTheDueDate()
    {
        auto *hasDue = field<QCheckBox>("hasDue");
        auto *due = field<QDateTimeEdit>("dueEdit");
        if (hasDue->isChecked()) {
            QTest::mouseClick(hasDue, Qt::LeftButton);
            QVERIFY(saved());
            QCOMPARE(stored().dueAt, 0);
            QVERIFY(!due->isEnabled());
        }
        // ticking it sets a due date (tomorrow, 17:00) and saves it
        QTest::mouseClick(hasDue, Qt::LeftButton);
        QVERIFY(saved());
        const QDateTime tomorrow(QDate::currentDate().addDays(1), QTime(17, 0));
        QCOMPARE(stored().dueAt, tomorrow.toMSecsSinceEpoch());
        QVERIFY(due->isEnabled());
        // a date typed in is saved when the field is left
        due->setFocus();
        due->setDateTime(tomorrow.addDays(2));
        field<QLineEdit>("requesterEdit")->setFocus();
        QVERIFY(saved());
        QCOMPARE(stored().dueAt, tomorrow.addDays(2).toMSecsSinceEpoch());
        // unticking clears it, and the field says so instead of showing the old date
        QTest::mouseClick(hasDue, Qt::LeftButton);
        QVERIFY(saved());
        QCOMPARE(stored().dueAt, 0);
        QCOMPARE(m_window->undoStack()->undoText(), QStringLiteral("Clear Due Date"));
        QCOMPARE(due->text(), QStringLiteral("No due date"));
        // AND a card without a due date, opened after one with it, shows none either
        QTest::keyClick(m_window.get(), Qt::Key_Z, Qt::ControlModifier);
        QVERIFY(saved());
        QCOMPARE(stored().dueAt, tomorrow.addDays(2).toMSecsSinceEpoch());
        QCOMPARE(due->dateTime(), tomorrow.addDays(2));
        auto store = storeAs();
        storage::NewCard card;
        card.columnId = store->columns().value().first().id;
        card.title = QStringLiteral("No date");
        const qint64 undated = store->createCard(card).value();
        QTest::keyClick(m_window.get(), Qt::Key_F5);
        QTRY_VERIFY(m_window->model()->cardIndex(undated).isValid());
        m_editor->showCard(undated);
        QCOMPARE(m_editor->cardId(), undated);
        QVERIFY(!hasDue->isChecked());
        QCOMPARE(due->text(), QStringLiteral("No due date"));
    }

    void shouldSaveTheRequester()
    {
        auto *requester = field<QLineEdit>("requesterEdit");
        requester->setFocus();
        requester->selectAll();
        QTest::keyClicks(requester, QStringLiteral("Jonas Meyer (Engineering)"));
        QTest::keyClick(requester, Qt::Key_Tab);
        QVERIFY(saved());
        QCOMPARE(stored().requester, QStringLiteral("Jonas Meyer (Engineering)"));
    }

    void shouldShowEveryChecklistItemWhole_data()
    {
        QTest::addColumn<int>("editorWidth");
        QTest::newRow("wide editor") << 520;
        QTest::newRow("narrow editor") << 320;
    }

    void shouldShowEveryChecklistItemWhole()
    {
        QFETCH(int, editorWidth);
        auto *view = field<QListView>("checklistView");
        auto *add = field<QLineEdit>("checklistAdd");
        // GIVEN an item far longer than the pane is wide, typed in
        add->setFocus();
        QTest::keyClicks(add, QStringLiteral("Reinstall the universal print driver on every laptop of the third "
                                             "floor that shows the error after the update"));
        QTest::keyClick(add, Qt::Key_Return);
        QVERIFY(saved());
        // WHEN the editor is this wide
        auto *editor = m_window->findChild<board::CardEditor *>();
        QVERIFY(editor);
        auto *splitter = qobject_cast<QSplitter *>(editor->parentWidget());
        QVERIFY(splitter);
        QList<int> sizes = splitter->sizes();
        sizes.last() = editorWidth;
        sizes.first() = splitter->width() - editorWidth - splitter->handleWidth();
        splitter->setSizes(sizes);
        QTRY_VERIFY(view->width() < editorWidth);
        // THEN every item is inside the list, whole, without a bar to scroll it sideways or down
        QTRY_VERIFY(view->viewport()->rect().contains(view->visualRect(view->model()->index(0, 0)))
                    && view->viewport()->rect().contains(
                            view->visualRect(view->model()->index(view->model()->rowCount() - 1, 0))));
        for (int row = 0; row < view->model()->rowCount(); ++row) {
            const QRect item = view->visualRect(view->model()->index(row, 0));
            QVERIFY2(view->viewport()->rect().contains(item), qPrintable(QStringLiteral("row %1 at %2,%3 %4x%5 of %6")
                                                                                 .arg(row)
                                                                                 .arg(item.x())
                                                                                 .arg(item.y())
                                                                                 .arg(item.width())
                                                                                 .arg(item.height())
                                                                                 .arg(view->viewport()->height())));
        }
        QVERIFY(!view->horizontalScrollBar()->isVisible());
        QCOMPARE(view->verticalScrollBar()->value(), 0);
        // AND the long item takes more than one line
        const QRect longest = view->visualRect(view->model()->index(view->model()->rowCount() - 1, 0));
        QVERIFY2(longest.height() >= 2 * view->fontMetrics().height(), qPrintable(QString::number(longest.height())));
    }

    void shouldWorkTheChecklistFromTheKeyboard()
    {
        auto *view = field<QListView>("checklistView");
        auto *add = field<QLineEdit>("checklistAdd");
        auto *progress = field<QLabel>("checklistProgress");
        const auto storedTexts = [this] {
            auto store = storeAs();
            QStringList texts;
            for (const storage::ChecklistItem &item : store->checklist(m_id).value())
                texts << (item.done ? QStringLiteral("[x] ") : QStringLiteral("[ ] ")) + item.text;
            return texts;
        };
        const QStringList start = storedTexts();
        QVERIFY(start.size() >= 2);
        QCOMPARE(view->model()->rowCount(), start.size());
        const int done = int(start.filter(QStringLiteral("[x]")).size());
        QCOMPARE(progress->text(), QStringLiteral("%1/%2 done").arg(done).arg(start.size()));

        // Enter in the field adds an item at the end, and the field is ready for the next one
        add->setFocus();
        QTest::keyClicks(add, QStringLiteral("Tell the users"));
        QTest::keyClick(add, Qt::Key_Return);
        QVERIFY(add->text().isEmpty());
        QVERIFY(saved());
        QCOMPARE(storedTexts().constLast(), QStringLiteral("[ ] Tell the users"));
        QCOMPARE(view->model()->rowCount(), start.size() + 1);
        const int last = view->model()->rowCount() - 1;

        // Space ticks the current item
        view->setFocus();
        view->setCurrentIndex(view->model()->index(last, 0));
        QTest::keyClick(view, Qt::Key_Space);
        QVERIFY(saved());
        QCOMPARE(storedTexts().constLast(), QStringLiteral("[x] Tell the users"));
        QCOMPARE(progress->text(), QStringLiteral("%1/%2 done").arg(done + 1).arg(start.size() + 1));
        QCOMPARE(m_window->model()->cardIndex(m_id).data(board::BoardModel::ChecklistDoneRole).toInt(), done + 1);

        // F2 edits it in place
        QTest::keyClick(view, Qt::Key_F2);
        auto *editor = qobject_cast<QLineEdit *>(QApplication::focusWidget());
        QVERIFY(editor);
        editor->selectAll();
        QTest::keyClicks(editor, QStringLiteral("Tell the users by email"));
        QTest::keyClick(editor, Qt::Key_Return);
        QTRY_COMPARE(storedTexts().constLast(), QStringLiteral("[x] Tell the users by email"));
        QVERIFY(saved());

        // Ctrl+Up moves it one place up; the move is saved
        view->setFocus();
        view->setCurrentIndex(view->model()->index(last, 0));
        QTest::keyClick(view, Qt::Key_Up, Qt::ControlModifier);
        QVERIFY(saved());
        QCOMPARE(storedTexts().at(last - 1), QStringLiteral("[x] Tell the users by email"));
        QCOMPARE(view->currentIndex().row(), last - 1);

        // Delete removes it; undo brings it back where it was
        QTest::keyClick(view, Qt::Key_Delete);
        QVERIFY(saved());
        QCOMPARE(storedTexts().size(), start.size());
        QCOMPARE(m_window->undoStack()->undoText(), QStringLiteral("Delete Checklist Item"));
        m_window->undoStack()->undo();
        QVERIFY(saved());
        QCOMPARE(storedTexts().at(last - 1), QStringLiteral("[x] Tell the users by email"));
        QCOMPARE(view->model()->index(last - 1, 0).data().toString(), QStringLiteral("Tell the users by email"));

        // every step undoes, back to the checklist it started with
        while (m_window->undoStack()->canUndo()) {
            m_window->undoStack()->undo();
            QVERIFY(saved());
        }
        QCOMPARE(storedTexts(), start);
        QCOMPARE(view->model()->rowCount(), start.size());
        // Enter on an empty field adds nothing, and says nothing
        add->setFocus();
        QTest::keyClicks(add, QStringLiteral("   "));
        QTest::keyClick(add, Qt::Key_Return);
        QVERIFY(!m_window->actions()->isSaving());
        QVERIFY(!m_window->findChild<QMessageBox *>(QStringLiteral("notSavedMessage")));
        QCOMPARE(storedTexts(), start);
    }

    void shouldPostEditAndDeleteCommentsAsPlainTextWithLinks()
    {
        auto *view = field<QTextBrowser>("commentsView");
        auto *edit = field<QPlainTextEdit>("commentEdit");
        const auto storedComments = [this] {
            auto store = storeAs();
            return store->comments(m_id).value();
        };
        const qsizetype before = storedComments().size();
        // a click on a link in the comments, by its text
        const auto clickLink = [view](const QString &text, int nth) {
            QTextCursor cursor;
            for (int i = 0; i <= nth; ++i)
                cursor = view->document()->find(text, cursor);
            QVERIFY2(!cursor.isNull(), qPrintable(text));
            // inside the word, scrolled into view
            cursor.setPosition(cursor.selectionStart() + 1);
            view->setTextCursor(cursor);
            view->ensureCursorVisible();
            const QRect at = view->cursorRect(cursor);
            QTest::mouseClick(view->viewport(), Qt::LeftButton, {}, at.center() + QPoint(2, 0));
        };

        // WHEN a comment is written and Ctrl+Enter pressed
        edit->setFocus();
        const QString body = QStringLiteral("Renewed. <b>Not bold</b> see https://wiki.example.org/ssl?a=1&b=2.");
        QTest::keyClicks(edit, body);
        QTest::keyClick(edit, Qt::Key_Return, Qt::ControlModifier);
        QVERIFY(edit->toPlainText().isEmpty());
        QVERIFY(saved());
        // THEN it is saved, shown as typed (markup as text), with the address as a link (not the full stop)
        QCOMPARE(storedComments().size(), before + 1);
        QCOMPARE(storedComments().constLast().body, body);
        QVERIFY2(view->toPlainText().contains(QStringLiteral("<b>Not bold</b>")), qPrintable(view->toPlainText()));
        QVERIFY(view->toHtml().contains(QStringLiteral("href=\"https://wiki.example.org/ssl?a=1&amp;b=2\"")));
        QCOMPARE(m_window->model()->cardIndex(m_id).data(board::BoardModel::CommentCountRole).toInt(), before + 1);

        // WHEN its Edit link (the last one: the newest of my comments) is clicked, the text is changed and saved
        clickLink(QStringLiteral("Edit"), int(view->toPlainText().count(QStringLiteral("Edit"))) - 1);
        QCOMPARE(edit->toPlainText(), body);
        QCOMPARE(field<QPushButton>("postComment")->text(), QStringLiteral("Save Comment"));
        edit->selectAll();
        QTest::keyClicks(edit, QStringLiteral("Renewed until 2027."));
        QTest::mouseClick(field<QPushButton>("postComment"), Qt::LeftButton);
        QVERIFY(saved());
        QCOMPARE(storedComments().constLast().body, QStringLiteral("Renewed until 2027."));
        QVERIFY(storedComments().constLast().editedAt > 0);
        QVERIFY(view->toPlainText().contains(QStringLiteral("edited")));

        // WHEN deleted (an admin may delete any comment: the last Delete is on the newest), THEN undo brings it back
        const int deletes = int(view->toPlainText().count(QStringLiteral("Delete")));
        clickLink(QStringLiteral("Delete"), deletes - 1);
        QVERIFY(saved());
        QCOMPARE(storedComments().size(), before);
        m_window->undoStack()->undo();
        QVERIFY(saved());
        QCOMPARE(storedComments().constLast().body, QStringLiteral("Renewed until 2027."));
        // AND every step undoes
        while (m_window->undoStack()->canUndo()) {
            m_window->undoStack()->undo();
            QVERIFY(saved());
        }
        QCOMPARE(storedComments().size(), before);
        QVERIFY(!view->toPlainText().contains(QStringLiteral("Renewed")));
    }

    void shouldPutLabelsOnTheCardAndMakeNewOnes()
    {
        auto *button = field<QToolButton>("labelsButton");
        QMenu *menu = button->menu();
        const auto menuAction = [menu](const QString &text) -> QAction * {
            for (QAction *action : menu->actions()) {
                if (action->text() == text)
                    return action;
            }
            return nullptr;
        };
        const auto storedLabels = [this] {
            auto store = storeAs();
            QStringList names;
            const QList<storage::Label> labels = store->labels().value();
            const storage::Card card = store->card(m_id).value();
            for (qint64 id : card.labelIds) {
                for (const storage::Label &label : labels) {
                    if (label.id == id)
                        names << label.name;
                }
            }
            names.sort();
            return names;
        };
        const QStringList before = storedLabels();
        QCOMPARE(button->text(), before.join(QStringLiteral(", ")));
        // WHEN Hardware is ticked in the menu
        menu->popup(button->mapToGlobal(QPoint(0, button->height())));
        QAction *hardware = menuAction(QStringLiteral("Hardware"));
        QVERIFY(hardware && hardware->isCheckable());
        const bool had = hardware->isChecked();
        hardware->trigger();
        menu->close();
        QVERIFY(saved());
        // THEN the card has it (or not, if it had), in the file, the editor and on the board
        QCOMPARE(storedLabels().contains(QStringLiteral("Hardware")), !had);
        QCOMPARE(button->text().contains(QStringLiteral("Hardware")), !had);
        const QVariantList chips = m_window->model()->cardIndex(m_id).data(board::BoardModel::LabelsRole).toList();
        QCOMPARE(int(chips.size()), int(storedLabels().size()));

        // AND two labels clicked in one opening of the menu: it stays open between them, Esc closes it
        const QStringList had2 = storedLabels();
        menu->popup(button->mapToGlobal(QPoint(0, button->height())));
        QTRY_VERIFY(menu->isVisible());
        for (const QString &name : {QStringLiteral("Network"), QStringLiteral("Software")}) {
            QAction *label = menuAction(name);
            QVERIFY(label);
            const QPoint at = menu->actionGeometry(label).center();
            QTest::mouseMove(menu, at);
            QTRY_COMPARE(menu->activeAction(), label);
            QTest::mouseClick(menu, Qt::LeftButton, {}, at);
            QVERIFY2(menu->isVisible(), qPrintable(name));
        }
        QTest::keyClick(menu, Qt::Key_Escape);
        QTRY_VERIFY(!menu->isVisible());
        QVERIFY(saved());
        for (const QString &name : {QStringLiteral("Network"), QStringLiteral("Software")})
            QCOMPARE(storedLabels().contains(name), !had2.contains(name));

        // WHEN a new label is made from the menu, THEN it exists and is on this card
        menu->popup(button->mapToGlobal(QPoint(0, button->height())));
        menu->findChild<QAction *>(QStringLiteral("newLabel"))->trigger();
        menu->close();
        auto *dialog = m_editor->findChild<QInputDialog *>(QStringLiteral("newLabelDialog"));
        QVERIFY(dialog);
        QTRY_VERIFY(dialog->isVisible());
        auto *name = dialog->findChild<QLineEdit *>();
        QCOMPARE(board::CharacterLimit::of(name), storage::BoardStore::s_maxLabelNameLength);
        QTest::keyClicks(name, QStringLiteral("Certificates"));
        QTest::keyClick(name, Qt::Key_Return);
        QVERIFY(saved());
        QVERIFY(storedLabels().contains(QStringLiteral("Certificates")));
        QVERIFY(button->text().contains(QStringLiteral("Certificates")));

        // AND undo takes each step back, the new label too
        while (m_window->undoStack()->canUndo()) {
            m_window->undoStack()->undo();
            QVERIFY(saved());
        }
        QCOMPARE(storedLabels(), before);
        auto store = storeAs();
        for (const storage::Label &label : store->labels().value())
            QVERIFY(label.name != u"Certificates");
    }

    void shouldManageTheBoardsLabelsFromTheEditor()
    {
        const auto storedLabel = [this](const QString &name) -> std::optional<storage::Label> {
            auto store = storeAs();
            for (const storage::Label &label : store->labels().value()) {
                if (label.name == name)
                    return label;
            }
            return std::nullopt;
        };
        // GIVEN the label manager, opened from the editor's label menu
        auto *button = field<board::LabelButton>("labelsButton");
        QMenu *menu = button->menu();
        menu->popup(button->mapToGlobal(QPoint(0, button->height())));
        menu->findChild<QAction *>(QStringLiteral("manageLabels"))->trigger();
        menu->close();
        auto *dialog = m_editor->findChild<board::LabelsDialog *>(QStringLiteral("labelsDialog"));
        QVERIFY(dialog);
        QTRY_VERIFY(dialog->isVisible());
        QVERIFY(QTest::qWaitForWindowActive(dialog));
        auto *list = dialog->findChild<QListView *>(QStringLiteral("labelList"));
        QCOMPARE(list->model()->rowCount(), int(m_window->model()->labels().size()));

        // WHEN a label is added by name, THEN it is in the file and selected
        auto *name = dialog->findChild<QLineEdit *>(QStringLiteral("newLabelName"));
        name->setFocus();
        QTest::keyClicks(name, QStringLiteral("Licences"));
        QTest::keyClick(name, Qt::Key_Return);
        QVERIFY(saved());
        QVERIFY(name->text().isEmpty());
        QVERIFY(storedLabel(QStringLiteral("Licences")));
        QTRY_COMPARE(list->currentIndex().data().toString(), QStringLiteral("Licences"));

        // WHEN it is renamed in place with F2, THEN the file has the new name
        list->setFocus();
        QTest::keyClick(list, Qt::Key_F2);
        auto *editor = qobject_cast<QLineEdit *>(QApplication::focusWidget());
        QVERIFY(editor);
        editor->selectAll();
        QTest::keyClicks(editor, QStringLiteral("Licenses"));
        QTest::keyClick(editor, Qt::Key_Return);
        // (the delegate commits the edit from the event loop) shown at once, then saved
        QTRY_COMPARE(list->currentIndex().data().toString(), QStringLiteral("Licenses"));
        QVERIFY(saved());
        QVERIFY(!storedLabel(QStringLiteral("Licences")));
        QVERIFY(storedLabel(QStringLiteral("Licenses")));

        // WHEN it is given another colour from the menu, THEN the file has it
        auto *colors = dialog->findChild<QMenu *>(QStringLiteral("colorMenu"));
        QAction *teal = nullptr;
        for (QAction *action : colors->actions()) {
            if (action->text() == u"Teal")
                teal = action;
        }
        QVERIFY(teal);
        teal->trigger();
        QVERIFY(saved());
        QCOMPARE(storedLabel(QStringLiteral("Licenses"))->color, QStringLiteral("#16a085"));
        // (a screenshot for people to look at, kept as a test artifact)
        QVERIFY(dialog->grab().save(QDir::current().filePath(QStringLiteral("labels-dialog.png"))));

        // WHEN a label this card carries is deleted with the Delete key
        const storage::Card before = stored();
        QVERIFY(!before.labelIds.isEmpty());
        const qint64 carried = before.labelIds.first();
        QString carriedName;
        for (const storage::Label &label : m_window->model()->labels()) {
            if (label.id == carried)
                carriedName = label.name;
        }
        dialog->selectLabel(carried);
        QCOMPARE(list->currentIndex().data().toString(), carriedName);
        QTest::keyClick(list, Qt::Key_Delete);
        // THEN it is gone at once from the list and the editor, and from the file once saved
        QVERIFY(!field<board::LabelButton>("labelsButton")->names().contains(carriedName));
        QVERIFY(saved());
        QVERIFY(!storedLabel(carriedName));
        QVERIFY(!stored().labelIds.contains(carried));

        // AND Ctrl+Z in the manager brings it back, on this card too
        // (The offscreen platform never makes a dialog over a window the active one, so its shortcuts cannot be
        // typed here: the action that Ctrl+Z triggers is triggered instead.)
        const QList<QAction *> dialogActions = dialog->actions();
        const auto undo = std::find_if(dialogActions.cbegin(), dialogActions.cend(),
                                       [](QAction *action) { return action->shortcut() == QKeySequence::Undo; });
        QVERIFY(undo != dialogActions.cend());
        QVERIFY((*undo)->isEnabled());
        (*undo)->trigger();
        QVERIFY(saved());
        QVERIFY(storedLabel(carriedName));
        QCOMPARE(stored().labelIds, before.labelIds);
        QVERIFY(field<board::LabelButton>("labelsButton")->names().contains(carriedName));
        dialog->close();
    }

    void shouldApplySaveReplaceAndDeleteChecklistTemplates()
    {
        const auto storedTemplate = [this](const QString &name) -> std::optional<storage::ChecklistTemplate> {
            auto store = storeAs();
            for (const storage::ChecklistTemplate &each : store->checklistTemplates().value()) {
                if (each.name == name)
                    return each;
            }
            return std::nullopt;
        };
        const auto storedChecklist = [this] {
            auto store = storeAs();
            QStringList texts;
            for (const storage::ChecklistItem &item : store->checklist(m_id).value())
                texts << item.text;
            return texts;
        };
        auto *button = field<QToolButton>("templatesButton");
        QVERIFY(button->isEnabled());
        QMenu *menu = button->menu();
        const auto openMenu = [&] {
            menu->popup(button->mapToGlobal(QPoint(0, button->height())));
            return menu->isVisible();
        };
        const auto *view = field<QListView>("checklistView");
        const QStringList before = storedChecklist();
        QCOMPARE(view->model()->rowCount(), int(before.size()));

        // WHEN the Password reset template is picked from the menu
        const storage::ChecklistTemplate reset = *storedTemplate(QStringLiteral("Password reset"));
        QVERIFY(openMenu());
        QAction *apply = nullptr;
        for (QAction *action : menu->actions()) {
            if (action->data().toLongLong() == reset.id)
                apply = action;
        }
        QVERIFY(apply && apply->isEnabled());
        QVERIFY(apply->text().startsWith(u"Password reset"));
        apply->trigger();
        menu->close();
        // THEN its items follow the card's own, in the file and in the editor, as one undo step
        QVERIFY(saved());
        QCOMPARE(storedChecklist(), before + reset.items);
        QCOMPARE(view->model()->rowCount(), int(before.size() + reset.items.size()));
        QCOMPARE(m_window->undoStack()->undoText(), QStringLiteral("Apply Checklist Template"));
        const auto storedIds = [this] {
            auto store = storeAs();
            QList<qint64> ids;
            for (const storage::ChecklistItem &item : store->checklist(m_id).value())
                ids << item.id;
            return ids;
        };
        const QList<qint64> applied = storedIds();
        m_window->undoStack()->undo();
        QVERIFY(saved());
        QCOMPARE(storedChecklist(), before);
        QCOMPARE(view->model()->rowCount(), int(before.size()));
        // redo brings back the same items, not copies
        m_window->undoStack()->redo();
        QVERIFY(saved());
        QCOMPARE(storedChecklist(), before + reset.items);
        QCOMPARE(storedIds(), applied);

        // WHEN the checklist is saved as a new template, by name
        QVERIFY(openMenu());
        QAction *saveAs = menu->findChild<QAction *>(QStringLiteral("saveTemplate"));
        QVERIFY(saveAs && saveAs->isEnabled());
        saveAs->trigger();
        menu->close();
        auto *dialog = m_window->findChild<QInputDialog *>(QStringLiteral("saveTemplateDialog"));
        QVERIFY(dialog);
        QTRY_VERIFY(dialog->isVisible());
        auto *name = dialog->findChild<QLineEdit *>();
        QVERIFY(name);
        QTest::keyClicks(name, QStringLiteral("Locked-out user"));
        QTest::keyClick(name, Qt::Key_Return);
        QVERIFY(saved());
        // THEN it holds this checklist
        QCOMPARE(storedTemplate(QStringLiteral("Locked-out user"))->items, before + reset.items);
        m_window->undoStack()->undo();
        QVERIFY(saved());
        QVERIFY(!storedTemplate(QStringLiteral("Locked-out user")));

        // WHEN it is saved under a name that exists, THEN that template's items are replaced once agreed
        QVERIFY(openMenu());
        menu->findChild<QAction *>(QStringLiteral("saveTemplate"))->trigger();
        menu->close();
        dialog = m_window->findChild<QInputDialog *>(QStringLiteral("saveTemplateDialog"));
        QTRY_VERIFY(dialog && dialog->isVisible());
        name = dialog->findChild<QLineEdit *>();
        name->clear();
        QTest::keyClicks(name, QStringLiteral("printer TROUBLESHOOTING"));
        QTest::keyClick(name, Qt::Key_Return);
        auto *confirm = m_window->findChild<QMessageBox *>(QStringLiteral("replaceTemplateDialog"));
        QVERIFY(confirm);
        QTRY_VERIFY(confirm->isVisible());
        QVERIFY(confirm->text().contains(u"Printer troubleshooting"));
        const QStringList printerItems = storedTemplate(QStringLiteral("Printer troubleshooting"))->items;
        QTest::mouseClick(confirm->button(QMessageBox::Yes), Qt::LeftButton);
        QVERIFY(saved());
        QCOMPARE(storedTemplate(QStringLiteral("Printer troubleshooting"))->items, before + reset.items);
        m_window->undoStack()->undo();
        QVERIFY(saved());
        QCOMPARE(storedTemplate(QStringLiteral("Printer troubleshooting"))->items, printerItems);

        // WHEN one is deleted from the submenu, THEN it is gone, and undo brings it back
        QVERIFY(openMenu());
        auto *remove = menu->findChild<QMenu *>(QStringLiteral("deleteTemplateMenu"));
        QVERIFY(remove && remove->isEnabled());
        QAction *deleteReset = nullptr;
        for (QAction *action : remove->actions()) {
            if (action->text() == u"Password reset")
                deleteReset = action;
        }
        QVERIFY(deleteReset);
        deleteReset->trigger();
        menu->close();
        QVERIFY(saved());
        QVERIFY(!storedTemplate(QStringLiteral("Password reset")));
        m_window->undoStack()->undo();
        QVERIFY(saved());
        QCOMPARE(storedTemplate(QStringLiteral("Password reset"))->items, reset.items);
    }

    void shouldShowTheServiceLevelClocks()
    {
        // GIVEN the first card of Doing: critical (30 min to answer, 4 h to resolve, every hour counted), created
        // about 5 h ago and answered after 12 min
        auto *response = field<QLabel>("responseClock");
        auto *resolution = field<QLabel>("resolutionClock");
        auto *targets = field<QLabel>("slaTargets");
        QVERIFY(response->isVisible());
        // (as the board's poller reads them, at its first look)
        QTRY_VERIFY2(response->text().startsWith(QStringLiteral("Met")), qPrintable(response->text()));
        // THEN the response was met, the resolution is over its target, in red, and the targets say 24x7
        QVERIFY2(response->text().startsWith(QStringLiteral("Met · 12m of 30m")), qPrintable(response->text()));
        QVERIFY2(resolution->text().startsWith(QStringLiteral("Breached · ")), qPrintable(resolution->text()));
        QVERIFY2(resolution->text().contains(QStringLiteral("of 4h · was due ")), qPrintable(resolution->text()));
        QCOMPARE(resolution->palette().color(QPalette::Text),
                 board::theme::onBase(board::theme::Mark::Danger, resolution->palette()));
        QVERIFY2(targets->text().startsWith(QStringLiteral("Critical: respond within 30m, resolve within 4h")),
                 qPrintable(targets->text()));
        QVERIFY2(targets->text().contains(QStringLiteral("every hour (24x7)")), qPrintable(targets->text()));
        // AND the estimate for the person waiting, read in the background, is the one `helpboard-cli show` gives
        auto *estimate = field<QLabel>("slaEstimate");
        QTRY_VERIFY(estimate->isVisible());
        QProcess cli;
        cli.start(qEnvironmentVariable("HELPBOARD_CLI"),
                  {QStringLiteral("--board"), m_board, QStringLiteral("--as"), QStringLiteral("alice"),
                   QStringLiteral("show"), QString::number(m_id), QStringLiteral("--json")});
        QVERIFY(cli.waitForFinished(30000) && cli.exitCode() == 0);
        const QString expected = QJsonDocument::fromJson(cli.readAllStandardOutput())
                                         .object()
                                         .value(QStringLiteral("estimate"))
                                         .toObject()
                                         .value(QStringLiteral("text"))
                                         .toString();
        QVERIFY(expected.contains(QStringLiteral(" critical ")));
        QCOMPARE(estimate->text(), expected);
        // WHEN its priority is lowered to Low with the keyboard
        auto *priority = field<QComboBox>("priorityBox");
        priority->setFocus();
        QTest::keyClick(priority, Qt::Key_End);
        QVERIFY(saved());
        // THEN Low's targets (8 h / 80 h of business hours) apply from its creation: on track, in the text colour,
        // once the poller has read the change back
        QTRY_VERIFY2(resolution->text().startsWith(QStringLiteral("On track · ")), qPrintable(resolution->text()));
        QVERIFY2(response->text().startsWith(QStringLiteral("Met · ")), qPrintable(response->text()));
        QVERIFY2(resolution->text().contains(QStringLiteral(" of 80h · resolve by ")), qPrintable(resolution->text()));
        QCOMPARE(resolution->palette().color(QPalette::Text), m_editor->palette().color(QPalette::Text));
        QVERIFY2(targets->text().startsWith(QStringLiteral("Low: respond within 8h, resolve within 80h · business "
                                                           "hours, ")),
                 qPrintable(targets->text()));
        // AND waiting on a vendor pauses the resolution, in grey
        auto *status = field<QComboBox>("statusBox");
        status->setFocus();
        QTest::keyClick(status, Qt::Key_End);
        QVERIFY(saved());
        QTRY_VERIFY2(resolution->text().startsWith(QStringLiteral("Paused · ")), qPrintable(resolution->text()));
        QCOMPARE(resolution->palette().color(QPalette::Text), m_editor->palette().color(QPalette::PlaceholderText));
    }

    void shouldShowTheCardsHistoryAsItGrows()
    {
        auto *toggle = field<QToolButton>("historyToggle");
        auto *history = field<QTextBrowser>("historyView");
        QVERIFY(!history->isVisible());
        QTest::mouseClick(toggle, Qt::LeftButton);
        QVERIFY(history->isVisible());
        const QString before = history->toPlainText();
        QVERIFY2(before.contains(QStringLiteral("created it in To-do")), qPrintable(before));
        QVERIFY2(before.contains(QStringLiteral("moved it from To-do to Doing")), qPrintable(before));
        // a change made in the editor shows up once saved, newest last
        auto *status = field<QComboBox>("statusBox");
        status->setFocus();
        QTest::keyClick(status, Qt::Key_End);
        QVERIFY(saved());
        const QString after = history->toPlainText();
        QVERIFY2(after.trimmed().endsWith(QStringLiteral("to Waiting on vendor")), qPrintable(after));
        // people by the names the board shows, never by login (who did it, whom it was assigned to)
        QVERIFY(after.contains(QStringLiteral("Alice Martin")));
        QVERIFY2(!after.contains(QRegularExpression(QStringLiteral("\\b(alice|ben|chloe|dev)\\b"))), qPrintable(after));
        QTest::mouseClick(toggle, Qt::LeftButton);
        QVERIFY(!history->isVisible());
    }

    void shouldOnlyShowTheCardToAViewer()
    {
        auto store = storage::BoardStore::open(m_board, tests::optionsFor(QStringLiteral("margaret"))).value();
        app::MainWindow window(std::move(store));
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QVERIFY(openFirstCard(window));
        auto *editor = window.findChild<board::CardEditor *>(QStringLiteral("cardEditor"));
        QVERIFY(editor->isVisible());
        auto *title = editor->findChild<board::TitleEdit *>(QStringLiteral("titleEdit"));
        QCOMPARE(title->text(), stored().title);
        QVERIFY(title->isReadOnly());
        QVERIFY(editor->findChild<QPlainTextEdit *>(QStringLiteral("descriptionEdit"))->isReadOnly());
        for (const char *name : {"priorityBox", "statusBox", "assigneeBox", "channelBox"})
            QVERIFY2(!editor->findChild<QComboBox *>(QLatin1String(name))->isEnabled(), name);
        QVERIFY(!editor->findChild<QCheckBox *>(QStringLiteral("hasDue"))->isEnabled());
        QVERIFY(!editor->findChild<QLineEdit *>(QStringLiteral("checklistAdd"))->isEnabled());
        QVERIFY(!editor->findChild<QPlainTextEdit *>(QStringLiteral("commentEdit"))->isEnabled());
        // nothing offers a viewer what it cannot do
        QCOMPARE(editor->findChild<QLabel *>(QStringLiteral("attachmentsEmpty"))->text(),
                 QStringLiteral("No attachments."));
        const QString comments = editor->findChild<QTextBrowser *>(QStringLiteral("commentsView"))->toPlainText();
        QVERIFY(!comments.contains(QStringLiteral("Edit")) && !comments.contains(QStringLiteral("Delete")));
        auto *checklist = editor->findChild<QListView *>(QStringLiteral("checklistView"));
        QVERIFY(!(checklist->model()->flags(checklist->model()->index(0, 0)) & Qt::ItemIsUserCheckable));
        // typing changes nothing
        QTest::keyClicks(title, QStringLiteral("mine now"));
        QTest::keyClick(title, Qt::Key_Return);
        QCOMPARE(title->text(), stored().title);
    }
};

QTEST_MAIN(tst_CardEditor)
#include "tst_cardeditor.moc"
