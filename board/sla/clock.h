// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "calendar.h"
#include "policy.h"

#include <storage/records.h>
#include <storage/result.h>

#include <QJsonObject>
#include <QList>
#include <QString>

#include <optional>

namespace hb::board::sla {

/// Where a clock stands: running (ok, at risk, breached), paused while the ticket waits, or stopped (met, missed).
enum class ClockState { Ok, AtRisk, Breached, Paused, Met, Missed };

/// The file's and the command line's spelling: "ok", "at-risk", "breached", "paused", "met", "missed".
QString stateName(ClockState state);
std::optional<ClockState> stateFromName(QStringView name);

/// One change in a ticket's life that the clocks care about: from @c at until the next step, the ticket had this
/// priority, waited (a status the policy pauses on) or not, and was resolved (in a done column) or not.
struct Step
{
    qint64 at = 0;
    storage::Priority priority = storage::Priority::Normal;
    bool paused = false;
    bool resolved = false;
};

/// What the clocks are computed from: a ticket's creation, its first response, and its steps oldest first (the
/// first one as it was created). Times are as each writer's clock gave them: one that ran backwards counts as none.
struct Ticket
{
    qint64 createdAt = 0;
    qint64 firstResponseAt = 0; ///< 0: not answered yet
    QList<Step> steps;
    /// Resolved now: the change feed's seq of the event that resolved it (0 when not known, a card made in a done
    /// column without a history); -1 when not resolved. Which service levels it keeps (Desk) depend on it.
    qint64 resolvedSeq = -1;
};

/// One clock of a ticket.
struct Clock
{
    ClockState state = ClockState::Ok;
    qint64 targetMs = 0;
    /// When the target is reached (running), or was (breached, missed); 0 while paused, or met.
    qint64 dueAt = 0;
    qint64 elapsedMs = 0; ///< working time counted
    qint64 pausedMs = 0;  ///< working time not counted while the ticket waited (the resolution clock's)
    qint64 leftMs() const { return targetMs - elapsedMs; }
    friend bool operator==(const Clock &, const Clock &) = default;
};

/// Both clocks of a ticket, on the targets of its priority now (a changed priority applies from the creation).
struct Clocks
{
    storage::Priority priority = storage::Priority::Normal;
    bool allDay = false; ///< its targets are 24x7
    Clock response;
    Clock resolution;
    /// The clock that matters now, the one a badge shows: the response clock until the ticket is answered, then the
    /// resolution clock.
    const Clock &current() const { return answered() ? resolution : response; }
    bool answered() const { return response.state == ClockState::Met || response.state == ClockState::Missed; }
};

/// What a card on the board says of its clocks: the state of the clock that matters now and a few words ("1h 20m
/// left", "2h over", "paused"); a resolved ticket says "missed" when it missed a target, else nothing.
struct Badge
{
    ClockState state = ClockState::Ok;
    QString text;
    friend bool operator==(const Badge &, const Badge &) = default;
};
std::optional<Badge> badgeOf(const Clocks &clocks);

/// Less working time left than this is at risk: a quarter of the target, and never under 15 minutes.
qint64 riskMargin(qint64 targetMs);

/**
 * The response and resolution clocks of @p ticket at @p now, on @p policy with @p business hours (not used for a
 * 24x7 priority). The response clock runs from the creation to the first response and is never paused. The
 * resolution clock runs from the creation while the ticket is neither resolved nor waiting: time in a done column
 * does not count (a reopened ticket goes on from where it stopped), waiting time is counted apart. Pure: the same
 * ticket, policy, calendar and time give the same clocks on every desktop.
 */
Clocks clocksOf(const Ticket &ticket, const Policy &policy, WorkingTime &business, qint64 now);

/// A length of time as a badge says it: "45m", "1h 20m", "80h" (hours, never days: a day of business hours is
/// not 24 of them).
QString durationText(qint64 ms);
/**
 * A length of time as people type a target: "30m", "4h", "1h 30m", "1h30m", or a number of minutes ("90"); a minus
 * sign is read too, so that the policy's problem() can say which target is less than no time. Up to 100,000 hours.
 * Anything else is refused, with how to write it.
 */
storage::Result<qint64> durationFromText(QStringView text);

/**
 * Both clocks as `helpboard-cli show --json` gives them: {"priority", "all_day", "current": "response" or
 * "resolution", "response": {...}, "resolution": {...}}, each clock {"state", "target_min", "elapsed_min",
 * "left_min", "due" (UTC, ISO 8601; null when paused or met), and "paused_min" for the resolution clock}.
 */
QJsonObject clocksToJson(const Clocks &clocks);

} // namespace hb::board::sla
