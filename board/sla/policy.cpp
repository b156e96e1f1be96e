// SPDX-License-Identifier: GPL-3.0-or-later
#include "policy.h"

#include "clock.h"

#include <board/rules/cardfields.h>

#include <QCoreApplication>

namespace hb::board::sla {

namespace {

constexpr qint64 s_minute = 60'000;
constexpr qint64 s_hour = 60 * s_minute;
constexpr qint64 s_businessDay = 8 * s_hour;

QString tr(const char *text)
{
    return QCoreApplication::translate("hb::board::sla::Policy", text);
}

} // namespace

Policy Policy::defaults()
{
    Policy policy;
    policy.targets[std::size_t(storage::Priority::Critical)] = {30 * s_minute, 4 * s_hour, true};
    policy.targets[std::size_t(storage::Priority::High)] = {s_hour, 8 * s_hour, false};
    policy.targets[std::size_t(storage::Priority::Normal)] = {4 * s_hour, 3 * s_businessDay, false};
    policy.targets[std::size_t(storage::Priority::Low)] = {s_businessDay, 10 * s_businessDay, false};
    policy.pausing = QSet<storage::StatusTag>(std::cbegin(s_waitingStatuses), std::cend(s_waitingStatuses));
    return policy;
}

QString Policy::problem(const Calendar &calendar) const
{
    for (const storage::Priority priority : s_priorityOrder) {
        const Target &wanted = target(priority);
        const QString name = priorityText(priority);
        if (wanted.responseMs <= 0)
            return tr("The first-response target of %1 tickets must be more than no time.").arg(name);
        if (wanted.resolutionMs <= 0)
            return tr("The resolution target of %1 tickets must be more than no time.").arg(name);
        if (wanted.resolutionMs < wanted.responseMs)
            return tr("%1 tickets would be resolved (%2) sooner than first answered (%3): make the resolution "
                      "target at least as long.")
                    .arg(name, durationText(wanted.resolutionMs), durationText(wanted.responseMs));
        if (!wanted.allDay && !calendar.hasWorkingTime())
            return tr("%1 tickets count business hours, but the calendar has none: add working hours, or make "
                      "them 24x7.")
                    .arg(name);
    }
    return {};
}

} // namespace hb::board::sla
