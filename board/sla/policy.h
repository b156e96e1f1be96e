// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "calendar.h"

#include <storage/records.h>

#include <QSet>
#include <QString>

#include <array>

namespace hb::board::sla {

/// What a help desk promises for one priority: a first response and a resolution within so much working time.
struct Target
{
    qint64 responseMs = 0;
    qint64 resolutionMs = 0;
    bool allDay = false; ///< 24x7: every hour counts, the calendar is not used
    friend bool operator==(const Target &, const Target &) = default;
};

/**
 * The board's service levels: a target per priority, and the statuses that pause the resolution clock (a ticket
 * that waits on someone outside the team). The response clock is never paused.
 */
struct Policy
{
    std::array<Target, 4> targets; ///< by storage::Priority: critical, high, normal, low
    QSet<storage::StatusTag> pausing;

    /// A new board's: critical 30 min / 4 h (24x7), high 1 h / 8 h, normal 4 h / 3 business days, low 1 business
    /// day / 10 business days (a business day is 8 working hours, the office hours' day); waiting on the requester
    /// or on a vendor pauses, Blocked does not.
    static Policy defaults();
    const Target &target(storage::Priority priority) const { return targets[std::size_t(priority)]; }
    /// Whether @p status pauses the resolution clock.
    bool pauses(storage::StatusTag status) const { return pausing.contains(status); }
    /// What is wrong with it on @p calendar, for a person to fix (a target of no time, a resolution sooner than the
    /// response, a calendar without working time for a priority that uses it); empty when it can be used.
    QString problem(const Calendar &calendar) const;
    friend bool operator==(const Policy &, const Policy &) = default;
};

} // namespace hb::board::sla
