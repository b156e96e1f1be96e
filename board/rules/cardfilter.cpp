// SPDX-License-Identifier: GPL-3.0-or-later
#include "cardfilter.h"

namespace hb::board {

bool CardFilter::isEmpty() const
{
    return !columnId && !overdue && !dueWithin24h && !unassigned && !mine && assignee.isEmpty() && requester.isEmpty()
           && !priority && statuses.isEmpty() && labelIds.isEmpty() && !channel && text.isEmpty() && search.isEmpty()
           && !searchIds && slaStates.isEmpty() && !escalated && escalatedTo.isEmpty() && !cardIds;
}

QVariantMap CardFilter::toMap() const
{
    QVariantMap map;
    const auto flag = [&map](const char *key, bool on) {
        if (on)
            map.insert(QLatin1String(key), true);
    };
    flag("overdue", overdue);
    flag("due_soon", dueWithin24h);
    flag("unassigned", unassigned);
    flag("mine", mine);
    flag("all_labels", allLabels);
    flag("priority_at_least", priorityAtLeast);
    flag("escalated", escalated);
    if (columnId)
        map.insert(QStringLiteral("column"), columnId);
    if (!assignee.isEmpty())
        map.insert(QStringLiteral("assignee"), assignee);
    if (!requester.isEmpty())
        map.insert(QStringLiteral("requester"), requester);
    if (priority)
        map.insert(QStringLiteral("priority"), storage::toText(*priority));
    if (channel)
        map.insert(QStringLiteral("channel"), storage::toText(*channel));
    QStringList statusNames;
    for (storage::StatusTag status : statuses)
        statusNames << storage::toText(status);
    statusNames.sort();
    if (!statusNames.isEmpty())
        map.insert(QStringLiteral("statuses"), statusNames);
    QVariantList labels;
    QList<qint64> sortedLabels(labelIds.cbegin(), labelIds.cend());
    std::sort(sortedLabels.begin(), sortedLabels.end());
    for (qint64 id : std::as_const(sortedLabels))
        labels << id;
    if (!labels.isEmpty())
        map.insert(QStringLiteral("labels"), labels);
    if (!text.isEmpty())
        map.insert(QStringLiteral("text"), text);
    if (!search.isEmpty())
        map.insert(QStringLiteral("search"), search);
    QStringList states(slaStates.cbegin(), slaStates.cend());
    states.sort();
    if (!states.isEmpty())
        map.insert(QStringLiteral("sla"), states);
    QList<qint64> targets(escalatedTo.cbegin(), escalatedTo.cend());
    std::sort(targets.begin(), targets.end());
    QVariantList targetIds;
    for (qint64 id : std::as_const(targets))
        targetIds << id;
    if (!targetIds.isEmpty())
        map.insert(QStringLiteral("escalated_to"), targetIds);
    return map;
}

CardFilter CardFilter::fromMap(const QVariantMap &map)
{
    // Settings may come from another version or be edited by hand: what is not understood is left out.
    CardFilter filter;
    filter.overdue = map.value(QStringLiteral("overdue")).toBool();
    filter.dueWithin24h = map.value(QStringLiteral("due_soon")).toBool();
    filter.unassigned = map.value(QStringLiteral("unassigned")).toBool();
    filter.mine = map.value(QStringLiteral("mine")).toBool();
    filter.allLabels = map.value(QStringLiteral("all_labels")).toBool();
    filter.priorityAtLeast = map.value(QStringLiteral("priority_at_least")).toBool();
    filter.escalated = map.value(QStringLiteral("escalated")).toBool();
    filter.columnId = map.value(QStringLiteral("column")).toLongLong();
    filter.assignee = map.value(QStringLiteral("assignee")).toString();
    filter.requester = map.value(QStringLiteral("requester")).toString();
    if (map.contains(QStringLiteral("priority")))
        filter.priority = storage::priorityFromString(map.value(QStringLiteral("priority")).toString());
    if (map.contains(QStringLiteral("channel")))
        filter.channel = storage::channelFromString(map.value(QStringLiteral("channel")).toString());
    for (const QString &name : map.value(QStringLiteral("statuses")).toStringList()) {
        if (const auto status = storage::statusFromString(name); status && *status != storage::StatusTag::None)
            filter.statuses.insert(*status);
    }
    for (const QVariant &id : map.value(QStringLiteral("labels")).toList()) {
        if (id.toLongLong() > 0)
            filter.labelIds.insert(id.toLongLong());
    }
    filter.text = map.value(QStringLiteral("text")).toString();
    filter.search = map.value(QStringLiteral("search")).toString();
    for (const QString &state : map.value(QStringLiteral("sla")).toStringList()) {
        if (!state.isEmpty())
            filter.slaStates.insert(state);
    }
    for (const QVariant &id : map.value(QStringLiteral("escalated_to")).toList()) {
        if (id.toLongLong() > 0)
            filter.escalatedTo.insert(id.toLongLong());
    }
    return filter;
}

} // namespace hb::board
