// SPDX-License-Identifier: GPL-3.0-or-later
// File > Import in the window, driven as a person does: the CSV's mapping corrected by keys, the dry run's review,
// the import with its progress, Cancel part-way (the board as it was), a Trello board shown on the board after.
#include "demowindowtestcase.h"

#include <app/importdialog.h>
#include <app/mainwindow.h>
#include <board/model/boardmodel.h>

#include <QCheckBox>
#include <QComboBox>
#include <QLabel>
#include <QPlainTextEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QTableView>

using namespace hb;
using namespace hb::tests;
using namespace Qt::StringLiterals;
using Page = app::ImportDialog::Page;

class tst_ImportDialog : public DemoWindowTestCase
{
    Q_OBJECT

    std::unique_ptr<app::MainWindow> m_window;

    storage::Card storedCardTitled(const QString &title) const
    {
        for (const storage::Card &card : storeAs()->cards().value()) {
            if (card.title == title)
                return card;
        }
        return {};
    }

private Q_SLOTS:
    void initTestCase() { setUpDemo(); }
    void init()
    {
        m_window = openDemo(QSize(1200, 800));
        QVERIFY(m_window);
    }
    void cleanup() { m_window.reset(); }

    void shouldImportACsvAsItIsMappedByKeys()
    {
        // GIVEN the dialog on a help desk's export: the columns guessed, the first rows shown
        QPointer<app::ImportDialog> dialog = m_window->importFrom(false, importFixture(u"servicenow.csv"_s));
        QVERIFY(dialog);
        QTRY_COMPARE(dialog->page(), Page::Mapping);
        auto *preview = dialog->findChild<QTableView *>(u"importPreview"_s);
        QCOMPARE(preview->model()->rowCount(), 5);
        QCOMPARE(preview->model()->headerData(1, Qt::Horizontal).toString(), u"Short description"_s);
        auto *title = dialog->findChild<QComboBox *>(u"map_title"_s);
        QCOMPARE(title->currentText(), u"Short description"_s);
        QVERIFY(title->hasFocus());

        // WHEN the requester is left out (Tab to its list, Home: "not imported")
        auto *requester = dialog->findChild<QComboBox *>(u"map_requester"_s);
        QCOMPARE(requester->currentText(), u"Caller"_s);
        requester->setFocus();
        QTest::keyClick(requester, Qt::Key_Home);
        QCOMPARE(requester->currentIndex(), 0);
        // AND "4 - Low" is said to mean critical: its row, F2, Home, Enter
        auto *values = dialog->findChild<QTableView *>(u"importValues"_s);
        int low = -1;
        for (int row = 0; row < values->model()->rowCount(); ++row) {
            if (values->model()->index(row, 1).data().toString() == u"4 - Low")
                low = row;
        }
        QVERIFY(low >= 0);
        QCOMPARE(values->model()->index(low, 2).data().toString(), u"Low"_s);
        values->setFocus();
        values->setCurrentIndex(values->model()->index(low, 2));
        QTest::keyClick(values, Qt::Key_F2);
        QComboBox *editor = values->findChild<QComboBox *>();
        QVERIFY(editor);
        QTest::keyClick(editor, Qt::Key_Home);
        QTest::keyClick(editor, Qt::Key_Return);
        QTRY_COMPARE(values->model()->index(low, 2).data().toString(), u"Critical"_s);
        // AND Next (Enter)
        QTest::keyClick(dialog->findChild<QComboBox *>(u"map_title"_s), Qt::Key_Return);

        // THEN the review says what would happen, and nothing has happened
        QTRY_COMPARE(dialog->page(), Page::Review);
        const QString review = dialog->findChild<QPlainTextEdit *>(u"importReview"_s)->toPlainText();
        QVERIFY2(review.startsWith(u"would import: 5 cards"_s), qPrintable(review));
        QVERIFY(storedCardTitled(u"New laptop for Ana"_s).id == 0);
        // WHEN Import (Enter)
        QTest::keyClick(dialog, Qt::Key_Return);
        QTRY_COMPARE_WITH_TIMEOUT(dialog->page(), Page::Done, 20000);
        const QString summary = dialog->findChild<QPlainTextEdit *>(u"importSummary"_s)->toPlainText();
        QVERIFY2(summary.startsWith(u"imported: 5 cards"_s), qPrintable(summary));
        // THEN the cards are in, as mapped, and on the board in the window
        const storage::Card laptop = storedCardTitled(u"New laptop for Ana"_s);
        QCOMPARE(laptop.priority, storage::Priority::Critical);
        QCOMPARE(storedCardTitled(u"Outlook keeps asking for the password"_s).requester, QString());
        QTRY_VERIFY(m_window->model()->cardIndex(laptop.id).isValid());
        QTest::keyClick(dialog, Qt::Key_Return); // Close
        QTRY_VERIFY(!dialog);
    }

    void shouldLeaveTheBoardAsItWasWhenCancelled()
    {
        QByteArray bytes = "Number,Title,Status,Created\n";
        for (int i = 0; i < 30000; ++i)
            bytes += "C-" + QByteArray::number(i) + ",Printer " + QByteArray::number(i) + ",Open,2024-03-01 09:00\n";
        const QString path = m_dir.filePath(u"big.csv"_s);
        QVERIFY(writeFile(path, bytes));
        QVERIFY(saved(*m_window));
        const QByteArray before = tableHashes(m_board);

        QPointer<app::ImportDialog> dialog = m_window->importFrom(false, path);
        QTRY_COMPARE_WITH_TIMEOUT(dialog->page(), Page::Mapping, 20000);
        QTest::keyClick(dialog, Qt::Key_Return);
        QTRY_COMPARE_WITH_TIMEOUT(dialog->page(), Page::Review, 30000);
        QTest::keyClick(dialog, Qt::Key_Return);
        QCOMPARE(dialog->page(), Page::Importing);
        auto *progress = dialog->findChild<QProgressBar *>(u"importProgress"_s);
        QTRY_VERIFY_WITH_TIMEOUT(progress->value() > 0, 20000);
        // WHEN Escape part-way
        QTest::keyClick(dialog, Qt::Key_Escape);
        QTRY_COMPARE_WITH_TIMEOUT(dialog->page(), Page::Done, 30000);
        QCOMPARE(dialog->findChild<QPlainTextEdit *>(u"importSummary"_s)->toPlainText(),
                 u"The import was cancelled; the board is as it was."_s);
        // THEN not a row of the board changed
        const QStringList changed = changedTables(before, tableHashes(m_board));
        QVERIFY2(changed.isEmpty(), qPrintable(changed.join(u", "_s)));
        QVERIFY(progress->value() < 30000);
    }

    void shouldShowATrelloBoardOnTheBoardOnceImported()
    {
        QPointer<app::ImportDialog> dialog = m_window->importFrom(true, importFixture(u"trello-it-support.json"_s));
        QTRY_COMPARE(dialog->page(), Page::Review); // a Trello board has nothing to map: straight to the review
        const QString review = dialog->findChild<QPlainTextEdit *>(u"importReview"_s)->toPlainText();
        QVERIFY2(review.contains(u"new columns: “Inbox”, “Waiting on vendor”"_s), qPrintable(review));
        QVERIFY(review.contains(u"custom field “Asset tag” (on 1 card): not imported"_s));
        auto *next = dialog->findChild<QPushButton *>(u"importNext"_s);
        QCOMPARE(next->text(), u"&Import"_s);
        QTest::mouseClick(next, Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(dialog->page(), Page::Done, 20000);
        QStringList columns;
        QTRY_VERIFY_WITH_TIMEOUT(m_window->model()->rowCount() == 5, 10000);
        for (int row = 0; row < m_window->model()->rowCount(); ++row)
            columns << m_window->model()->index(row, 0).data().toString();
        QVERIFY2(columns.contains(u"Inbox"_s) && columns.contains(u"Waiting on vendor"_s),
                 qPrintable(columns.join(u", "_s)));
        // AND the same file again offers nothing new
        QPointer<app::ImportDialog> again = m_window->importFrom(true, importFixture(u"trello-it-support.json"_s));
        QTRY_COMPARE(again->page(), Page::Review);
        QVERIFY(again->findChild<QPlainTextEdit *>(u"importReview"_s)
                        ->toPlainText()
                        .contains(u"imported before and unchanged in the source: 6 cards"_s));
        QVERIFY(!again->findChild<QPushButton *>(u"importNext"_s)->isEnabled());
        again->close();
    }

    void shouldSayWhyAFileCannotBeImported()
    {
        QPointer<app::ImportDialog> notJson = m_window->importFrom(true, importFixture(u"servicenow.csv"_s));
        auto *error = notJson->findChild<QLabel *>(u"importError"_s);
        QTRY_VERIFY(error->isVisible());
        QVERIFY2(error->text().contains(u"servicenow.csv: the file is not JSON"_s), qPrintable(error->text()));
        QVERIFY(!notJson->findChild<QPushButton *>(u"importNext"_s)->isVisible());
        notJson->close();

        QPointer<app::ImportDialog> noHeader = m_window->importFrom(false, importFixture(u"no-header.csv"_s));
        QTRY_COMPARE(noHeader->page(), Page::Mapping);
        QTest::keyClick(noHeader, Qt::Key_Return);
        auto *said = noHeader->findChild<QLabel *>(u"importError"_s);
        QTRY_VERIFY(said->isVisible());
        QVERIFY2(said->text().contains(u"the first line reads like a ticket"_s), qPrintable(said->text()));
        QCOMPARE(noHeader->page(), Page::Mapping);
        noHeader->close();
    }
};

QTEST_MAIN(tst_ImportDialog)
#include "tst_importdialog.moc"
