// SPDX-License-Identifier: GPL-3.0-or-later
// Business hours as working time, and what the service-level settings refuse.
#include <board/sla/calendar.h>
#include <board/sla/clock.h>
#include <board/sla/policy.h>

#include <QDateTime>
#include <QTest>
#include <QTimeZone>

using namespace hb;
using namespace hb::board::sla;
using namespace Qt::StringLiterals;

Q_DECLARE_METATYPE(hb::board::sla::Calendar)

namespace {

constexpr qint64 s_minute = 60'000;

qint64 utc(int year, int month, int day, int hour, int minute = 0)
{
    return QDateTime(QDate(year, month, day), QTime(hour, minute), Qt::UTC).toMSecsSinceEpoch();
}

Calendar berlin(int weekday, Span span)
{
    Calendar calendar;
    calendar.timeZone = "Europe/Berlin";
    calendar.week[weekday] = {span};
    return calendar;
}

} // namespace

class tst_SlaCalendar : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void shouldCountWorkingTime_data()
    {
        QTest::addColumn<Calendar>("calendar");
        QTest::addColumn<qint64>("from");
        QTest::addColumn<qint64>("to");
        QTest::addColumn<int>("minutes");

        Calendar office = Calendar::officeHours("Europe/Berlin");
        // Friday 4 December 2026 16:30 CET (15:30 UTC) to Monday 10:00 CET: 30 min + 1 h.
        QTest::newRow("over a weekend") << office << utc(2026, 12, 4, 15, 30) << utc(2026, 12, 7, 9) << 90;
        QTest::newRow("backwards is none") << office << utc(2026, 12, 7, 9) << utc(2026, 12, 4, 15, 30) << 0;
        QTest::newRow("inside one span") << office << utc(2026, 12, 7, 9) << utc(2026, 12, 7, 9, 45) << 45;
        QTest::newRow("outside every span") << office << utc(2026, 12, 5, 9) << utc(2026, 12, 6, 20) << 0;

        // Sunday 00:00-06:00 local. On 28 March 2027 the clocks skip 02:00-03:00: 00:00 CET (23:00 UTC Saturday)
        // to 06:00 CEST (04:00 UTC) is 5 hours. On 25 October 2026 they repeat 02:00-03:00: 00:00 CEST (22:00 UTC
        // Saturday) to 06:00 CET (05:00 UTC) is 7 hours.
        const Calendar sundayMorning = berlin(6, {0, 6 * 60});
        QTest::newRow("the night the clocks skip an hour")
                << sundayMorning << utc(2027, 3, 27, 12) << utc(2027, 3, 29, 0) << 5 * 60;
        QTest::newRow("the night the clocks repeat an hour")
                << sundayMorning << utc(2026, 10, 24, 12) << utc(2026, 10, 26, 0) << 7 * 60;
        // A span that starts at 02:30, a time that does not exist on 28 March 2027: it starts at 03:00 CEST instead
        // (01:00 UTC) and ends at 04:30 CEST (02:30 UTC): 1 h 30 min.
        QTest::newRow("a span that starts in the skipped hour")
                << berlin(6, {2 * 60 + 30, 2 * 60}) << utc(2027, 3, 27, 12) << utc(2027, 3, 29, 0) << 90;
        // 02:00-03:00 on 25 October 2026: 02:00 happens twice, the span starts at the first (00:00 UTC); 03:00 CET
        // is 02:00 UTC: both hours count.
        QTest::newRow("a span over the repeated hour")
                << berlin(6, {2 * 60, 60}) << utc(2026, 10, 24, 12) << utc(2026, 10, 26, 0) << 2 * 60;

        // A night shift Monday to Friday 22:00-06:00 (CET, UTC+1). From Tuesday 1 December 05:00 CET to 23:00 CET:
        // 05:00-06:00 (Monday's shift) and 22:00-23:00 (Tuesday's).
        Calendar night;
        night.timeZone = "Europe/Berlin";
        for (int day = 0; day < 5; ++day)
            night.week[day] = {Span{22 * 60, 8 * 60}};
        QTest::newRow("a night shift") << night << utc(2026, 12, 1, 4) << utc(2026, 12, 1, 22) << 2 * 60;
        // A holiday on that Tuesday removes the shift that starts on it, not Monday's that ends on it.
        Calendar nightOff = night;
        nightOff.holidays = {{QDate(2026, 12, 1), false, u"Closed"_s}};
        QTest::newRow("a holiday removes the spans that start on it")
                << nightOff << utc(2026, 12, 1, 4) << utc(2026, 12, 1, 22) << 60;
        // Friday's shift runs into Saturday morning; nothing starts on Saturday or Sunday.
        QTest::newRow("Friday night into Saturday") << night << utc(2026, 12, 5, 0) << utc(2026, 12, 7, 0) << 5 * 60;

        // Yearly holidays: 24 to 26 December every year. Wednesday 23 December 2026 to Monday 28: Wednesday 8 h
        // and Monday 8 h. The 29th of February, yearly, falls only in leap years.
        Calendar christmas = office;
        christmas.holidays = {{QDate(2000, 12, 24), true, u"Christmas Eve"_s},
                              {QDate(2000, 12, 25), true, u"Christmas"_s},
                              {QDate(2000, 12, 26), true, u"St Stephen's Day"_s}};
        QTest::newRow("yearly holidays") << christmas << utc(2026, 12, 23, 0) << utc(2026, 12, 29, 0) << 16 * 60;
        Calendar leap = office;
        leap.holidays = {{QDate(2000, 2, 29), true, u"Leap day"_s}};
        QTest::newRow("a leap day, in a leap year") << leap << utc(2028, 2, 29, 0) << utc(2028, 3, 1, 0) << 0;
        QTest::newRow("a leap day, in another year") << leap << utc(2027, 3, 1, 0) << utc(2027, 3, 2, 0) << 8 * 60;

        // In New York: Monday 7 December 2026 09:00-17:00 EST is 14:00-22:00 UTC.
        QTest::newRow("another time zone")
                << Calendar::officeHours("America/New_York") << utc(2026, 12, 7, 0) << utc(2026, 12, 7, 15) << 60;
    }

    void shouldCountWorkingTime()
    {
        QFETCH(Calendar, calendar);
        QFETCH(qint64, from);
        QFETCH(qint64, to);
        QFETCH(int, minutes);
        QVERIFY2(calendar.problem().isEmpty(), qPrintable(calendar.problem()));
        WorkingTime working(calendar);
        QCOMPARE(working.between(from, to), minutes * s_minute);
        // AND working that much from the start ends where the last working minute of it ends
        if (minutes > 0) {
            const qint64 end = working.after(from, minutes * s_minute);
            QVERIFY(end > from && end <= to);
            QCOMPARE(working.between(from, end), minutes * s_minute);
        }
    }

    void shouldAnswerTheSameWhicheverWayTheYearsAreAskedFor()
    {
        // GIVEN two calendars, one asked about 2026 first and then 2020, the other the other way round
        WorkingTime forward(Calendar::officeHours("Europe/Berlin"));
        WorkingTime backward(Calendar::officeHours("Europe/Berlin"));
        const qint64 early = utc(2020, 1, 6, 0);
        const qint64 late = utc(2026, 1, 5, 0);
        const qint64 lateHours = forward.between(late, late + 7 * 24 * 3600'000LL);
        const qint64 earlyHours = forward.between(early, early + 7 * 24 * 3600'000LL);
        // THEN both give the same working time: a week of 5 x 8 h either way
        QCOMPARE(backward.between(early, early + 7 * 24 * 3600'000LL), earlyHours);
        QCOMPARE(backward.between(late, late + 7 * 24 * 3600'000LL), lateHours);
        QCOMPARE(earlyHours, 40 * 60 * s_minute);
        QCOMPARE(lateHours, 40 * 60 * s_minute);
        // AND six years of working time from 2020 to 2026 are found across the years worked out apart
        const qint64 span = forward.between(early, late);
        QCOMPARE(forward.after(early, span), backward.after(early, span));
        QVERIFY(span > 6 * 250 * 8 * 60 * s_minute);
    }

    void shouldNeverReachTimeOnACalendarWithoutAny()
    {
        Calendar empty;
        empty.timeZone = "Europe/Berlin";
        WorkingTime working(empty);
        QCOMPARE(working.between(utc(2026, 1, 1, 0), utc(2027, 1, 1, 0)), 0);
        QCOMPARE(working.after(utc(2026, 1, 1, 0), s_minute), 0);
        // AND a 24x7 target counts every hour, with no calendar at all
        WorkingTime allDay(empty, true);
        QCOMPARE(allDay.between(utc(2026, 1, 1, 0), utc(2026, 1, 2, 0)), 24 * 60 * s_minute);
        QCOMPARE(allDay.after(utc(2026, 1, 1, 0), 90 * s_minute), utc(2026, 1, 1, 1, 30));
    }

    void shouldRefuseACalendarThatCannotBeUsed_data()
    {
        QTest::addColumn<Calendar>("calendar");
        QTest::addColumn<QString>("problem");
        const Calendar office = Calendar::officeHours("Europe/Berlin");
        QTest::newRow("office hours") << office << QString();
        Calendar unknownZone = office;
        unknownZone.timeZone = "Europe/Atlantis";
        QTest::newRow("an unknown time zone") << unknownZone << u"“Europe/Atlantis” is not a time zone"_s;
        Calendar noZone = office;
        noZone.timeZone.clear();
        QTest::newRow("no time zone") << noZone << u"is not a time zone"_s;
        Calendar overlapping = office;
        overlapping.week[0].append({16 * 60, 2 * 60});
        QTest::newRow("overlapping spans") << overlapping << u"Monday 09:00-17:00 overlaps Monday 16:00-18:00"_s;
        Calendar nightIntoMorning = office;
        nightIntoMorning.week[0].append({22 * 60, 12 * 60}); // Monday 22:00 to Tuesday 10:00
        QTest::newRow("a night shift into the next morning's span")
                << nightIntoMorning << u"Monday 22:00-10:00 overlaps Tuesday 09:00-17:00"_s;
        Calendar sundayIntoMonday = office;
        sundayIntoMonday.week[6] = {Span{23 * 60, 11 * 60}};
        QTest::newRow("Sunday night into Monday's span")
                << sundayIntoMonday << u"Sunday 23:00-10:00 overlaps Monday 09:00-17:00"_s;
        Calendar empty = office;
        empty.week[2] = {Span{9 * 60, 0}};
        QTest::newRow("a span of no time") << empty << u"Wednesday 09:00-09:00 lasts no time or more than a day"_s;
        Calendar tooLong = office;
        tooLong.week[5] = {Span{0, 25 * 60}};
        QTest::newRow("a span longer than a day") << tooLong << u"lasts no time or more than a day"_s;
        Calendar outside = office;
        outside.week[5] = {Span{24 * 60, 60}};
        QTest::newRow("a span that starts after the day") << outside << u"on Saturday starts outside the day"_s;
        Calendar badHoliday = office;
        badHoliday.holidays = {{QDate(2026, 2, 30), false, u"Nowhere day"_s}};
        QTest::newRow("a holiday on no date") << badHoliday << u"The holiday “Nowhere day” has no valid date"_s;
        Calendar unnamed = office;
        unnamed.holidays = {{QDate(2026, 5, 1), false, u"  "_s}};
        QTest::newRow("a holiday without a name") << unnamed << u"has no name"_s;
        Calendar nightShift;
        nightShift.timeZone = "Europe/Berlin";
        for (int day = 0; day < 7; ++day)
            nightShift.week[day] = {Span{22 * 60, 8 * 60}};
        QTest::newRow("a night shift every day") << nightShift << QString();
    }

    void shouldRefuseACalendarThatCannotBeUsed()
    {
        QFETCH(Calendar, calendar);
        QFETCH(QString, problem);
        const QString found = calendar.problem();
        if (problem.isEmpty())
            QVERIFY2(found.isEmpty(), qPrintable(found));
        else
            QVERIFY2(found.contains(problem), qPrintable(found));
    }

    void shouldRefuseAPolicyThatCannotBeUsed_data()
    {
        QTest::addColumn<int>("priority");
        QTest::addColumn<qint64>("response");
        QTest::addColumn<qint64>("resolution");
        QTest::addColumn<bool>("allDay");
        QTest::addColumn<bool>("withHours");
        QTest::addColumn<QString>("problem");
        const int normal = int(storage::Priority::Normal);
        QTest::newRow("the defaults") << normal << 4 * 60 * s_minute << 24 * 60 * s_minute << false << true
                                      << QString();
        QTest::newRow("a response of no time") << normal << 0LL << 60 * s_minute << false << true
                                               << u"first-response target of Normal tickets must be more"_s;
        QTest::newRow("a negative resolution") << normal << 60 * s_minute << -s_minute << false << true
                                               << u"resolution target of Normal tickets must be more"_s;
        QTest::newRow("resolved before answered")
                << int(storage::Priority::High) << 2 * 60 * s_minute << 60 * s_minute << false << true
                << u"High tickets would be resolved (1h) sooner than first answered (2h)"_s;
        QTest::newRow("business hours without any")
                << normal << 60 * s_minute << 120 * s_minute << false << false
                << u"High tickets count business hours, but the calendar has none"_s;
    }

    void shouldRefuseAPolicyThatCannotBeUsed()
    {
        QFETCH(int, priority);
        QFETCH(qint64, response);
        QFETCH(qint64, resolution);
        QFETCH(bool, allDay);
        QFETCH(bool, withHours);
        QFETCH(QString, problem);
        Policy policy = Policy::defaults();
        policy.targets[std::size_t(priority)] = {response, resolution, allDay};
        Calendar calendar = Calendar::officeHours("Europe/Berlin");
        if (!withHours)
            calendar.week = {};
        const QString found = policy.problem(calendar);
        if (problem.isEmpty())
            QVERIFY2(found.isEmpty(), qPrintable(found));
        else
            QVERIFY2(found.contains(problem), qPrintable(found));
    }

    void shouldPauseOnlyWhileWaitingByDefault()
    {
        const Policy policy = Policy::defaults();
        QVERIFY(policy.pauses(storage::StatusTag::WaitingRequester));
        QVERIFY(policy.pauses(storage::StatusTag::WaitingVendor));
        for (const auto status : {storage::StatusTag::None, storage::StatusTag::InProgress,
                                  storage::StatusTag::NeedsReview, storage::StatusTag::Blocked})
            QVERIFY(!policy.pauses(status));
        QVERIFY(policy.target(storage::Priority::Critical).allDay);
        QVERIFY(!policy.target(storage::Priority::Low).allDay);
        QCOMPARE(policy.problem(Calendar::officeHours("Europe/Berlin")), QString());
    }

    void shouldTakeA24x7PolicyWithoutBusinessHours()
    {
        Policy policy = Policy::defaults();
        for (Target &target : policy.targets)
            target.allDay = true;
        Calendar none;
        none.timeZone = "Europe/Berlin";
        QCOMPARE(policy.problem(none), QString());
    }

    void shouldSayDurationsAsBadgesDo_data()
    {
        QTest::addColumn<qint64>("ms");
        QTest::addColumn<QString>("text");
        QTest::newRow("none") << 0LL << u"0m"_s;
        QTest::newRow("negative") << -5 * s_minute << u"0m"_s;
        QTest::newRow("minutes") << 45 * s_minute + 59'999 << u"45m"_s;
        QTest::newRow("an hour") << 60 * s_minute << u"1h"_s;
        QTest::newRow("hours and minutes") << 80 * s_minute << u"1h 20m"_s;
        QTest::newRow("a day") << 24 * 60 * s_minute << u"24h"_s;
        QTest::newRow("days and hours") << (3 * 24 + 2) * 60 * s_minute + 7 * s_minute << u"74h 7m"_s;
    }

    void shouldSayDurationsAsBadgesDo()
    {
        QFETCH(qint64, ms);
        QTEST(durationText(ms), "text");
    }

    void shouldNameEveryStateBothWays()
    {
        for (ClockState state : {ClockState::Ok, ClockState::AtRisk, ClockState::Breached, ClockState::Paused,
                                 ClockState::Met, ClockState::Missed}) {
            const QString name = stateName(state);
            QVERIFY(!name.isEmpty());
            QCOMPARE(stateFromName(name), std::optional(state));
        }
        QCOMPARE(stateFromName(u"at risk"), std::nullopt);
        QCOMPARE(stateFromName(u""), std::nullopt);
    }

    void shouldMarkRiskAtAQuarterOfTheTargetButNeverUnder15Minutes_data()
    {
        QTest::addColumn<qint64>("target");
        QTest::addColumn<qint64>("margin");
        QTest::newRow("4 h") << 240 * s_minute << 60 * s_minute;
        QTest::newRow("30 min") << 30 * s_minute << 15 * s_minute;
        QTest::newRow("1 h") << 60 * s_minute << 15 * s_minute;
        QTest::newRow("3 business days") << 24 * 60 * s_minute << 6 * 60 * s_minute;
    }

    void shouldMarkRiskAtAQuarterOfTheTargetButNeverUnder15Minutes()
    {
        QFETCH(qint64, target);
        QTEST(riskMargin(target), "margin");
    }
};

QTEST_GUILESS_MAIN(tst_SlaCalendar)
#include "tst_slacalendar.moc"
