// SPDX-License-Identifier: GPL-3.0-or-later
// What an import file holds, put into a board: all of it or nothing, never twice, with the times of the source.
#include "boardtestcase.h"

#include <storage/eventkinds.h>
#include <storage/exchange/boardimport.h>
#include <storage/exchange/csvimport.h>
#include <storage/exchange/trelloimport.h>

#include <QDateTime>
#include <QSignalSpy>
#include <QTimeZone>

using namespace hb::storage;
using namespace hb::tests;
using namespace Qt::StringLiterals;

namespace {

ImportPlan trelloPlan()
{
    auto plan = trelloimport::readFile(importFixture(u"trello-it-support.json"_s));
    if (!plan)
        qFatal("%s", qPrintable(plan.error().message));
    return *plan;
}

ImportPlan csvPlan(const QByteArray &bytes)
{
    auto table = csv::read(bytes);
    if (!table)
        qFatal("%s", qPrintable(table.error().message));
    auto plan = csvimport::plan(*table, csvimport::guess(*table), u"tickets.csv"_s);
    if (!plan)
        qFatal("%s", qPrintable(plan.error().message));
    return *plan;
}

ImportPlan csvPlanOf(const QString &file)
{
    QFile in(importFixture(file));
    if (!in.open(QIODevice::ReadOnly))
        qFatal("cannot read %s", qPrintable(file));
    return csvPlan(in.readAll());
}

/// A CSV of @p count tickets, the first @p changed of them with another status and title than the rest.
QByteArray manyTickets(int count, int changed = 0)
{
    QByteArray bytes = "Number,Title,Status,Priority,Assigned to,Created,Resolved\n";
    for (int i = 0; i < count; ++i) {
        const bool other = i < changed;
        bytes += QStringLiteral("T-%1,%2 %1,%3,High,ana,2024-03-01 09:00,%4\n")
                         .arg(i)
                         .arg(other ? u"Fixed printer"_s : u"Printer"_s, other ? u"Closed"_s : u"Open"_s,
                              other ? u"2024-03-02 10:00"_s : QString())
                         .toUtf8();
    }
    return bytes;
}

qint64 utc(const char *iso)
{
    return QDateTime::fromString(QString::fromLatin1(iso), Qt::ISODateWithMs).toMSecsSinceEpoch();
}

} // namespace

class TestBoardImport : public BoardTestCase
{
    Q_OBJECT

    QByteArray boardHash() const { return tableHashes(m_store->path()); }

    Card cardTitled(const QString &title, bool archived = false)
    {
        CardQuery query;
        query.includeArchived = archived;
        for (const Card &card : m_store->cards(query).value()) {
            if (card.title == title)
                return card;
        }
        qWarning("no card %s", qPrintable(title));
        return {};
    }

    qint64 m_clock = 1'750'000'000'000; // June 2025: after the fixtures' times

private Q_SLOTS:
    void init() { setUpBoard(); }
    void cleanup() { tearDownBoard(); }

    void shouldBringATrelloBoardInWhole()
    {
        // GIVEN a board with To do, Doing and Done, and the Trello export
        const ImportPlan plan = trelloPlan();

        // WHEN alice (an admin) imports it
        const auto summary = boardimport::apply(*m_store, plan);
        QVERIFY2(summary, summary ? "" : qPrintable(summary.error().message));

        // THEN the lists the board lacked are columns, where Trello had them; the others are the board's own
        QStringList columns;
        for (const Column &column : m_store->columns().value())
            columns << column.name + u':' + toText(column.kind);
        QCOMPARE(columns, (QStringList{u"Inbox:todo"_s, u"To-do:todo"_s, u"Doing:doing"_s, u"Waiting on vendor:doing"_s,
                                       u"Done:done"_s}));
        QCOMPARE(summary->columnsCreated, (QStringList{u"Inbox"_s, u"Waiting on vendor"_s}));
        // AND the labels with Trello's colours, the members with their names and the default role
        QStringList labels;
        for (const Label &label : m_store->labels().value())
            labels << label.name + u'=' + label.color;
        QVERIFY2(labels.contains(u"Hardware=#eb5a46"_s), qPrintable(labels.join(u", "_s)));
        QVERIFY(labels.contains(u"Sky=#00c2e0"_s));
        QVERIFY(labels.contains(u"Due complete=#61bd4f"_s));
        bool anaFound = false;
        for (const Member &member : m_store->members().value()) {
            if (member.login == u"analopez") {
                anaFound = true;
                QCOMPARE(member.displayName, u"Ana López"_s);
                QCOMPARE(member.role, Role::Editor);
            }
        }
        QVERIFY(anaFound);
        QCOMPARE(summary->membersAdded.size(), 3);

        // AND the cards, in Trello's order, with all they hold
        QCOMPARE(summary->created, 6);
        QCOMPARE(summary->archived, 2);
        QCOMPARE(summary->comments, 3);
        QCOMPARE(summary->checklistItems, 5);
        QCOMPARE(summary->links, 2);
        QStringList inbox;
        for (const Card &card : m_store->cards().value()) {
            if (card.columnId == m_store->columns().value().constFirst().id)
                inbox << card.title;
        }
        QCOMPARE(inbox, (QStringList{u"VPN drops every hour"_s, u"Printer on the 3rd floor jams"_s}));
        const Card printer = cardTitled(u"Printer on the 3rd floor jams"_s);
        QCOMPARE(printer.assignee, u"analopez"_s);
        QCOMPARE(printer.dueAt, utc("2024-03-10T17:00:00.000Z"));
        QCOMPARE(printer.createdAt, utc("2024-03-01T01:00:00.000Z"));
        const auto items = m_store->checklist(printer.id).value();
        QCOMPARE(items.size(), 3);
        QCOMPARE(items.at(0).text, u"Open tray 2 and remove paper"_s);
        QVERIFY(items.at(0).done);
        const auto links = m_store->attachments(printer.id).value();
        QCOMPARE(links.size(), 2);
        QCOMPARE(links.at(1).kind, AttachmentKind::Link);
        QCOMPARE(links.at(1).name, u"manual.pdf"_s);
        QCOMPARE(links.at(1).linkPath, u"https://support.example.com/m507/manual.pdf"_s);
        const Card laptop = cardTitled(u"Laptop for the new hire"_s);
        const auto comments = m_store->comments(laptop.id).value();
        QCOMPARE(comments.size(), 2);
        QCOMPARE(comments.at(0).author, u"benokafor"_s);
        QCOMPARE(comments.at(0).createdAt, utc("2024-03-04T15:00:00.000Z"));
        QVERIFY(m_store->search(u"dock"_s).value().contains(laptop.id)); // comments are searchable
        QCOMPARE(cardTitled(u"Monitor flickers"_s, true).archivedAt, utc("2024-03-06T08:00:00.000Z"));
        QCOMPARE(cardTitled(u"Old request about fax"_s, true).columnId, m_store->columns().value().constFirst().id);

        // AND the card resolved in Trello has the history it had: made by ana, moved to Done by ben then
        const Card done = cardTitled(u"Replace the core switch"_s);
        QCOMPARE(done.resolvedAt, utc("2024-03-09T15:45:00.000Z"));
        QCOMPARE(done.resolvedBy, u"benokafor"_s);
        QCOMPARE(done.createdBy, u"analopez"_s);
        const auto history = m_store->cardHistory(done.id).value();
        QCOMPARE(history.size(), 3);
        QCOMPARE(history.at(0).kind, eventkind::CardCreated.toString());
        QCOMPARE(history.at(1).kind, eventkind::CardMoved.toString());
        QCOMPARE(history.at(1).actor, u"benokafor"_s);
        QCOMPARE(history.at(1).at, utc("2024-03-09T15:45:00.000Z"));
        // AND the metrics count it resolved then, not when it was made
        const RawResult metric = rawSql(m_store->path(), {QStringLiteral("SELECT created_at, first_resolved_at, "
                                                                         "final_resolved_at, within_24h FROM "
                                                                         "metrics_tickets WHERE card_id = %1")
                                                                  .arg(done.id)});
        QCOMPARE(metric.rows.value(0), (QVariantList{utc("2024-03-03T08:00:00.000Z"), utc("2024-03-09T15:45:00.000Z"),
                                                     utc("2024-03-09T15:45:00.000Z"), 0}));
        QCOMPARE(m_store->verify().value(), QStringList());
    }

    void shouldNotMakeACardTwiceWhenImportedAgain_data()
    {
        QTest::addColumn<bool>("trello");
        QTest::newRow("Trello") << true;
        QTest::newRow("CSV") << false;
    }

    void shouldNotMakeACardTwiceWhenImportedAgain()
    {
        QFETCH(bool, trello);
        const ImportPlan plan = trello ? trelloPlan() : csvPlanOf(u"servicenow.csv"_s);
        const auto first = boardimport::apply(*m_store, plan);
        QVERIFY2(first, first ? "" : qPrintable(first.error().message));
        const QByteArray after = boardHash();

        // WHEN the same file is imported again
        const auto again = boardimport::apply(*m_store, trello ? trelloPlan() : csvPlanOf(u"servicenow.csv"_s));

        // THEN nothing is made twice, and nothing at all is written
        QVERIFY(again);
        QCOMPARE(again->created, 0);
        QCOMPARE(again->unchanged, first->created);
        QCOMPARE(boardHash(), after);
        QVERIFY(again->lines().join(u'\n').contains(
                u"imported before and unchanged in the source: %1 cards"_s.arg(first->created)));
    }

    void shouldUpdateWhatTheSourceChangedOnlyWhenAsked()
    {
        // GIVEN 20 tickets imported, then the same file with 5 of them closed and renamed
        QVERIFY(boardimport::apply(*m_store, csvPlan(manyTickets(20))));
        const ImportPlan changed = csvPlan(manyTickets(20, 5));
        const QByteArray before = boardHash();

        // WHEN it is imported without updating: nothing changes, and the summary says what could
        auto skipped = boardimport::apply(*m_store, changed);
        QVERIFY(skipped);
        QCOMPARE(skipped->changedSkipped, 5);
        QCOMPARE(skipped->unchanged, 15);
        QCOMPARE(boardHash(), before);

        // AND a colleague has made one of them low priority on the board since (the source says high, as before)
        CardPatch lower;
        lower.priority = Priority::Low;
        QVERIFY(m_store->updateCard(cardTitled(u"Printer 3"_s).id, lower));

        // WHEN it is imported with updating
        boardimport::Options options;
        options.reimport = ReimportMode::Update;
        auto updated = boardimport::apply(*m_store, changed, options);
        QVERIFY2(updated, updated ? "" : qPrintable(updated.error().message));
        QCOMPARE(updated->updated, 5);
        QCOMPARE(updated->created, 0);
        // THEN those cards say what the source says now: renamed, in Done; the others are as they were
        const Card fixed = cardTitled(u"Fixed printer 3"_s);
        QCOMPARE(fixed.columnId, m_done);
        QVERIFY(fixed.resolvedAt > 0);
        QCOMPARE(fixed.priority, Priority::Low); // the colleague's edit of a field the source left alone stays
        QCOMPARE(cardTitled(u"Printer 7"_s).columnId, m_todo);
        QCOMPARE(m_store->cards().value().size(), 20);
        const QStringList kinds = eventKinds(*m_store, 0);
        QVERIFY(kinds.contains(eventkind::CardUpdated.toString()));
        // AND importing it again finds nothing more to do
        auto third = boardimport::apply(*m_store, changed, options);
        QVERIFY(third);
        QCOMPARE(third->updated, 0);
        QCOMPARE(third->unchanged, 20);
    }

    void shouldMakeACardAgainWhenTheImportedOneWasDeleted()
    {
        QVERIFY(boardimport::apply(*m_store, csvPlan(manyTickets(3))));
        QVERIFY(m_store->deleteCard(cardTitled(u"Printer 1"_s).id));
        const auto again = boardimport::apply(*m_store, csvPlan(manyTickets(3)));
        QVERIFY(again);
        QCOMPARE(again->created, 1);
        QCOMPARE(again->unchanged, 2);
        QCOMPARE(m_store->cards().value().size(), 3);
    }

    void shouldLeaveTheBoardAsItWasWhenCancelledOrRefused_data()
    {
        QTest::addColumn<int>("cancelAt"); // 0: not cancelled, the last card refused
        QTest::newRow("cancelled after 300 of 1000") << 300;
        QTest::newRow("the last card refused") << 0;
    }

    void shouldLeaveTheBoardAsItWasWhenCancelledOrRefused()
    {
        QFETCH(int, cancelAt);
        QVERIFY(m_store->createCard(cardInTodo()));
        const QByteArray before = boardHash();
        ImportPlan plan = csvPlan(manyTickets(1000));
        if (!cancelAt) // a card whose column is none: refused in the transaction, after 999 cards are in
            plan.cards.last().column = 99;
        QList<qint64> heard;
        boardimport::Options options;
        options.progress = [&](qint64 done, qint64 total) {
            heard << done;
            return !(cancelAt && done >= cancelAt) && total == 1000;
        };
        const auto summary = boardimport::apply(*m_store, plan, options);
        QVERIFY(!summary);
        if (cancelAt) {
            QVERIFY(boardimport::isCancellation(summary.error()));
            QCOMPARE(heard, (QList<qint64>{100, 200, 300}));
        } else {
            QVERIFY2(summary.error().message.startsWith(u"card 1000 (“Printer 999”): column 0 does not exist"),
                     qPrintable(summary.error().message));
            QVERIFY(!boardimport::isCancellation(summary.error()));
        }
        QCOMPARE(boardHash(), before);
        QCOMPARE(m_store->cards().value().size(), 1);
    }

    void shouldLeaveAnArchivedCardInItsColumnWhenUpdating()
    {
        QVERIFY(boardimport::apply(*m_store, csvPlan(manyTickets(3))));
        const Card printer = cardTitled(u"Printer 0"_s);
        QVERIFY(m_store->archiveCard(printer.id));
        boardimport::Options options;
        options.reimport = ReimportMode::Update;
        const auto updated = boardimport::apply(*m_store, csvPlan(manyTickets(3, 1)), options);
        QVERIFY2(updated, updated ? "" : qPrintable(updated.error().message));
        QCOMPARE(updated->updated, 1);
        const Card after = cardTitled(u"Fixed printer 0"_s, true);
        QCOMPARE(after.columnId, m_todo); // archived: not moved
        QVERIFY(after.archivedAt > 0);
        QVERIFY(updated->lines().join(u'\n').contains(u"archived on the board: left in its column"_s));
    }

    void shouldLetAnEditorImportAgainWhatAnAdminBroughtIn()
    {
        // GIVEN a Trello board an admin imported (its lists made columns, its people members)
        QVERIFY(boardimport::apply(*m_store, trelloPlan()));
        // AND one of those columns renamed since
        const Column inbox = m_store->columns().value().constFirst();
        QVERIFY(m_store->renameColumn(inbox.id, u"Incoming"_s));
        const QByteArray before = boardHash();
        // WHEN an editor imports the same export again: nothing new, nothing made, nothing refused
        QVERIFY(m_store->setLogin(u"ben"_s));
        const auto again = boardimport::apply(*m_store, trelloPlan());
        QVERIFY2(again, again ? "" : qPrintable(again.error().message));
        QCOMPARE(again->unchanged, 6);
        QVERIFY(again->columnsCreated.isEmpty());
        QCOMPARE(boardHash(), before);
    }

    void shouldNotTakeAFilesNotesForAnswersToTheRequester()
    {
        QVERIFY(boardimport::apply(*m_store, csvPlan("Ticket,Title,Status,Created,Note\n"
                                                     "T-1,Wi-Fi drops,Open,2024-03-01 09:00,Called back twice\n")));
        const Card wifi = cardTitled(u"Wi-Fi drops"_s);
        QCOMPARE(wifi.firstResponseAt, 0);
        QCOMPARE(m_store->comments(wifi.id).value().size(), 1);
    }

    void shouldKeepListsNamedWithoutLettersApart()
    {
        const auto plan = trelloimport::plan(R"({"id": "e", "name": "Emoji", "lists": [
            {"id": "a", "name": "✅", "pos": 1}, {"id": "b", "name": "🔥", "pos": 2}],
            "cards": [{"id": "c1", "name": "One", "idList": "a", "pos": 1},
                      {"id": "c2", "name": "Two", "idList": "b", "pos": 1}]})");
        QVERIFY(plan);
        QVERIFY(boardimport::apply(*m_store, *plan));
        QVERIFY(cardTitled(u"One"_s).columnId != cardTitled(u"Two"_s).columnId);
    }

    void shouldChangeNothingOnADryRun()
    {
        const QByteArray before = boardHash();
        boardimport::Options options;
        options.dryRun = true;
        const auto summary = boardimport::apply(*m_store, trelloPlan(), options);
        QVERIFY2(summary, summary ? "" : qPrintable(summary.error().message));
        QVERIFY(summary->dryRun);
        QCOMPARE(summary->created, 6);
        QCOMPARE(summary->columnsCreated.size(), 2);
        QVERIFY(summary->lines().constFirst().startsWith(u"would import: 6 cards"_s));
        QCOMPARE(boardHash(), before);
    }

    void shouldTellAnEditorWhatOnlyAnAdminCanAdd()
    {
        QVERIFY(m_store->setLogin(u"ben"_s));
        const QByteArray before = boardHash();
        const auto trello = boardimport::apply(*m_store, trelloPlan());
        QVERIFY(!trello);
        QCOMPARE(trello.error().kind, ErrorKind::Forbidden);
        QVERIFY2(trello.error().message.contains(u"the board has no column “Inbox”, “Waiting on vendor”, and only an "
                                                 u"admin can add columns"),
                 qPrintable(trello.error().message));
        const auto people = boardimport::apply(*m_store, csvPlanOf(u"servicenow.csv"_s));
        QVERIFY(!people);
        QVERIFY2(people.error().message.contains(u"(“ana.lopez”, “ben.okafor”), and only an admin can add members"),
                 qPrintable(people.error().message));
        QCOMPARE(boardHash(), before);
        // AND what needs no admin, an editor imports
        const auto plain = boardimport::apply(*m_store, csvPlan("Title,Status\nToner low,Open\n"));
        QVERIFY2(plain, plain ? "" : qPrintable(plain.error().message));
        QCOMPARE(plain->created, 1);
        QCOMPARE(cardTitled(u"Toner low"_s).createdBy, u"ben"_s);
        // AND a viewer imports nothing
        QVERIFY(m_store->setLogin(u"vera"_s));
        const auto viewer = boardimport::apply(*m_store, csvPlan("Title\nA\n"));
        QVERIFY(!viewer);
        QCOMPARE(viewer.error().kind, ErrorKind::Forbidden);
    }

    void shouldKeepTheFilesTimesForTheMetrics()
    {
        const auto summary = boardimport::apply(*m_store, csvPlanOf(u"servicenow.csv"_s));
        QVERIFY(summary);
        QCOMPARE(summary->created, 5);
        const Card outlook = cardTitled(u"Outlook keeps asking for the password"_s);
        const qint64 created = QDateTime(QDate(2024, 3, 1), QTime(9, 15)).toMSecsSinceEpoch();
        const qint64 resolved = QDateTime(QDate(2024, 3, 1), QTime(11, 45)).toMSecsSinceEpoch();
        QCOMPARE(outlook.createdAt, created);
        QCOMPARE(outlook.resolvedAt, resolved);
        QCOMPARE(outlook.columnId, m_done);
        const RawResult metric = rawSql(m_store->path(), {QStringLiteral("SELECT created_at, final_resolved_at, "
                                                                         "resolution_ms, within_24h, channel FROM "
                                                                         "metrics_tickets WHERE card_id = %1")
                                                                  .arg(outlook.id)});
        QCOMPARE(metric.rows.value(0), (QVariantList{created, resolved, resolved - created, 1, u"email"_s}));
        // AND the comment of an unknown author is the importer's
        const auto log = csvimport::plan(csv::readFile(importFixture(u"event-log.csv"_s)).value(),
                                         csvimport::guess(csv::readFile(importFixture(u"event-log.csv"_s)).value()),
                                         u"log.csv"_s);
        QVERIFY(boardimport::apply(*m_store, *log));
        const Card wifi = cardTitled(u"Wi-Fi drops in rooms 4 and 5"_s);
        const auto comments = m_store->comments(wifi.id).value();
        QCOMPARE(comments.size(), 3);
        QCOMPARE(comments.at(0).author, u"alice"_s);
    }
};

QTEST_GUILESS_MAIN(TestBoardImport)
#include "tst_boardimport.moc"
