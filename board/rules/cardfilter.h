// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <storage/records.h>

#include <QSet>
#include <QString>
#include <QVariantMap>

#include <functional>

#include <optional>

namespace hb::board {

/**
 * Which cards to show: one plain value, used by the board's filter proxy and by `helpboard-cli list`, so the GUI
 * and the CLI always agree. All rules that are set must hold (AND).
 */
struct CardFilter
{
    /// What "now" and "me" mean when the filter is evaluated.
    struct Context
    {
        Context() = default;
        Context(qint64 at, QString who, std::function<QString(qint64 cardId)> stateOf = {})
            : now(at)
            , login(std::move(who))
            , slaState(std::move(stateOf))
        { }

        qint64 now = 0; ///< UTC ms
        QString login;
        /// The state of a card's service-level clock that matters now, by card id, as sla::stateName() spells it
        /// ("at-risk"); empty when not known (the levels not read yet, or unusable). Only slaStates asks.
        std::function<QString(qint64 cardId)> slaState;
    };

    qint64 columnId = 0;       ///< 0 = any column
    bool overdue = false;      ///< due date passed and not resolved
    bool dueWithin24h = false; ///< due in the next 24 hours and not resolved
    bool unassigned = false;
    bool mine = false; ///< assigned to Context::login
    QString assignee;  ///< exact login
    QString requester; ///< case-insensitive substring
    std::optional<storage::Priority> priority;
    bool priorityAtLeast = false;      ///< with priority: that priority or more urgent
    QSet<storage::StatusTag> statuses; ///< any of these
    QSet<qint64> labelIds;
    bool allLabels = false; ///< with labelIds: every label, not any of them
    std::optional<storage::Channel> channel;
    QString text;                          ///< case-insensitive substring of title, description or requester
    QString search;                        ///< the words searched for (full text); their hits are searchIds
    std::optional<QSet<qint64>> searchIds; ///< full-text search hits, when a search is active
    /// The card's clock that matters now (the response until answered, then the resolution) is in any of these
    /// states ("at-risk", "breached": sla::stateName()).
    QSet<QString> slaStates;
    bool escalated = false;   ///< escalated now, to anyone
    QSet<qint64> escalatedTo; ///< escalated now to one of these targets
    /// Exactly these cards, when set: the tickets behind a number of the dashboard (its drill-down), named by
    /// cardIdsName ("Resolved, last 30 days"). Not kept in saved filters.
    std::optional<QSet<qint64>> cardIds;
    QString cardIdsName;

    bool isEmpty() const;
    /// Whether @p card (a storage::Card, or anything with the same names for the fields the rules read, such as the
    /// metrics' TicketCard) passes every rule set.
    template<typename CardLike>
    bool matches(const CardLike &card, const Context &context) const;

    /// The rules as settings (saved filters, the last filter); search hits are not kept, the words are.
    QVariantMap toMap() const;
    static CardFilter fromMap(const QVariantMap &map);
};

namespace detail {

inline constexpr qint64 s_dayMs = 24LL * 3600 * 1000;

/// Lower is more urgent, matching the enum's order.
inline int urgency(storage::Priority priority)
{
    return int(priority);
}

} // namespace detail

template<typename CardLike>
bool CardFilter::matches(const CardLike &card, const Context &context) const
{
    const bool open = card.resolvedAt == 0;
    if (columnId && card.columnId != columnId)
        return false;
    if (overdue && !card.isOverdue(context.now))
        return false;
    if (dueWithin24h
        && !(open && card.dueAt && card.dueAt >= context.now && card.dueAt < context.now + detail::s_dayMs))
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
        const bool ok = priorityAtLeast ? detail::urgency(card.priority) <= detail::urgency(*priority)
                                        : card.priority == *priority;
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
    if (cardIds && !cardIds->contains(card.id))
        return false;
    if (!slaStates.isEmpty() && !(context.slaState && slaStates.contains(context.slaState(card.id))))
        return false;
    if (escalated && !card.escalation.isEscalated())
        return false;
    if (!escalatedTo.isEmpty() && !escalatedTo.contains(card.escalation.targetId))
        return false;
    return true;
}

} // namespace hb::board
