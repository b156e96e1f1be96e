// SPDX-License-Identifier: GPL-3.0-or-later
#include <board/metrics/ticketrow.h>
#include <board/rules/cardfilter.h>

#include <QDateTime>
#include <QTest>

using namespace hb::board;
using namespace hb::storage;
using namespace Qt::StringLiterals;

namespace {

constexpr qint64 s_now = 1'767'225'600'000; // 2026-01-01T00:00:00Z
constexpr qint64 s_hour = 3600'000;

Card sampleCard()
{
    Card card;
    card.id = 7;
    card.columnId = 1;
    card.title = QStringLiteral("VPN drops every hour");
    card.description = QStringLiteral("Since the client update");
    card.priority = Priority::High;
    card.status = StatusTag::Blocked;
    card.assignee = QStringLiteral("ben");
    card.requester = QStringLiteral("Dana (Finance)");
    card.channel = Channel::Phone;
    card.dueAt = s_now - s_hour;
    card.labelIds = {10, 11};
    return card;
}

} // namespace

Q_DECLARE_METATYPE(hb::board::CardFilter)
Q_DECLARE_METATYPE(hb::storage::Card)

class tst_CardFilter : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void shouldMatchByRule_data()
    {
        QTest::addColumn<CardFilter>("filter");
        QTest::addColumn<Card>("card");
        QTest::addColumn<bool>("matches");
        const Card card = sampleCard();
        auto with = [](auto change) {
            CardFilter filter;
            change(filter);
            return filter;
        };
        auto cardWith = [&card](auto change) {
            Card changed = card;
            change(changed);
            return changed;
        };

        QTest::newRow("empty filter") << CardFilter() << card << true;
        QTest::newRow("column same") << with([](CardFilter &f) { f.columnId = 1; }) << card << true;
        QTest::newRow("column other") << with([](CardFilter &f) { f.columnId = 2; }) << card << false;

        const CardFilter overdue = with([](CardFilter &f) { f.overdue = true; });
        QTest::newRow("overdue: due an hour ago") << overdue << card << true;
        QTest::newRow("overdue: due a millisecond ago")
                << overdue << cardWith([](Card &c) { c.dueAt = s_now - 1; }) << true;
        QTest::newRow("overdue: due exactly now") << overdue << cardWith([](Card &c) { c.dueAt = s_now; }) << false;
        QTest::newRow("overdue: no due date") << overdue << cardWith([](Card &c) { c.dueAt = 0; }) << false;
        QTest::newRow("overdue: resolved late is not overdue")
                << overdue << cardWith([](Card &c) { c.resolvedAt = s_now - 1; }) << false;

        const CardFilter soon = with([](CardFilter &f) { f.dueWithin24h = true; });
        QTest::newRow("due soon: now") << soon << cardWith([](Card &c) { c.dueAt = s_now; }) << true;
        QTest::newRow("due soon: in 23h59")
                << soon << cardWith([](Card &c) { c.dueAt = s_now + 24 * s_hour - 1; }) << true;
        QTest::newRow("due soon: in exactly 24h")
                << soon << cardWith([](Card &c) { c.dueAt = s_now + 24 * s_hour; }) << false;
        QTest::newRow("due soon: already overdue") << soon << card << false;

        QTest::newRow("unassigned: assigned") << with([](CardFilter &f) { f.unassigned = true; }) << card << false;
        QTest::newRow("unassigned: nobody") << with([](CardFilter &f) { f.unassigned = true; })
                                            << cardWith([](Card &c) { c.assignee.clear(); }) << true;
        QTest::newRow("mine: ben") << with([](CardFilter &f) { f.mine = true; }) << card << true;
        QTest::newRow("assignee exact, any case")
                << with([](CardFilter &f) { f.assignee = QStringLiteral("BEN"); }) << card << true;
        QTest::newRow("assignee other") << with([](CardFilter &f) { f.assignee = QStringLiteral("alice"); }) << card
                                        << false;
        QTest::newRow("requester substring")
                << with([](CardFilter &f) { f.requester = QStringLiteral("finance"); }) << card << true;

        QTest::newRow("priority exactly high")
                << with([](CardFilter &f) { f.priority = Priority::High; }) << card << true;
        QTest::newRow("priority exactly critical")
                << with([](CardFilter &f) { f.priority = Priority::Critical; }) << card << false;
        QTest::newRow("priority at least normal") << with([](CardFilter &f) {
            f.priority = Priority::Normal;
            f.priorityAtLeast = true;
        }) << card << true;
        QTest::newRow("priority at least critical") << with([](CardFilter &f) {
            f.priority = Priority::Critical;
            f.priorityAtLeast = true;
        }) << card << false;

        QTest::newRow("status any of") << with([](CardFilter &f) {
            f.statuses = {StatusTag::Blocked, StatusTag::NeedsReview};
        }) << card << true;
        QTest::newRow("status needs review")
                << with([](CardFilter &f) { f.statuses = {StatusTag::NeedsReview}; }) << card << false;

        QTest::newRow("labels any of") << with([](CardFilter &f) { f.labelIds = {11, 99}; }) << card << true;
        QTest::newRow("labels all of, has all") << with([](CardFilter &f) {
            f.labelIds = {10, 11};
            f.allLabels = true;
        }) << card << true;
        QTest::newRow("labels all of, misses one") << with([](CardFilter &f) {
            f.labelIds = {10, 99};
            f.allLabels = true;
        }) << card << false;
        QTest::newRow("labels none match") << with([](CardFilter &f) { f.labelIds = {99}; }) << card << false;

        QTest::newRow("channel phone") << with([](CardFilter &f) { f.channel = Channel::Phone; }) << card << true;
        QTest::newRow("channel email") << with([](CardFilter &f) { f.channel = Channel::Email; }) << card << false;
        QTest::newRow("text in title") << with([](CardFilter &f) { f.text = QStringLiteral("vpn"); }) << card << true;
        QTest::newRow("text in description")
                << with([](CardFilter &f) { f.text = QStringLiteral("UPDATE"); }) << card << true;
        QTest::newRow("text nowhere") << with([](CardFilter &f) { f.text = QStringLiteral("printer"); }) << card
                                      << false;
        QTest::newRow("search hit") << with([](CardFilter &f) { f.searchIds = QSet<qint64>{7}; }) << card << true;
        QTest::newRow("search miss") << with([](CardFilter &f) { f.searchIds = QSet<qint64>{}; }) << card << false;

        QTest::newRow("combined, all hold") << with([](CardFilter &f) {
            f.overdue = true;
            f.statuses = {StatusTag::Blocked};
            f.priority = Priority::High;
            f.labelIds = {10};
        }) << card << true;
        QTest::newRow("combined, one fails") << with([](CardFilter &f) {
            f.overdue = true;
            f.unassigned = true;
        }) << card << false;
    }

    void shouldMatchByRule()
    {
        QFETCH(CardFilter, filter);
        QFETCH(Card, card);
        QFETCH(bool, matches);
        QCOMPARE(filter.matches(card, CardFilter::Context{s_now, QStringLiteral("ben")}), matches);
        // AND the metrics' TicketCard of it (the dashboard's and report's filter) matches the same, but for the
        // `text` rule, which reads the description a TicketCard does not keep
        if (filter.text.isEmpty())
            QCOMPARE(filter.matches(hb::board::metrics::ticketCard(card),
                                    CardFilter::Context{s_now, QStringLiteral("ben")}),
                     matches);
    }

    void shouldJudgeDueTimesAcrossMidnightByTheClockNotTheDate_data()
    {
        QTest::addColumn<QTime>("dueTime");
        QTest::addColumn<int>("dueDay"); ///< 0 today, 1 tomorrow (local)
        QTest::addColumn<bool>("overdue");
        QTest::addColumn<bool>("dueSoon");
        // now: today 23:30 local
        QTest::newRow("today 23:00, half an hour ago") << QTime(23, 0) << 0 << true << false;
        QTest::newRow("today 23:30, now") << QTime(23, 30) << 0 << false << true;
        QTest::newRow("tomorrow 00:15, in 45 minutes") << QTime(0, 15) << 1 << false << true;
        QTest::newRow("tomorrow 23:29, in 23h59") << QTime(23, 29) << 1 << false << true;
        QTest::newRow("tomorrow 23:30, in 24 h") << QTime(23, 30) << 1 << false << false;
        QTest::newRow("today 00:00, this morning") << QTime(0, 0) << 0 << true << false;
    }

    void shouldJudgeDueTimesAcrossMidnightByTheClockNotTheDate()
    {
        QFETCH(QTime, dueTime);
        QFETCH(int, dueDay);
        QFETCH(bool, overdue);
        QFETCH(bool, dueSoon);
        const QDate today(2026, 12, 1);
        const qint64 now = QDateTime(today, QTime(23, 30)).toMSecsSinceEpoch();
        Card card = sampleCard();
        card.dueAt = QDateTime(today.addDays(dueDay), dueTime).toMSecsSinceEpoch();
        CardFilter isOverdue;
        isOverdue.overdue = true;
        CardFilter isSoon;
        isSoon.dueWithin24h = true;
        QCOMPARE(isOverdue.matches(card, {now, QString()}), overdue);
        QCOMPARE(isSoon.matches(card, {now, QString()}), dueSoon);
    }

    void shouldKnowWhenItIsEmpty()
    {
        CardFilter filter;
        QVERIFY(filter.isEmpty());
        filter.overdue = true;
        QVERIFY(!filter.isEmpty());
        filter = CardFilter();
        filter.searchIds = QSet<qint64>{};
        QVERIFY(!filter.isEmpty());
    }

    void shouldKeepItsRulesAsSettings_data()
    {
        QTest::addColumn<CardFilter>("filter");
        QTest::newRow("nothing") << CardFilter();
        CardFilter toggles;
        toggles.overdue = true;
        toggles.dueWithin24h = true;
        toggles.unassigned = true;
        toggles.mine = true;
        toggles.statuses = {StatusTag::NeedsReview, StatusTag::Blocked};
        toggles.slaStates = {QStringLiteral("at-risk"), QStringLiteral("breached")};
        QTest::newRow("toggles") << toggles;
        CardFilter pickers;
        pickers.priority = Priority::High;
        pickers.priorityAtLeast = true;
        pickers.labelIds = {3, 11};
        pickers.allLabels = true;
        pickers.assignee = QStringLiteral("ben");
        pickers.requester = QStringLiteral("Finance");
        pickers.channel = Channel::None;
        pickers.columnId = 4;
        QTest::newRow("pickers, and cards without a channel") << pickers;
        CardFilter words;
        words.search = QStringLiteral("vpn “quoted” émoji 🔥");
        words.text = QStringLiteral("printer");
        QTest::newRow("search words") << words;
    }

    void shouldKeepItsRulesAsSettings()
    {
        QFETCH(CardFilter, filter);
        const CardFilter back = CardFilter::fromMap(filter.toMap());
        QCOMPARE(back.toMap(), filter.toMap());
        // every field itself (a field both sides forgot would pass the comparison above)
        QCOMPARE(back.columnId, filter.columnId);
        QCOMPARE(back.overdue, filter.overdue);
        QCOMPARE(back.dueWithin24h, filter.dueWithin24h);
        QCOMPARE(back.unassigned, filter.unassigned);
        QCOMPARE(back.mine, filter.mine);
        QCOMPARE(back.assignee, filter.assignee);
        QCOMPARE(back.requester, filter.requester);
        QCOMPARE(back.priority, filter.priority);
        QCOMPARE(back.priorityAtLeast, filter.priorityAtLeast);
        QCOMPARE(back.statuses, filter.statuses);
        QCOMPARE(back.slaStates, filter.slaStates);
        QCOMPARE(back.labelIds, filter.labelIds);
        QCOMPARE(back.allLabels, filter.allLabels);
        QCOMPARE(back.channel, filter.channel);
        QCOMPARE(back.text, filter.text);
        QCOMPARE(back.search, filter.search);
        QCOMPARE(back.isEmpty(), filter.isEmpty());
        // Every rule survives, so the same cards match
        Card card = sampleCard();
        for (const qint64 due : {qint64(0), s_now - s_hour, s_now + s_hour}) {
            card.dueAt = due;
            QCOMPARE(back.matches(card, {s_now, QStringLiteral("ben")}),
                     filter.matches(card, {s_now, QStringLiteral("ben")}));
        }
        // Search hits are found again, never kept
        CardFilter searched = filter;
        searched.searchIds = QSet<qint64>{7};
        QVERIFY(!CardFilter::fromMap(searched.toMap()).searchIds);
    }

    void shouldLeaveOutSettingsItDoesNotUnderstand()
    {
        const QVariantMap map{
                {QStringLiteral("priority"), QStringLiteral("urgent!!")},
                {QStringLiteral("statuses"), QStringList{QStringLiteral("blocked"), QStringLiteral("??")}},
                {QStringLiteral("labels"), QVariantList{QStringLiteral("x"), 5, -2}},
                {QStringLiteral("from_a_newer_version"), true}};
        const CardFilter filter = CardFilter::fromMap(map);
        QVERIFY(!filter.priority);
        QCOMPARE(filter.statuses, QSet<StatusTag>{StatusTag::Blocked});
        QCOMPARE(filter.labelIds, QSet<qint64>{5});
    }

    void shouldMatchByTheClockThatMattersNow_data()
    {
        QTest::addColumn<QStringList>("wanted");
        QTest::addColumn<QString>("state"); ///< of the card's clock that matters now; empty: not known
        QTest::addColumn<bool>("matches");
        QTest::newRow("at risk, at risk") << QStringList{u"at-risk"_s} << u"at-risk"_s << true;
        QTest::newRow("at risk, breached") << QStringList{u"at-risk"_s} << u"breached"_s << false;
        QTest::newRow("at risk or breached, breached")
                << QStringList{u"at-risk"_s, u"breached"_s} << u"breached"_s << true;
        QTest::newRow("breached, on track") << QStringList{u"breached"_s} << u"ok"_s << false;
        QTest::newRow("breached, missed (resolved)") << QStringList{u"breached"_s} << u"missed"_s << false;
        QTest::newRow("breached, not known") << QStringList{u"breached"_s} << QString() << false;
        QTest::newRow("any, not known") << QStringList{} << QString() << true;
    }

    void shouldMatchByTheClockThatMattersNow()
    {
        QFETCH(QStringList, wanted);
        QFETCH(QString, state);
        QFETCH(bool, matches);
        CardFilter filter;
        filter.slaStates = QSet<QString>(wanted.cbegin(), wanted.cend());
        QCOMPARE(filter.isEmpty(), wanted.isEmpty());
        const Card card = sampleCard();
        const CardFilter::Context context{s_now, QStringLiteral("ben"),
                                          [&](qint64 id) { return id == card.id ? state : u"breached"_s; }};
        QCOMPARE(filter.matches(card, context), matches);
        // AND a context that knows no clocks matches no state asked for
        QCOMPARE(filter.matches(card, {s_now, QStringLiteral("ben")}), wanted.isEmpty());
    }

    void shouldNotMatchMineWithoutALogin()
    {
        CardFilter filter;
        filter.mine = true;
        Card card = sampleCard();
        card.assignee.clear();
        QVERIFY(!filter.matches(card, CardFilter::Context{s_now, QString()}));
    }
};

QTEST_GUILESS_MAIN(tst_CardFilter)
#include "tst_cardfilter.moc"
