// SPDX-License-Identifier: GPL-3.0-or-later
#include "desk.h"

#include "levels.h"
#include "ticket.h"

#include <storage/boardstore.h>
#include <storage/eventkinds.h>

#include <QCoreApplication>
#include <QJsonDocument>
#include <QJsonObject>

#include <algorithm>

namespace hb::board::sla {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("hb::board::sla::Desk", text);
}

} // namespace

Desk::Desk(Policy policy, Calendar calendar, QSet<qint64> doneColumns)
    : m_policy(std::move(policy))
    , m_calendar(std::move(calendar))
    , m_business(m_calendar)
    , m_doneColumns(std::move(doneColumns))
{ }

storage::Result<std::unique_ptr<Desk>> Desk::read(storage::BoardStore &store)
{
    auto levels = store.serviceLevels();
    if (!levels)
        return levels.error();
    auto policy = policyFromJson(levels->policy);
    if (!policy)
        return policy.error();
    auto calendar = calendarFromJson(levels->calendar);
    if (!calendar)
        return calendar.error();
    QString problem = calendar->problem();
    if (problem.isEmpty())
        problem = policy->problem(*calendar);
    if (!problem.isEmpty())
        return storage::Error{storage::ErrorKind::Invalid,
                              tr("the board's service levels cannot be used (an admin can fix them): %1").arg(problem)};
    // The columns as they are now: time a card spent in a done column since deleted counts as not done.
    auto columns = store.columns();
    if (!columns)
        return columns.error();
    QSet<qint64> done;
    for (const storage::Column &column : *columns) {
        if (column.kind == storage::ColumnKind::Done)
            done.insert(column.id);
    }
    std::unique_ptr<Desk> desk(new Desk(std::move(*policy), std::move(*calendar), std::move(done)));
    // The levels each change replaced. One that cannot be used (or a change recorded before the levels went with
    // it) is no era: tickets resolved then take the next one's levels.
    auto changes = store.boardEvents(storage::eventkind::ServiceLevelsChanged);
    if (!changes)
        return changes.error();
    for (const storage::Event &change : *changes) {
        const QJsonObject previous =
                QJsonDocument::fromJson(change.payload).object().value(QStringLiteral("previous")).toObject();
        if (previous.isEmpty())
            continue;
        const auto json = [&previous](const QString &key) {
            return QJsonDocument(previous.value(key).toObject()).toJson(QJsonDocument::Compact);
        };
        auto oldPolicy = policyFromJson(json(QStringLiteral("policy")));
        auto oldCalendar = calendarFromJson(json(QStringLiteral("calendar")));
        if (!oldPolicy || !oldCalendar || !oldCalendar->problem().isEmpty()
            || !oldPolicy->problem(*oldCalendar).isEmpty())
            continue;
        auto business = std::make_unique<WorkingTime>(*oldCalendar);
        desk->m_eras.push_back(
                {change.seq, change.at, std::move(*oldPolicy), std::move(*oldCalendar), std::move(business)});
    }
    return desk;
}

Clocks Desk::clocksOf(const storage::Card &card, const QList<storage::Event> &history, qint64 now)
{
    const auto isDone = [this](qint64 column) { return m_doneColumns.contains(column); };
    const Ticket ticket = ticketOf(card, history, m_policy, isDone);
    if (ticket.resolvedSeq >= 0) {
        // Resolved before a change of the levels: the first change after it replaced the levels it was resolved on.
        // (by its time when the history does not say which event resolved it: a card imported without one)
        const auto era = std::find_if(m_eras.begin(), m_eras.end(), [&](const Era &each) {
            return ticket.resolvedSeq > 0 ? each.until > ticket.resolvedSeq : each.at > card.resolvedAt;
        });
        if (era != m_eras.end())
            return sla::clocksOf(ticketOf(card, history, era->policy, isDone), era->policy, *era->business, now);
    }
    return sla::clocksOf(ticket, m_policy, m_business, now);
}

storage::Result<Clocks> Desk::clocksOf(storage::BoardStore &store, const storage::Card &card, qint64 now)
{
    auto history = store.cardHistory(card.id);
    if (!history)
        return history.error();
    return clocksOf(card, *history, now);
}

storage::Result<QHash<qint64, Clocks>> Desk::clocksOf(storage::BoardStore &store, const QList<storage::Card> &cards,
                                                      qint64 now)
{
    // Every history in one read: archived cards' too when any is asked for (most resolved tickets end up archived).
    const bool archived =
            std::any_of(cards.cbegin(), cards.cend(), [](const storage::Card &card) { return card.archivedAt != 0; });
    auto histories = store.clockHistories(archived);
    if (!histories)
        return histories.error();
    QHash<qint64, Clocks> clocks;
    clocks.reserve(cards.size());
    for (const storage::Card &card : cards)
        clocks.insert(card.id, clocksOf(card, histories->value(card.id), now));
    return clocks;
}

storage::Result<QList<Resolved>> Desk::resolvedRecently(storage::BoardStore &store, qint64 now)
{
    const qint64 since = now - Estimate::s_windowDays * 24 * 60 * 60 * 1000;
    storage::CardQuery query;
    query.includeArchived = true;
    query.resolvedSince = since;
    auto cards = store.cards(query);
    if (!cards)
        return cards.error();
    QList<storage::Card> recent;
    for (const storage::Card &card : *cards) {
        if (card.resolvedAt <= now) // (resolvedSince gave the window's start)
            recent.append(card);
    }
    auto clocks = clocksOf(store, recent, now);
    if (!clocks)
        return clocks.error();
    QList<Resolved> resolved;
    resolved.reserve(recent.size());
    for (const storage::Card &card : std::as_const(recent)) {
        const Clocks each = clocks->value(card.id);
        if (each.resolution.state != ClockState::Met && each.resolution.state != ClockState::Missed)
            continue; // resolved in a column that is no longer a done one
        resolved.append({each.priority, card.labelIds.value(0), card.resolvedAt, each.resolution.elapsedMs});
    }
    return resolved;
}

} // namespace hb::board::sla
