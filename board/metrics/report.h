// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "ticketrow.h"

#include <QHash>
#include <QList>
#include <QMap>

#include <optional>

namespace hb::board::metrics {

/// A period of the report: [from, to), UTC ms (the desk's midnights, worked out by the caller).
struct Period
{
    qint64 from = 0;
    qint64 to = 0;
    bool contains(qint64 at) const { return at && at >= from && at < to; }
};

/// A share: how many of how many; no value (no data) when there are none to count.
struct Share
{
    int count = 0;
    int of = 0;
    std::optional<double> value() const { return of ? std::optional<double>(double(count) / of) : std::nullopt; }
};

/// The middle and the 90th percentile of durations (nearest rank); none without durations.
struct Spread
{
    int count = 0;
    std::optional<qint64> median;
    std::optional<qint64> p90;
};

/**
 * The wall-clock metrics of docs/metrics.md over @p rows for @p period (business-time figures and SLA attainment
 * come from the service-level clocks, separately). @p now: the backlog's ages are at min(now, period end).
 */
struct Summary
{
    int created = 0;
    QMap<storage::Channel, int> createdPerChannel;
    QHash<qint64, int> createdPerLabel;
    int resolved = 0; ///< finally resolved in the period
    int backlog = 0;  ///< open at the period's end
    /// The backlog by age at the period's end: under 1 day, 1-3, 3-7, 7-30, over 30 days.
    QList<int> backlogByAge = QList<int>(5, 0);
    Spread response;                      ///< first responses in the period
    Spread resolution;                    ///< final resolutions in the period, from creation
    Spread handle;                        ///< time in Doing of those finally resolved in the period
    std::optional<double> resolutionRate; ///< resolved ÷ created; none when nothing was created
    Share firstContact;                   ///< of those finally resolved, by the stated rule
    Share firstLevel;                     ///< of those finally resolved, never escalated
    Share escalated;                      ///< of those created, escalated at least once
    QHash<qint64, int> escalatedPerTarget;
    Share within24h; ///< of those finally resolved, first resolved within 24 h of creation
    Share reopened;  ///< of those first resolved in the period, reopened since
    /// Tickets of the period (made, answered or resolved in it) whose times do not add up (a writer's clock was
    /// wrong): in no time figure.
    int leftOut = 0;
};

Spread spreadOf(QList<qint64> durations);
Summary summarize(const QList<TicketRow> &rows, const Period &period, qint64 now);

} // namespace hb::board::metrics
