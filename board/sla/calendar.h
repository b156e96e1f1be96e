// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <storage/result.h>

#include <QDate>
#include <QList>
#include <QString>
#include <QTimeZone>

#include <array>
#include <vector>

/// Service levels: the help desk's business hours, its targets per priority, and the clocks they give each ticket.
namespace hb::board::sla {

/// A span of working time on one weekday, in the calendar's local time: from @c start minutes after midnight for
/// @c minutes. It may run past midnight (a night shift, Mon 22:00 for 8 h): it belongs to the day it starts on.
struct Span
{
    int start = 0;   ///< minutes after midnight, 0..1439
    int minutes = 0; ///< 1..1440
    int end() const { return start + minutes; }
    friend bool operator==(const Span &, const Span &) = default;
};

/// A weekday's spans as people read and type them: "09:00-12:00, 13:00-17:00"; empty for no working time.
QString spansText(const QList<Span> &spans);
/**
 * The spans typed as spansText() writes them: "H:MM-H:MM" each, apart by commas or semicolons. One that ends before
 * its start runs past midnight ("22:00-06:00"), one that ends where it starts lasts a whole day from then
 * ("06:00-06:00"); "24:00" is midnight at the end of the day. Anything else is refused, with how to write it.
 */
storage::Result<QList<Span>> spansFromText(QStringView text);

/// A day off: one date, or the same day every year (the 29th of February only in leap years).
struct Holiday
{
    QDate date;
    bool yearly = false;
    QString name;
    bool fallsOn(QDate day) const
    {
        return yearly ? day.month() == date.month() && day.day() == date.day() : day == date;
    }
    friend bool operator==(const Holiday &, const Holiday &) = default;
};

/**
 * When the help desk works: its time zone (an IANA name), working spans per weekday, and holidays. A holiday
 * removes the spans that start on it (a night shift that starts the evening before still ends on it).
 */
struct Calendar
{
    QByteArray timeZone = "UTC";
    std::array<QList<Span>, 7> week; ///< Monday first
    QList<Holiday> holidays;

    /// Monday to Friday, 09:00-17:00, in @p timeZone (this desktop's when empty), no holidays.
    static Calendar officeHours(const QByteArray &timeZone = {});
    /// What is wrong with it, for a person to fix (an unknown time zone, a span out of the day or overlapping
    /// another, a holiday without a valid date); empty when it can be used.
    QString problem() const;
    /// Whether any day of the week has working time (holidays aside).
    bool hasWorkingTime() const;
    friend bool operator==(const Calendar &, const Calendar &) = default;
};

/**
 * Working time on one calendar, as a line of UTC intervals: how much working time lies between two instants, and
 * when a given amount of it is reached. Local times become UTC with the calendar's time zone: a time that does not
 * exist (the hour skipped in spring) moves on to the next one that does, and a span over the hour repeated in
 * autumn counts both. The intervals are worked out for the years asked about and kept, so a query is a binary
 * search. Not thread-safe: one per thread.
 */
class WorkingTime
{
public:
    /// On @p calendar; @p allDay: every instant is working time (a 24x7 target), the calendar is not used.
    explicit WorkingTime(const Calendar &calendar, bool allDay = false);

    /// Working time between @p from and @p to, in milliseconds (0 when @p to is not after @p from).
    qint64 between(qint64 from, qint64 to);
    /// The instant at which @p amount of working time has passed since @p from (@p from itself for 0 or less); 0
    /// when the calendar has no working time within 50 years.
    qint64 after(qint64 from, qint64 amount);

    /// The UTC instant of @p minute minutes after midnight of @p day in @p zone. A time in a spring-forward gap moves
    /// to the end of the gap; of the two instants of a time in the hour repeated in autumn, @p later picks the second.
    static qint64 utcOf(const QTimeZone &zone, QDate day, int minute, bool later);

private:
    struct Interval
    {
        qint64 start;
        qint64 end;
        qint64 before; ///< working time in the intervals before this one, from the first day covered
    };
    /// Working time from the first day covered to @p at.
    qint64 cumulative(qint64 at);
    /// Works out the intervals of every day that may hold working time near @p at (a year at a time).
    void cover(qint64 at);
    void build(QDate first, QDate last);

    Calendar m_calendar;
    QTimeZone m_zone;
    bool m_allDay = false;
    QDate m_first;
    QDate m_last;
    std::vector<Interval> m_intervals;
};

} // namespace hb::board::sla
