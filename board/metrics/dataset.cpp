// SPDX-License-Identifier: GPL-3.0-or-later
#include "dataset.h"

#include "cache.h"

#include <board/sla/desk.h>
#include <board/sla/levels.h>
#include <storage/boardstore.h>
#include <storage/eventkinds.h>

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

namespace {

/// What a read takes from the board besides the cards and the desk's levels: each ticket's history and escalations,
/// and the columns' kinds.
struct Sources
{
    QHash<qint64, QList<Event>> histories;
    QHash<qint64, QList<Escalation>> escalations;
    QHash<qint64, ColumnKind> kinds;
};

/// Each read into its place, the first failure the snapshot's.
Status readAll(std::initializer_list<Status> reads)
{
    for (const Status &each : reads) {
        if (!each)
            return each;
    }
    return {};
}

template<typename T>
Status into(T &target, Result<T> result)
{
    if (!result)
        return result.error();
    target = std::move(*result);
    return {};
}

/// The desk's levels into @p data; when they cannot be used, why (and the figures go without them).
Status readDesk(BoardStore &store, Dataset &data)
{
    auto levelsRead = sla::Desk::read(store);
    if (levelsRead) {
        data.desk = std::move(levelsRead).value();
        data.timeZone = data.desk->calendar().timeZone;
        return {};
    }
    if (levelsRead.error().kind != ErrorKind::Invalid)
        return levelsRead.error();
    data.clocksProblem = levelsRead.error().message;
    // The zone the days are counted in, even from levels that cannot be used for clocks.
    auto levels = store.serviceLevels();
    if (!levels)
        return levels.error();
    if (const auto calendar = sla::calendarFromJson(levels->calendar))
        data.timeZone = calendar->timeZone;
    return {};
}

/// @p card's row at @p now, from @p sources; its clock's state into @p data.
TicketRow rowOf(const Card &card, const Sources &sources, Dataset &data, qint64 now)
{
    const auto kindOf = [&sources](qint64 column) -> std::optional<ColumnKind> {
        const auto found = sources.kinds.constFind(column);
        return found == sources.kinds.cend() ? std::nullopt : std::optional(*found);
    };
    const QList<Event> history = sources.histories.value(card.id);
    TicketRow row = ticketRow(card, history, sources.escalations.value(card.id), kindOf, now);
    if (data.desk) {
        const sla::Clocks clocks = data.desk->clocksOf(card, history, now);
        addClocks(row, clocks);
        data.slaStates.insert(card.id, sla::stateName(clocks.current().state));
    }
    return row;
}

/// Whether a change to the board (no ticket's) may change every ticket's row or the names the figures show: a
/// column's kind (or the column gone), a label (its name, and which cards show it), an escalation target's name, the
/// service levels, the board's name. Members and templates change no figure.
bool changesEveryTicket(const Event &event)
{
    return event.kind.startsWith(u"column.") || event.kind.startsWith(u"label.")
           || event.kind.startsWith(u"escalation_target.") || event.kind.startsWith(u"board.")
           || event.kind == eventkind::ServiceLevelsChanged;
}

/// Beyond this many changed tickets, reading the whole board again is as quick.
constexpr qsizetype s_mostChanged = 5000;
constexpr int s_eventsPerPage = 2000;

} // namespace

namespace {

/// The articles the tickets were solved with, read in the read's snapshot and put on their rows.
struct ArticleLinks
{
    QHash<qint64, QList<qint64>> byCard;
    QList<Article> articles;

    Status read(BoardStore &store)
    {
        return readAll({into(byCard, store.articleLinks()),
                        into(articles, store.articles(true, BoardStore::ArticleText::Without))});
    }

    void apply(Dataset &data) const
    {
        data.articleTitles.clear();
        for (const Article &article : articles)
            data.articleTitles.insert(article.id, article.title);
        for (TicketRow &row : data.rows)
            row.articleIds = byCard.value(row.cardId);
    }
};

} // namespace

Result<Dataset> readDataset(BoardStore &store, qint64 now)
{
    Dataset data;
    data.now = now;
    Sources sources;
    QList<Label> labels;
    QList<EscalationTarget> targets;
    // Every ticket, archived ones too, in one snapshot: the resolved ones the cache holds from it, decoded in place,
    // the others (open, changed since, never worked out) from their histories: a handful of queries, whatever the
    // board's size.
    QList<qsizetype> missing; // where in data.cards and data.rows
    QList<qint64> missingIds;
    QSet<qint64> newer;
    QList<Card> cards;
    ArticleLinks links;
    const Status read = store.readSnapshot([&]() -> Status {
        if (const Status articles = links.read(store); !articles)
            return articles;
        if (const Status each = readAll({into(data.seq, store.lastEventSeq()), into(data.boardName, store.boardName()),
                                         into(sources.kinds, store.columnKinds()), into(labels, store.labels()),
                                         into(targets, store.escalationTargets(true))});
            !each)
            return each;
        if (const Status desk = readDesk(store, data); !desk)
            return desk;
        CacheDecoder decoder;
        // Rows are worked out with the desk's levels: without them here (a time zone this computer does not know),
        // none is read or kept.
        const bool cacheUsable = bool(data.desk);
        const Status cache = store.forEachMetricCache([&](qint64 cardId, const QByteArray &bytes) {
            CachedTicket ticket;
            if (!cacheUsable || bytes.isEmpty()
                || !decoder.decode(bytes, cardId, ticket.card, ticket.row, ticket.slaState)) {
                missing << data.cards.size();
                missingIds << cardId;
                if (cacheUsable && isNewerFormat(bytes))
                    newer.insert(cardId); // (a newer program's: left as it is)
                ticket = {};
                ticket.card.id = cardId; // (its row's id stays 0 until worked out)
            } else if (!ticket.slaState.isEmpty()) {
                data.slaStates.insert(cardId, ticket.slaState);
            }
            data.cards << std::move(ticket.card);
            data.rows << std::move(ticket.row);
        });
        if (!cache)
            return cache;
        if (missingIds.size() > s_mostChanged) {
            // Most of the board: read whole, as quick as picking them out.
            CardQuery all;
            all.includeArchived = true;
            return readAll({into(cards, store.cards(all)), into(sources.histories, store.metricHistories()),
                            into(sources.escalations, store.allEscalations())});
        }
        return readAll({into(cards, store.cardsWithIds(missingIds)),
                        into(sources.histories, store.metricHistories(missingIds)),
                        into(sources.escalations, store.allEscalations(missingIds))});
    });
    if (!read)
        return read.error();
    if (data.timeZone.isEmpty() || !QTimeZone(data.timeZone).isValid())
        data.timeZone = QTimeZone::utc().id();
    for (const Label &label : std::as_const(labels))
        data.labelNames.insert(label.id, label.name);
    for (const EscalationTarget &target : std::as_const(targets))
        data.targetNames.insert(target.id, target.name);
    QHash<qint64, const Card *> readCards;
    readCards.reserve(cards.size());
    for (const Card &card : std::as_const(cards))
        readCards.insert(card.id, &card);
    // The ones worked out here, kept in the cache when resolved.
    QList<CachedMetrics> worked;
    data.cacheRead = data.cards.size() - missing.size();
    data.ticketsRead = missing.size();
    bool unread = false;
    for (qsizetype index : std::as_const(missing)) {
        const Card *card = readCards.value(data.cards.at(index).id);
        if (!card || card->deletedAt) {
            unread = true; // (none: the reads are one snapshot)
            continue;
        }
        data.cards[index] = ticketCard(*card);
        data.rows[index] = rowOf(*card, sources, data, now);
        const QString slaState = data.slaStates.value(card->id);
        if (data.desk && isCacheable(data.rows.at(index), slaState) && !newer.contains(card->id))
            worked << CachedMetrics{card->id, encodeCached({data.cards.at(index), data.rows.at(index), slaState})};
    }
    if (unread) {
        for (qsizetype i = data.rows.size() - 1; i >= 0; --i) {
            if (!data.rows.at(i).cardId) {
                data.cards.removeAt(i);
                data.rows.removeAt(i);
            }
        }
    }
    links.apply(data);
    // The resolved ones kept for the next read, by an editor's or admin's program on a board it can write; a cache is
    // not worth an error (a viewer's, a read-only share's, a busy board's next read works them out again).
    if (!worked.isEmpty()) {
        if (auto stored = store.storeMetricCache(data.seq, worked))
            data.cacheStored = *stored;
    }
    return data;
}

Result<Dataset> updateDataset(BoardStore &store, Dataset data, qint64 now)
{
    if (!data.now)
        return readDataset(store, now);
    bool whole = false;
    QList<qint64> ids;
    QList<Card> cards;
    Sources sources;
    ArticleLinks links;
    const Status read = store.readSnapshot([&]() -> Status {
        if (const Status articles = links.read(store); !articles)
            return articles;
        // What changed since: the tickets the change feed names, unless a change to the board touches them all.
        QSet<qint64> changed;
        for (;;) {
            auto events = store.eventsSince(data.seq, s_eventsPerPage);
            if (!events)
                return events.error();
            for (const Event &event : std::as_const(*events)) {
                data.seq = std::max(data.seq, event.seq);
                if (event.cardId)
                    changed.insert(event.cardId);
                else
                    whole = whole || changesEveryTicket(event);
            }
            whole = whole || changed.size() > s_mostChanged;
            if (whole)
                return {};
            if (events->size() < s_eventsPerPage)
                break;
        }
        // And the open tickets: their time in Doing and their clocks go on with "now".
        for (const TicketRow &row : std::as_const(data.rows)) {
            if (!row.isResolved())
                changed.insert(row.cardId);
        }
        ids = QList<qint64>(changed.cbegin(), changed.cend());
        if (const Status each = readAll(
                    {into(cards, store.cardsWithIds(ids)), into(sources.histories, store.metricHistories(ids)),
                     into(sources.escalations, store.allEscalations(ids)), into(sources.kinds, store.columnKinds())});
            !each)
            return each;
        // The levels (or why they cannot be used) are those of the read: they did not change (no sla.changed).
        return Status{};
    });
    if (!read)
        return read.error();
    if (whole)
        return readDataset(store, now);
    data.now = now;
    data.ticketsRead = cards.size();
    QHash<qint64, qsizetype> position;
    position.reserve(data.cards.size());
    for (qsizetype i = 0; i < data.cards.size(); ++i)
        position.insert(data.cards.at(i).id, i);
    // Read again in place, new ones at the end; deleted ones (and any no longer there) out.
    QSet<qint64> gone(ids.cbegin(), ids.cend());
    for (const Card &card : std::as_const(cards)) {
        if (card.deletedAt)
            continue;
        gone.remove(card.id);
        TicketRow row = rowOf(card, sources, data, now);
        if (const auto found = position.constFind(card.id); found != position.cend()) {
            data.cards[*found] = ticketCard(card);
            data.rows[*found] = std::move(row);
        } else {
            data.cards << ticketCard(card);
            data.rows << std::move(row);
        }
    }
    if (!gone.isEmpty()) {
        for (qsizetype i = data.cards.size() - 1; i >= 0; --i) {
            if (gone.contains(data.cards.at(i).id)) {
                data.slaStates.remove(data.cards.at(i).id);
                data.cards.removeAt(i);
                data.rows.removeAt(i);
            }
        }
    }
    links.apply(data);
    return data;
}

Result<Dataset> readDataset(const QString &path, const StoreOptions &options)
{
    return updateDataset(path, options, {});
}

Result<Dataset> updateDataset(const QString &path, const StoreOptions &options, Dataset data)
{
    auto store = BoardStore::open(path, options);
    if (!store)
        return store.error();
    return updateDataset(**store, std::move(data), (*store)->now());
}

} // namespace hb::board::metrics
