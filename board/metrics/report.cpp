// SPDX-License-Identifier: GPL-3.0-or-later
#include "report.h"

#include <algorithm>
#include <cmath>

namespace hb::board::metrics {

namespace {

constexpr qint64 s_dayMs = 24LL * 3600 * 1000;

/// The value at rank ceil(p × n) of @p sorted (nearest rank: always one of the values).
qint64 rank(const QList<qint64> &sorted, double p)
{
    const auto index = qsizetype(std::ceil(p * double(sorted.size()))) - 1;
    return sorted.at(std::clamp<qsizetype>(index, 0, sorted.size() - 1));
}

} // namespace

Spread spreadOf(QList<qint64> durations)
{
    Spread spread;
    spread.count = int(durations.size());
    if (durations.isEmpty())
        return spread;
    std::sort(durations.begin(), durations.end());
    spread.median = rank(durations, 0.5);
    spread.p90 = rank(durations, 0.9);
    return spread;
}

Summary summarize(const QList<TicketRow> &rows, const Period &period, qint64 now)
{
    Summary summary;
    const qint64 end = std::min(now, period.to);
    QList<qint64> responses;
    QList<qint64> resolutions;
    QList<qint64> handles;
    for (const TicketRow &row : rows) {
        // A ticket of the period whose times do not add up: in no time figure, and counted
        const bool skewed = row.clockSkew || (row.firstResponseAt && row.firstResponseAt < row.createdAt);
        if (skewed
            && (period.contains(row.createdAt) || period.contains(row.firstResponseAt)
                || period.contains(row.firstResolvedAt) || period.contains(row.finalResolvedAt))) {
            ++summary.leftOut;
        }
        if (period.contains(row.createdAt)) {
            ++summary.created;
            ++summary.createdPerChannel[row.channel];
            for (qint64 label : row.labelIds)
                ++summary.createdPerLabel[label];
            ++summary.escalated.of;
            if (row.wasEscalated()) {
                ++summary.escalated.count;
                for (qint64 target : row.escalatedTo)
                    ++summary.escalatedPerTarget[target];
            }
        }
        // Open at the period's end: made before it, not finally resolved by then, and not archived by then.
        if (row.createdAt < end && (!row.finalResolvedAt || row.finalResolvedAt >= end)
            && (!row.archivedAt || row.archivedAt >= end)) {
            ++summary.backlog;
            const qint64 age = end - row.createdAt;
            const int bucket = age < s_dayMs        ? 0
                               : age < 3 * s_dayMs  ? 1
                               : age < 7 * s_dayMs  ? 2
                               : age < 30 * s_dayMs ? 3
                                                    : 4;
            ++summary.backlogByAge[bucket];
        }
        if (period.contains(row.firstResponseAt)) {
            if (const auto ms = row.responseMs())
                responses << *ms;
        }
        if (period.contains(row.finalResolvedAt)) {
            ++summary.resolved;
            if (const auto ms = row.resolutionMs()) {
                resolutions << *ms;
                handles << row.handleMs;
            }
            ++summary.firstContact.of;
            summary.firstContact.count += row.firstContactByRule() ? 1 : 0;
            ++summary.firstLevel.of;
            summary.firstLevel.count += row.wasEscalated() ? 0 : 1;
            if (!row.clockSkew) {
                ++summary.within24h.of;
                summary.within24h.count += row.firstResolvedAt - row.createdAt <= s_dayMs ? 1 : 0;
            }
        }
        if (period.contains(row.firstResolvedAt)) {
            ++summary.reopened.of;
            summary.reopened.count += row.reopenCount > 0 ? 1 : 0;
        }
    }
    summary.response = spreadOf(responses);
    summary.resolution = spreadOf(resolutions);
    summary.handle = spreadOf(handles);
    if (summary.created)
        summary.resolutionRate = double(summary.resolved) / summary.created;
    return summary;
}

} // namespace hb::board::metrics
