// SPDX-License-Identifier: GPL-3.0-or-later
// helpboard-cli report: the period's help-desk metrics (docs/metrics.md) from a board other processes changed, and
// what it refuses.
#include "clitestcase.h"

#include <QDate>
#include <QJsonArray>
#include <QJsonObject>

using namespace hb::tests;
using namespace hb::tests::cli;

class tst_CliReport : public CliTestCase
{
    Q_OBJECT

private:
    QJsonObject report(const QStringList &options = {})
    {
        const CliRun run = runAs(s_admin, QStringList{u"report"_s, u"--json"_s} + options);
        if (run.exitCode != Ok)
            qWarning() << describe(run);
        return QJsonDocument::fromJson(run.out).object();
    }

private Q_SLOTS:
    void initTestCase() { setUpSuite(); }
    void init() { setUpTest(); }
    void cleanup() { tearDownTest(); }

    void shouldReportTodaysTickets()
    {
        // GIVEN a new board, and three tickets made now: one resolved, one escalated, one left open
        QVERIFY_SUCCEEDS(run({u"--board"_s, m_board, u"--as"_s, s_admin, u"init"_s}));
        QVERIFY_SUCCEEDS(runAs(s_admin, {u"targets"_s, u"--add"_s, u"Network team"_s, u"--kind"_s, u"second-line"_s}));
        const qint64 resolved = addCard({u"--title"_s, u"Password reset"_s, u"--channel"_s, u"phone"_s});
        const qint64 escalated = addCard({u"--title"_s, u"Switch down"_s, u"--channel"_s, u"monitoring"_s});
        const qint64 open = addCard({u"--title"_s, u"New laptop"_s});
        QVERIFY(resolved && escalated && open);
        QVERIFY_SUCCEEDS(runAs(s_admin, {u"move"_s, QString::number(resolved), u"--to"_s, u"Done"_s}));
        QVERIFY_SUCCEEDS(runAs(s_admin, {u"escalate"_s, QString::number(escalated), u"--to"_s, u"Network team"_s}));

        // WHEN the report of the last 30 days is asked for
        const QJsonObject figures = report();
        // THEN it counts them as the definitions say
        QCOMPARE(figures.value(u"tickets"_s).toInt(), 3);
        QCOMPARE(figures.value(u"created"_s).toInt(), 3);
        QCOMPARE(figures.value(u"created_per_channel"_s).toObject().value(u"phone"_s).toInt(), 1);
        QCOMPARE(figures.value(u"created_per_channel"_s).toObject().value(u"none"_s).toInt(), 1);
        QCOMPARE(figures.value(u"resolved"_s).toInt(), 1);
        QCOMPARE(figures.value(u"backlog"_s).toInt(), 2);
        QCOMPARE(figures.value(u"backlog_by_age"_s).toObject().value(u"under_1_day"_s).toInt(), 2);
        const QJsonObject escalation = figures.value(u"escalation_rate"_s).toObject();
        QCOMPARE(escalation.value(u"count"_s).toInt(), 1);
        QCOMPARE(escalation.value(u"of"_s).toInt(), 3);
        QCOMPARE(figures.value(u"escalated_per_target"_s).toObject().value(u"Network team"_s).toInt(), 1);
        // (resolved by whoever answered it, moving it to Done, by phone: first contact)
        QCOMPARE(figures.value(u"first_contact_resolution"_s).toObject().value(u"count"_s).toInt(), 1);
        QCOMPARE(figures.value(u"resolution_ms"_s).toObject().value(u"count"_s).toInt(), 1);
        QVERIFY(figures.value(u"resolution_ms"_s).toObject().value(u"median"_s).toDouble() >= 0);
        QCOMPARE(figures.value(u"left_out"_s).toInt(), 0);
        // (per day: 30 days, all three made today, one resolved today)
        const QJsonObject series = figures.value(u"series"_s).toObject();
        QCOMPARE(series.value(u"step"_s).toString(), u"day"_s);
        QCOMPARE(series.value(u"starts"_s).toArray().size(), 30);
        QCOMPARE(series.value(u"created"_s).toArray().last().toInt(), 3);
        QCOMPARE(series.value(u"resolved"_s).toArray().last().toInt(), 1);
        // (the new board's service levels: resolved at once, the Normal resolution clock was met; nobody had it)
        QVERIFY(figures.value(u"clocks_problem"_s).isNull());
        const QJsonObject normal = figures.value(u"sla_attainment"_s).toObject().value(u"normal"_s).toObject();
        QCOMPARE(normal.value(u"resolution"_s).toObject().value(u"count"_s).toInt(), 1);
        QCOMPARE(normal.value(u"resolution"_s).toObject().value(u"of"_s).toInt(), 1);
        const QJsonArray technicians = figures.value(u"technicians"_s).toArray();
        QCOMPARE(technicians.size(), 1);
        QVERIFY(technicians.first().toObject().value(u"assignee"_s).isNull());
        QCOMPARE(technicians.first().toObject().value(u"open"_s).toInt(), 2);
        QCOMPARE(technicians.first().toObject().value(u"resolved"_s).toInt(), 1);
        // AND a period long past has no tickets: counts of 0 and no data, never 0 %
        const QJsonObject past = report({u"--from"_s, u"2020-01-01"_s, u"--to"_s, u"2020-01-31"_s});
        QCOMPARE(past.value(u"created"_s).toInt(), 0);
        QVERIFY(past.value(u"resolution_rate"_s).isNull());
        QVERIFY(past.value(u"first_contact_resolution"_s).toObject().value(u"share"_s).isNull());
        QCOMPARE(past.value(u"period"_s).toObject().value(u"to"_s).toString(), u"2020-01-31"_s);
        // AND the table for people says the same
        const CliRun text = runAs(s_admin, {u"report"_s});
        QVERIFY_SUCCEEDS(text);
        QVERIFY2(text.out.contains("Created") && text.out.contains("Escalation rate"), text.out);
    }

    void shouldCountATicketTickedResolvedAtFirstContact()
    {
        // GIVEN a ticket by email: not resolved yet, it cannot be ticked
        QVERIFY_SUCCEEDS(run({u"--board"_s, m_board, u"--as"_s, s_admin, u"init"_s}));
        const qint64 id = addCard({u"--title"_s, u"Outlook profile"_s, u"--channel"_s, u"email"_s});
        QVERIFY(id);
        const CliRun early = runAs(s_admin, {u"edit"_s, QString::number(id), u"--first-contact"_s, u"yes"_s});
        QVERIFY_FAILS_WITH(early, Invalid);
        QVERIFY2(early.err.contains("not resolved"), early.err);
        // AND resolved: not at first contact by the rule (email)
        QVERIFY_SUCCEEDS(runAs(s_admin, {u"move"_s, QString::number(id), u"--to"_s, u"Done"_s}));
        const auto firstContact = [this] {
            return report().value(u"first_contact_resolution"_s).toObject().value(u"count"_s).toInt();
        };
        QCOMPARE(firstContact(), 0);
        // WHEN its resolver says it was solved at first contact
        QVERIFY_SUCCEEDS(runAs(s_admin, {u"edit"_s, QString::number(id), u"--first-contact"_s, u"yes"_s}));
        // THEN the report counts it, and show says so
        QCOMPARE(firstContact(), 1);
        const CliRun shown = runAs(s_admin, {u"show"_s, QString::number(id)});
        QVERIFY_SUCCEEDS(shown);
        QVERIFY2(shown.out.contains("First contact"), shown.out);
        // AND "no" takes it back; anything else is refused, changing nothing
        QVERIFY_SUCCEEDS(runAs(s_admin, {u"edit"_s, QString::number(id), u"--first-contact"_s, u"no"_s}));
        QCOMPARE(firstContact(), 0);
        const CliRun refused = runAs(s_admin, {u"edit"_s, QString::number(id), u"--first-contact"_s, u"maybe"_s});
        QVERIFY_FAILS_WITH(refused, Usage);
        QVERIFY2(refused.err.contains("yes or no"), refused.err);
        QCOMPARE(firstContact(), 0);
    }

    void shouldGiveTheFiguresAndTheTicketsAsCsv()
    {
        // GIVEN a board with a ticket whose title a spreadsheet would run, and one with a comma and a quote
        QVERIFY_SUCCEEDS(run({u"--board"_s, m_board, u"--as"_s, s_admin, u"init"_s}));
        QVERIFY(addCard({u"--title"_s, u"=HYPERLINK(\"http://x\")"_s, u"--channel"_s, u"email"_s}));
        QVERIFY(addCard({u"--title"_s, u"Printer, 2nd floor \"HR\""_s}));
        QVERIFY(addCard({u"--title"_s, u"-1+1"_s})); // a formula too, though it starts like a number
        // WHEN the figures are asked for as CSV
        const CliRun figures = runAs(s_admin, {u"report"_s, u"--csv"_s});
        QVERIFY_SUCCEEDS(figures);
        // THEN each is a metric,detail,value line, the same as in the JSON
        const QList<QByteArray> lines = figures.out.split('\n');
        QCOMPARE(lines.first().trimmed(), QByteArray("metric,detail,value"));
        QVERIFY2(lines.contains("created,,3\r"), figures.out);
        QVERIFY2(lines.contains("created_per_channel,email,1\r"), figures.out);
        QCOMPARE(report().value(u"created"_s).toInt(), 3);
        // AND per ticket: the formula kept as text, the comma and quotes quoted
        const CliRun tickets = runAs(s_admin, {u"report"_s, u"--csv"_s, u"--tickets"_s});
        QVERIFY_SUCCEEDS(tickets);
        QCOMPARE(tickets.out.count("\r\n"), 4); // a header and three tickets
        QVERIFY2(tickets.out.contains(",'-1+1,"), tickets.out);
        QVERIFY2(tickets.out.contains(",\"'=HYPERLINK(\"\"http://x\"\")\",email,"), tickets.out);
        QVERIFY2(tickets.out.contains(",\"Printer, 2nd floor \"\"HR\"\"\","), tickets.out);
        // AND --tickets alone, or --csv with --json, is refused
        QVERIFY_FAILS_WITH(runAs(s_admin, {u"report"_s, u"--tickets"_s}), Usage);
        QVERIFY_FAILS_WITH(runAs(s_admin, {u"report"_s, u"--csv"_s, u"--json"_s}), Usage);
    }

    void shouldReportOnTheTicketsTheOptionsChoose_data()
    {
        QTest::addColumn<QStringList>("options");
        QTest::newRow("a label") << QStringList{u"--label"_s, u"Network"_s};
        QTest::newRow("either label") << QStringList{u"--label"_s, u"Network"_s, u"--label"_s, u"hardware"_s};
        QTest::newRow("both labels") << QStringList{u"--label"_s, u"Security"_s, u"--label"_s, u"Software"_s,
                                                    u"--all-labels"_s};
        QTest::newRow("a priority") << QStringList{u"--priority"_s, u"high"_s};
        QTest::newRow("a priority or above") << QStringList{u"--priority"_s, u"high"_s, u"--at-least"_s};
        QTest::newRow("an assignee") << QStringList{u"--assignee"_s, u"ben"_s};
        QTest::newRow("nobody's") << QStringList{u"--unassigned"_s};
        QTest::newRow("a channel") << QStringList{u"--channel"_s, u"phone"_s};
        QTest::newRow("a channel and a label") << QStringList{u"--label"_s, u"Security"_s, u"--channel"_s, u"email"_s};
        QTest::newRow("none recorded") << QStringList{u"--channel"_s, u"none"_s};
    }

    void shouldReportOnTheTicketsTheOptionsChoose()
    {
        // GIVEN the demo board, and a ticket of it the options choose archived (archived tickets count in the
        // metrics)
        QFETCH(QStringList, options);
        QVERIFY(useDemoBoard());
        const QJsonArray everything = parseJson(runAs(s_admin, {u"list"_s, u"--json"_s}).out).toArray();
        QVERIFY(!everything.isEmpty());
        const QList<qint64> matching =
                idsOf(parseJson(runAs(s_admin, QStringList{u"list"_s, u"--json"_s} + options).out).toArray());
        if (!matching.isEmpty())
            QVERIFY_SUCCEEDS(runAs(s_admin, {u"archive"_s, QString::number(matching.constLast())}));

        // WHEN the report of all its time is asked for with the options
        const QStringList allTime{u"--from"_s, u"2000-01-01"_s, u"--to"_s,
                                  QDate::currentDate().addDays(1).toString(Qt::ISODate)};
        const QJsonObject figures = report(allTime + options);

        // THEN it counts the tickets list chooses with the same options, archived ones in, and says which they are
        // (the options in the order the usage gives them)
        const QJsonArray chosen =
                parseJson(runAs(s_admin, QStringList{u"list"_s, u"--json"_s, u"--archived"_s} + options).out).toArray();
        QCOMPARE(figures.value(u"tickets"_s).toInt(), chosen.size());
        QCOMPARE(chosen.size(), matching.size());
        if (!matching.isEmpty())
            QVERIFY(idsOf(chosen).contains(matching.constLast()));
        QCOMPARE(figures.value(u"created"_s).toInt(), chosen.size());
        QCOMPARE(figures.value(u"filter"_s).toString(), options.join(u' '));
        QVERIFY(figures.value(u"tickets"_s).toInt() < everything.size());
        int open = 0;
        for (const QJsonValue &card : chosen)
            open += card.toObject().value(u"resolved"_s).isNull() && card.toObject().value(u"archived"_s).isNull();
        QCOMPARE(figures.value(u"backlog"_s).toInt(), open);
        // AND the table for people names them
        const CliRun text = runAs(s_admin, QStringList{u"report"_s} + options);
        QVERIFY_SUCCEEDS(text);
        QVERIFY2(text.out.contains(options.join(u' ').toUtf8()), text.out);
    }

    void shouldRefuseABadPeriodOrFilter_data()
    {
        QTest::addColumn<QStringList>("options");
        QTest::addColumn<QString>("words");
        QTest::newRow("no such day") << QStringList{u"--from"_s, u"2026-02-30"_s} << u"YYYY-MM-DD"_s;
        QTest::newRow("not a day") << QStringList{u"--to"_s, u"yesterday"_s} << u"YYYY-MM-DD"_s;
        QTest::newRow("another format") << QStringList{u"--from"_s, u"30/11/2026"_s} << u"YYYY-MM-DD"_s;
        QTest::newRow("from after to") << QStringList{u"--from"_s, u"2026-12-02"_s, u"--to"_s, u"2026-12-01"_s}
                                       << u"comes after"_s;
        QTest::newRow("no such priority") << QStringList{u"--priority"_s, u"urgent"_s} << u"unknown priority"_s;
        QTest::newRow("no such channel") << QStringList{u"--channel"_s, u"fax"_s} << u"unknown channel"_s;
        QTest::newRow("no such label") << QStringList{u"--label"_s, u"Printers"_s} << u"no label"_s;
    }

    void shouldRefuseABadPeriodOrFilter()
    {
        QFETCH(QStringList, options);
        QFETCH(QString, words);
        QVERIFY(useDemoBoard());
        const CliRun refused = runAs(s_admin, QStringList{u"report"_s} + options);
        QCOMPARE(refused.exitCode, int(Invalid)); // (an unknown label too: "invalid or not found")
        QCOMPARE(errorLineProblem(refused), QString());
        QVERIFY2(refused.err.contains(words.toUtf8()), refused.err);
    }
};

QTEST_GUILESS_MAIN(tst_CliReport)
#include "tst_clireport.moc"
