// SPDX-License-Identifier: GPL-3.0-or-later
#include "estimate.h"

#include "clock.h"

#include <board/rules/cardfields.h>

#include <QCoreApplication>

#include <algorithm>

namespace hb::board::sla {

namespace {

constexpr qint64 s_dayMs = 24LL * 60 * 60 * 1000;

QString tr(const char *text)
{
    return QCoreApplication::translate("hb::board::sla::Estimate", text);
}

qint64 median(QList<qint64> values)
{
    std::sort(values.begin(), values.end());
    const qsizetype middle = values.size() / 2;
    return values.size() % 2 ? values[middle] : (values[middle - 1] + values[middle]) / 2;
}

} // namespace

Estimate estimateOf(storage::Priority priority, qint64 firstLabel, const QList<Resolved> &resolved, qint64 now)
{
    QList<qint64> all;
    QList<qint64> labelled;
    for (const Resolved &ticket : resolved) {
        if (ticket.priority != priority || ticket.resolvedAt > now
            || ticket.resolvedAt < now - Estimate::s_windowDays * s_dayMs)
            continue;
        all.append(ticket.businessMs);
        if (firstLabel && ticket.firstLabel == firstLabel)
            labelled.append(ticket.businessMs);
    }
    Estimate estimate;
    estimate.priority = priority;
    const bool byLabel = labelled.size() >= Estimate::s_least;
    const QList<qint64> &used = byLabel ? labelled : all;
    estimate.labelId = byLabel ? firstLabel : 0;
    estimate.basedOn = int(used.size());
    estimate.medianMs = estimate.enough() ? median(used) : 0;
    return estimate;
}

QString estimateText(const Estimate &estimate, const QString &labelName)
{
    const QString priority = priorityText(estimate.priority).toLower();
    // "1 high ticket", "12 high tickets"
    const QString tickets = estimate.basedOn == 1 ? tr("1 %1 ticket").arg(priority)
                                                  : tr("%1 %2 tickets").arg(estimate.basedOn).arg(priority);
    if (!estimate.enough())
        return tr("Not enough history yet: %1 resolved in the last 90 days (5 needed)").arg(tickets);
    return estimate.labelId ? tr("Usually resolved within ~%1 (median of %2 labelled %3, last 90 days)")
                                      .arg(durationText(estimate.medianMs), tickets, labelName)
                            : tr("Usually resolved within ~%1 (median of %2, last 90 days)")
                                      .arg(durationText(estimate.medianMs), tickets);
}

QJsonObject estimateToJson(const Estimate &estimate, const QString &labelName)
{
    return {{QStringLiteral("median_business_ms"), estimate.enough() ? QJsonValue(estimate.medianMs) : QJsonValue()},
            {QStringLiteral("based_on"), estimate.basedOn},
            {QStringLiteral("label"), estimate.labelId ? QJsonValue(labelName) : QJsonValue()},
            {QStringLiteral("text"), estimateText(estimate, labelName)}};
}

} // namespace hb::board::sla
