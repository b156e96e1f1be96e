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
    /// Where each day or week of the series starts (the first at @c from), ascending; none: no series.
    QList<qint64> buckets;
    bool contains(qint64 at) const { return at && at >= from && at < to; }
    /// The bucket @p at falls in; -1 outside the period.
    int bucketOf(qint64 at) const;
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

/// The figures of one priority's tickets finally resolved in the period: resolution and response clocks met.
struct Attainment
{
    Share resolution;
    Share response;
};

/// One technician's figures (docs/metrics.md, "Per technician").
struct Technician
{
    int open = 0;     ///< open at the period's end, assigned to them now
    int resolved = 0; ///< finally resolved in the period, assigned to them at that resolution
    Spread resolution;
};

/// The resolution-time distribution's bins (wall-clock): under 1 h, 1-4 h, 4-8 h, 8-24 h, 1-3 days, 3-7, over 7.
inline constexpr int s_resolutionBins = 7;
/// The backlog's ages: under 1 day, 1-3, 3-7, 7-30, over 30 days.
inline constexpr int s_ageBins = 5;

/**
 * The metrics of docs/metrics.md over @p rows for @p period (business times and SLA results as addClocks() put them
 * in the rows). @p now: the backlog's ages are at min(now, period end).
 */
struct Summary
{
    int created = 0;
    QMap<storage::Channel, int> createdPerChannel;
    QHash<qint64, int> createdPerLabel;
    int resolved = 0; ///< finally resolved in the period
    int backlog = 0;  ///< open at the period's end
    /// The backlog by age at the period's end: under 1 day, 1-3, 3-7, 7-30, over 30 days.
    QList<int> backlogByAge = QList<int>(s_ageBins, 0);
    int overdue = 0;              ///< of the backlog, due before the period's end (or now)
    int unassigned = 0;           ///< of the backlog, with nobody on it now
    int breached = 0;             ///< of the backlog, its clock that matters now breached now
    QList<int> createdPerBucket;  ///< per Period::buckets
    QList<int> resolvedPerBucket; ///< finally resolved, per Period::buckets
    Spread response;              ///< first responses in the period
    Spread resolution;            ///< final resolutions in the period, from creation
    Spread handle;                ///< time in Doing of those finally resolved in the period
    Spread businessResponse;      ///< the same as response, in business time
    Spread businessResolution;    ///< the same as resolution, in business time (waits not counted)
    QList<int> resolutionByTime = QList<int>(s_resolutionBins, 0); ///< those of resolution, by wall-clock time
    Share responseRate;                   ///< of those first answered in the period, the response clock met
    std::optional<double> resolutionRate; ///< resolved ÷ created; none when nothing was created
    Share firstContact;                   ///< of those finally resolved, at first contact (ticked, or by the rule)
    Share firstLevel;                     ///< of those finally resolved, never escalated
    Share escalated;                      ///< of those created, escalated at least once
    QHash<qint64, int> escalatedPerTarget;
    Share solvedWithArticle;             ///< of those finally resolved, linked to a knowledge-base article
    QHash<qint64, int> solvedPerArticle; ///< of those, per article (a ticket with two counts for both)
    Share within24h;                     ///< of those finally resolved, first resolved within 24 h of creation
    Share reopened;                      ///< of those first resolved in the period, reopened since
    QMap<storage::Priority, Attainment> attainment; ///< of those finally resolved in the period, per priority
    QMap<QString, Technician> technicians;          ///< by login; "" for nobody
    /// Tickets of the period (made, answered or resolved in it) whose times do not add up (a writer's clock was
    /// wrong): in no time figure.
    int leftOut = 0;
};

Spread spreadOf(QList<qint64> durations);
Summary summarize(const QList<TicketRow> &rows, const Period &period, qint64 now);

/// The tickets behind one number of a Summary, for the dashboard's drill-down.
struct Slice
{
    enum Kind {
        Created,            ///< key: none
        CreatedOnChannel,   ///< key: the storage::Channel
        CreatedWithLabel,   ///< key: the label id
        CreatedInBucket,    ///< key: the bucket
        Responded,          ///< first answered in the period (with a sound time); key: none
        Resolved,           ///< finally resolved; key: none
        ResolvedInBucket,   ///< key: the bucket
        ResolvedInTime,     ///< key: the resolution-time bin
        ResolvedAtPriority, ///< with a resolution clock (Attainment::resolution's); key: the storage::Priority
        Backlog,            ///< key: none
        BacklogOfAge,       ///< key: the age bin
        Overdue,
        Unassigned,
        Breached,
        Escalated,         ///< created in the period; key: a target id, or 0 for any
        OpenWith,          ///< Summary::technicians' open; who
        ResolvedBy,        ///< Summary::technicians' resolved; who
        FirstContact,      ///< finally resolved, at first contact
        Within24h,         ///< finally resolved, first resolved within 24 h
        SolvedWithArticle, ///< finally resolved, linked to an article; key: the article id, or 0 for any
    };
    Slice(Kind which = Created, qint64 keyed = 0, QString login = {})
        : kind(which)
        , key(keyed)
        , who(std::move(login))
    { }

    Kind kind;
    qint64 key;
    QString who;
};

/// Whether @p row counts in @p slice of the summary of @p period at @p now: summarize() counts exactly these.
bool inSlice(const TicketRow &row, const Slice &slice, const Period &period, qint64 now);

} // namespace hb::board::metrics
