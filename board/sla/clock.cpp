// SPDX-License-Identifier: GPL-3.0-or-later
#include "clock.h"

#include <storage/nametable.h>

#include <QCoreApplication>
#include <QDateTime>
#include <QRegularExpression>

#include <algorithm>

namespace hb::board::sla {

namespace {

constexpr qint64 s_minute = 60'000;

constexpr storage::NameTable<ClockState, 6> s_names{{
        {ClockState::Ok, u"ok"},
        {ClockState::AtRisk, u"at-risk"},
        {ClockState::Breached, u"breached"},
        {ClockState::Paused, u"paused"},
        {ClockState::Met, u"met"},
        {ClockState::Missed, u"missed"},
}};

QString tr(const char *text)
{
    return QCoreApplication::translate("hb::board::sla::Clock", text);
}

/// Working time on the business hours, or on every hour for a 24x7 target.
struct Hours
{
    WorkingTime &business;
    bool allDay;
    qint64 between(qint64 from, qint64 to) const
    {
        return allDay ? std::max<qint64>(0, to - from) : business.between(from, to);
    }
    qint64 after(qint64 from, qint64 amount) const
    {
        return allDay ? from + std::max<qint64>(0, amount) : business.after(from, amount);
    }
};

ClockState running(qint64 elapsed, qint64 target)
{
    if (elapsed >= target)
        return ClockState::Breached;
    return target - elapsed < riskMargin(target) ? ClockState::AtRisk : ClockState::Ok;
}

} // namespace

QString stateName(ClockState state)
{
    return storage::nameOf(s_names, state);
}

std::optional<ClockState> stateFromName(QStringView name)
{
    return storage::valueOf(s_names, name);
}

std::optional<Badge> badgeOf(const Clocks &clocks)
{
    const ClockState resolution = clocks.resolution.state;
    if (resolution == ClockState::Met || resolution == ClockState::Missed) {
        if (resolution == ClockState::Missed || clocks.response.state == ClockState::Missed)
            return Badge{ClockState::Missed, tr("missed")};
        return std::nullopt;
    }
    const Clock &current = clocks.current();
    switch (current.state) {
    case ClockState::Ok:
    case ClockState::AtRisk:
        return Badge{current.state, tr("%1 left").arg(durationText(current.leftMs()))};
    case ClockState::Breached:
        return Badge{current.state, tr("%1 over").arg(durationText(-current.leftMs()))};
    case ClockState::Paused:
        return Badge{current.state, tr("paused")};
    case ClockState::Met:
    case ClockState::Missed:
        break;
    }
    return std::nullopt;
}

qint64 riskMargin(qint64 targetMs)
{
    return std::max(targetMs / 4, 15 * s_minute);
}

Clocks clocksOf(const Ticket &ticket, const Policy &policy, WorkingTime &business, qint64 now)
{
    Clocks clocks;
    clocks.priority = ticket.steps.isEmpty() ? storage::Priority::Normal : ticket.steps.constLast().priority;
    const Target &target = policy.target(clocks.priority);
    clocks.allDay = target.allDay;
    const Hours hours{business, target.allDay};
    const qint64 created = ticket.createdAt;

    // Response: from the creation to the first answer, never paused.
    Clock &response = clocks.response;
    response.targetMs = target.responseMs;
    response.dueAt = hours.after(created, target.responseMs);
    if (ticket.firstResponseAt) {
        response.elapsedMs = hours.between(created, ticket.firstResponseAt);
        response.state = response.elapsedMs <= target.responseMs ? ClockState::Met : ClockState::Missed;
        if (response.state == ClockState::Met)
            response.dueAt = 0;
    } else {
        response.elapsedMs = hours.between(created, now);
        response.state = running(response.elapsedMs, target.responseMs);
    }

    // Resolution: each step's stretch up to the next (the last one's up to now), counted unless resolved or waiting.
    Clock &resolution = clocks.resolution;
    resolution.targetMs = target.resolutionMs;
    qint64 crossedAt = 0;
    qint64 from = created;
    for (qsizetype i = 0; i < ticket.steps.size(); ++i) {
        const Step &step = ticket.steps[i];
        from = std::max(from, step.at);
        // A writer's clock that ran backwards: the stretch is empty, never negative.
        const qint64 to = std::max(from, i + 1 < ticket.steps.size() ? ticket.steps[i + 1].at : now);
        if (step.resolved)
            continue;
        const qint64 worked = hours.between(from, to);
        if (step.paused) {
            resolution.pausedMs += worked;
            continue;
        }
        if (!crossedAt && resolution.elapsedMs + worked >= target.resolutionMs)
            crossedAt = hours.after(from, target.resolutionMs - resolution.elapsedMs);
        resolution.elapsedMs += worked;
    }
    const Step last = ticket.steps.isEmpty() ? Step{created} : ticket.steps.constLast();
    if (last.resolved) {
        resolution.state = resolution.elapsedMs <= target.resolutionMs ? ClockState::Met : ClockState::Missed;
        resolution.dueAt = resolution.state == ClockState::Missed ? crossedAt : 0;
    } else if (resolution.elapsedMs >= target.resolutionMs) {
        resolution.state = ClockState::Breached; // as of the moment it crossed its priority's target now
        resolution.dueAt = crossedAt;
    } else if (last.paused) {
        resolution.state = ClockState::Paused;
    } else {
        resolution.state = running(resolution.elapsedMs, target.resolutionMs);
        resolution.dueAt = hours.after(std::max(now, last.at), resolution.leftMs());
    }
    return clocks;
}

QJsonObject clocksToJson(const Clocks &clocks)
{
    const auto clock = [](const Clock &each, bool withPaused) {
        QJsonObject object{{QStringLiteral("state"), stateName(each.state)},
                           {QStringLiteral("target_min"), each.targetMs / s_minute},
                           {QStringLiteral("elapsed_min"), each.elapsedMs / s_minute},
                           {QStringLiteral("left_min"), each.leftMs() / s_minute},
                           {QStringLiteral("due"),
                            each.dueAt ? QJsonValue(
                                    QDateTime::fromMSecsSinceEpoch(each.dueAt, Qt::UTC).toString(Qt::ISODateWithMs))
                                       : QJsonValue()}};
        if (withPaused)
            object.insert(QStringLiteral("paused_min"), each.pausedMs / s_minute);
        return object;
    };
    return {{QStringLiteral("priority"), storage::toText(clocks.priority)},
            {QStringLiteral("all_day"), clocks.allDay},
            {QStringLiteral("current"), clocks.answered() ? QStringLiteral("resolution") : QStringLiteral("response")},
            {QStringLiteral("response"), clock(clocks.response, false)},
            {QStringLiteral("resolution"), clock(clocks.resolution, true)}};
}

QString durationText(qint64 ms)
{
    // Hours, never days: a day of business hours is not 24 of them.
    const qint64 minutes = std::max<qint64>(0, ms) / s_minute;
    if (minutes < 60)
        return tr("%1m").arg(minutes);
    const qint64 rest = minutes % 60;
    return rest ? tr("%1h %2m").arg(minutes / 60).arg(rest) : tr("%1h").arg(minutes / 60);
}

storage::Result<qint64> durationFromText(QStringView text)
{
    static const QRegularExpression minutesOnly(
            QStringLiteral(R"(^\s*(-?)\s*([0-9]{1,7})\s*(?:m|min|mins|minutes?)?\s*$)"),
            QRegularExpression::CaseInsensitiveOption);
    static const QRegularExpression hours(
            QStringLiteral(
                    R"(^\s*(-?)\s*([0-9]{1,6})\s*(?:h|hr|hrs|hours?)\s*(?:([0-9]{1,7})\s*(?:m|min|mins|minutes?))?\s*$)"),
            QRegularExpression::CaseInsensitiveOption);
    constexpr qint64 s_most = 100'000LL * 60;
    qint64 minutes = -1;
    bool negative = false;
    if (const auto plain = minutesOnly.match(text); plain.hasMatch()) {
        negative = !plain.capturedView(1).isEmpty();
        minutes = plain.capturedView(2).toLongLong();
    } else if (const auto withHours = hours.match(text); withHours.hasMatch()) {
        negative = !withHours.capturedView(1).isEmpty();
        minutes = withHours.capturedView(2).toLongLong() * 60 + withHours.capturedView(3).toLongLong();
    }
    if (minutes < 0)
        return storage::Error{storage::ErrorKind::Invalid,
                              tr("“%1” is not a length of time: write it as 30m, 4h or 1h 30m.").arg(text)};
    if (minutes > s_most)
        return storage::Error{storage::ErrorKind::Invalid,
                              tr("“%1” is longer than %2 hours.").arg(text).arg(s_most / 60)};
    return (negative ? -minutes : minutes) * s_minute;
}

} // namespace hb::board::sla
