// SPDX-License-Identifier: GPL-3.0-or-later
#include "ticketrow.h"

#include <storage/eventkinds.h>

#include <QJsonDocument>
#include <QJsonObject>

namespace hb::board::metrics {

namespace {

constexpr qint64 s_slipMs = 60'000;

} // namespace

std::optional<qint64> TicketRow::resolutionMs() const
{
    if (!finalResolvedAt || clockSkew)
        return std::nullopt;
    return finalResolvedAt - createdAt;
}

std::optional<qint64> TicketRow::responseMs() const
{
    if (!firstResponseAt || clockSkew || firstResponseAt < createdAt)
        return std::nullopt;
    return firstResponseAt - createdAt;
}

bool TicketRow::firstContactByRule() const
{
    const bool direct = channel == storage::Channel::Phone || channel == storage::Channel::Chat
                        || channel == storage::Channel::WalkIn;
    return direct && isResolved() && !firstResponseBy.isEmpty() && resolvedBy == firstResponseBy && reassignments == 0
           && !wasEscalated() && reopenCount == 0;
}

bool TicketRow::openAt(qint64 at) const
{
    if (createdAt >= at || (archivedAt && archivedAt < at))
        return false;
    for (const auto &[arrived, left] : resolvedSpans) {
        if (arrived < at && (!left || left >= at))
            return false;
    }
    return true;
}

void addClocks(TicketRow &row, const sla::Clocks &clocks)
{
    const auto stopped = [](const sla::Clock &clock) {
        return clock.state == sla::ClockState::Met || clock.state == sla::ClockState::Missed;
    };
    if (stopped(clocks.response)) {
        row.businessResponseMs = clocks.response.elapsedMs;
        row.responseMet = clocks.response.state == sla::ClockState::Met;
    }
    row.breachedNow = !row.isResolved() && clocks.current().state == sla::ClockState::Breached;
    if (row.isResolved() && stopped(clocks.resolution)) {
        row.businessResolutionMs = clocks.resolution.elapsedMs;
        row.resolutionMet = clocks.resolution.state == sla::ClockState::Met;
    }
}

TicketCard ticketCard(const storage::Card &card)
{
    TicketCard kept;
    kept.id = card.id;
    kept.columnId = card.columnId;
    kept.title = card.title;
    kept.assignee = card.assignee;
    kept.requester = card.requester;
    kept.priority = card.priority;
    kept.status = card.status;
    kept.channel = card.channel;
    kept.dueAt = card.dueAt;
    kept.resolvedAt = card.resolvedAt;
    kept.archivedAt = card.archivedAt;
    kept.labelIds = card.labelIds;
    kept.escalation.targetId = card.escalation.targetId;
    return kept;
}

bool escalationCounts(const storage::Escalation &escalation)
{
    return !(escalation.endedAt && escalation.endedBy == escalation.by
             && escalation.endedAt - escalation.at < s_slipMs);
}

TicketRow ticketRow(const storage::Card &card, const QList<storage::Event> &history,
                    const QList<storage::Escalation> &escalations,
                    const std::function<std::optional<storage::ColumnKind>(qint64 columnId)> &kindOf, qint64 now)
{
    namespace kind = storage::eventkind;
    TicketRow row;
    row.cardId = card.id;
    row.channel = card.channel;
    row.priority = card.priority;
    row.labelIds = card.labelIds;
    row.assignee = card.assignee;
    row.dueAt = card.dueAt;
    row.firstContactTicked = card.firstContact;
    row.archivedAt = card.archivedAt;
    row.createdAt = card.createdAt;
    row.firstResponseAt = card.firstResponseAt;
    row.firstResponseBy = card.firstResponseBy;
    const auto isKind = [&kindOf](qint64 column, storage::ColumnKind wanted) {
        const auto found = kindOf(column);
        return found && *found == wanted;
    };

    // Where it was and who had it, from its creation on (a history cut short starts from what it is now).
    qint64 column = card.columnId;
    QString assignee = card.assignee;
    QString lastAssignee; ///< the last one someone had: unassigned and assigned back is no reassignment
    qint64 since = card.createdAt;
    qint64 lastResolution = 0;
    QString lastResolver;
    QString assigneeAtLastResolution;
    const auto arrive = [&](qint64 to, qint64 at, const QString &by) {
        const bool wasDone = isKind(column, storage::ColumnKind::Done);
        if (isKind(column, storage::ColumnKind::Doing))
            row.handleMs += std::max<qint64>(0, at - since);
        const bool isDone = isKind(to, storage::ColumnKind::Done);
        if (isDone && !wasDone) {
            if (!row.firstResolvedAt)
                row.firstResolvedAt = at;
            lastResolution = at;
            lastResolver = by;
            assigneeAtLastResolution = assignee;
            row.resolvedSpans.append({at, 0});
        } else if (wasDone && !isDone && lastResolution) {
            ++row.reopenCount;
            if (!row.resolvedSpans.isEmpty() && !row.resolvedSpans.last().second)
                row.resolvedSpans.last().second = at;
        }
        column = to;
        since = at;
    };
    bool started = false;
    bool createdSeen = false; ///< the history starts at the creation
    for (const storage::Event &event : history) {
        const QJsonObject payload = QJsonDocument::fromJson(event.payload).object();
        const QJsonObject changes = payload.value(QStringLiteral("changes")).toObject();
        if (event.kind == kind::CardCreated) {
            started = createdSeen = true;
            column = payload.value(QStringLiteral("column_id")).toInteger(column);
            assignee = lastAssignee = payload.value(QStringLiteral("assignee")).toString();
            since = card.createdAt;
            if (isKind(column, storage::ColumnKind::Done)) { // created resolved
                row.firstResolvedAt = lastResolution = card.createdAt;
                row.resolvedSpans.append({card.createdAt, 0});
                lastResolver = event.actor;
                assigneeAtLastResolution = assignee;
            }
            continue;
        }
        if (!started) { // a history cut short: from what the first change says it changed from
            started = true;
            if (changes.contains(QStringLiteral("column")))
                column = changes.value(QStringLiteral("column")).toObject().value(QStringLiteral("from")).toInteger();
        }
        if (event.kind == kind::CardMoved && changes.contains(QStringLiteral("column"))) {
            arrive(changes.value(QStringLiteral("column")).toObject().value(QStringLiteral("to")).toInteger(), event.at,
                   event.actor);
        }
        if (event.kind == kind::CardUpdated && changes.contains(QStringLiteral("assignee"))) {
            const QJsonObject change = changes.value(QStringLiteral("assignee")).toObject();
            const QString to = change.value(QStringLiteral("to")).toString();
            if (lastAssignee.isEmpty())
                lastAssignee = change.value(QStringLiteral("from")).toString(); // a history cut short
            if (!to.isEmpty()) {
                if (!lastAssignee.isEmpty() && to != lastAssignee)
                    ++row.reassignments;
                lastAssignee = to;
            }
            assignee = to;
        }
    }
    if (isKind(column, storage::ColumnKind::Doing))
        row.handleMs += std::max<qint64>(0, now - since);
    if (isKind(card.columnId, storage::ColumnKind::Done)) {
        row.finalResolvedAt = card.resolvedAt ? card.resolvedAt : lastResolution;
        row.resolvedBy = card.resolvedBy.isEmpty() ? lastResolver : card.resolvedBy;
        // Who had it then; who has it now only when the history does not say (cut short, or no resolution in it).
        row.assigneeAtResolution = (lastResolution && createdSeen) ? assigneeAtLastResolution : card.assignee;
    }
    // The spans end as the card is now: resolved since its final resolution, or not resolved.
    const bool openSpan = !row.resolvedSpans.isEmpty() && !row.resolvedSpans.last().second;
    if (row.finalResolvedAt && !openSpan)
        row.resolvedSpans.append({row.finalResolvedAt, 0});
    else if (!row.finalResolvedAt && openSpan)
        row.resolvedSpans.removeLast();
    // A resolution the history does not show (cut short, or a column no longer known): the final one is the first.
    if (!row.firstResolvedAt)
        row.firstResolvedAt = row.finalResolvedAt;
    row.clockSkew = (row.finalResolvedAt && row.finalResolvedAt < row.createdAt)
                    || (row.firstResolvedAt && row.firstResolvedAt < row.createdAt);
    for (const storage::Escalation &escalation : escalations) {
        if (escalationCounts(escalation) && !row.escalatedTo.contains(escalation.targetId))
            row.escalatedTo << escalation.targetId;
    }
    return row;
}

} // namespace hb::board::metrics
