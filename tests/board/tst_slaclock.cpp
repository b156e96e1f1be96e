// SPDX-License-Identifier: GPL-3.0-or-later
// The service-level clocks on worked examples: each row's expected values are worked out by hand in its comment.
#include <board/sla/calendar.h>
#include <board/sla/clock.h>
#include <board/sla/policy.h>

#include <QDateTime>
#include <QTest>
#include <QTimeZone>

using namespace hb;
using namespace hb::board::sla;
using namespace Qt::StringLiterals;
using storage::Priority;

Q_DECLARE_METATYPE(hb::board::sla::Ticket)
Q_DECLARE_METATYPE(hb::board::sla::ClockState)

namespace {

const QTimeZone &berlin()
{
    static const QTimeZone zone("Europe/Berlin");
    return zone;
}

/// "2026-11-30 09:00" in Berlin (a time that exists once there).
qint64 at(const char *local)
{
    const QStringList parts = QString::fromLatin1(local).split(u' ');
    return QDateTime(QDate::fromString(parts.at(0), Qt::ISODate), QTime::fromString(parts.at(1)), berlin())
            .toMSecsSinceEpoch();
}

QString shown(qint64 msecs)
{
    return msecs ? QDateTime::fromMSecsSinceEpoch(msecs, berlin()).toString(QStringLiteral("yyyy-MM-dd HH:mm"))
                 : QString();
}

constexpr qint64 s_minute = 60'000;

/// The help desk's calendars the rows use, all in Berlin.
Calendar calendarNamed(const QString &name)
{
    Calendar calendar;
    calendar.timeZone = "Europe/Berlin";
    const auto weekdays = [&calendar](Span span) {
        for (int day = 0; day < 5; ++day)
            calendar.week[day] = {span};
    };
    if (name == u"office") { // Monday to Friday 09:00-17:00, Christmas and New Year off
        weekdays({9 * 60, 8 * 60});
        calendar.holidays = {{QDate(2000, 12, 24), true, QStringLiteral("Christmas Eve")},
                             {QDate(2000, 12, 25), true, QStringLiteral("Christmas Day")},
                             {QDate(2000, 12, 26), true, QStringLiteral("St Stephen's Day")},
                             {QDate(2000, 1, 1), true, QStringLiteral("New Year")}};
    } else if (name == u"night") { // a night shift: Monday to Friday 22:00-06:00 the next morning
        weekdays({22 * 60, 8 * 60});
    } else if (name == u"long") { // the office calendar edited to 08:00-18:00
        weekdays({8 * 60, 10 * 60});
    }
    return calendar;
}

struct StepAt
{
    const char *at;
    Priority priority = Priority::Normal;
    bool paused = false;
    bool resolved = false;
};

Ticket ticket(const char *created, const char *responded, std::initializer_list<StepAt> steps)
{
    Ticket made;
    made.createdAt = at(created);
    made.firstResponseAt = responded ? at(responded) : 0;
    for (const StepAt &step : steps)
        made.steps.append({at(step.at), step.priority, step.paused, step.resolved});
    return made;
}

} // namespace

class tst_SlaClock : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void shouldGiveTheWorkedExamplesClocks_data()
    {
        QTest::addColumn<QString>("calendar");
        QTest::addColumn<Ticket>("ticket");
        QTest::addColumn<qint64>("now");
        QTest::addColumn<ClockState>("responseState");
        QTest::addColumn<QString>("responseDue");
        QTest::addColumn<int>("responseMinutes");
        QTest::addColumn<ClockState>("resolutionState");
        QTest::addColumn<QString>("resolutionDue");
        QTest::addColumn<int>("resolutionMinutes");
        QTest::addColumn<int>("pausedMinutes");
        using enum ClockState;

        // Normal (4 h / 24 h) created Friday 16:50, looked at Monday 09:30: 10 min on Friday + 30 min on Monday =
        // 40 min. Response: 3 h 20 min left, more than the hour of risk margin (a quarter of 4 h): ok, due when
        // 4 h have passed = Friday's 10 min + Monday 3 h 50 min = Monday 12:50. Resolution: 23 h 20 min left of
        // 24 h (margin 6 h): ok, due Monday 09:30 + 7 h 30 min (Monday) + 8 h (Tuesday) + 7 h 50 min = Wed 16:50.
        QTest::newRow("created just before closing time")
                << u"office"_s << ticket("2026-12-04 16:50", nullptr, {{"2026-12-04 16:50"}}) << at("2026-12-07 09:30")
                << Ok << u"2026-12-07 12:50"_s << 40 << Ok << u"2026-12-09 16:50"_s << 40 << 0;

        // The same ticket after the calendar was edited to 08:00-18:00: the clocks follow the calendar they are
        // computed on. Friday 16:50-18:00 = 1 h 10 min, Monday 08:00-09:30 = 1 h 30 min: 2 h 40 min. Response due
        // after 2 h 50 min more on Monday: 10:50. Resolution: 21 h 20 min left: Monday 8 h 30 min, Tuesday 10 h,
        // Wednesday 2 h 50 min: 10:50.
        QTest::newRow("a calendar edited after the fact")
                << u"long"_s << ticket("2026-12-04 16:50", nullptr, {{"2026-12-04 16:50"}}) << at("2026-12-07 09:30")
                << Ok << u"2026-12-07 10:50"_s << 160 << Ok << u"2026-12-09 10:50"_s << 160 << 0;

        // High (1 h / 8 h) created Wednesday 23 December 16:30, not answered. The 24th and 25th are holidays, the
        // 26th and 27th a weekend. Response: due after 30 min on Wednesday and 30 min on Monday 28th: 09:30; looked at
        // Monday 10:00, 1 h 30 min counted: breached. Resolution: 1 h 30 min, 6 h 30 min left (margin 2 h): ok, due
        // 16:30.
        QTest::newRow("Christmas holidays")
                << u"office"_s << ticket("2026-12-23 16:30", nullptr, {{"2026-12-23 16:30", Priority::High}})
                << at("2026-12-28 10:00") << Breached << u"2026-12-28 09:30"_s << 90 << Ok << u"2026-12-28 16:30"_s
                << 90 << 0;

        // Normal, created Friday 26 March 2027 16:00 (CET), looked at Monday 29 March 10:00 (CEST): Europe moved its
        // clocks on the Sunday between. Working time is local: 1 h on Friday, 1 h on Monday = 2 h (on a fixed
        // offset it would be an hour off). Response: 2 h left, margin 1 h: ok, due Monday 12:00. Resolution: 22 h
        // left: Monday 7 h, Tuesday 8 h, Wednesday 7 h: Wednesday 16:00.
        QTest::newRow("DST in March, business hours")
                << u"office"_s << ticket("2027-03-26 16:00", nullptr, {{"2027-03-26 16:00"}}) << at("2027-03-29 10:00")
                << Ok << u"2027-03-29 12:00"_s << 120 << Ok << u"2027-03-31 16:00"_s << 120 << 0;

        // Critical (30 min / 4 h, 24x7) created Saturday 27 March 2027 23:00 CET (22:00 UTC), looked at Sunday 04:00
        // CEST (02:00 UTC): 4 real hours, though the wall clock moved 5. Response breached, due 23:30. Resolution:
        // 4 h of 4 h: breached as of 04:00 CEST.
        QTest::newRow("DST in March, 24x7 critical")
                << u"office"_s << ticket("2027-03-27 23:00", nullptr, {{"2027-03-27 23:00", Priority::Critical}})
                << at("2027-03-28 04:00") << Breached << u"2027-03-27 23:30"_s << 240 << Breached
                << u"2027-03-28 04:00"_s << 240 << 0;

        // Critical created Saturday 24 October 2026 23:00 CEST (21:00 UTC), looked at Sunday 02:30 CET (01:30 UTC):
        // the wall clock moved 3 h 30 min, but clocks went back at 03:00 CEST, so 4 h 30 min really passed,
        // unanswered: response breached (due 23:30). Resolution: 4 h were up at 01:00 UTC, which Berlin's clocks
        // show as 02:00 (CET, the second time they showed it): breached as of then.
        QTest::newRow("DST in October, 24x7 critical")
                << u"office"_s << ticket("2026-10-24 23:00", nullptr, {{"2026-10-24 23:00", Priority::Critical}})
                << qint64(QDateTime(QDate(2026, 10, 25), QTime(1, 30), Qt::UTC).toMSecsSinceEpoch()) << Breached
                << u"2026-10-24 23:30"_s << 270 << Breached << u"2026-10-25 02:00"_s << 270 << 0;

        // Night shift (Monday to Friday 22:00-06:00). Normal created Monday 21:00, looked at Tuesday 07:00: the whole
        // Monday night counts, 8 h. Response: breached, due Tuesday 02:00. Resolution: 16 h left (margin 6 h): ok;
        // nothing counts until Tuesday 22:00, then two nights: due Thursday 06:00.
        QTest::newRow("night shift crossing midnight")
                << u"night"_s << ticket("2026-11-30 21:00", nullptr, {{"2026-11-30 21:00"}}) << at("2026-12-01 07:00")
                << Breached << u"2026-12-01 02:00"_s << 480 << Ok << u"2026-12-03 06:00"_s << 480 << 0;

        // Normal created Monday 09:00, answered 09:30. Waiting on the requester from Monday 11:00, on a vendor from
        // Tuesday 10:00, back to work Wednesday 12:00, looked at Wednesday 14:00. Counted: Monday 2 h + Wednesday
        // 2 h = 4 h; paused: Monday 6 h + Tuesday 8 h + Wednesday 3 h = 17 h. 20 h left: Wednesday 3 h, Thursday 8 h,
        // Friday 8 h, then 1 h on Monday 7 December: 10:00.
        QTest::newRow("waiting on the requester, then on a vendor")
                << u"office"_s
                << ticket("2026-11-30 09:00", "2026-11-30 09:30",
                          {{"2026-11-30 09:00"},
                           {"2026-11-30 11:00", Priority::Normal, true},
                           {"2026-12-01 10:00", Priority::Normal, true},
                           {"2026-12-02 12:00"}})
                << at("2026-12-02 14:00") << Met << QString() << 30 << Ok << u"2026-12-07 10:00"_s << 240 << 17 * 60;

        // The same ticket Blocked instead of waiting (a blocker of the team's own does not pause by default): Monday
        // 8 h + Tuesday 8 h + Wednesday 5 h = 21 h, 3 h left, under the 6 h margin: at risk, due Wednesday 17:00.
        QTest::newRow("blocked, not paused")
                << u"office"_s
                << ticket("2026-11-30 09:00", "2026-11-30 09:30",
                          {{"2026-11-30 09:00"}, {"2026-11-30 11:00"}, {"2026-12-01 10:00"}, {"2026-12-02 12:00"}})
                << at("2026-12-02 14:00") << Met << QString() << 30 << AtRisk << u"2026-12-02 17:00"_s << 21 * 60 << 0;

        // Waiting, once already over the target: breached stays breached (and says since when), never "paused".
        // Normal created Monday 09:00: 24 h are up on Wednesday 17:00; waiting from Thursday 09:00.
        QTest::newRow("waiting after the target was missed")
                << u"office"_s
                << ticket("2026-11-30 09:00", "2026-11-30 09:05",
                          {{"2026-11-30 09:00"}, {"2026-12-03 09:00", Priority::Normal, true}})
                << at("2026-12-03 12:00") << Met << QString() << 5 << Breached << u"2026-12-02 17:00"_s << 24 * 60
                << 3 * 60;

        // Normal created Monday 09:00, answered 09:10, resolved Monday 13:00 (4 h: met).
        QTest::newRow("resolved in time")
                << u"office"_s
                << ticket("2026-11-30 09:00", "2026-11-30 09:10",
                          {{"2026-11-30 09:00"}, {"2026-11-30 13:00", Priority::Normal, false, true}})
                << at("2026-12-04 12:00") << Met << QString() << 10 << Met << QString() << 240 << 0;

        // ...then reopened Wednesday 10:00 and looked at 12:00: the time in Done does not count, 4 h + 2 h = 6 h.
        // 18 h left: Wednesday 5 h, Thursday 8 h, Friday 5 h: 14:00.
        QTest::newRow("reopened after Done")
                << u"office"_s
                << ticket("2026-11-30 09:00", "2026-11-30 09:10",
                          {{"2026-11-30 09:00"},
                           {"2026-11-30 13:00", Priority::Normal, false, true},
                           {"2026-12-02 10:00"}})
                << at("2026-12-02 12:00") << Met << QString() << 10 << Ok << u"2026-12-04 14:00"_s << 360 << 0;

        // Resolved Thursday 12:00 after 8 + 8 + 8 + 3 = 27 h: missed (24 h were up Wednesday 17:00). Reopened
        // Friday 09:00 and looked at 10:00: 28 h, breached as of Wednesday 17:00 still: a missed target stays missed.
        QTest::newRow("missed, then reopened") << u"office"_s
                                               << ticket("2026-11-30 09:00", "2026-11-30 09:10",
                                                         {{"2026-11-30 09:00"},
                                                          {"2026-12-03 12:00", Priority::Normal, false, true},
                                                          {"2026-12-04 09:00"}})
                                               << at("2026-12-04 10:00") << Met << QString() << 10 << Breached
                                               << u"2026-12-02 17:00"_s << 28 * 60 << 0;
        QTest::newRow("missed") << u"office"_s
                                << ticket("2026-11-30 09:00", "2026-11-30 09:10",
                                          {{"2026-11-30 09:00"}, {"2026-12-03 12:00", Priority::Normal, false, true}})
                                << at("2026-12-04 10:00") << Met << QString() << 10 << Missed << u"2026-12-02 17:00"_s
                                << 27 * 60 << 0;

        // Normal created Monday 09:00, answered 09:20, raised to High on Tuesday 11:00, looked at 12:00. High's
        // targets apply from the creation: the response (1 h) was met; the resolution (8 h) was up on Monday 17:00,
        // so it is breached as of then, with 8 h + 3 h = 11 h counted.
        QTest::newRow("priority raised mid-way, already breached")
                << u"office"_s
                << ticket("2026-11-30 09:00", "2026-11-30 09:20",
                          {{"2026-11-30 09:00"}, {"2026-12-01 11:00", Priority::High}})
                << at("2026-12-01 12:00") << Met << QString() << 20 << Breached << u"2026-11-30 17:00"_s << 11 * 60
                << 0;

        // Critical (24x7) created Saturday 10:00, not answered, looked at 13:30: response breached at 10:30;
        // resolution 3 h 30 min of 4 h, 30 min left (margin 1 h): at risk, due 14:00.
        QTest::newRow("24x7 critical on a Saturday")
                << u"office"_s << ticket("2026-12-05 10:00", nullptr, {{"2026-12-05 10:00", Priority::Critical}})
                << at("2026-12-05 13:30") << Breached << u"2026-12-05 10:30"_s << 210 << AtRisk << u"2026-12-05 14:00"_s
                << 210 << 0;

        // Normal created Monday 09:00: waiting from 11:00 says one desktop; back to work at 10:00 says another whose
        // clock is behind. The stretch that runs backwards counts as nothing: counted 09:00-11:00, then 11:00 to now
        // (12:10): 3 h 10 min; the response has 50 min left (under the 1 h margin): at risk, due 13:00. Resolution:
        // 20 h 50 min left: Monday 4 h 50 min, Tuesday 8 h, Wednesday 8 h: 17:00.
        QTest::newRow("a clock that ran backwards")
                << u"office"_s
                << ticket("2026-11-30 09:00", nullptr,
                          {{"2026-11-30 09:00"}, {"2026-11-30 11:00", Priority::Normal, true}, {"2026-11-30 10:00"}})
                << at("2026-11-30 12:10") << AtRisk << u"2026-11-30 13:00"_s << 190 << Ok << u"2026-12-02 17:00"_s
                << 190 << 0;
    }

    void shouldSayOnTheCardWhatMattersNow_data()
    {
        QTest::addColumn<int>("response");
        QTest::addColumn<int>("resolution");
        QTest::addColumn<QString>("state");
        QTest::addColumn<QString>("text");
        using enum ClockState;
        // (the response's target 60 min with 20 min counted; the resolution's 240 min with 300 counted)
        QTest::newRow("not answered: the response") << int(Ok) << int(Ok) << u"ok"_s << u"40m left"_s;
        QTest::newRow("answered late, resolution over")
                << int(Missed) << int(Breached) << u"breached"_s << u"1h over"_s;
        QTest::newRow("answered, waiting") << int(Met) << int(Paused) << u"paused"_s << u"paused"_s;
        QTest::newRow("resolved in time") << int(Met) << int(Met) << QString() << QString();
        QTest::newRow("resolved, answered late") << int(Missed) << int(Met) << u"missed"_s << u"missed"_s;
        QTest::newRow("resolved late") << int(Met) << int(Missed) << u"missed"_s << u"missed"_s;
    }

    void shouldSayOnTheCardWhatMattersNow()
    {
        QFETCH(int, response);
        QFETCH(int, resolution);
        Clocks clocks;
        clocks.response = {ClockState(response), 60 * 60'000, 0, 20 * 60'000, 0};
        clocks.resolution = {ClockState(resolution), 240 * 60'000, 0, 300 * 60'000, 0};
        const auto badge = badgeOf(clocks);
        QTEST(badge ? stateName(badge->state) : QString(), "state");
        QTEST(badge ? badge->text : QString(), "text");
    }

    void shouldGiveTheWorkedExamplesClocks()
    {
        QFETCH(QString, calendar);
        QFETCH(Ticket, ticket);
        QFETCH(qint64, now);
        WorkingTime business(calendarNamed(calendar));
        const Clocks clocks = clocksOf(ticket, Policy::defaults(), business, now);
        QFETCH(ClockState, responseState);
        QFETCH(ClockState, resolutionState);
        QCOMPARE(stateName(clocks.response.state), stateName(responseState));
        QTEST(shown(clocks.response.dueAt), "responseDue");
        QTEST(int(clocks.response.elapsedMs / s_minute), "responseMinutes");
        QCOMPARE(stateName(clocks.resolution.state), stateName(resolutionState));
        QTEST(shown(clocks.resolution.dueAt), "resolutionDue");
        QTEST(int(clocks.resolution.elapsedMs / s_minute), "resolutionMinutes");
        QTEST(int(clocks.resolution.pausedMs / s_minute), "pausedMinutes");
    }
};

QTEST_GUILESS_MAIN(tst_SlaClock)
#include "tst_slaclock.moc"
