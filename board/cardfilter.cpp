// SPDX-License-Identifier: GPL-3.0-or-later
#include "cardfilter.h"

namespace hb::board {

namespace {

constexpr qint64 s_dayMs = 24LL * 3600 * 1000;

// Lower is more urgent, matching the enum's order.
int urgency(storage::Priority priority)
{
    return int(priority);
}

} // namespace

bool CardFilter::isEmpty() const
{
    return !columnId && !overdue && !dueWithin24h && !unassigned && !mine && assignee.isEmpty() && requester.isEmpty()
           && !priority && statuses.isEmpty() && labelIds.isEmpty() && !channel && text.isEmpty() && !searchIds;
}

bool CardFilter::matches(const storage::Card &card, const Context &context) const
{
    const bool open = card.resolvedAt == 0;
    if (columnId && card.columnId != columnId)
        return false;
    if (overdue && !card.isOverdue(context.now))
        return false;
    if (dueWithin24h && !(open && card.dueAt && card.dueAt >= context.now && card.dueAt < context.now + s_dayMs))
        return false;
    if (unassigned && !card.assignee.isEmpty())
        return false;
    if (mine && (context.login.isEmpty() || card.assignee != context.login))
        return false;
    if (!assignee.isEmpty() && card.assignee.compare(assignee, Qt::CaseInsensitive) != 0)
        return false;
    if (!requester.isEmpty() && !card.requester.contains(requester, Qt::CaseInsensitive))
        return false;
    if (priority) {
        const bool ok = priorityAtLeast ? urgency(card.priority) <= urgency(*priority) : card.priority == *priority;
        if (!ok)
            return false;
    }
    if (!statuses.isEmpty() && !statuses.contains(card.status))
        return false;
    if (!labelIds.isEmpty()) {
        int found = 0;
        for (qint64 id : card.labelIds)
            found += labelIds.contains(id) ? 1 : 0;
        if (allLabels ? found < labelIds.size() : found == 0)
            return false;
    }
    if (channel && card.channel != *channel)
        return false;
    if (!text.isEmpty() && !card.title.contains(text, Qt::CaseInsensitive)
        && !card.description.contains(text, Qt::CaseInsensitive)
        && !card.requester.contains(text, Qt::CaseInsensitive)) {
        return false;
    }
    if (searchIds && !searchIds->contains(card.id))
        return false;
    return true;
}

} // namespace hb::board
