// SPDX-License-Identifier: GPL-3.0-or-later
// helpboard-cli kb: the knowledge base from scripts. Each command a separate process on the same board, as scripts
// run it: add, edit (compare-and-swap), list and search, show, link, delete and restore, import a folder of Markdown.
#include "clitestcase.h"

#include <QFile>

using namespace hb::tests;
using namespace hb::tests::cli;

class tst_CliKnowledge : public CliTestCase
{
    Q_OBJECT

private:
    QJsonArray articles(const QStringList &extra = {}) const
    {
        const CliRun listed = runAs(s_admin, QStringList{u"kb"_s, u"list"_s, u"--json"_s} + extra);
        if (listed.exitCode != Ok)
            qWarning() << describe(listed);
        return QJsonDocument::fromJson(listed.out).array();
    }

    QJsonObject article(qint64 id) const
    {
        const CliRun shown = runAs(s_admin, {u"kb"_s, u"show"_s, QString::number(id), u"--json"_s});
        if (shown.exitCode != Ok)
            qWarning() << describe(shown);
        return QJsonDocument::fromJson(shown.out).object();
    }

    qint64 addArticle(const QString &title, const QByteArray &body, const QStringList &options = {}) const
    {
        const CliRun added =
                runAs(s_editor, QStringList{u"kb"_s, u"add"_s, u"--title"_s, title, u"--body-file"_s, u"-"_s} + options,
                      body);
        if (added.exitCode != Ok)
            qWarning() << describe(added);
        return added.out.trimmed().toLongLong();
    }

    QString writeFile(const QString &name, const QByteArray &bytes) const
    {
        const QString path = m_dir->filePath(name);
        QDir().mkpath(QFileInfo(path).path());
        QFile file(path);
        if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size())
            qWarning() << "cannot write" << path;
        return path;
    }

private Q_SLOTS:
    void initTestCase() { setUpSuite(); }
    void init() { setUpTest(); }
    void cleanup() { tearDownTest(); }

    void shouldAddListSearchAndShowArticles()
    {
        QVERIFY(useDemoBoard());
        const qsizetype demo = articles().size(); // the demo's own
        QVERIFY(demo > 0);
        // WHEN ben adds two articles, one with a label and the demo's printer template, its text from standard input
        const QByteArray body = "Restart the <b>spooler</b>.\n<script>alert(1)</script>\n";
        const qint64 printer = addArticle(u"Plotter offline"_s, body,
                                          {u"--label"_s, u"hardware"_s, u"--template"_s, u"printer troubleshooting"_s});
        QVERIFY(printer > 0);
        const qint64 toner = addArticle(u"Toner low"_s, "Order a cartridge for the plotter.");
        QVERIFY(toner > 0);

        // THEN show gives it back exactly, the HTML as text, with its label by name and its template
        const QJsonObject shown = article(printer);
        QCOMPARE(shown.value(u"title"_s).toString(), u"Plotter offline"_s);
        QCOMPARE(shown.value(u"body"_s).toString(), QString::fromUtf8(body));
        QCOMPARE(stringsOf(shown.value(u"labels"_s).toArray()), QStringList{u"Hardware"_s});
        QVERIFY(shown.value(u"template_id"_s).toInteger() > 0);
        QCOMPARE(shown.value(u"created_by"_s).toString(), s_editor);
        QCOMPARE(shown.value(u"version"_s).toInteger(), 1);
        // AND the text form prints the body as it is
        const CliRun text = runAs(s_viewer, {u"kb"_s, u"show"_s, QString::number(printer)});
        QVERIFY_SUCCEEDS(text);
        QVERIFY2(text.out.contains("<script>alert(1)</script>") && text.out.contains("Printer troubleshooting"),
                 text.out);
        // AND the list has both by title; a search puts the title's match first
        QCOMPARE(articles().size(), demo + 2);
        const QJsonArray found = articles({u"--search"_s, u"plotter"_s});
        QCOMPARE(idsOf(found), (QList<qint64>{printer, toner}));
        QCOMPARE(idsOf(articles({u"--search"_s, u"cartridge"_s})), QList<qint64>{toner});
        QCOMPARE(articles({u"--search"_s, u"nothing-like-it"_s}).size(), 0);
        const CliRun table = runAs(s_viewer, {u"kb"_s, u"list"_s});
        QVERIFY_SUCCEEDS(table);
        QCOMPARE(table.out.count('\n'), demo + 2);
    }

    void shouldEditAnArticleWithCompareAndSwap()
    {
        QVERIFY(useDemoBoard());
        const qint64 id = addArticle(u"VPN drops"_s, "Renew the certificate.");
        QVERIFY(id > 0);
        // WHEN two scripts edit it from version 1: the title, then the labels: THEN both land (different fields)
        const CliRun first = runAs(s_editor, {u"kb"_s, u"edit"_s, QString::number(id), u"--title"_s,
                                              u"VPN drops every hour"_s, u"--expect-version"_s, u"1"_s});
        QVERIFY_SUCCEEDS(first);
        QCOMPARE(first.out.trimmed(), "2");
        QVERIFY_SUCCEEDS(runAs(s_editor, {u"kb"_s, u"edit"_s, QString::number(id), u"--label"_s, u"network"_s,
                                          u"--expect-version"_s, u"1"_s}));
        QCOMPARE(article(id).value(u"title"_s).toString(), u"VPN drops every hour"_s);
        QCOMPARE(stringsOf(article(id).value(u"labels"_s).toArray()), QStringList{u"Network"_s});
        // AND a second title edit from version 1 is a conflict that changes nothing
        QVERIFY_FAILS_WITH(runAs(s_editor, {u"kb"_s, u"edit"_s, QString::number(id), u"--title"_s, u"VPN"_s,
                                            u"--expect-version"_s, u"1"_s}),
                           Conflict);
        QCOMPARE(article(id).value(u"title"_s).toString(), u"VPN drops every hour"_s);
        QCOMPARE(article(id).value(u"version"_s).toInteger(), 3);
        // AND labels and template can be taken off
        QVERIFY_SUCCEEDS(runAs(s_editor, {u"kb"_s, u"edit"_s, QString::number(id), u"--no-labels"_s}));
        QCOMPARE(article(id).value(u"labels"_s).toArray().size(), 0);
    }

    void shouldLinkACardAndCountTheTicketsSolved()
    {
        QVERIFY(useDemoBoard());
        const qint64 id = addArticle(u"Printer offline"_s, "Restart the spooler.");
        const qint64 card = addCard({u"--title"_s, u"Printer on floor 2 offline"_s});
        QVERIFY(id > 0 && card > 0);
        // WHEN ben links the card to the article
        QVERIFY_SUCCEEDS(runAs(s_editor, {u"kb"_s, u"link"_s, QString::number(card), QString::number(id)}));
        // THEN the article lists the ticket, linked not yet solved; the card's history says so
        QJsonObject shown = article(id);
        QCOMPARE(shown.value(u"linked_tickets"_s).toInt(), 1);
        QCOMPARE(shown.value(u"resolved_tickets"_s).toInt(), 0);
        QCOMPARE(idsOf(shown.value(u"tickets"_s).toArray()), QList<qint64>{card});
        const QJsonArray history = show(card).value(u"history"_s).toArray();
        QVERIFY2(QJsonDocument(history).toJson().contains("card.article_linked"), QJsonDocument(history).toJson());
        // AND once the ticket is resolved, it counts as solved
        QVERIFY_SUCCEEDS(runAs(s_editor, {u"move"_s, QString::number(card), u"--to"_s, u"Done"_s}));
        QCOMPARE(article(id).value(u"resolved_tickets"_s).toInt(), 1);
        // AND unlinking takes it off; deleting the article keeps it readable as deleted, and restore brings it back
        QVERIFY_SUCCEEDS(
                runAs(s_editor, {u"kb"_s, u"link"_s, QString::number(card), QString::number(id), u"--unlink"_s}));
        QCOMPARE(article(id).value(u"linked_tickets"_s).toInt(), 0);
        const qsizetype before = articles().size();
        QVERIFY_SUCCEEDS(runAs(s_editor, {u"kb"_s, u"delete"_s, QString::number(id)}));
        QCOMPARE(articles().size(), before - 1);
        QVERIFY(!article(id).value(u"deleted_at"_s).isNull());
        QVERIFY_FAILS_WITH(runAs(s_editor, {u"kb"_s, u"link"_s, QString::number(card), QString::number(id)}), Invalid);
        QVERIFY_SUCCEEDS(runAs(s_editor, {u"kb"_s, u"restore"_s, QString::number(id)}));
        QCOMPARE(articles().size(), before);
    }

    void shouldAttachAManualToAnArticle()
    {
        QVERIFY(useDemoBoard());
        const qint64 id = addArticle(u"Printer offline"_s, "See the manual.");
        QVERIFY(id > 0);
        QByteArray bytes;
        for (int i = 0; i < 300'000; ++i)
            bytes += char(i % 251);
        writeFile(u"manual.pdf"_s, bytes);
        // WHEN ben attaches the manual and links the driver share
        const CliRun file = runAs(s_editor, {u"kb"_s, u"attach"_s, QString::number(id), u"%DIR%/manual.pdf"_s});
        QVERIFY_SUCCEEDS(file);
        const CliRun link =
                runAs(s_editor, {u"kb"_s, u"attach"_s, QString::number(id), u"--link"_s, u"/srv/drivers"_s});
        QVERIFY_SUCCEEDS(link);
        // THEN show lists both, and save-attachment gives the bytes back
        const QJsonArray attached = article(id).value(u"attachments"_s).toArray();
        QCOMPARE(attached.size(), 2);
        QCOMPARE(attached.at(0).toObject().value(u"name"_s).toString(), u"manual.pdf"_s);
        QCOMPARE(attached.at(0).toObject().value(u"size"_s).toInteger(), bytes.size());
        QCOMPARE(attached.at(1).toObject().value(u"link"_s).toString(), u"/srv/drivers"_s);
        QVERIFY_SUCCEEDS(
                runAs(s_viewer, {u"save-attachment"_s, QString::fromUtf8(file.out.trimmed()), u"%DIR%/copy.pdf"_s}));
        QFile copy(m_dir->filePath(u"copy.pdf"_s));
        QVERIFY(copy.open(QIODevice::ReadOnly));
        QCOMPARE(copy.readAll(), bytes);
        const CliRun text = runAs(s_viewer, {u"kb"_s, u"show"_s, QString::number(id)});
        QVERIFY2(text.out.contains("Attached: #") && text.out.contains("manual.pdf"), text.out);
        // AND the wrong way round is refused, nothing changed
        QVERIFY_FAILS_WITH(runAs(s_editor, {u"kb"_s, u"attach"_s, QString::number(id)}), Usage);
        QVERIFY_FAILS_WITH(runAs(s_editor, {u"kb"_s, u"attach"_s, u"4242"_s, u"%DIR%/manual.pdf"_s}), Invalid);
        QVERIFY_FAILS_WITH(runAs(s_viewer, {u"kb"_s, u"attach"_s, QString::number(id), u"%DIR%/manual.pdf"_s}),
                           Forbidden);
        QCOMPARE(article(id).value(u"attachments"_s).toArray().size(), 2);
    }

    void shouldRefuseBadInputAndChangeNothing_data()
    {
        QTest::addColumn<QString>("login");
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QByteArray>("input");
        QTest::addColumn<int>("exit");
        QTest::addColumn<QString>("message");
        const QStringList add{u"kb"_s, u"add"_s, u"--title"_s};
        QTest::newRow("no command") << s_editor << QStringList{u"kb"_s} << QByteArray() << int(Usage)
                                    << u"kb needs a command"_s;
        QTest::newRow("unknown command") << s_editor << QStringList{u"kb"_s, u"publish"_s} << QByteArray() << int(Usage)
                                         << u"unknown kb command"_s;
        QTest::newRow("no title") << s_editor << QStringList{u"kb"_s, u"add"_s} << QByteArray() << int(Usage)
                                  << u"needs --title"_s;
        QTest::newRow("empty title") << s_editor << (add + QStringList{u"  "_s}) << QByteArray() << int(Invalid)
                                     << u"cannot be empty"_s;
        QTest::newRow("unknown label") << s_editor << (add + QStringList{u"X"_s, u"--label"_s, u"nope"_s})
                                       << QByteArray() << int(Invalid) << u"no label"_s;
        QTest::newRow("unknown template") << s_editor << (add + QStringList{u"X"_s, u"--template"_s, u"nope"_s})
                                          << QByteArray() << int(Invalid) << u"no checklist template"_s;
        QTest::newRow("viewer") << s_viewer << (add + QStringList{u"X"_s}) << QByteArray() << int(Forbidden)
                                << u"viewer"_s;
        QTest::newRow("binary body") << s_editor << (add + QStringList{u"X"_s, u"--body-file"_s, u"-"_s})
                                     << QByteArray("\x00\x01\x02", 3) << int(Invalid) << u"not text"_s;
        QTest::newRow("body file missing")
                << s_editor << (add + QStringList{u"X"_s, u"--body-file"_s, u"%DIR%/nothing.md"_s}) << QByteArray()
                << int(IoError) << u"cannot read"_s;
        QTest::newRow("bad id") << s_editor << QStringList{u"kb"_s, u"show"_s, u"abc"_s} << QByteArray() << int(Invalid)
                                << u"is not a knowledge-base article id"_s;
        QTest::newRow("article not there") << s_editor << QStringList{u"kb"_s, u"show"_s, u"4242"_s} << QByteArray()
                                           << int(Invalid) << u"no article #4242"_s;
        QTest::newRow("link to no card") << s_editor << QStringList{u"kb"_s, u"link"_s, u"4242"_s, u"1"_s}
                                         << QByteArray() << int(Invalid) << u"4242"_s;
        QTest::newRow("edit nothing") << s_editor << QStringList{u"kb"_s, u"edit"_s, u"1"_s} << QByteArray()
                                      << int(Usage) << u"kb edit needs"_s;
        QTest::newRow("import no folder") << s_editor << QStringList{u"kb"_s, u"import"_s, u"%DIR%/none"_s}
                                          << QByteArray() << int(Invalid) << u"no folder"_s;
    }

    void shouldRefuseBadInputAndChangeNothing()
    {
        QFETCH(QString, login);
        QFETCH(QStringList, args);
        QFETCH(QByteArray, input);
        QFETCH(int, exit);
        QFETCH(QString, message);
        QVERIFY(useDemoBoard());
        QVERIFY(addArticle(u"Existing"_s, "x") > 0);
        const QJsonObject before = exportBoard();
        const QJsonArray articlesBefore = articles();
        const CliRun refused = runAs(login, args, input);
        QVERIFY_FAILS_WITH(refused, exit);
        QVERIFY2(refused.err.contains(message.toUtf8()), refused.err);
        QCOMPARE(articles(), articlesBefore);
        QCOMPARE(exportBoard().value(u"events"_s).toArray().size(), before.value(u"events"_s).toArray().size());
    }

    void shouldCutAVeryLongBodyAndSaySo()
    {
        QVERIFY(useDemoBoard());
        // GIVEN a 1 MB text, its last character an emoji astride the limit
        QByteArray body(99'999, 'a');
        body += "\xF0\x9F\x98\x80"; // 😀, two UTF-16 units: the 100,000th character
        body += QByteArray(1'000'000 - body.size(), 'b');
        const CliRun added =
                runAs(s_editor, {u"kb"_s, u"add"_s, u"--title"_s, u"Long"_s, u"--body-file"_s, u"-"_s}, body);
        // THEN it is kept cut at 100,000 characters, the emoji whole, with a warning
        QVERIFY_SUCCEEDS(added);
        QVERIFY2(added.err.contains("warning: the text was cut to 100,000 characters (899,997 left out)"), added.err);
        const QString kept = article(added.out.trimmed().toLongLong()).value(u"body"_s).toString();
        QCOMPARE(kept.size(), 100'001);
        QVERIFY(kept.endsWith(QString::fromUtf8("\xF0\x9F\x98\x80")));
    }

    void shouldImportAFolderOfMarkdownAllOrNothing()
    {
        QVERIFY(useDemoBoard());
        const qsizetype demo = articles().size();
        // GIVEN a folder of three articles (front matter, a heading, neither) and a file that is not Markdown
        writeFile(u"kb/printer.md"_s, "---\ntitle: Printer offline\nlabels: [Hardware, \"Printers\"]\n---\n\n"
                                      "Restart the spooler.\n");
        writeFile(u"kb/vpn.md"_s, "\xEF\xBB\xBF# VPN drops every hour\r\n\r\nRenew the certificate.\r\n");
        writeFile(u"kb/outlook-password_prompt.markdown"_s, "Clear the saved credentials.\n");
        writeFile(u"kb/notes.txt"_s, "not an article");
        // AND a bad one
        writeFile(u"kb/broken.md"_s, QByteArray("\x00\xff binary", 9));
        writeFile(u"kb/empty.md"_s, "  \n");

        // WHEN it is imported: THEN nothing goes in, and each bad file is named on a line of its own
        CliRun refused = runAs(s_editor, {u"kb"_s, u"import"_s, u"%DIR%/kb"_s});
        QCOMPARE(refused.exitCode, int(Invalid));
        QVERIFY2(refused.err.contains("broken.md: it is not text") && refused.err.contains("empty.md: it is empty")
                         && refused.err.contains("2 file(s) could not be read as articles; nothing was imported"),
                 refused.err);
        QCOMPARE(articles().size(), demo);

        // WHEN the bad files are taken away: THEN all three go in, the new label made, the other file said
        QVERIFY(QFile::remove(m_dir->filePath(u"kb/broken.md"_s)));
        QVERIFY(QFile::remove(m_dir->filePath(u"kb/empty.md"_s)));
        const CliRun imported = runAs(s_editor, {u"kb"_s, u"import"_s, u"%DIR%/kb"_s});
        QVERIFY_SUCCEEDS(imported);
        QVERIFY2(imported.out.contains("Imported 3 article(s); new labels: Printers"), imported.out);
        QVERIFY2(imported.out.contains("1 other file(s)"), imported.out);
        QHash<QString, QJsonObject> byTitle;
        for (const QJsonValue &each : articles())
            byTitle.insert(each.toObject().value(u"title"_s).toString(), each.toObject());
        QCOMPARE(byTitle.size(), demo + 3);
        QVERIFY(byTitle.contains(u"outlook password prompt"_s));
        QCOMPARE(byTitle.value(u"VPN drops every hour"_s).value(u"body"_s).toString(), u"Renew the certificate."_s);
        QCOMPARE(stringsOf(byTitle.value(u"Printer offline"_s).value(u"labels"_s).toArray()),
                 (QStringList{u"Hardware"_s, u"Printers"_s}));

        // WHEN it is imported again: THEN nothing is doubled
        const CliRun again = runAs(s_editor, {u"kb"_s, u"import"_s, u"%DIR%/kb"_s});
        QVERIFY_SUCCEEDS(again);
        QVERIFY2(again.out.contains("Imported 0 article(s)") && again.out.contains("Left out 3"), again.out);
        QCOMPARE(articles().size(), demo + 3);
        // AND a viewer may not import
        QVERIFY_FAILS_WITH(runAs(s_viewer, {u"kb"_s, u"import"_s, u"%DIR%/kb"_s}), Forbidden);
    }
};

QTEST_GUILESS_MAIN(tst_CliKnowledge)
#include "tst_cliknowledge.moc"
