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

int Period::bucketOf(qint64 at) const
{
    if (!contains(at) || buckets.isEmpty())
        return -1;
    const auto next = std::upper_bound(buckets.cbegin(), buckets.cend(), at);
    return next == buckets.cbegin() ? -1 : int(next - buckets.cbegin()) - 1;
}

namespace {

int ageBin(qint64 age)
{
    return age < s_dayMs ? 0 : age < 3 * s_dayMs ? 1 : age < 7 * s_dayMs ? 2 : age < 30 * s_dayMs ? 3 : 4;
}

int resolutionBin(qint64 ms)
{
    constexpr qint64 hour = 3600 * 1000;
    return ms < hour          ? 0
           : ms < 4 * hour    ? 1
           : ms < 8 * hour    ? 2
           : ms < s_dayMs     ? 3
           : ms < 3 * s_dayMs ? 4
           : ms < 7 * s_dayMs ? 5
                              : 6;
}

bool within24h(const TicketRow &row)
{
    return !row.clockSkew && row.firstResolvedAt - row.createdAt <= s_dayMs;
}

/// Where the backlog is counted: the period's end, or now when it has not ended.
qint64 endOf(const Period &period, qint64 now)
{
    return std::min(now, period.to);
}

} // namespace

bool inSlice(const TicketRow &row, const Slice &slice, const Period &period, qint64 now)
{
    const qint64 end = endOf(period, now);
    const bool created = period.contains(row.createdAt);
    const bool resolved = period.contains(row.finalResolvedAt);
    switch (slice.kind) {
    case Slice::Created:
        return created;
    case Slice::CreatedOnChannel:
        return created && qint64(row.channel) == slice.key;
    case Slice::CreatedWithLabel:
        return created && row.labelIds.contains(slice.key);
    case Slice::CreatedInBucket:
        return created && period.bucketOf(row.createdAt) == slice.key;
    case Slice::Responded:
        return period.contains(row.firstResponseAt) && row.responseMs().has_value();
    case Slice::Resolved:
        return resolved;
    case Slice::ResolvedInBucket:
        return resolved && period.bucketOf(row.finalResolvedAt) == slice.key;
    case Slice::ResolvedInTime: {
        const auto ms = row.resolutionMs();
        return resolved && ms && resolutionBin(*ms) == slice.key;
    }
    case Slice::ResolvedAtPriority:
        return resolved && qint64(row.priority) == slice.key && row.resolutionMet.has_value();
    case Slice::Backlog:
        return row.openAt(end);
    case Slice::BacklogOfAge:
        return row.openAt(end) && ageBin(end - row.createdAt) == slice.key;
    case Slice::Overdue:
        return row.openAt(end) && row.dueAt && row.dueAt < end;
    case Slice::Unassigned:
        return row.openAt(end) && row.assignee.isEmpty();
    case Slice::Breached:
        return row.openAt(end) && row.breachedNow;
    case Slice::Escalated:
        return created && row.wasEscalated() && (!slice.key || row.escalatedTo.contains(slice.key));
    case Slice::OpenWith:
        return row.openAt(end) && row.assignee == slice.who;
    case Slice::ResolvedBy:
        return resolved && row.assigneeAtResolution == slice.who;
    case Slice::SolvedWithArticle:
        return resolved && (slice.key ? row.articleIds.contains(slice.key) : !row.articleIds.isEmpty());
    case Slice::FirstContact:
        return resolved && row.firstContact();
    case Slice::Within24h:
        return resolved && within24h(row);
    }
    return false;
}

Summary summarize(const QList<TicketRow> &rows, const Period &period, qint64 now)
{
    Summary summary;
    const qint64 end = endOf(period, now);
    summary.createdPerBucket = summary.resolvedPerBucket = QList<int>(period.buckets.size(), 0);
    QList<qint64> responses;
    QList<qint64> resolutions;
    QList<qint64> handles;
    QList<qint64> businessResponses;
    QList<qint64> businessResolutions;
    QHash<QString, QList<qint64>> resolutionsBy;
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
            if (const int bucket = period.bucketOf(row.createdAt); bucket >= 0)
                ++summary.createdPerBucket[bucket];
            ++summary.escalated.of;
            if (row.wasEscalated()) {
                ++summary.escalated.count;
                for (qint64 target : row.escalatedTo)
                    ++summary.escalatedPerTarget[target];
            }
        }
        if (row.openAt(end)) {
            ++summary.backlog;
            ++summary.backlogByAge[ageBin(end - row.createdAt)];
            summary.overdue += row.dueAt && row.dueAt < end ? 1 : 0;
            summary.unassigned += row.assignee.isEmpty() ? 1 : 0;
            summary.breached += row.breachedNow ? 1 : 0;
            ++summary.technicians[row.assignee].open;
        }
        if (period.contains(row.firstResponseAt)) {
            if (const auto ms = row.responseMs()) {
                responses << *ms;
                if (row.businessResponseMs)
                    businessResponses << *row.businessResponseMs;
            }
            if (row.responseMet) {
                ++summary.responseRate.of;
                summary.responseRate.count += *row.responseMet ? 1 : 0;
            }
        }
        if (period.contains(row.finalResolvedAt)) {
            ++summary.resolved;
            if (const int bucket = period.bucketOf(row.finalResolvedAt); bucket >= 0)
                ++summary.resolvedPerBucket[bucket];
            Technician &technician = summary.technicians[row.assigneeAtResolution];
            ++technician.resolved;
            if (const auto ms = row.resolutionMs()) {
                resolutions << *ms;
                resolutionsBy[row.assigneeAtResolution] << *ms;
                ++summary.resolutionByTime[resolutionBin(*ms)];
                handles << row.handleMs;
                if (row.businessResolutionMs)
                    businessResolutions << *row.businessResolutionMs;
            }
            ++summary.firstContact.of;
            summary.firstContact.count += row.firstContact() ? 1 : 0;
            ++summary.firstLevel.of;
            summary.firstLevel.count += row.wasEscalated() ? 0 : 1;
            ++summary.solvedWithArticle.of;
            summary.solvedWithArticle.count += row.articleIds.isEmpty() ? 0 : 1;
            for (qint64 article : row.articleIds)
                ++summary.solvedPerArticle[article];
            if (!row.clockSkew) {
                ++summary.within24h.of;
                summary.within24h.count += within24h(row) ? 1 : 0;
            }
            Attainment &attainment = summary.attainment[row.priority];
            if (row.resolutionMet) {
                ++attainment.resolution.of;
                attainment.resolution.count += *row.resolutionMet ? 1 : 0;
            }
            if (row.responseMet) {
                ++attainment.response.of;
                attainment.response.count += *row.responseMet ? 1 : 0;
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
    summary.businessResponse = spreadOf(businessResponses);
    summary.businessResolution = spreadOf(businessResolutions);
    for (auto it = resolutionsBy.cbegin(); it != resolutionsBy.cend(); ++it)
        summary.technicians[it.key()].resolution = spreadOf(it.value());
    if (summary.created)
        summary.resolutionRate = double(summary.resolved) / summary.created;
    return summary;
}

} // namespace hb::board::metrics
