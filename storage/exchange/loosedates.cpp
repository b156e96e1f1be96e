// SPDX-License-Identifier: GPL-3.0-or-later
#include "loosedates.h"

#include <QDateTime>
#include <QRegularExpression>

namespace hb::storage::loosedates {
namespace {

/// hh:mm[:ss[.fff]] [am|pm], as read after a date.
struct Clock
{
    int hour = 0, minute = 0, second = 0, msec = 0;
};

std::optional<Clock> readClock(QStringView text)
{
    if (text.trimmed().isEmpty())
        return Clock{};
    static const QRegularExpression s_clock(QStringLiteral(
            "^\\s*(\\d{1,2}):(\\d{2})(?::(\\d{2})(?:[.,](\\d{1,3})\\d*)?)?\\s*([aApP]\\.?[mM]\\.?)?\\s*$"));
    const auto match = s_clock.match(text);
    if (!match.hasMatch())
        return std::nullopt;
    Clock clock{match.capturedView(1).toInt(), match.capturedView(2).toInt(), match.capturedView(3).toInt(),
                match.capturedView(4).toString().leftJustified(3, QLatin1Char('0')).toInt()};
    if (match.hasCaptured(5)) {
        if (clock.hour < 1 || clock.hour > 12)
            return std::nullopt;
        const bool pm = match.capturedView(5).front().toLower() == u'p';
        clock.hour = clock.hour % 12 + (pm ? 12 : 0);
    }
    if (clock.hour > 23 || clock.minute > 59 || clock.second > 59)
        return std::nullopt;
    return clock;
}

std::optional<qint64> compose(int year, int month, int day, const Clock &clock, const QTimeZone &zone)
{
    if (year < 100) { // "24" is 2024 and "99" 1999: a two-digit year is at most ten years ahead
        const int thisYear = QDate::currentDate().year();
        year += (year <= thisYear % 100 + 10) ? thisYear / 100 * 100 : thisYear / 100 * 100 - 100;
    }
    const QDate date(year, month, day);
    if (!date.isValid() || year < 1970 || year > 9999)
        return std::nullopt;
    const QDateTime at(date, QTime(clock.hour, clock.minute, clock.second, clock.msec), zone);
    if (!at.isValid())
        return std::nullopt;
    return at.toMSecsSinceEpoch();
}

const QRegularExpression &slashDate()
{
    static const QRegularExpression s_slash(
            QStringLiteral("^\\s*(\\d{1,2})/(\\d{1,2})/(\\d{4}|\\d{2})(?:[\\sT,]+(.*))?$"));
    return s_slash;
}

} // namespace

Order slashOrder(const QStringList &values)
{
    for (const QString &value : values) {
        const auto match = slashDate().match(value);
        if (!match.hasMatch())
            continue;
        const int first = match.capturedView(1).toInt();
        const int second = match.capturedView(2).toInt();
        if (first > 12 && second <= 12)
            return Order::DayFirst;
        if (second > 12 && first <= 12)
            return Order::MonthFirst;
    }
    return Order::MonthFirst;
}

std::optional<qint64> parse(QStringView text, Order order, const QString &format, const QTimeZone &givenZone)
{
    // This desktop's zone, read once: a local time read through the C library looks at the zone file each time.
    static const QTimeZone s_system = QTimeZone::systemTimeZone();
    const QTimeZone &zone = givenZone.isValid() ? givenZone : s_system;
    const QStringView trimmed = text.trimmed();
    if (trimmed.isEmpty() || trimmed.size() > 64)
        return std::nullopt;
    if (!format.isEmpty()) {
        QDateTime at = QDateTime::fromString(trimmed.toString(), format);
        if (!at.isValid())
            return std::nullopt;
        if (at.timeSpec() == Qt::LocalTime)
            at = QDateTime(at.date(), at.time(), zone);
        return at.isValid() ? std::optional<qint64>(at.toMSecsSinceEpoch()) : std::nullopt;
    }
    // ISO 8601, with a T or a space, with or without a zone.
    static const QRegularExpression s_iso(QStringLiteral(
            "^(\\d{4})[-/](\\d{2})[-/"
            "](\\d{2})(?:[T\\s]+(\\d{1,2}:\\d{2}(?::\\d{2}(?:[.,]\\d+)?)?)\\s*(Z|[+-]\\d{2}:?\\d{2})?)?$"));
    if (const auto match = s_iso.match(trimmed); match.hasMatch()) {
        const auto clock = readClock(match.capturedView(4));
        if (!clock)
            return std::nullopt;
        QTimeZone at = zone;
        if (match.hasCaptured(5)) {
            const QStringView offset = match.capturedView(5);
            if (offset == u"Z") {
                at = QTimeZone::utc();
            } else {
                const int sign = offset.front() == u'-' ? -1 : 1;
                const QString digits = offset.sliced(1).toString().remove(QLatin1Char(':'));
                const int hours = digits.left(2).toInt(), minutes = digits.mid(2, 2).toInt();
                if (hours > 14 || minutes > 59)
                    return std::nullopt;
                at = QTimeZone(sign * (hours * 3600 + minutes * 60));
            }
        }
        return compose(match.capturedView(1).toInt(), match.capturedView(2).toInt(), match.capturedView(3).toInt(),
                       *clock, at);
    }
    if (const auto match = slashDate().match(trimmed); match.hasMatch()) {
        const auto clock = readClock(match.capturedView(4));
        if (!clock)
            return std::nullopt;
        int month = match.capturedView(1).toInt(), day = match.capturedView(2).toInt();
        if (order == Order::DayFirst)
            std::swap(month, day);
        return compose(match.capturedView(3).toInt(), month, day, *clock, zone);
    }
    // Day first with dashes or dots (most of Europe and Latin America).
    static const QRegularExpression s_dayFirst(
            QStringLiteral("^(\\d{1,2})[-.](\\d{1,2})[-.](\\d{4}|\\d{2})(?:[\\sT,]+(.*))?$"));
    if (const auto match = s_dayFirst.match(trimmed); match.hasMatch()) {
        const auto clock = readClock(match.capturedView(4));
        if (!clock)
            return std::nullopt;
        // Day first, unless it can only be read month first ("03-14-2024").
        int day = match.capturedView(1).toInt(), month = match.capturedView(2).toInt();
        if (month > 12 && day <= 12)
            std::swap(day, month);
        return compose(match.capturedView(3).toInt(), month, day, *clock, zone);
    }
    return std::nullopt;
}

} // namespace hb::storage::loosedates
