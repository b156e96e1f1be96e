// SPDX-License-Identifier: GPL-3.0-or-later
// What people type and paste into a card: any script and emoji kept as typed, and text past a field's limit cut
// with a notice at once (a 1 MB paste never sits in a field, nor hangs the window).
#include "demowindowtestcase.h"

#include <board/model/boardmodel.h>
#include <board/widgets/board/boardview.h>
#include <board/widgets/cardeditor/cardeditor.h>
#include <board/widgets/cardeditor/titleedit.h>

#include <QApplication>
#include <QClipboard>
#include <QElapsedTimer>
#include <QInputMethodEvent>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QTest>
#include <QTextBrowser>

using namespace hb;

class tst_CardInput : public tests::DemoWindowTestCase
{
    Q_OBJECT

private:
    std::unique_ptr<app::MainWindow> m_window;
    board::CardEditor *m_editor = nullptr;
    qint64 m_id = 0;

    storage::Card stored() const { return storedCard(m_id); }

    QList<storage::Comment> storedComments() const
    {
        auto store = storeAs();
        return store->comments(m_id).value();
    }

    template<typename T>
    T *field(const char *name) const
    {
        return m_editor->findChild<T *>(QLatin1String(name));
    }

    bool saved() const { return tests::DemoWindowTestCase::saved(*m_window); }

    /// Types @p text into @p widget one character at a time, as a keyboard or an input method delivers them
    /// (QTest::keyClicks() knows ASCII only).
    static void typeText(QWidget *widget, const QString &text)
    {
        for (qsizetype i = 0; i < text.size(); ++i) {
            const qsizetype length = text.at(i).isHighSurrogate() && i + 1 < text.size() ? 2 : 1;
            QTest::sendKeyEvent(QTest::Click, widget, Qt::Key_unknown, text.mid(i, length), Qt::NoModifier);
            i += length - 1;
        }
    }

    /// A text of @p size characters, in lines, as a log pasted from a terminal.
    static QString logText(qsizetype size)
    {
        QString text;
        text.reserve(size);
        for (int line = 0; text.size() < size; ++line)
            text += QStringLiteral("2026-12-01 09:%1:00 ERROR spooler: job %2 failed (0x0000011b)\n")
                            .arg(line % 60, 2, 10, QLatin1Char('0'))
                            .arg(line);
        text.truncate(size);
        return text;
    }

    /// The one-line fields' limit: a QLineEdit's, or the title's, which wraps but counts as they do.
    template<typename Line>
    void countCharactersAsTheStoreDoes(Line *line, const QString &name, qsizetype limit)
    {
        QVERIFY(line);
        line->setFocus();
        const QString emoji = QStringLiteral("\U0001f600");
        // WHEN as many emoji as the limit (two UTF-16 code units each) are pasted into the empty field
        line->clear();
        QApplication::clipboard()->setText(emoji.repeated(limit));
        QTest::keySequence(line, QKeySequence::Paste);
        // THEN every one goes in: the field counts characters as people and the store do
        QCOMPARE(line->text(), emoji.repeated(limit));
        // AND one more, typed or pasted, does not, and never half of one
        QTest::keyClick(line, Qt::Key_X);
        QApplication::clipboard()->setText(QStringLiteral("e\u0301") + emoji);
        QTest::keySequence(line, QKeySequence::Paste);
        QCOMPARE(line->text(), emoji.repeated(limit));
        // WHEN a paste in the middle, three characters short of the limit, brings five
        line->setText(QStringLiteral("ab") + emoji.repeated(limit - 5));
        line->setCursorPosition(1);
        QApplication::clipboard()->setText(emoji.repeated(2) + QStringLiteral("e\u0301") + emoji.repeated(2));
        QTest::keySequence(line, QKeySequence::Paste);
        // THEN its first three go in, whole, where it was pasted, and what was there stays
        QCOMPARE(line->text(),
                 QStringLiteral("a") + emoji.repeated(2) + QStringLiteral("e\u0301b") + emoji.repeated(limit - 5));
        QCOMPARE(line->cursorPosition(), 1 + 4 + 2);
        if (name == u"checklistAdd") {
            line->clear();
            return;
        }
        QVERIFY(field<QLabel>("fieldsNotice")->isVisible());
        // AND the whole field saves
        line->clear();
        QApplication::clipboard()->setText(emoji.repeated(limit));
        QTest::keySequence(line, QKeySequence::Paste);
        QTest::keyClick(line, Qt::Key_Tab); // leaving the field saves it
        QVERIFY(saved());
        const storage::Card card = stored();
        QCOMPARE(name == u"titleEdit" ? card.title : card.requester, emoji.repeated(limit));
    }

private Q_SLOTS:
    void initTestCase() { setUpDemo(); }

    void init()
    {
        m_window = openDemo(QSize(1400, 900));
        QVERIFY(m_window);
        QListView *todo = m_window->findChild<board::BoardView *>(QStringLiteral("boardView"))->columnView(0);
        todo->setFocus();
        todo->setCurrentIndex(todo->model()->index(2, 0, todo->rootIndex()));
        m_id = todo->currentIndex().data(board::BoardModel::IdRole).toLongLong();
        QTest::keyClick(todo, Qt::Key_Return);
        m_editor = m_window->findChild<board::CardEditor *>(QStringLiteral("cardEditor"));
        QVERIFY(m_editor && m_editor->isVisible());
    }

    void cleanup()
    {
        if (m_window)
            QVERIFY(saved());
        m_window.reset();
    }

    void shouldKeepAnyScriptAndEmojiAsTyped_data()
    {
        QTest::addColumn<QString>("text");
        QTest::newRow("arabic (right to left)") << QStringLiteral("الطابعة لا تعمل في الطابق الثالث");
        QTest::newRow("hebrew with numbers") << QStringLiteral("המדפסת בקומה 3 לא מדפיסה 2 עמודים");
        QTest::newRow("mixed directions") << QStringLiteral("VPN ❌ for محمد on ENG-LAP-007");
        QTest::newRow("emoji sequences") << QStringLiteral(
                "Printer 🖨️ down 👩‍💻👨‍👩‍👧 🇩🇪 🔥🔥");
        QTest::newRow("combining accents") << QStringLiteral("Cafe\u0301 wi-fi, Zoe\u0308 can't log in");
        QTest::newRow("chinese and japanese") << QStringLiteral("打印机卡纸 プリンターが紙詰まり");
        QTest::newRow("markup stays text") << QStringLiteral("<b>bold</b> <img src=x onerror=alert(1)> &amp;");
    }

    void shouldKeepAnyScriptAndEmojiAsTyped()
    {
        QFETCH(QString, text);
        // WHEN it is typed as the title, key by key
        auto *title = field<board::TitleEdit>("titleEdit");
        title->setFocus();
        title->selectAll();
        typeText(title, text);
        QTest::keyClick(title, Qt::Key_Return);
        QVERIFY(saved());
        // THEN the file, the editor and the board have it exactly
        QCOMPARE(stored().title, text);
        QCOMPARE(title->text(), text);
        QCOMPARE(m_window->model()->cardIndex(m_id).data().toString(), text);
        // WHEN it is posted as a comment (Ctrl+Enter), THEN it is stored and shown as plain text
        auto *comment = field<QPlainTextEdit>("commentEdit");
        comment->setFocus();
        typeText(comment, text);
        QTest::keyClick(comment, Qt::Key_Return, Qt::ControlModifier);
        QVERIFY(saved());
        QCOMPARE(storedComments().constLast().body, text);
        QVERIFY(field<QTextBrowser>("commentsView")->toPlainText().contains(text));
        QVERIFY(!field<QTextBrowser>("commentsView")->toHtml().contains(QStringLiteral("<img")));
    }

    void shouldCutAPasteAtTheFieldsLimitAndSaySo_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<qsizetype>("limit");
        QTest::newRow("description") << QStringLiteral("descriptionEdit") << storage::BoardStore::s_maxTextLength;
        QTest::newRow("comment") << QStringLiteral("commentEdit") << storage::BoardStore::s_maxTextLength;
        QTest::newRow("title") << QStringLiteral("titleEdit") << storage::BoardStore::s_maxTitleLength;
        QTest::newRow("requester") << QStringLiteral("requesterEdit") << storage::BoardStore::s_maxTitleLength;
    }

    void shouldCutAPasteAtTheFieldsLimitAndSaySo()
    {
        QFETCH(QString, name);
        QFETCH(qsizetype, limit);
        const QString pasted = logText(1024 * 1024);
        QApplication::clipboard()->setText(pasted);
        QCOMPARE(QApplication::clipboard()->text().size(), pasted.size());
        QWidget *target = m_editor->findChild<QWidget *>(name);
        QVERIFY(target);
        target->setFocus();
        if (auto *line = qobject_cast<QLineEdit *>(target)) {
            line->selectAll();
        } else {
            auto *edit = qobject_cast<QPlainTextEdit *>(target);
            edit->selectAll();
        }
        // WHEN a megabyte is pasted with Ctrl+V
        QElapsedTimer clock;
        clock.start();
        QTest::keySequence(target, QKeySequence::Paste);
        const qint64 pasteMs = clock.elapsed();
        qInfo("pasting 1 MB into %s took %lld ms", qPrintable(name), pasteMs);
        // THEN the field holds exactly what fits, the start of it, and says the rest was left out
        const QString held = qobject_cast<QLineEdit *>(target) ? qobject_cast<QLineEdit *>(target)->text()
                                                               : qobject_cast<QPlainTextEdit *>(target)->toPlainText();
        QCOMPARE(held.size(), limit);
        // (the title is one line: the log's line breaks are spaces there)
        QCOMPARE(held, name == u"titleEdit" ? board::TitleEdit::oneLine(pasted.left(limit)) : pasted.left(limit));
        const char *noticeName = name == u"descriptionEdit" ? "descriptionNotice"
                                 : name == u"commentEdit"   ? "commentNotice"
                                                            : "fieldsNotice";
        auto *notice = field<QLabel>(noticeName);
        QVERIFY(notice->isVisible());
        QVERIFY2(notice->text().contains(u"left out"), qPrintable(notice->text()));
        // AND what it holds is saved as usual (the comment is posted)
        if (name == u"commentEdit") {
            QTest::keyClick(target, Qt::Key_Return, Qt::ControlModifier);
            QVERIFY(saved());
            QCOMPARE(storedComments().constLast().body.size(), limit);
        } else {
            QTest::keyClick(target, Qt::Key_Tab); // leaving the field saves it
            QVERIFY(saved());
            const storage::Card card = stored();
            const QString value = name == u"descriptionEdit" ? card.description
                                  : name == u"titleEdit"     ? card.title
                                                             : card.requester;
            QCOMPARE(value.size(), name == u"descriptionEdit" ? limit : QString(held).trimmed().size());
        }
        // AND the next card shows no stale notice
        m_editor->showCard(m_id);
        QVERIFY(!notice->isVisible());
    }

    void shouldCountCharactersAtTheLimitAsTheStoreDoes()
    {
        // GIVEN a description three characters short of its limit
        auto *description = field<QPlainTextEdit>("descriptionEdit");
        description->setFocus();
        const qsizetype limit = storage::BoardStore::s_maxTextLength;
        description->setPlainText(logText(limit - 3));
        description->moveCursor(QTextCursor::End);
        // WHEN five emoji (two UTF-16 code units each) and a letter with a combining accent are pasted
        const QString emoji = QStringLiteral("\U0001f600");
        QApplication::clipboard()->setText(emoji.repeated(2) + QStringLiteral("e\u0301") + emoji.repeated(3));
        QTest::keySequence(description, QKeySequence::Paste);
        // THEN three characters go in, each whole, as the store counts them, and the rest is said to be left out
        const QString held = description->toPlainText();
        QCOMPARE(held.size(), limit - 3 + 6);
        QCOMPARE(held.right(6), emoji.repeated(2) + QStringLiteral("e\u0301"));
        QVERIFY(field<QLabel>("descriptionNotice")->isVisible());
        QTest::keyClick(description, Qt::Key_Tab); // leaving the field saves it
        QVERIFY(saved());
        QCOMPARE(stored().description, description->toPlainText());
    }

    void shouldCountCharactersInOneLineFieldsAsTheStoreDoes_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<qsizetype>("limit");
        QTest::newRow("title") << QStringLiteral("titleEdit") << storage::BoardStore::s_maxTitleLength;
        QTest::newRow("requester") << QStringLiteral("requesterEdit") << storage::BoardStore::s_maxTitleLength;
        QTest::newRow("checklist item") << QStringLiteral("checklistAdd")
                                        << storage::BoardStore::s_maxChecklistTextLength;
    }

    void shouldCountCharactersInOneLineFieldsAsTheStoreDoes()
    {
        QFETCH(QString, name);
        QFETCH(qsizetype, limit);
        if (name == u"titleEdit")
            countCharactersAsTheStoreDoes(field<board::TitleEdit>(qPrintable(name)), name, limit);
        else
            countCharactersAsTheStoreDoes(field<QLineEdit>(qPrintable(name)), name, limit);
    }

    void shouldStopTypingAtTheLimit()
    {
        auto *description = field<QPlainTextEdit>("descriptionEdit");
        description->setFocus();
        description->setPlainText(logText(storage::BoardStore::s_maxTextLength));
        description->moveCursor(QTextCursor::End);
        QTest::keyClicks(description, QStringLiteral("more"));
        QCOMPARE(description->toPlainText().size(), storage::BoardStore::s_maxTextLength);
        QVERIFY(field<QLabel>("descriptionNotice")->isVisible());
        // Neither a line break nor what an input method commits goes past it
        QTest::keyClick(description, Qt::Key_Return);
        QCOMPARE(description->toPlainText().size(), storage::BoardStore::s_maxTextLength);
        QInputMethodEvent composed;
        composed.setCommitString(QStringLiteral("日本語"));
        QApplication::sendEvent(description, &composed);
        QCOMPARE(description->toPlainText().size(), storage::BoardStore::s_maxTextLength);
        QVERIFY(!description->toPlainText().contains(u"日本語"));
        // Deleting makes room again; the shortcut keys still work
        QTest::keyClick(description, Qt::Key_Backspace);
        QTest::keyClick(description, Qt::Key_X);
        QVERIFY(description->toPlainText().endsWith(u'x'));
        QCOMPARE(description->toPlainText().size(), storage::BoardStore::s_maxTextLength);
        QTest::keySequence(description, QKeySequence::SelectAll);
        QCOMPARE(description->textCursor().selectedText().size(), storage::BoardStore::s_maxTextLength);
        description->document()->setModified(false); // not saved: this test is about typing
    }
};

QTEST_MAIN(tst_CardInput)
#include "tst_cardinput.moc"
