// SPDX-License-Identifier: GPL-3.0-or-later
#include "dataset.h"

#include <board/sla/desk.h>
#include <board/sla/levels.h>
#include <storage/boardstore.h>

#include <QTimeZone>

namespace hb::board::metrics {

using namespace hb::storage;

namespace {

QTimeZone zoneOf(const QByteArray &id)
{
    const QTimeZone zone(id);
    return zone.isValid() ? zone : QTimeZone::utc();
}

} // namespace

Period Dataset::period(QDate first, QDate last, int maxDays) const
{
    const QTimeZone zone = zoneOf(timeZone);
    // (a day's start, even where the clocks skip midnight)
    Period period{first.startOfDay(zone).toMSecsSinceEpoch(), last.addDays(1).startOfDay(zone).toMSecsSinceEpoch(), {}};
    const int step = first.daysTo(last) + 1 > maxDays ? 7 : 1;
    for (QDate day = first; day <= last; day = day.addDays(step))
        period.buckets << day.startOfDay(zone).toMSecsSinceEpoch();
    return period;
}

QTimeZone Dataset::zone() const
{
    return zoneOf(timeZone);
}

QDate Dataset::today() const
{
    return QDateTime::fromMSecsSinceEpoch(now, zoneOf(timeZone)).date();
}

Result<Dataset> readDataset(BoardStore &store, qint64 now)
{
    Dataset data;
    data.now = now;
    QHash<qint64, QList<Event>> histories;
    QHash<qint64, QList<Escalation>> escalations;
    QHash<qint64, ColumnKind> kinds;
    QList<Label> labels;
    QList<EscalationTarget> targets;
    std::unique_ptr<sla::Desk> desk;
    // Every ticket, archived ones too, in one snapshot: a handful of queries, whatever the board's size.
    const Status read = store.readSnapshot([&]() -> Status {
        CardQuery all;
        all.includeArchived = true;
        // Each read into its place, the first failure the snapshot's.
        const auto into = [](auto &target, auto result) -> Status {
            if (!result)
                return result.error();
            target = std::move(*result);
            return {};
        };
        for (const Status &each : {into(data.boardName, store.boardName()), into(data.cards, store.cards(all)),
                                   into(histories, store.metricHistories()), into(escalations, store.allEscalations()),
                                   into(kinds, store.columnKinds()), into(labels, store.labels()),
                                   into(targets, store.escalationTargets(true))}) {
            if (!each)
                return each;
        }
        auto levelsRead = sla::Desk::read(store);
        if (levelsRead) {
            desk = std::move(levelsRead).value();
            data.timeZone = desk->calendar().timeZone;
            return {};
        }
        if (levelsRead.error().kind != ErrorKind::Invalid)
            return levelsRead.error();
        data.clocksProblem = levelsRead.error().message; // the figures without them
        // The zone the days are counted in, even from levels that cannot be used for clocks.
        auto levels = store.serviceLevels();
        if (!levels)
            return levels.error();
        if (const auto calendar = sla::calendarFromJson(levels->calendar))
            data.timeZone = calendar->timeZone;
        return {};
    });
    if (!read)
        return read.error();
    if (data.timeZone.isEmpty() || !QTimeZone(data.timeZone).isValid())
        data.timeZone = QTimeZone::utc().id();
    for (const Label &label : std::as_const(labels))
        data.labelNames.insert(label.id, label.name);
    for (const EscalationTarget &target : std::as_const(targets))
        data.targetNames.insert(target.id, target.name);
    const auto kindOf = [&kinds](qint64 column) -> std::optional<ColumnKind> {
        const auto found = kinds.constFind(column);
        return found == kinds.cend() ? std::nullopt : std::optional(*found);
    };
    data.rows.reserve(data.cards.size());
    for (const Card &card : std::as_const(data.cards)) {
        const QList<Event> history = histories.value(card.id);
        TicketRow row = ticketRow(card, history, escalations.value(card.id), kindOf, now);
        if (desk) {
            const sla::Clocks clocks = desk->clocksOf(card, history, now);
            addClocks(row, clocks);
            data.slaStates.insert(card.id, sla::stateName(clocks.current().state));
        }
        data.rows << std::move(row);
    }
    return data;
}

Result<Dataset> readDataset(const QString &path, const StoreOptions &options)
{
    auto store = BoardStore::open(path, options);
    if (!store)
        return store.error();
    return readDataset(**store, (*store)->now());
}

} // namespace hb::board::metrics
