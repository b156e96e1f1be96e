// SPDX-License-Identifier: GPL-3.0-or-later
// A Trello board's JSON export read as HelpBoard cards, and what is not one refused with the reason.
#include "support/testsupport.h"

#include <storage/exchange/trelloimport.h>

#include <QDateTime>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>
#include <QTimeZone>

using namespace hb::storage;
using namespace Qt::StringLiterals;

namespace {

QString fixturePath()
{
    return hb::tests::importFixture(QStringLiteral("trello-it-support.json"));
}

QByteArray fixtureBytes()
{
    QFile file(fixturePath());
    if (!file.open(QIODevice::ReadOnly))
        qFatal("cannot read the Trello fixture");
    return file.readAll();
}

qint64 utc(const char *iso)
{
    return QDateTime::fromString(QString::fromLatin1(iso), Qt::ISODateWithMs).toMSecsSinceEpoch();
}

const ImportPlan::Card &cardTitled(const ImportPlan &plan, const QString &title)
{
    for (const ImportPlan::Card &card : plan.cards) {
        if (card.card.card.title == title)
            return card;
    }
    qFatal("no card %s", qPrintable(title));
}

QStringList noteTexts(const ImportPlan &plan)
{
    QStringList texts;
    for (const ImportNote &note : plan.notes)
        texts << note.text();
    return texts;
}

} // namespace

class TestTrelloImport : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void shouldReadTheListsAsColumnsInOrder()
    {
        const auto plan = trelloimport::readFile(fixturePath());
        QVERIFY2(plan, plan ? "" : qPrintable(plan.error().message));
        QCOMPARE(plan->source, u"trello:5f0c1a2b3c4d5e6f7a8b9c0d"_s);
        QCOMPARE(plan->sourceName, u"Trello board “IT Support”"_s);
        QStringList columns;
        for (const ImportPlan::Column &column : plan->columns)
            columns << column.name + u':' + toText(column.kind);
        // the closed lists are no columns; a list before any started one is to do, one after it doing
        QCOMPARE(columns,
                 (QStringList{u"Inbox:todo"_s, u"Doing:doing"_s, u"Waiting on vendor:doing"_s, u"Done:done"_s}));
    }

    void shouldReadTheCardsInOrderWithAllTheyHold()
    {
        const auto plan = trelloimport::readFile(fixturePath());
        QVERIFY(plan);
        QStringList titles;
        for (const ImportPlan::Card &card : plan->cards)
            titles << card.card.card.title;
        QCOMPARE(titles, (QStringList{u"VPN drops every hour"_s, u"Printer on the 3rd floor jams"_s,
                                      u"Laptop for the new hire"_s, u"Replace the core switch"_s, u"Monitor flickers"_s,
                                      u"Old request about fax"_s}));

        const ImportPlan::Card &printer = cardTitled(*plan, u"Printer on the 3rd floor jams"_s);
        QCOMPARE(printer.sourceId, u"65e128900000000000abc001"_s);
        QCOMPARE(printer.card.card.description, u"Paper jams on **every** job since Monday.\nModel: HP M507"_s);
        QCOMPARE(printer.card.card.dueAt, utc("2024-03-10T17:00:00.000Z"));
        QCOMPARE(printer.card.card.assignee, u"analopez"_s);
        QCOMPARE(printer.labels, QStringList{u"Hardware"_s});
        // made when its id says (no createCard action for it)
        QCOMPARE(printer.card.createdAt, utc("2024-03-01T01:00:00.000Z"));
        QCOMPARE(printer.card.checklist.size(), 3);
        QCOMPARE(printer.card.checklist.at(0).text, u"Open tray 2 and remove paper"_s);
        QVERIFY(printer.card.checklist.at(0).done);
        QCOMPARE(printer.card.checklist.at(2).text, u"Print a test page"_s);
        QVERIFY(!printer.card.checklist.at(2).done);
        QCOMPARE(printer.card.links,
                 (QStringList{u"https://trello.com/1/cards/65e128900000000000abc001/attachments/a1/download/jam.jpg"_s,
                              u"https://support.example.com/m507/manual.pdf"_s}));

        const ImportPlan::Card &vpn = cardTitled(*plan, u"VPN drops every hour"_s);
        QCOMPARE(vpn.labels, (QStringList{u"Network"_s, u"Sky"_s})); // an unnamed label is named after its colour
        QCOMPARE(vpn.card.checklist.at(0).text, u"Client: Reinstall the VPN client"_s);
        QCOMPARE(vpn.card.checklist.at(1).text, u"Server: Check the gateway logs"_s);

        const ImportPlan::Card &laptop = cardTitled(*plan, u"Laptop for the new hire"_s);
        QCOMPARE(laptop.labels, (QStringList{u"Purple dark"_s, u"Due complete"_s}));
        // comments oldest first, by their authors
        QCOMPARE(laptop.card.comments.size(), 2);
        QCOMPARE(laptop.card.comments.at(0).author, u"benokafor"_s);
        QCOMPARE(laptop.card.comments.at(0).at, utc("2024-03-04T15:00:00.000Z"));
        QCOMPARE(laptop.card.comments.at(1).body, u"Ordered the dock too."_s);

        const ImportPlan::Card &switchCard = cardTitled(*plan, u"Replace the core switch"_s);
        QCOMPARE(switchCard.card.createdAt, utc("2024-03-03T08:00:00.000Z"));
        QCOMPARE(switchCard.card.createdBy, u"analopez"_s);
        QCOMPARE(switchCard.card.resolvedAt, utc("2024-03-09T15:45:00.000Z")); // when it moved to Done
        QCOMPARE(switchCard.card.resolvedBy, u"benokafor"_s);

        const ImportPlan::Card &monitor = cardTitled(*plan, u"Monitor flickers"_s);
        QCOMPARE(monitor.card.archivedAt, utc("2024-03-06T08:00:00.000Z"));
        const ImportPlan::Card &fax = cardTitled(*plan, u"Old request about fax"_s);
        QCOMPARE(fax.column, 0);
        QVERIFY(fax.card.archivedAt > 0);

        QCOMPARE(plan->comments, 3);
        QCOMPARE(plan->checklistItems, 5);
        QCOMPARE(plan->links, 2);
        QStringList people;
        for (const ImportPlan::Person &person : plan->people)
            people << person.login + u'=' + person.displayName;
        people.sort();
        QCOMPARE(people, (QStringList{u"analopez=Ana López"_s, u"benokafor=Ben Okafor"_s, u"cyrus_t=Cyrus Tan"_s}));
    }

    void shouldNameWhatItDidNotBringIn()
    {
        const auto plan = trelloimport::readFile(fixturePath());
        QVERIFY(plan);
        QCOMPARE(plan->skipped.size(), 1);
        QCOMPARE(plan->skipped.at(0).text(), u"card 65e660800000000000abc007: it has no name"_s);
        const QStringList notes = noteTexts(*plan);
        for (const QString &expected :
             {u"list “Old stuff”: archived in Trello: not made a column; its cards (1) are archived cards of “Inbox”"_s,
              u"list “Empty and closed”: archived in Trello and empty: left out"_s,
              u"custom field “Asset tag” (on 1 card): not imported"_s, u"stickers (on 1 card): not imported"_s,
              u"the board's power-up data (1 entry): not imported"_s,
              u"cards with more than one member: 1; the first member is the assignee"_s,
              u"files uploaded to Trello: 1; they are links to Trello"_s,
              u"cards whose due date was marked complete carry the label “Due complete”"_s}) {
            QVERIFY2(std::any_of(notes.cbegin(), notes.cend(),
                                 [&](const QString &note) { return note.startsWith(expected); }),
                     qPrintable(expected + u"\n not among:\n"_s + notes.join(u'\n')));
        }
    }

    void shouldRefuseWhatIsNoTrelloExport_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<QString>("reason");
        const QByteArray board = fixtureBytes();
        QTest::newRow("empty") << QByteArray() << u"the file is empty"_s;
        QTest::newRow("not JSON") << QByteArray("Title,Status\nA,B\n") << u"the file is not JSON"_s;
        QTest::newRow("binary") << QByteArray("\x89PNG\r\n\x1a\n\0\0\0\rIHDR", 16) << u"binary data"_s;
        QTest::newRow("cut short") << board.left(board.size() / 2) << u"the file is cut short"_s;
        QTest::newRow("broken JSON") << QByteArray("{\"lists\": [1, 2,, 3]}") << u"not valid JSON"_s;
        QTest::newRow("a list") << QByteArray("[1, 2, 3]") << u"a list, not a Trello board"_s;
        QTest::newRow("another tool's JSON") << QByteArray("{\"issues\": [], \"projects\": []}")
                                             << u"not a Trello board export: it has no lists and cards"_s;
        QTest::newRow("HelpBoard's own export")
                << QByteArray("{\"format\": \"helpboard-export\", \"format_version\": 1, \"cards\": []}")
                << u"this is a HelpBoard export"_s;
    }

    void shouldRefuseWhatIsNoTrelloExport()
    {
        QFETCH(QByteArray, bytes);
        QFETCH(QString, reason);
        const auto plan = trelloimport::plan(bytes, u"x.json"_s);
        QVERIFY(!plan);
        QCOMPARE(plan.error().kind, ErrorKind::Invalid);
        QVERIFY2(plan.error().message.contains(reason), qPrintable(plan.error().message));
    }

    void shouldRefuseAFileTooBigBeforeReadingIt()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(u"huge.json"_s);
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        QVERIFY(file.resize(300LL * 1024 * 1024)); // sparse: nothing is written
        file.close();
        const auto plan = trelloimport::readFile(path);
        QVERIFY(!plan);
        QVERIFY2(plan.error().message.contains(u"huge.json is 300 MB; HelpBoard reads Trello exports up to 200 MB"),
                 qPrintable(plan.error().message));
    }

    void shouldReadABoardWithNothingOnIt()
    {
        const auto plan = trelloimport::plan(R"({"id": "b", "name": "Empty", "lists": [], "cards": []})");
        QVERIFY(plan);
        QCOMPARE(plan->cards.size(), 0);
        QCOMPARE(plan->columns.size(), 1); // somewhere to put cards
    }
};

QTEST_GUILESS_MAIN(TestTrelloImport)
#include "tst_trelloimport.moc"
