// SPDX-License-Identifier: GPL-3.0-or-later
#include "ticket.h"

#include <storage/eventkinds.h>

#include <QJsonDocument>
#include <QJsonObject>

namespace hb::board::sla {

namespace {

QJsonObject changesOf(const storage::Event &event)
{
    return QJsonDocument::fromJson(event.payload).object().value(QStringLiteral("changes")).toObject();
}

} // namespace

Ticket ticketOf(const storage::Card &card, const QList<storage::Event> &history, const Policy &policy,
                const std::function<bool(qint64 columnId)> &isDone)
{
    namespace kind = storage::eventkind;
    // As it was created: the creation's own record, else what the first change of each says it changed from,
    // else what the card is now.
    storage::Priority priority = card.priority;
    storage::StatusTag status = card.status;
    qint64 column = card.columnId;
    bool priorityKnown = false;
    bool statusKnown = false;
    bool columnKnown = false;
    for (const storage::Event &event : history) {
        const QJsonObject payload = QJsonDocument::fromJson(event.payload).object();
        if (event.kind == kind::CardCreated) {
            if (const auto created =
                        storage::priorityFromString(payload.value(QStringLiteral("priority")).toString())) {
                priority = *created;
                priorityKnown = true;
            }
            if (payload.contains(QStringLiteral("column_id"))) {
                column = payload.value(QStringLiteral("column_id")).toInteger();
                columnKnown = true;
            }
            continue;
        }
        const QJsonObject changes = changesOf(event);
        const auto from = [&changes](const QString &field) {
            return changes.value(field).toObject().value(QStringLiteral("from"));
        };
        if (!priorityKnown && changes.contains(QStringLiteral("priority"))) {
            priority = storage::priorityFromString(from(QStringLiteral("priority")).toString()).value_or(priority);
            priorityKnown = true;
        }
        if (!statusKnown && changes.contains(QStringLiteral("status"))) {
            status = storage::statusFromString(from(QStringLiteral("status")).toString()).value_or(status);
            statusKnown = true;
        }
        if (!columnKnown && event.kind == kind::CardMoved && changes.contains(QStringLiteral("column"))) {
            column = from(QStringLiteral("column")).toInteger(column);
            columnKnown = true;
        }
    }

    Ticket ticket;
    qint64 resolvedSeq = 0;
    for (const storage::Event &event : history) {
        if (event.kind == kind::CardCreated)
            resolvedSeq = event.seq;
    }
    ticket.createdAt = card.createdAt;
    ticket.firstResponseAt = card.firstResponseAt;
    const auto step = [&](qint64 at) { ticket.steps.append({at, priority, policy.pauses(status), isDone(column)}); };
    step(card.createdAt);
    for (const storage::Event &event : history) {
        if (event.kind != kind::CardUpdated && event.kind != kind::CardMoved)
            continue;
        const QJsonObject changes = changesOf(event);
        const auto to = [&changes](const QString &field) {
            return changes.value(field).toObject().value(QStringLiteral("to"));
        };
        const Step before = ticket.steps.constLast();
        if (changes.contains(QStringLiteral("priority")))
            priority = storage::priorityFromString(to(QStringLiteral("priority")).toString()).value_or(priority);
        if (changes.contains(QStringLiteral("status")))
            status = storage::statusFromString(to(QStringLiteral("status")).toString()).value_or(status);
        if (event.kind == kind::CardMoved && changes.contains(QStringLiteral("column")))
            column = to(QStringLiteral("column")).toInteger(column);
        const Step after{event.at, priority, policy.pauses(status), isDone(column)};
        // Only what the clocks care about makes a step (a title edited, a move within a column: none).
        if (after.resolved && !before.resolved)
            resolvedSeq = event.seq;
        if (after.priority != before.priority || after.paused != before.paused || after.resolved != before.resolved)
            ticket.steps.append(after);
    }
    ticket.resolvedSeq = ticket.steps.constLast().resolved ? resolvedSeq : -1;
    return ticket;
}

} // namespace hb::board::sla
