// SPDX-License-Identifier: GPL-3.0-or-later
#include "calendar.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QLocale>
#include <QRegularExpression>

#include <algorithm>

namespace hb::board::sla {

namespace {

constexpr qint64 s_minuteMs = 60'000;
constexpr qint64 s_dayMs = 24 * 60 * s_minuteMs;
constexpr int s_dayMinutes = 24 * 60;

QString tr(const char *text)
{
    return QCoreApplication::translate("hb::board::sla::Calendar", text);
}

QString clockText(int minute)
{
    return QStringLiteral("%1:%2")
            .arg((minute / 60) % 24, 2, 10, QLatin1Char('0'))
            .arg(minute % 60, 2, 10, QLatin1Char('0'));
}

/// "09:00-17:00"; a span to the end of the day ends at 24:00, so that it reads back as one.
QString spanClockText(const Span &span)
{
    return QStringLiteral("%1-%2").arg(clockText(span.start),
                                       span.end() == s_dayMinutes ? QStringLiteral("24:00") : clockText(span.end()));
}

QString spanText(int weekday, const Span &span)
{
    return tr("%1 %2").arg(QLocale().dayName(weekday + 1), spanClockText(span));
}

QDate utcDate(qint64 at)
{
    return QDateTime::fromMSecsSinceEpoch(at, Qt::UTC).date();
}

} // namespace

QString spansText(const QList<Span> &spans)
{
    QStringList texts;
    for (const Span &span : spans)
        texts.append(spanClockText(span));
    return texts.join(QStringLiteral(", "));
}

storage::Result<QList<Span>> spansFromText(QStringView text)
{
    static const QRegularExpression spanPattern(
            QStringLiteral(R"(^\s*([0-9]{1,2})[:.h]([0-9][0-9])\s*[-\x{2013}]\s*([0-9]{1,2})[:.h]([0-9][0-9])\s*$)"));
    QList<Span> spans;
    static const QRegularExpression apart(QStringLiteral("[,;]"));
    const QString whole = text.toString();
    if (whole.trimmed().isEmpty())
        return spans;
    for (const QString &part : whole.split(apart)) {
        const auto match = spanPattern.match(part);
        const auto minuteOf = [&match](int hour, int minute) {
            const int h = match.capturedView(hour).toInt();
            const int m = match.capturedView(minute).toInt();
            return h > 24 || m > 59 || (h == 24 && m != 0) ? -1 : h * 60 + m;
        };
        const int start = match.hasMatch() ? minuteOf(1, 2) : -1;
        const int end = match.hasMatch() ? minuteOf(3, 4) : -1;
        if (start < 0 || end < 0 || start == s_dayMinutes)
            return storage::Error{storage::ErrorKind::Invalid,
                                  tr("“%1” is not a working span: write it as 09:00-17:00 (22:00-06:00 runs past "
                                     "midnight).")
                                          .arg(part.trimmed())};
        // Ending where it starts: a whole day from then (06:00-06:00 is 24 hours from 06:00).
        spans.append(Span{start, end > start ? end - start : s_dayMinutes - start + end});
    }
    return spans;
}

Calendar Calendar::officeHours(const QByteArray &timeZone)
{
    Calendar calendar;
    calendar.timeZone = timeZone.isEmpty() ? QTimeZone::systemTimeZoneId() : timeZone;
    for (int day = 0; day < 5; ++day)
        calendar.week[day] = {Span{9 * 60, 8 * 60}};
    return calendar;
}

bool Calendar::hasWorkingTime() const
{
    return std::any_of(week.cbegin(), week.cend(), [](const QList<Span> &spans) { return !spans.isEmpty(); });
}

QString Calendar::problem() const
{
    if (timeZone.isEmpty() || !QTimeZone(timeZone).isValid())
        return tr("“%1” is not a time zone this computer knows (use a name such as Europe/Madrid or "
                  "America/Sao_Paulo).")
                .arg(QString::fromUtf8(timeZone));
    struct Placed
    {
        int weekday;
        Span span;
        int from; ///< minutes after Monday 00:00
    };
    QList<Placed> placed;
    for (int day = 0; day < 7; ++day) {
        for (const Span &span : week[day]) {
            if (span.start < 0 || span.start >= s_dayMinutes)
                return tr("A working span on %1 starts outside the day.").arg(QLocale().dayName(day + 1));
            if (span.minutes <= 0 || span.minutes > s_dayMinutes)
                return tr("%1 lasts no time or more than a day.").arg(spanText(day, span));
            placed.append({day, span, day * s_dayMinutes + span.start});
        }
    }
    std::sort(placed.begin(), placed.end(), [](const Placed &a, const Placed &b) { return a.from < b.from; });
    // Each span against the next one, and the week's last against its first (a Sunday night shift runs into Monday).
    for (qsizetype i = 0; i < placed.size(); ++i) {
        const Placed &span = placed[i];
        const bool last = i + 1 == placed.size();
        const Placed &next = placed[last ? 0 : i + 1];
        const int nextFrom = next.from + (last ? 7 * s_dayMinutes : 0);
        if (span.from + span.span.minutes > nextFrom)
            return tr("%1 overlaps %2.").arg(spanText(span.weekday, span.span), spanText(next.weekday, next.span));
    }
    for (const Holiday &holiday : holidays) {
        if (!holiday.date.isValid())
            return tr("The holiday “%1” has no valid date.").arg(holiday.name);
        if (holiday.name.trimmed().isEmpty())
            return tr("The holiday on %1 has no name.").arg(QLocale().toString(holiday.date, QLocale::ShortFormat));
    }
    return {};
}

WorkingTime::WorkingTime(const Calendar &calendar, bool allDay)
    : m_calendar(calendar)
    , m_zone(calendar.timeZone)
    , m_allDay(allDay || !m_zone.isValid())
{ }

qint64 WorkingTime::utcOf(const QTimeZone &zone, QDate day, int minute, bool later)
{
    day = day.addDays(minute / s_dayMinutes);
    minute %= s_dayMinutes;
    const qint64 local = day.startOfDay(Qt::UTC).toMSecsSinceEpoch() + minute * s_minuteMs;
    const auto offsetAt = [&zone](qint64 at) {
        return qint64(zone.offsetFromUtc(QDateTime::fromMSecsSinceEpoch(at, Qt::UTC))) * 1000;
    };
    // The offsets a day either side: a time zone changes its offset at most once in that while.
    const qint64 before = offsetAt(local - s_dayMs);
    const qint64 after = offsetAt(local + s_dayMs);
    const qint64 first = local - before;
    const qint64 second = local - after;
    const bool firstHolds = offsetAt(first) == before;
    const bool secondHolds = offsetAt(second) == after;
    if (firstHolds && secondHolds)
        return later ? std::max(first, second) : std::min(first, second); // the hour repeated in autumn
    if (firstHolds || secondHolds)
        return firstHolds ? first : second;
    // The hour skipped in spring: the time moves on to the end of the gap, the change itself.
    const QTimeZone::OffsetData change =
            zone.nextTransition(QDateTime::fromMSecsSinceEpoch(std::min(first, second) - 1, Qt::UTC));
    return change.atUtc.isValid() ? change.atUtc.toMSecsSinceEpoch() : first;
}

void WorkingTime::build(QDate first, QDate last)
{
    m_first = first;
    m_last = last;
    m_intervals.clear();
    for (QDate day = first; day <= last; day = day.addDays(1)) {
        if (std::any_of(m_calendar.holidays.cbegin(), m_calendar.holidays.cend(),
                        [day](const Holiday &holiday) { return holiday.fallsOn(day); }))
            continue;
        for (const Span &span : m_calendar.week[day.dayOfWeek() - 1]) {
            const qint64 start = utcOf(m_zone, day, span.start, false);
            const qint64 end = utcOf(m_zone, day, span.end(), true);
            if (end > start)
                m_intervals.push_back({start, end, 0});
        }
    }
    std::sort(m_intervals.begin(), m_intervals.end(),
              [](const Interval &a, const Interval &b) { return a.start < b.start; });
    // Spans that touch or overlap (a day's last and the next day's first) become one.
    std::vector<Interval> merged;
    merged.reserve(m_intervals.size());
    qint64 total = 0;
    for (const Interval &interval : m_intervals) {
        if (!merged.empty() && interval.start <= merged.back().end) {
            const qint64 end = std::max(merged.back().end, interval.end);
            total += end - merged.back().end;
            merged.back().end = end;
            continue;
        }
        merged.push_back({interval.start, interval.end, total});
        total += interval.end - interval.start;
    }
    m_intervals = std::move(merged);
}

void WorkingTime::cover(qint64 at)
{
    const QDate day = utcDate(at);
    const QDate from = day.addDays(-2);
    const QDate to = day.addDays(2);
    if (m_first.isValid() && from >= m_first && to <= m_last)
        return;
    // A year at a time, so the next tickets asked about are mostly covered already.
    const QDate first = m_first.isValid() ? std::min(m_first, from.addDays(-366)) : from.addDays(-366);
    const QDate last = m_last.isValid() ? std::max(m_last, to.addDays(366)) : to.addDays(366);
    build(first, last);
}

qint64 WorkingTime::cumulative(qint64 at)
{
    // The first interval that ends after the instant: the instant is in it, or before it.
    const auto found =
            std::upper_bound(m_intervals.cbegin(), m_intervals.cend(), at,
                             [](qint64 instant, const Interval &interval) { return instant < interval.end; });
    if (found == m_intervals.cend())
        return m_intervals.empty() ? 0
                                   : m_intervals.back().before + (m_intervals.back().end - m_intervals.back().start);
    return found->before + std::max<qint64>(0, at - found->start);
}

qint64 WorkingTime::between(qint64 from, qint64 to)
{
    if (to <= from)
        return 0;
    if (m_allDay)
        return to - from;
    cover(from);
    cover(to);
    return cumulative(to) - cumulative(from);
}

qint64 WorkingTime::after(qint64 from, qint64 amount)
{
    if (amount <= 0)
        return from;
    if (m_allDay)
        return from + amount;
    cover(from);
    const qint64 wanted = cumulative(from) + amount;
    const QDate limit = utcDate(from).addYears(50);
    for (;;) {
        const auto found = std::lower_bound(m_intervals.cbegin(), m_intervals.cend(), wanted,
                                            [](const Interval &interval, qint64 target) {
                                                return interval.before + (interval.end - interval.start) < target;
                                            });
        if (found != m_intervals.cend())
            return found->start + (wanted - found->before);
        if (m_last >= limit)
            return 0;
        // Further on: more of the same year-long steps (the days before stay as they are, so @c wanted holds).
        build(m_first, m_last.addDays(366));
    }
}

} // namespace hb::board::sla
