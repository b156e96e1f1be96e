// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <board/sla/clock.h>
#include <storage/records.h>

#include <QList>
#include <QString>

#include <functional>
#include <optional>

/// The help-desk metrics (docs/metrics.md), pure: no models, no saves, no widgets.
namespace hb::board::metrics {

/**
 * One ticket as every metric reads it (docs/metrics.md, "The events of a ticket"): what happened to it and when,
 * worked out from its history once. Times are UTC ms; 0 means "did not happen".
 */
struct TicketRow
{
    qint64 cardId = 0;
    storage::Channel channel = storage::Channel::None;
    storage::Priority priority = storage::Priority::Normal;
    QList<qint64> labelIds;
    QString assignee;      ///< who has it now
    qint64 archivedAt = 0; ///< 0: on the board
    qint64 dueAt = 0;      ///< 0: no due date
    qint64 createdAt = 0;
    qint64 firstResponseAt = 0;
    QString firstResponseBy;
    qint64 firstResolvedAt = 0;      ///< its first arrival in a Done-kind column
    qint64 finalResolvedAt = 0;      ///< its resolution when it is in a Done-kind column now; 0 while open
    QString resolvedBy;              ///< who made the final resolution
    bool firstContactTicked = false; ///< ticked "resolved at first contact" (storage::Card::firstContact)
    /// Each stay in a Done-kind column: arrived, left (0: still there), oldest first; the last one open when the
    /// ticket is resolved now.
    QList<std::pair<qint64, qint64>> resolvedSpans;
    int reopenCount = 0;   ///< moves out of a Done-kind column after a resolution
    int reassignments = 0; ///< assigned to someone else than whoever had it last (not the first, nor unassigning)
    QString assigneeAtResolution;
    QList<qint64> escalatedTo; ///< the targets of the escalations that count, in order, each once
    /// The knowledge-base articles it was solved with (linked to), as the board has them now; not in the cache:
    /// Dataset reads them whole with every read (they are few).
    QList<qint64> articleIds;
    /// Time spent in Doing-kind columns, every stay summed (a stay still going counts up to `now`).
    qint64 handleMs = 0;
    /// The history's times do not add up (a resolution before the creation: a writer's clock was wrong): left out of
    /// the time figures.
    bool clockSkew = false;
    /// From the service-level clocks (sla::Desk, addClocks()); none when the desk's levels could not be read.
    /// Business time from creation to the first response (once answered) and to the final resolution (once resolved;
    /// waits and time spent resolved before a reopening not counted); whether each clock met its target.
    std::optional<qint64> businessResponseMs;
    std::optional<qint64> businessResolutionMs;
    std::optional<bool> responseMet;
    std::optional<bool> resolutionMet;
    bool breachedNow = false; ///< open, and its clock that matters now is breached

    bool isResolved() const { return finalResolvedAt != 0; }
    bool wasEscalated() const { return !escalatedTo.isEmpty(); }
    /// Wall-clock time from creation to the final resolution; nullopt while open or when the clock was wrong.
    std::optional<qint64> resolutionMs() const;
    /// Wall-clock time from creation to the first response; nullopt before one or when the clock was wrong.
    std::optional<qint64> responseMs() const;
    /// Resolved at first contact by the stated rule (docs/metrics.md): by phone, chat or walk-in, resolved by whoever
    /// responded first, never reassigned, escalated or reopened.
    bool firstContactByRule() const;
    /// Resolved at first contact (docs/metrics.md): ticked so when resolved, or by the stated rule without the tick;
    /// never once reopened.
    bool firstContact() const
    {
        return isResolved() && reopenCount == 0 && (firstContactTicked || firstContactByRule());
    }
    /// Open at @p at: created before it, not in a Done-kind column then, not archived by then.
    bool openAt(qint64 at) const;
};

/**
 * What the metrics keep of a ticket's card beside its row: the fields the board's filter (CardFilter::matches(), which
 * reads them by the names storage::Card gives them) and the reports read, a fraction of a Card's size, so a Dataset
 * of 100,000 tickets stays small. The description is not kept: a filter's `text` rule (which no filter bar sets)
 * matches titles and requesters only here.
 */
struct TicketCard
{
    struct Escalation
    {
        qint64 targetId = 0; ///< 0: not escalated now
        bool isEscalated() const { return targetId != 0; }
    };

    qint64 id = 0;
    qint64 columnId = 0;
    QString title;
    QString assignee;
    QString requester;
    storage::Priority priority = storage::Priority::Normal;
    storage::StatusTag status = storage::StatusTag::None;
    storage::Channel channel = storage::Channel::None;
    qint64 dueAt = 0;
    qint64 resolvedAt = 0;
    qint64 archivedAt = 0;
    QList<qint64> labelIds;
    Escalation escalation;
    QString description; ///< always empty (see above)

    bool isOverdue(qint64 now) const { return dueAt && !resolvedAt && dueAt < now; }
};

/// What the metrics keep of @p card.
TicketCard ticketCard(const storage::Card &card);

/// An escalation that counts: not one ended within a minute by whoever made it (an undo or a slip).
bool escalationCounts(const storage::Escalation &escalation);

/**
 * The row of @p card from its history (BoardStore::cardHistory(), oldest first) and its escalations
 * (BoardStore::escalations()); @p kindOf tells a column's kind (nullopt for a column no longer there: neither Doing
 * nor Done). A stay in Doing still going counts up to @p now.
 */
TicketRow ticketRow(const storage::Card &card, const QList<storage::Event> &history,
                    const QList<storage::Escalation> &escalations,
                    const std::function<std::optional<storage::ColumnKind>(qint64 columnId)> &kindOf, qint64 now);

/// Fills @p row's business times and SLA results from its service-level @p clocks (sla::Desk::clocksOf()).
void addClocks(TicketRow &row, const sla::Clocks &clocks);

} // namespace hb::board::metrics

// (Qt's containers, integers, enums and optional integers: moves by memcpy, as storage::Card does)
Q_DECLARE_TYPEINFO(hb::board::metrics::TicketRow, Q_RELOCATABLE_TYPE);
Q_DECLARE_TYPEINFO(hb::board::metrics::TicketCard, Q_RELOCATABLE_TYPE);
