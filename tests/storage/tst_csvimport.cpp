// SPDX-License-Identifier: GPL-3.0-or-later
// A CSV file of tickets read as cards: the columns guessed from the header, the values' meanings, the rows' quirks.
#include "support/testsupport.h"

#include <storage/exchange/csvimport.h>

#include <QDateTime>
#include <QTest>
#include <QTimeZone>

using namespace hb::storage;
using namespace hb::tests;
using namespace Qt::StringLiterals;
using csvimport::Field;

namespace {

CsvTable tableOf(const QString &file)
{
    auto table = csv::readFile(importFixture(file));
    if (!table)
        qFatal("%s: %s", qPrintable(file), qPrintable(table.error().message));
    return *table;
}

CsvTable tableOf(const QByteArray &bytes)
{
    auto table = csv::read(bytes);
    if (!table)
        qFatal("%s", qPrintable(table.error().message));
    return *table;
}

/// The plan's card titled @p title.
const ImportPlan::Card *cardTitled(const ImportPlan &plan, const QString &title)
{
    for (const ImportPlan::Card &card : plan.cards) {
        if (card.card.card.title == title)
            return &card;
    }
    return nullptr;
}

qint64 local(int year, int month, int day, int hour = 0, int minute = 0)
{
    return QDateTime(QDate(year, month, day), QTime(hour, minute)).toMSecsSinceEpoch();
}

bool hasNote(const ImportPlan &plan, const QString &part)
{
    for (const ImportNote &note : plan.notes) {
        if (note.text().contains(part))
            return true;
    }
    return false;
}

} // namespace

class TestCsvImport : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void shouldGuessTheColumnsFromHeadersInThreeLanguages_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<QStringList>("expected"); // field=header, for every field found
        QTest::newRow("English (ServiceNow)")
                << u"servicenow.csv"_s
                << QStringList{u"id=Number"_s,        u"title=Short description"_s, u"description=Description"_s,
                               u"status=State"_s,     u"priority=Priority"_s,       u"assignee=Assigned to"_s,
                               u"requester=Caller"_s, u"channel=Contact type"_s,    u"labels=Category"_s,
                               u"due=Due date"_s,     u"created=Opened"_s,          u"resolved=Resolved"_s};
        QTest::newRow("Spanish (GLPI)") << u"glpi-semicolon-cp1252.csv"_s
                                        << QStringList{u"id=ID"_s,
                                                       u"title=Título"_s,
                                                       u"status=Estado"_s,
                                                       u"priority=Prioridad"_s,
                                                       u"assignee=Asignado a"_s,
                                                       u"requester=Solicitante"_s,
                                                       u"labels=Categoría"_s,
                                                       u"created=Fecha de apertura"_s,
                                                       u"resolved=Fecha de cierre"_s};
        QTest::newRow("Portuguese (osTicket)")
                << u"osticket-utf16-tab.csv"_s
                << QStringList{u"id=Número"_s,           u"title=Assunto"_s,        u"status=Situação"_s,
                               u"priority=Prioridade"_s, u"assignee=Responsável"_s, u"requester=Solicitante"_s,
                               u"channel=Canal"_s,       u"created=Criado em"_s,    u"resolved=Fechado em"_s};
        QTest::newRow("an event log") << u"event-log.csv"_s
                                      << QStringList{u"id=Ticket ID"_s,      u"title=Subject"_s,   u"status=Status"_s,
                                                     u"assignee=Assignee"_s, u"created=Created"_s, u"comments=Note"_s};
    }

    void shouldGuessTheColumnsFromHeadersInThreeLanguages()
    {
        QFETCH(QString, file);
        QFETCH(QStringList, expected);
        const CsvTable table = tableOf(file);
        const csvimport::Mapping mapping = csvimport::guess(table);
        QStringList found;
        for (Field field : csvimport::fields()) {
            if (const int column = mapping.columns.value(field, -1); column >= 0)
                found << csvimport::key(field) + u'=' + table.header.at(column);
        }
        QCOMPARE(found, expected);
    }

    void shouldGuessWhatValuesMean_data()
    {
        QTest::addColumn<QString>("value");
        QTest::addColumn<QString>("priority");
        QTest::addColumn<QString>("channel");
        QTest::addColumn<QString>("status"); // kind[+tag], or empty: not known
        QTest::newRow("ServiceNow") << u"1 - Critical"_s << u"critical"_s << QString() << QString();
        QTest::newRow("moderate") << u"3 - Moderate"_s << u"normal"_s << QString() << QString();
        QTest::newRow("Muy alta") << u"Muy alta"_s << u"critical"_s << QString() << QString();
        QTest::newRow("Baixa") << u"Baixa"_s << u"low"_s << QString() << QString();
        QTest::newRow("P2") << u"P2"_s << u"high"_s << QString() << QString();
        QTest::newRow("self service") << u"Self-service"_s << QString() << u"portal"_s << QString();
        QTest::newRow("E-mail") << u"E-mail"_s << QString() << u"email"_s << QString();
        QTest::newRow("Telefone") << u"Telefone"_s << QString() << u"phone"_s << QString();
        QTest::newRow("Event") << u"Event"_s << QString() << u"monitoring"_s << QString();
        QTest::newRow("Walk-in") << u"Walk-in"_s << QString() << u"walk-in"_s << QString();
        QTest::newRow("Resolved") << u"Resolved"_s << QString() << QString() << u"done"_s;
        QTest::newRow("Cerrado") << u"Cerrado"_s << QString() << QString() << u"done"_s;
        QTest::newRow("Em andamento") << u"Em andamento"_s << QString() << QString() << u"doing"_s;
        QTest::newRow("On Hold") << u"On Hold"_s << QString() << QString() << u"doing+waiting-requester"_s;
        QTest::newRow("vendor") << u"Pending vendor"_s << QString() << QString() << u"doing+waiting-vendor"_s;
        QTest::newRow("Nuevo") << u"Nuevo"_s << QString() << QString() << u"todo"_s;
        QTest::newRow("nonsense") << u"Zebra"_s << QString() << QString() << QString();
        // words before numbers: ServiceNow's "1 - High" is high, not critical
        QTest::newRow("1 - High") << u"1 - High"_s << u"high"_s << QString() << QString();
        QTest::newRow("2 - Medium") << u"2 - Medium"_s << u"normal"_s << QString() << QString();
        QTest::newRow("a number alone") << u"3"_s << u"normal"_s << QString() << QString();
        QTest::newRow("P1") << u"P1"_s << u"critical"_s << QString() << QString();
        QTest::newRow("Not urgent") << u"Not urgent"_s << u"low"_s << QString() << QString();
        QTest::newRow("Non-critical") << u"Non-critical"_s << u"low"_s << QString() << QString();
        QTest::newRow("a number in words") << u"Room 2"_s << QString() << QString() << QString();
    }

    void shouldPreferAFieldsFirstNameToALaterOne()
    {
        // "Name" and "Impact" are names of the title and the priority too, but less surely than these
        const CsvTable table = tableOf(QByteArray("Name,Subject,Impact,Priority\nAna,Printer,High,Low\n"));
        const csvimport::Mapping mapping = csvimport::guess(table);
        QCOMPARE(mapping.columns.value(Field::Title), 1);
        QCOMPARE(mapping.columns.value(Field::Priority), 3);
    }

    void shouldTellTwoSystemsExportsApart()
    {
        // The same ticket numbers in two systems' exports are different tickets: different sources
        const CsvTable first = tableOf(QByteArray("ID,Title,Status\n101,Printer,Open\n"));
        const CsvTable second = tableOf(QByteArray("ID,Title,Assigned to\n101,Laptop,ana\n"));
        const auto a = csvimport::plan(first, csvimport::guess(first), u"a.csv"_s);
        const auto b = csvimport::plan(second, csvimport::guess(second), u"b.csv"_s);
        QVERIFY(a && b);
        QVERIFY(a->source.startsWith(u"csv:id:"));
        QVERIFY(a->source != b->source);
        // AND the same system's next export (other rows, the same columns) is the same source
        const CsvTable later = tableOf(QByteArray("ID,Title,Status\n102,Mouse,Closed\n"));
        QCOMPARE(csvimport::plan(later, csvimport::guess(later), u"c.csv"_s)->source, a->source);
    }

    void shouldKeepRowsThatSayTheSameWithoutATicketNumber()
    {
        const CsvTable table = tableOf(QByteArray("Title,Created\nToner,2024-03-01\nToner,2024-03-01\n"));
        const auto plan = csvimport::plan(table, csvimport::guess(table), u"t.csv"_s);
        QVERIFY(plan);
        QCOMPARE(plan->cards.size(), 2);
        QVERIFY(plan->cards.at(0).sourceId != plan->cards.at(1).sourceId);
    }

    void shouldNotCountAFilesNotesAsAnswers()
    {
        const CsvTable table = tableOf(u"event-log.csv"_s);
        const auto plan = csvimport::plan(table, csvimport::guess(table), u"log.csv"_s);
        QVERIFY(plan);
        for (const ImportedCard::Comment &comment : plan->cards.at(0).card.comments)
            QVERIFY(!comment.response);
    }

    void shouldGuessWhatValuesMean()
    {
        QFETCH(QString, value);
        QFETCH(QString, priority);
        QFETCH(QString, channel);
        QFETCH(QString, status);
        const CsvTable table = tableOf(
                (u"Title,Priority,Channel,Status\nx,"_s + value + u","_s + value + u","_s + value + u'\n').toUtf8());
        const csvimport::Mapping mapping = csvimport::guess(table);
        QCOMPARE(mapping.priorityValues.contains(value) ? toText(mapping.priorityValues.value(value)) : QString(),
                 priority);
        QCOMPARE(mapping.channelValues.contains(value) ? toText(mapping.channelValues.value(value)) : QString(),
                 channel);
        QString statusText;
        if (mapping.statusValues.contains(value)) {
            const csvimport::StatusTarget target = mapping.statusValues.value(value);
            statusText = toText(target.kind) + (target.tag == StatusTag::None ? QString() : u'+' + toText(target.tag));
        }
        QCOMPARE(statusText, status);
    }

    void shouldReadAServiceNowExport()
    {
        const CsvTable table = tableOf(u"servicenow.csv"_s);
        const auto plan = csvimport::plan(table, csvimport::guess(table), u"servicenow.csv"_s);
        QVERIFY2(plan, plan ? "" : qPrintable(plan.error().message));
        QCOMPARE(plan->cards.size(), 5);
        QVERIFY(plan->source.startsWith(u"csv:number:"));
        const ImportPlan::Card *outlook = cardTitled(*plan, u"Outlook keeps asking for the password"_s);
        QVERIFY(outlook);
        QCOMPARE(outlook->sourceId, u"INC0010001"_s);
        QCOMPARE(outlook->line, 2);
        QCOMPARE(outlook->card.card.priority, Priority::High);
        QCOMPARE(outlook->card.card.channel, Channel::Email);
        QCOMPARE(outlook->card.card.assignee, u"ana.lopez"_s);
        QCOMPARE(outlook->card.card.requester, u"Maria Silva"_s);
        QCOMPARE(outlook->card.createdAt, local(2024, 3, 1, 9, 15));
        QCOMPARE(outlook->card.resolvedAt, local(2024, 3, 1, 11, 45));
        QCOMPARE(plan->columns.at(outlook->column).kind, ColumnKind::Done);
        QVERIFY(plan->columns.at(outlook->column).anyOfKind);
        QCOMPARE(outlook->labels, QStringList{u"Email"_s});
        // a zone in the value wins over the desktop's
        const ImportPlan::Card *server = cardTitled(*plan, u"Server down"_s);
        QVERIFY(server);
        QCOMPARE(server->card.createdAt,
                 QDateTime(QDate(2024, 3, 4), QTime(2, 0), QTimeZone::utc()).toMSecsSinceEpoch());
        QCOMPARE(server->card.card.priority, Priority::Critical);
        QCOMPARE(server->card.card.channel, Channel::Monitoring);
        QCOMPARE(server->labels, (QStringList{u"Server"_s, u"Database"_s}));
        const ImportPlan::Card *printer = cardTitled(*plan, u"Printer, 3rd floor"_s);
        QVERIFY(printer);
        QCOMPARE(printer->card.card.dueAt, local(2024, 3, 4, 17, 0));
        QCOMPARE(plan->columns.at(printer->column).kind, ColumnKind::Doing);
        QCOMPARE(printer->card.resolvedAt, 0);
        // "N/A" and "?" are no value, not a date that is wrong
        const ImportPlan::Card *dell = cardTitled(*plan, u"Waiting on Dell"_s);
        QVERIFY(dell);
        QCOMPARE(dell->card.card.status, StatusTag::WaitingRequester);
        QCOMPARE(dell->card.card.dueAt, 0);
        QVERIFY(plan->notes.isEmpty());
        // the people the cards name, with the names the file gives them
        QCOMPARE(plan->people.size(), 2);
        QCOMPARE(plan->people.at(0).login, u"ana.lopez"_s);
        QCOMPARE(plan->people.at(0).displayName, u"Ana López"_s);
    }

    void shouldReadDayFirstDatesOfASpanishExport()
    {
        const CsvTable table = tableOf(u"glpi-semicolon-cp1252.csv"_s);
        const auto plan = csvimport::plan(table, csvimport::guess(table), u"glpi.csv"_s);
        QVERIFY(plan);
        const ImportPlan::Card *printer = cardTitled(*plan, u"Impresora no imprime"_s);
        QVERIFY(printer);
        QCOMPARE(printer->card.createdAt, local(2024, 3, 5, 9, 10));
        QCOMPARE(printer->card.resolvedAt, local(2024, 3, 5, 12, 40));
        QCOMPARE(printer->card.card.assignee, u"jose.perez"_s);
        QCOMPARE(printer->card.card.priority, Priority::High);
        const ImportPlan::Card *vpn = cardTitled(*plan, u"Acceso a la VPN"_s);
        QVERIFY(vpn);
        QCOMPARE(vpn->card.card.assignee, QString()); // "-"
        QCOMPARE(vpn->card.card.priority, Priority::Critical);
        QCOMPARE(plan->columns.at(vpn->column).kind, ColumnKind::Todo);
    }

    void shouldReadMixedDatesInOneColumn()
    {
        const CsvTable table = tableOf(u"mixed-dates-bom.csv"_s);
        const auto plan = csvimport::plan(table, csvimport::guess(table), u"mixed.csv"_s);
        QVERIFY(plan);
        QCOMPARE(plan->cards.size(), 5);
        QCOMPARE(plan->cards.at(0).card.createdAt, local(2024, 3, 5));
        QCOMPARE(plan->cards.at(1).card.createdAt, local(2024, 3, 6));
        QCOMPARE(plan->cards.at(2).card.createdAt,
                 QDateTime(QDate(2024, 3, 7), QTime(7, 30), QTimeZone::utc()).toMSecsSinceEpoch());
        QCOMPARE(plan->cards.at(3).card.createdAt, local(2024, 3, 8, 14, 30));
        QCOMPARE(plan->cards.at(4).card.createdAt, local(2024, 3, 9, 16, 15));
        QCOMPARE(plan->cards.at(2).card.card.priority, Priority::Critical);
    }

    void shouldGroupTheRowsOfOneTicket()
    {
        const CsvTable table = tableOf(u"event-log.csv"_s);
        csvimport::Mapping mapping = csvimport::guess(table);
        QVERIFY(mapping.groupRows); // the same number on several rows: guessed
        const auto plan = csvimport::plan(table, mapping, u"log.csv"_s);
        QVERIFY(plan);
        QCOMPARE(plan->cards.size(), 2);
        const ImportPlan::Card &wifi = plan->cards.at(0);
        QCOMPARE(wifi.sourceId, u"T-7"_s);
        QCOMPARE(wifi.card.card.title, u"Wi-Fi drops in rooms 4 and 5"_s); // its last state
        QCOMPARE(plan->columns.at(wifi.column).kind, ColumnKind::Done);
        QCOMPARE(wifi.card.card.assignee, u"ana"_s);
        QCOMPARE(wifi.card.createdAt, local(2024, 3, 1, 9, 0)); // its earliest creation
        QCOMPARE(wifi.card.comments.size(), 3);
        QCOMPARE(wifi.card.comments.at(2).body, u"Replaced the AP"_s);

        // WHEN grouping is off: each number once, the rest said
        mapping.groupRows = false;
        const auto ungrouped = csvimport::plan(table, mapping, u"log.csv"_s);
        QVERIFY(ungrouped);
        QCOMPARE(ungrouped->cards.size(), 2);
        QVERIFY(hasNote(*ungrouped, u"line 4: ticket T-7 is on line 2 too"_s));
    }

    void shouldReportWhatItCouldNotRead()
    {
        const QByteArray bytes = "Title,Status,Priority,Created,Due,Labels\n"
                                 "A,Zebra,Whenever,31/31/2024,soon,ok\n"
                                 ",Open,High,,,\n"
                                 "C,Zebra,High,2024-01-02,,a-label-that-is-much-longer-than-fifty-characters-in-all\n";
        const CsvTable table = tableOf(bytes);
        csvimport::Mapping mapping = csvimport::guess(table);
        QVERIFY(!mapping.columns.contains(Field::Due)); // no value in it is a date: not guessed
        QVERIFY(csvimport::mapColumn(mapping, table, u"due=Due"_s));
        const auto plan = csvimport::plan(table, mapping, u"x.csv"_s);
        QVERIFY(plan);
        QCOMPARE(plan->cards.size(), 2);
        QCOMPARE(plan->skipped.size(), 1);
        QCOMPARE(plan->skipped.at(0).text(), u"line 3: no title and no description"_s);
        QVERIFY(hasNote(*plan, u"line 2: created “31/31/2024” is not a date"_s));
        QVERIFY(hasNote(*plan, u"line 2: due “soon” is not a date"_s));
        QVERIFY(hasNote(*plan, u"status “Zebra” (2 tickets) means nothing HelpBoard knows"_s));
        QVERIFY(hasNote(*plan, u"priority “Whenever” (1 ticket)"_s));
        QVERIFY(hasNote(*plan, u"line 4: label “a-label-that-is-much-longer-t"_s));
        QCOMPARE(plan->columns.at(plan->cards.at(0).column).kind, ColumnKind::Todo);
    }

    void shouldTakeAPersonsMappingOverTheGuess()
    {
        const CsvTable table = tableOf(u"servicenow.csv"_s);
        csvimport::Mapping mapping = csvimport::guess(table);
        QVERIFY(csvimport::mapColumn(mapping, table, u"requester=Assigned to"_s));
        QCOMPARE(mapping.columns.value(Field::Requester), 5);
        QVERIFY(!mapping.columns.contains(Field::Assignee)); // the column held the assignee: no longer
        QVERIFY(csvimport::mapColumn(mapping, table, u"labels="_s));
        QVERIFY(!mapping.columns.contains(Field::Labels));
        QVERIFY(csvimport::mapColumn(mapping, table, u"description=3"_s));
        QCOMPARE(mapping.columns.value(Field::Description), 2);
        QVERIFY(csvimport::mapValue(mapping, u"status:On Hold=Waiting"_s)); // a column's name
        QVERIFY(csvimport::mapValue(mapping, u"status:New=doing+blocked"_s));
        QVERIFY(csvimport::mapValue(mapping, u"priority:3 - Moderate=low"_s));
        QVERIFY(csvimport::mapValue(mapping, u"channel:Email=none"_s));
        const auto plan = csvimport::plan(table, mapping, u"s.csv"_s);
        QVERIFY(plan);
        const ImportPlan::Card *laptop = cardTitled(*plan, u"New laptop for Ana"_s);
        QVERIFY(laptop);
        QCOMPARE(laptop->card.card.status, StatusTag::Blocked);
        QCOMPARE(plan->columns.at(laptop->column).kind, ColumnKind::Doing);
        QCOMPARE(laptop->card.card.priority, Priority::Low);
        const ImportPlan::Card *dell = cardTitled(*plan, u"Waiting on Dell"_s);
        QCOMPARE(plan->columns.at(dell->column).name, u"Waiting"_s);
        QCOMPARE(plan->columns.at(dell->column).kind, ColumnKind::Doing);
        QVERIFY(!plan->columns.at(dell->column).anyOfKind);
        QCOMPARE(dell->card.card.requester, u"Ana López"_s);
        QCOMPARE(cardTitled(*plan, u"Outlook keeps asking for the password"_s)->card.card.channel, Channel::None);
    }

    void shouldRefuseAMappingThatIsWrong_data()
    {
        QTest::addColumn<QString>("column");
        QTest::addColumn<QString>("value");
        QTest::addColumn<QString>("reason");
        QTest::newRow("no such field") << u"colour=State"_s << QString() << u"FIELD one of id, title"_s;
        QTest::newRow("no such column") << u"title=Nope"_s << QString() << u"the file has no column “Nope”"_s;
        QTest::newRow("column 0") << u"title=0"_s << QString() << u"no column “0”"_s;
        QTest::newRow("no =") << u"title"_s << QString() << u"is not FIELD=COLUMN"_s;
        QTest::newRow("value of a free field") << QString() << u"title:x=y"_s << u"status, priority or channel"_s;
        QTest::newRow("no value") << QString() << u"priority:=high"_s << u"names no value"_s;
        QTest::newRow("no such priority")
                << QString() << u"priority:3=urgentish"_s << u"say critical, high, normal or low"_s;
        QTest::newRow("no such tag") << QString() << u"status:x=doing+asleep"_s << u"say todo, doing or done"_s;
        QTest::newRow("no such channel") << QString() << u"channel:x=fax"_s << u"say email, phone"_s;
    }

    void shouldRefuseAMappingThatIsWrong()
    {
        QFETCH(QString, column);
        QFETCH(QString, value);
        QFETCH(QString, reason);
        const CsvTable table = tableOf(u"servicenow.csv"_s);
        csvimport::Mapping mapping = csvimport::guess(table);
        const csvimport::Mapping before = mapping;
        const Status status =
                column.isEmpty() ? csvimport::mapValue(mapping, value) : csvimport::mapColumn(mapping, table, column);
        QVERIFY(!status);
        QVERIFY2(status.error().message.contains(reason), qPrintable(status.error().message));
        QCOMPARE(mapping.columns, before.columns);
    }

    void shouldRefuseAFileWithNoHeaderOrNoTitle()
    {
        const CsvTable noHeader = tableOf(u"no-header.csv"_s);
        const auto plan = csvimport::plan(noHeader, csvimport::guess(noHeader), u"no-header.csv"_s);
        QVERIFY(!plan);
        QVERIFY2(plan.error().message.contains(u"the first line reads like a ticket (“1001”)"),
                 qPrintable(plan.error().message));
        const CsvTable noTitle = tableOf(QByteArray("Colour,Size\nred,big\n"));
        const auto none = csvimport::plan(noTitle, csvimport::guess(noTitle), u"x.csv"_s);
        QVERIFY(!none);
        QVERIFY2(none.error().message.contains(u"no column holds the title (the columns are “Colour”, “Size”)"),
                 qPrintable(none.error().message));
    }

    void shouldKeepTheSameSourceIdsWhenReadAgain()
    {
        // A file without ticket numbers: each row is known again by what it says.
        const CsvTable table = tableOf(u"ragged.csv"_s);
        const auto first = csvimport::plan(table, csvimport::guess(table), u"r.csv"_s);
        const auto second = csvimport::plan(tableOf(u"ragged.csv"_s), csvimport::guess(table), u"r.csv"_s);
        QVERIFY(first && second);
        QCOMPARE(first->source, second->source);
        QVERIFY(first->source.startsWith(u"csv:rows:"));
        QVERIFY(first->cards.at(0).sourceId.startsWith(u"row:"));
        for (qsizetype i = 0; i < first->cards.size(); ++i)
            QCOMPARE(first->cards.at(i).sourceId, second->cards.at(i).sourceId);
        QVERIFY(first->cards.at(0).sourceId != first->cards.at(1).sourceId);
    }
};

QTEST_GUILESS_MAIN(TestCsvImport)
#include "tst_csvimport.moc"
