// SPDX-License-Identifier: GPL-3.0-or-later
// helpboard-cli import and export --csv: a team's tickets brought in from Trello or another help desk's CSV, and taken
// out again for a spreadsheet. Each command a separate process on the demo board, as scripts run it.
#include "clitestcase.h"

#include <storage/exchange/csvtable.h>

#include <QFile>
#include <QRegularExpression>

using namespace hb::tests;
using namespace hb::tests::cli;

class tst_CliImport : public CliTestCase
{
    Q_OBJECT

private:
    QJsonArray cards(const QStringList &extra = {}) const
    {
        const CliRun listed = runAs(s_admin, QStringList{u"list"_s, u"--json"_s} + extra);
        if (listed.exitCode != Ok)
            qWarning() << describe(listed);
        return QJsonDocument::fromJson(listed.out).array();
    }

    QJsonObject cardTitled(const QString &title) const
    {
        for (const QJsonValue &card : cards({u"--archived"_s})) {
            if (card.toObject().value(u"title"_s).toString() == title)
                return card.toObject();
        }
        return {};
    }

private Q_SLOTS:
    void initTestCase() { setUpSuite(); }
    void init() { setUpTest(); }
    void cleanup() { tearDownTest(); }

    void shouldImportATrelloBoardOnceAndSaySo()
    {
        QVERIFY(useDemoBoard());
        const qsizetype before = cards().size();
        const CliRun imported = runAs(s_admin, {u"import"_s, u"trello"_s, importFixture(u"trello-it-support.json"_s)});
        QVERIFY2(imported.exitCode == Ok, qPrintable(describe(imported)));
        const QString out = QString::fromUtf8(imported.out);
        QVERIFY2(out.startsWith(u"imported: 6 cards (2 archived), 3 comments, 5 checklist items, 2 links\n"_s),
                 qPrintable(out));
        QVERIFY(out.contains(u"new columns: “Inbox”, “Waiting on vendor”"_s));
        QVERIFY(out.contains(u"  card 65e660800000000000abc007: it has no name"_s));
        QVERIFY(out.contains(u"custom field “Asset tag” (on 1 card): not imported"_s));
        QCOMPARE(cards().size(), before + 4);
        const QJsonObject printer = cardTitled(u"Printer on the 3rd floor jams"_s);
        QCOMPARE(printer.value(u"column"_s).toString(), u"Inbox"_s);
        QCOMPARE(printer.value(u"assignee"_s).toString(), u"analopez"_s);

        // WHEN the same export is imported again, as JSON for a script
        const CliRun again =
                runAs(s_admin, {u"import"_s, u"trello"_s, importFixture(u"trello-it-support.json"_s), u"--json"_s});
        QVERIFY2(again.exitCode == Ok, qPrintable(describe(again)));
        const QJsonObject summary = QJsonDocument::fromJson(again.out).object();
        QCOMPARE(summary.value(u"created"_s).toInt(), 0);
        QCOMPARE(summary.value(u"unchanged"_s).toInt(), 6);
        QCOMPARE(summary.value(u"source"_s).toString(), u"Trello board “IT Support”"_s);
        QCOMPARE(summary.value(u"skipped"_s).toArray().size(), 1);
        QCOMPARE(cards().size(), before + 4);
    }

    void shouldImportACsvAsItIsMapped()
    {
        QVERIFY(useDemoBoard());
        // GIVEN a look first (a dry run), which says how it read the file and changes nothing
        const CliRun looked =
                runAs(s_admin, {u"import"_s, u"csv"_s, importFixture(u"glpi-semicolon-cp1252.csv"_s), u"--dry-run"_s});
        QVERIFY2(looked.exitCode == Ok, qPrintable(describe(looked)));
        const QString said = QString::fromUtf8(looked.out);
        QVERIFY2(said.startsWith(u"read 3 rows (Windows-1252, “;” between fields): id=ID, title=Título, "_s),
                 qPrintable(said));
        QVERIFY(said.contains(u"would import: 3 cards"_s));
        QVERIFY(cardTitled(u"Correo lento"_s).isEmpty());

        // WHEN it is imported with a value mapped otherwise
        const CliRun imported =
                runAs(s_admin, {u"import"_s, u"csv"_s, importFixture(u"glpi-semicolon-cp1252.csv"_s), u"--value"_s,
                                u"status:En curso=doing+waiting-vendor"_s, u"--map"_s, u"labels=Categoría (2)"_s});
        QVERIFY2(imported.exitCode == Ok, qPrintable(describe(imported)));
        const QJsonObject mail = cardTitled(u"Correo lento"_s);
        QCOMPARE(mail.value(u"status"_s).toString(), u"waiting-vendor"_s);
        QCOMPARE(mail.value(u"column"_s).toString(), u"Doing"_s);
        QCOMPARE(mail.value(u"assignee"_s).toString(), u"maria.nunez"_s);
        QCOMPARE(mail.value(u"requester"_s).toString(), u"Pedro Ruiz"_s);
        QCOMPARE(stringsOf(mail.value(u"labels"_s).toArray()), QStringList{u"Software"_s});
        const QJsonObject printer = cardTitled(u"Impresora no imprime"_s);
        QCOMPARE(printer.value(u"column"_s).toString(), u"Done"_s);
        QCOMPARE(msecsOf(printer.value(u"created"_s)), QDateTime(QDate(2024, 3, 5), QTime(9, 10)).toMSecsSinceEpoch());
        QCOMPARE(msecsOf(printer.value(u"resolved"_s)),
                 QDateTime(QDate(2024, 3, 5), QTime(12, 40)).toMSecsSinceEpoch());
    }

    void shouldUpdateWhatTheSourceChangedWhenAsked()
    {
        QVERIFY(useDemoBoard());
        const QString path = m_dir->filePath(u"tickets.csv"_s);
        QVERIFY(writeFile(path, "Number,Title,Status\nX-1,Badge reader,Open\nX-2,Fax,Open\n"));
        QCOMPARE(runAs(s_admin, {u"import"_s, u"csv"_s, path}).exitCode, int(Ok));
        QVERIFY(writeFile(path, "Number,Title,Status\nX-1,Badge reader broken,Closed\nX-2,Fax,Open\n"));
        const CliRun skipped = runAs(s_admin, {u"import"_s, u"csv"_s, path});
        QVERIFY2(QString::fromUtf8(skipped.out)
                         .contains(u"imported before and changed in the source since, left as they are: 1 card"_s),
                 qPrintable(describe(skipped)));
        QVERIFY(cardTitled(u"Badge reader broken"_s).isEmpty());
        const CliRun updated = runAs(s_editor, {u"import"_s, u"csv"_s, path, u"--update"_s});
        QVERIFY2(updated.exitCode == Ok, qPrintable(describe(updated)));
        QVERIFY(QString::fromUtf8(updated.out).contains(u"updated with what the source changed since: 1 card"_s));
        QCOMPARE(cardTitled(u"Badge reader broken"_s).value(u"column"_s).toString(), u"Done"_s);
    }

    void shouldRefuseBadFilesAndArgumentsWithAReason_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<int>("exitCode");
        QTest::addColumn<QString>("message");
        QTest::newRow("no kind") << QStringList{u"import"_s} << int(Usage) << u"import needs a kind of file"_s;
        QTest::newRow("unknown kind") << QStringList{u"import"_s, u"jira"_s, u"x"_s} << int(Usage)
                                      << u"unknown import “jira” (trello, csv)"_s;
        QTest::newRow("no file") << QStringList{u"import"_s, u"csv"_s, u"/nowhere/t.csv"_s} << int(Invalid)
                                 << u"there is no file at /nowhere/t.csv"_s;
        QTest::newRow("CSV as Trello") << QStringList{u"import"_s, u"trello"_s, importFixture(u"servicenow.csv"_s)}
                                       << int(Invalid) << u"servicenow.csv: the file is not JSON"_s;
        QTest::newRow("no header") << QStringList{u"import"_s, u"csv"_s, importFixture(u"no-header.csv"_s)}
                                   << int(Invalid) << u"the first line reads like a ticket"_s;
        QTest::newRow("cut short") << QStringList{u"import"_s, u"csv"_s, importFixture(u"cut-short.csv"_s)}
                                   << int(Invalid) << u"line 2: a field in quotes starts there and is never closed"_s;
        QTest::newRow("empty") << QStringList{u"import"_s, u"csv"_s, importFixture(u"empty.csv"_s)} << int(Invalid)
                               << u"empty.csv: the file is empty"_s;
        QTest::newRow("bad map") << QStringList{u"import"_s, u"csv"_s, importFixture(u"servicenow.csv"_s), u"--map"_s,
                                                u"title=Nope"_s}
                                 << int(Invalid) << u"the file has no column “Nope”"_s;
        QTest::newRow("bad value") << QStringList{u"import"_s, u"csv"_s, importFixture(u"servicenow.csv"_s),
                                                  u"--value"_s, u"priority:2 - High=soonish"_s}
                                   << int(Invalid) << u"say critical, high, normal or low"_s;
        QTest::newRow("bad delimiter") << QStringList{u"import"_s, u"csv"_s, importFixture(u"servicenow.csv"_s),
                                                      u"--delimiter"_s, u"ab"_s}
                                       << int(Usage) << u"--delimiter is one character"_s;
        QTest::newRow("CSV options on Trello")
                << QStringList{u"import"_s, u"trello"_s, importFixture(u"servicenow.csv"_s), u"--map"_s, u"title=x"_s}
                << int(Usage) << u"--map"_s;
    }

    void shouldRefuseBadFilesAndArgumentsWithAReason()
    {
        QFETCH(QStringList, arguments);
        QFETCH(int, exitCode);
        QFETCH(QString, message);
        QVERIFY(useDemoBoard());
        const QByteArray before = sha256Of(m_board);
        const CliRun run = runAs(s_admin, arguments);
        QCOMPARE(run.exitCode, exitCode);
        QVERIFY2(QString::fromUtf8(run.err).contains(message), qPrintable(describe(run)));
        QCOMPARE(sha256Of(m_board), before);
    }

    void shouldRefuseAViewersImport()
    {
        QVERIFY(useDemoBoard());
        const CliRun run = runAs(s_viewer, {u"import"_s, u"csv"_s, importFixture(u"utf16-no-bom.csv"_s)});
        QCOMPARE(run.exitCode, int(Forbidden));
        QVERIFY2(errorLineProblem(run).isEmpty(), qPrintable(errorLineProblem(run)));
    }

    void shouldExportEveryCardAsCsvForASpreadsheet()
    {
        QVERIFY(useDemoBoard());
        const QString path = m_dir->filePath(u"cards.csv"_s);
        const CliRun exported = runAs(s_admin, {u"export"_s, u"--csv"_s, path});
        QVERIFY2(exported.exitCode == Ok, qPrintable(describe(exported)));
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QByteArray bytes = file.readAll();
        // UTF-8 with a BOM, CRLF line ends: what LibreOffice and Excel open as they are
        QVERIFY(bytes.startsWith("\xef\xbb\xbfid,title,description,column,status,priority,assignee,requester,channel,"
                                 "labels,due,overdue,created"));
        QVERIFY(bytes.contains(",sla_state,first_response_business_min,resolution_business_min,response_met,"));
        // (every line end between records is CRLF; a description's own line breaks stay inside its quotes)
        QString unquoted = QString::fromUtf8(bytes);
        unquoted.remove(QRegularExpression(u"\"(?:[^\"]|\"\")*\""_s));
        QCOMPARE(unquoted.count(u"\r\n"_s), unquoted.count(u'\n'));
        QVERIFY(unquoted.count(u"\r\n"_s) > 10);
        // the same through standard output
        const CliRun out = runAs(s_admin, {u"export"_s, u"--csv"_s});
        QCOMPARE(out.out, bytes);
        // AND read back, it is one row per card (archived ones too), with what list --json says
        const auto table = hb::storage::csv::read(bytes);
        QVERIFY(table);
        const qsizetype all = cards({u"--archived"_s}).size(); // (archived ones too)
        QCOMPARE(table->rows.size(), all);
        const int title = int(table->header.indexOf(u"title"_s));
        const int column = int(table->header.indexOf(u"column"_s));
        const int labels = int(table->header.indexOf(u"labels"_s));
        for (const hb::storage::CsvRow &row : table->rows) {
            const QJsonObject card = cardTitled(row.fields.at(title));
            QVERIFY2(!card.isEmpty(), qPrintable(row.fields.at(title)));
            QCOMPARE(row.fields.at(column), card.value(u"column"_s).toString());
            QStringList names = row.fields.at(labels).split(u"; "_s, Qt::SkipEmptyParts);
            names.sort();
            QCOMPARE(names, stringsOf(card.value(u"labels"_s).toArray()));
        }
        QCOMPARE(runAs(s_admin, {u"export"_s, u"--csv"_s, u"--json"_s}).exitCode, int(Usage));
    }
};

QTEST_GUILESS_MAIN(tst_CliImport)
#include "tst_cliimport.moc"
