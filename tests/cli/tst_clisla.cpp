// SPDX-License-Identifier: GPL-3.0-or-later
// helpboard-cli and the service-level clocks: list --sla and show's clocks, on tickets whose history a store in this
// process wrote at chosen times.
#include "clitestcase.h"

#include <board/sla/levels.h>
#include <storage/boardstore.h>

#include <QDateTime>

using namespace hb;
using namespace hb::tests;
using namespace hb::tests::cli;

class tst_CliSla : public CliTestCase
{
    Q_OBJECT

private:
    struct Tickets
    {
        qint64 fresh = 0;    ///< created 10 min ago, not answered: response ok
        qint64 nearly = 0;   ///< created 50 min ago, not answered: response at risk
        qint64 late = 0;     ///< created 2 h ago, not answered: response breached
        qint64 waiting = 0;  ///< answered after 30 min, waiting on the requester since: resolution paused
        qint64 resolved = 0; ///< answered and done within the hour: both met
    };
    Tickets m_tickets;

    /// The demo board, its targets 24x7 (1 h to answer, 4 h to resolve every priority: the machine's hours do not
    /// matter), and five tickets with histories written at chosen times before now.
    void makeTickets()
    {
        QVERIFY(useDemoBoard());
        storage::StoreOptions options;
        options.login = s_admin;
        auto opened = storage::BoardStore::open(m_board, options);
        QVERIFY2(opened, qPrintable(describe(opened)));
        storage::BoardStore &store = **opened;
        board::sla::Policy policy = board::sla::Policy::defaults();
        for (board::sla::Target &target : policy.targets)
            target = {60 * 60'000, 4 * 60 * 60'000, true};
        QVERIFY(store.setServiceLevels(board::sla::policyToJson(policy), store.serviceLevels()->calendar));
        const qint64 now = QDateTime::currentMSecsSinceEpoch();
        qint64 clock = now;
        store.setClock([&clock] { return clock; });
        const QList<storage::Column> columns = store.columns().value();
        const auto create = [&](const QString &title, qint64 minutesAgo) {
            clock = now - minutesAgo * 60'000;
            storage::NewCard card;
            card.columnId = columns.first().id;
            card.title = title;
            card.priority = storage::Priority::High;
            return store.createCard(card).value();
        };
        m_tickets.fresh = create(u"SLA fresh"_s, 10);
        m_tickets.nearly = create(u"SLA nearly"_s, 50);
        m_tickets.late = create(u"SLA late"_s, 120);
        m_tickets.waiting = create(u"SLA waiting"_s, 180);
        clock = now - 150 * 60'000;
        QVERIFY(store.moveCard(m_tickets.waiting, columns.at(1).id)); // answered: out of the first column
        clock = now - 120 * 60'000;
        storage::CardPatch waiting;
        waiting.status = storage::StatusTag::WaitingRequester;
        QVERIFY(store.updateCard(m_tickets.waiting, waiting));
        m_tickets.resolved = create(u"SLA resolved"_s, 60);
        clock = now - 50 * 60'000;
        QVERIFY(store.moveCard(m_tickets.resolved, columns.at(1).id));
        clock = now - 40 * 60'000;
        QVERIFY(store.moveCard(m_tickets.resolved, columns.last().id));
    }

    QSet<qint64> listed(const QString &state)
    {
        QSet<qint64> ids;
        for (const QJsonValue &card : list({u"--sla"_s, state}))
            ids.insert(card.toObject().value(u"id"_s).toInteger());
        return ids;
    }

private Q_SLOTS:
    void initTestCase() { setUpSuite(); }
    void init() { setUpTest(); }
    void cleanup() { tearDownTest(); }

    void shouldListByTheClockThatMattersNow_data()
    {
        QTest::addColumn<QString>("state");
        QTest::addColumn<QString>("ticket");
        QTest::newRow("ok") << u"ok"_s << u"fresh"_s;
        QTest::newRow("at risk") << u"at-risk"_s << u"nearly"_s;
        QTest::newRow("breached") << u"breached"_s << u"late"_s;
        QTest::newRow("paused") << u"paused"_s << u"waiting"_s;
        QTest::newRow("met") << u"met"_s << u"resolved"_s;
    }

    void shouldListByTheClockThatMattersNow()
    {
        QFETCH(QString, state);
        QFETCH(QString, ticket);
        makeTickets();
        const QHash<QString, qint64> ids{{u"fresh"_s, m_tickets.fresh},
                                         {u"nearly"_s, m_tickets.nearly},
                                         {u"late"_s, m_tickets.late},
                                         {u"waiting"_s, m_tickets.waiting},
                                         {u"resolved"_s, m_tickets.resolved}};
        // WHEN the cards in that state are listed, THEN of the five, exactly the one in it is there
        const QSet<qint64> found = listed(state);
        for (auto each = ids.cbegin(); each != ids.cend(); ++each)
            QVERIFY2(found.contains(each.value()) == (each.key() == ticket), qPrintable(each.key()));
        // AND the text list says as many as the JSON one
        const CliRun text = runAs(s_admin, {u"list"_s, u"--sla"_s, state});
        QVERIFY_SUCCEEDS(text);
        QVERIFY2(text.err.contains(QByteArray(QByteArray::number(found.size()) + " card")), qPrintable(describe(text)));
    }

    void shouldShowBothClocks()
    {
        makeTickets();
        // The ticket waiting on its requester: created 3 h ago, answered after 30 min (met), waiting since 2 h ago:
        // the resolution counted 1 h, then paused for 2 h; 3 h left of 4 h.
        const QJsonObject sla = show(m_tickets.waiting).value(u"sla"_s).toObject();
        QCOMPARE(sla.value(u"current"_s).toString(), u"resolution"_s);
        QCOMPARE(sla.value(u"all_day"_s).toBool(), true);
        const QJsonObject response = sla.value(u"response"_s).toObject();
        QCOMPARE(response.value(u"state"_s).toString(), u"met"_s);
        QCOMPARE(response.value(u"elapsed_min"_s).toInt(), 30);
        QCOMPARE(response.value(u"target_min"_s).toInt(), 60);
        const QJsonObject resolution = sla.value(u"resolution"_s).toObject();
        QCOMPARE(resolution.value(u"state"_s).toString(), u"paused"_s);
        QCOMPARE(resolution.value(u"elapsed_min"_s).toInt(), 60);
        QVERIFY(qAbs(resolution.value(u"paused_min"_s).toInt() - 120) <= 1);
        QCOMPARE(resolution.value(u"left_min"_s).toInt(), 180);
        QVERIFY(resolution.value(u"due"_s).isNull());
        // AND the text form says the same
        const CliRun text = runAs(s_admin, {u"show"_s, QString::number(m_tickets.waiting)});
        QVERIFY_SUCCEEDS(text);
        QVERIFY2(text.out.contains("Response        met, 30m of 1h"), qPrintable(describe(text)));
        QVERIFY2(text.out.contains("Resolution      paused, 1h of 4h, paused 2h"), qPrintable(describe(text)));
    }

    void shouldRefuseAnUnknownState()
    {
        QVERIFY(useDemoBoard());
        QVERIFY_FAILS_WITH(runAs(s_admin, {u"list"_s, u"--sla"_s, u"late"_s}), Invalid);
        const CliRun refused = runAs(s_admin, {u"list"_s, u"--sla"_s, u"late"_s});
        QVERIFY2(refused.err.contains("unknown service-level state “late”"), qPrintable(describe(refused)));
    }

    void shouldEstimateFromTicketsLikeIt()
    {
        // GIVEN every hour counting, and five high "Badge reader" tickets resolved in 30, 40, 50, 60 and 70 minutes
        // over the last days (median 50 min), and an open one
        QVERIFY(useDemoBoard());
        storage::StoreOptions options;
        options.login = s_admin;
        auto opened = storage::BoardStore::open(m_board, options);
        QVERIFY(opened);
        storage::BoardStore &store = **opened;
        board::sla::Policy policy = board::sla::Policy::defaults();
        for (board::sla::Target &target : policy.targets)
            target = {60 * 60'000, 4 * 60 * 60'000, true};
        QVERIFY(store.setServiceLevels(board::sla::policyToJson(policy), store.serviceLevels()->calendar));
        const qint64 label = store.createLabel(u"Badge reader"_s, u"#336699"_s).value();
        const QList<storage::Column> columns = store.columns().value();
        const qint64 now = QDateTime::currentMSecsSinceEpoch();
        qint64 clock = now;
        store.setClock([&clock] { return clock; });
        const auto ticket = [&](qint64 createdMinutesAgo) {
            clock = now - createdMinutesAgo * 60'000;
            storage::NewCard card;
            card.columnId = columns.first().id;
            card.title = u"Badge reader at door %1"_s.arg(createdMinutesAgo);
            card.priority = storage::Priority::High;
            const qint64 id = store.createCard(card).value();
            [&] { QVERIFY(store.attachLabel(id, label)); }();
            return id;
        };
        qint64 resolvedOne = 0;
        for (int day = 1; day <= 5; ++day) {
            const qint64 id = ticket(day * 24 * 60);
            clock += (20 + 10 * day) * 60'000;
            QVERIFY(store.moveCard(id, columns.last().id));
            resolvedOne = id;
        }
        const qint64 open = ticket(5);
        QVERIFY(store.archiveCard(resolvedOne)); // archived ones count too
        opened->reset();

        // WHEN the open one is shown, THEN its estimate is the median of those five, named by their label
        const QJsonObject estimate = show(open).value(u"estimate"_s).toObject();
        QCOMPARE(estimate.value(u"based_on"_s).toInt(), 5);
        QCOMPARE(estimate.value(u"median_business_ms"_s).toInteger(), 50 * 60'000);
        QCOMPARE(estimate.value(u"label"_s).toString(), u"Badge reader"_s);
        const QString text =
                u"Usually resolved within ~50m (median of 5 high tickets labelled Badge reader, last 90 days)"_s;
        QCOMPARE(estimate.value(u"text"_s).toString(), text);
        const CliRun shown = runAs(s_admin, {u"show"_s, QString::number(open)});
        QVERIFY_SUCCEEDS(shown);
        QVERIFY2(shown.out.contains(QByteArray(QByteArray("Estimate        ") + text.toUtf8())),
                 qPrintable(describe(shown)));
        // AND a resolved one carries it in JSON, but the text form does not offer it
        QVERIFY(!show(resolvedOne).value(u"estimate"_s).isNull());
        const CliRun resolved = runAs(s_admin, {u"show"_s, QString::number(resolvedOne)});
        QVERIFY_SUCCEEDS(resolved);
        QVERIFY2(!resolved.out.contains("Estimate"), qPrintable(describe(resolved)));
    }

    void shouldShowAndReplaceTheServiceLevels()
    {
        QVERIFY(useDemoBoard());
        // GIVEN what `levels --json` prints, edited: high tickets answered within 45 min, the desk in Madrid
        const CliRun shown = runAs(s_admin, {u"levels"_s, u"--json"_s});
        QVERIFY_SUCCEEDS(shown);
        QJsonObject levels = QJsonDocument::fromJson(shown.out).object();
        QCOMPARE(levels.value(u"version"_s).toInt(), 1);
        QJsonObject policy = levels.value(u"policy"_s).toObject();
        QJsonObject targets = policy.value(u"targets"_s).toObject();
        QJsonObject high = targets.value(u"high"_s).toObject();
        high.insert(u"response_min"_s, 45);
        targets.insert(u"high"_s, high);
        policy.insert(u"targets"_s, targets);
        levels.insert(u"policy"_s, policy);
        QJsonObject calendar = levels.value(u"calendar"_s).toObject();
        calendar.insert(u"time_zone"_s, u"Europe/Madrid"_s);
        levels.insert(u"calendar"_s, calendar);
        // WHEN it is set from standard input, from version 1
        const CliRun set = runAs(s_admin, {u"levels"_s, u"--set"_s, u"-"_s, u"--expect-version"_s, u"1"_s},
                                 QJsonDocument(levels).toJson());
        QVERIFY_SUCCEEDS(set);
        // THEN the new version is printed, and the board has them
        QCOMPARE(set.out.trimmed(), QByteArray("2"));
        const CliRun text = runAs(s_admin, {u"levels"_s});
        QVERIFY_SUCCEEDS(text);
        QVERIFY2(text.out.contains("  high        45m / 8h          business hours"), qPrintable(describe(text)));
        QVERIFY2(text.out.contains("Time zone: Europe/Madrid"), qPrintable(describe(text)));
        QVERIFY2(text.out.contains("  Saturday    closed"), qPrintable(describe(text)));
        // AND a part left out stays as it is
        QVERIFY_SUCCEEDS(runAs(s_admin, {u"levels"_s, u"--set"_s, u"-"_s}, R"({"calendar":{"time_zone":"UTC"}})"));
        const QJsonObject after = QJsonDocument::fromJson(runAs(s_admin, {u"levels"_s, u"--json"_s}).out).object();
        QCOMPARE(after.value(u"policy"_s).toObject(), policy);
        QCOMPARE(after.value(u"version"_s).toInt(), 3);
        // AND a save from a version seen before is a conflict
        QVERIFY_FAILS_WITH(runAs(s_admin, {u"levels"_s, u"--set"_s, u"-"_s, u"--expect-version"_s, u"1"_s},
                                 QJsonDocument(levels).toJson()),
                           Conflict);
    }

    void shouldRefuseServiceLevelsThatCannotBeUsed_data()
    {
        QTest::addColumn<QByteArray>("input");
        QTest::addColumn<QString>("login");
        QTest::addColumn<int>("exitCode");
        QTest::addColumn<QByteArray>("message");
        const QString admin = s_admin;
        QTest::newRow("not JSON") << QByteArray("targets: none") << admin << 2 << QByteArray("not readable JSON");
        QTest::newRow("a misspelt part") << QByteArray(R"({"polcy":{}})") << admin << 2
                                         << QByteArray("“polcy” is not a part of the service levels");
        QTest::newRow("nothing") << QByteArray("{}") << admin << 2 << QByteArray("neither a policy nor a calendar");
        QTest::newRow("an unknown time zone") << QByteArray(R"({"calendar":{"time_zone":"Mars/Olympus_Mons"}})")
                                              << admin << 2 << QByteArray("“Mars/Olympus_Mons” is not a time zone");
        QTest::newRow("overlapping hours")
                << QByteArray(R"({"calendar":{"week":{"mon":[{"start":"09:00","minutes":480},)"
                              R"({"start":"16:00","minutes":60}]}}})")
                << admin << 2 << QByteArray("overlaps");
        QTest::newRow("no time to answer") << QByteArray(R"({"policy":{"targets":{"high":{"response_min":0}}}})")
                                           << admin << 2 << QByteArray("must be more than no time");
        QTest::newRow("resolved sooner than answered")
                << QByteArray(R"({"policy":{"targets":{"low":{"response_min":600,"resolution_min":60}}}})") << admin
                << 2 << QByteArray("sooner than first answered");
        QTest::newRow("an editor") << QByteArray(R"({"calendar":{"time_zone":"UTC"}})") << u"ben"_s << 5
                                   << QByteArray("only a board admin");
    }

    void shouldRefuseServiceLevelsThatCannotBeUsed()
    {
        QFETCH(QByteArray, input);
        QFETCH(QString, login);
        QFETCH(int, exitCode);
        QFETCH(QByteArray, message);
        QVERIFY(useDemoBoard());
        const CliRun refused = runAs(login, {u"levels"_s, u"--set"_s, u"-"_s}, input);
        QCOMPARE(refused.exitCode, exitCode);
        QVERIFY2(refused.err.contains(message), qPrintable(describe(refused)));
        // AND nothing changed
        QCOMPARE(QJsonDocument::fromJson(runAs(s_admin, {u"levels"_s, u"--json"_s}).out)
                         .object()
                         .value(u"version"_s)
                         .toInt(),
                 1);
    }

    void shouldSayWhenTheServiceLevelsCannotBeUsed()
    {
        // GIVEN service levels whose calendar names a time zone nobody knows (written by hand, or by a newer program)
        QVERIFY(useDemoBoard());
        {
            storage::StoreOptions options;
            options.login = s_admin;
            auto store = storage::BoardStore::open(m_board, options);
            QVERIFY(store);
            QVERIFY(store.value()->setServiceLevels("{}", R"({"time_zone":"Mars/Olympus_Mons"})"));
        }
        // THEN show still shows the card, and says why there are no clocks; list --sla refuses with the reason
        const CliRun shown = runAs(s_admin, {u"show"_s, u"1"_s});
        QVERIFY_SUCCEEDS(shown);
        QVERIFY2(shown.out.contains("Mars/Olympus_Mons"), qPrintable(describe(shown)));
        QVERIFY(show(1).value(u"sla"_s).isNull());
        QVERIFY(show(1).value(u"estimate"_s).isNull());
        const CliRun listed = runAs(s_admin, {u"list"_s, u"--sla"_s, u"ok"_s});
        QVERIFY_FAILS_WITH(listed, Invalid);
        QVERIFY2(listed.err.contains("Mars/Olympus_Mons"), qPrintable(describe(listed)));
    }
};

QTEST_GUILESS_MAIN(tst_CliSla)
#include "tst_clisla.moc"
