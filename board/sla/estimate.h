// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <storage/records.h>

#include <QJsonObject>
#include <QList>
#include <QString>

namespace hb::board::sla {

/// A ticket resolved: what an estimate for the next ones is made of.
struct Resolved
{
    storage::Priority priority = storage::Priority::Normal;
    qint64 firstLabel = 0; ///< the first of its labels (0: none)
    qint64 resolvedAt = 0;
    qint64 businessMs = 0; ///< its resolution clock's working time, waiting left out
};

/// "Usually resolved within ~X": for the person waiting on a ticket.
struct Estimate
{
    static constexpr int s_least = 5;          ///< fewer tickets than this say nothing
    static constexpr qint64 s_windowDays = 90; ///< tickets resolved this many days back count

    storage::Priority priority = storage::Priority::Normal;
    qint64 labelId = 0;  ///< the first label the tickets shared; 0: every ticket of the priority
    int basedOn = 0;     ///< how many tickets
    qint64 medianMs = 0; ///< their median business resolution time; 0 without enough of them
    bool enough() const { return basedOn >= s_least; }
};

/**
 * The median business resolution time of the tickets of @p priority resolved in the last 90 days before @p now,
 * and of those among them whose first label is also @p firstLabel when there are 5 or more of them. Under 5
 * tickets it is not enough history (medianMs 0, basedOn says how many there were). Of an even number, the mean of
 * the two in the middle.
 */
Estimate estimateOf(storage::Priority priority, qint64 firstLabel, const QList<Resolved> &resolved, qint64 now);

/// For people: "Usually resolved within ~6h (median of 12 high tickets labelled Printer, last 90 days)", or "Not
/// enough history yet: 3 high tickets resolved in the last 90 days (5 needed)". @p labelName names labelId.
QString estimateText(const Estimate &estimate, const QString &labelName);
/// {"median_business_ms": 21600000 | null, "based_on": 12, "label": "Printer" | null, "text": "..."}
QJsonObject estimateToJson(const Estimate &estimate, const QString &labelName);

} // namespace hb::board::sla
