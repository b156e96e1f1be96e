// SPDX-License-Identifier: GPL-3.0-or-later
#include "boardpoller.h"

#include <board/model/boardmodel.h>
#include <board/sla/desk.h>
#include <storage/eventkinds.h>
#include <storage/lockprobe.h>

#include <QDateTime>
#include <QScopeGuard>
#include <QSet>
#include <QUuid>

#include <algorithm>

namespace hb::board {

namespace {

constexpr int s_pollMs = 1000;
constexpr int s_eventsPerLook = 2000;
constexpr int s_markMs = 6000;         ///< how long a card someone else changed stays marked
constexpr qint64 s_beatMs = 15'000;    ///< how often this window says it is here
constexpr qint64 s_clocksMs = 60'000;  ///< how often every card's service-level clocks are read again
constexpr qint64 s_presentMs = 45'000; ///< a window not heard from for longer has gone (three beats missed)
/// A heartbeat first seen this much older than this window's clock is taken as a window that went long ago (it
/// crashed, or its laptop was closed) until it beats again: desktops' clocks are seldom off by more.
constexpr qint64 s_staleAtFirstSightMs = 2 * 60'000;
/// Rows older than this by the writer's own clock are not even read (a day: clocks may be off by minutes).
constexpr qint64 s_rowsWithinMs = 24 * 3600 * 1000;

} // namespace

/// Where the poller is in the file: only ever touched on the worker's thread.
struct BoardPoller::State
{
    qint64 seq = 0;
    qint64 dataVersion = -1;
    qint64 beatAt = 0;               ///< when this window last said it is here
    qint64 beatCard = -1;            ///< the card it said then
    qint64 presenceAt = 0;           ///< when who else is here was last read
    qint64 clocksAt = 0;             ///< when every card's clocks were last read
    std::unique_ptr<sla::Desk> desk; ///< the board's service levels as last read (none: they cannot be used)
};

BoardPoller::BoardPoller(const QString &path, const storage::StoreOptions &options, qint64 sinceSeq, BoardModel &model,
                         OwnSaves ownSaves, QObject *parent)
    : QObject(parent)
    , m_model(model)
    , m_own(std::move(ownSaves))
    , m_state(std::make_shared<State>())
    , m_worker(path, options)
    , m_session(QUuid::createUuid().toString(QUuid::WithoutBraces))
    , m_path(path)
{
    connect(&m_worker, &StoreWorker::reachableChanged, this, [this](bool reachable, const QString &why) {
        m_fileLost = !reachable;
        Q_EMIT reachableChanged(reachable, why);
    });
    m_state->seq = sinceSeq;
    m_timer.setInterval(s_pollMs);
    connect(&m_timer, &QTimer::timeout, this, &BoardPoller::poll);
    m_timer.start();
}

BoardPoller::~BoardPoller()
{
    m_timer.stop();
    // This window's slot next to the board goes with it (another board may be opened next); a write still to come
    // proves the share again. Not waited for: a share that hangs must not hold the window.
    storage::LockProbe::stopWatching(m_path, false);
    m_worker.stopRetrying(); // a look waiting for the file to come back gives up
    if (m_fileLost)
        return; // no waiting on a share that is gone to say goodbye: the row goes stale by itself
    // Queued behind any look under way; the worker finishes it before it goes.
    m_worker.submit(
            [session = m_session](storage::BoardStore &store) {
                (void)store.leavePresence(session); // a row left behind goes stale by itself
                return Saved();
            },
            {});
}

void BoardPoller::poll()
{
    if (m_looking)
        return; // a slow share: one look at a time
    m_looking = true;
    m_lookCard = m_openCard;
    m_lookLanded = m_own.landed ? m_own.landed(m_openCard) : 0;
    m_worker.submit(
            [state = m_state, session = m_session, card = m_openCard,
             reload = m_reloadWanted](storage::BoardStore &store) {
                Saved saved;
                // Do the share's locks reach the others who have the board open? Proven once for the process, then
                // watched from a thread of its own (a viewer's window too: it shows colleagues it is here). A
                // failure makes the board read-only for the whole process (the store says so); errors reaching the
                // side file are tried again at the next look.
                if (!store.isReadOnly())
                    (void)storage::LockProbe::proveAndWatch(store.path(), store.login());
                // Here, and with which card: every few seconds, and at once when the card changes.
                const qint64 now = store.now();
                bool beat = false;
                if (!store.isReadOnly() && (now - state->beatAt >= s_beatMs || card != state->beatCard)) {
                    beat = store.beatPresence(session, card).ok();
                    if (beat) {
                        state->beatAt = now;
                        state->beatCard = card;
                    }
                }
                if (state->seq < 0) {
                    // Where the feed ended was not known when the board was loaded: from now on, then.
                    auto last = store.lastEventSeq();
                    if (!last)
                        return Saved(last.error());
                    state->seq = *last;
                }
                auto version = store.dataVersion();
                if (!version)
                    return Saved(version.error());
                saved.reloadBoard = reload; // the file answers again
                // Who else is here: when someone wrote (their heartbeat too), and now and then regardless, since
                // windows that went without a word drop out by time alone.
                if (*version != state->dataVersion || beat || now - state->presenceAt >= s_beatMs) {
                    if (auto present = store.presence(s_rowsWithinMs)) {
                        saved.present = std::move(*present);
                        state->presenceAt = now;
                    }
                }
                // Every card's service-level clocks, once a minute: their badges move on by the minute.
                // (The service levels are read again with them: an admin may have changed them.)
                const auto readAllClocks = [&] {
                    state->clocksAt = now;
                    auto desk = sla::Desk::read(store);
                    if (!desk && desk.error().kind != storage::ErrorKind::Invalid) {
                        state->clocksAt = 0; // the file busy or out of reach: the badges stay, the next look tries
                        return;
                    }
                    // Service levels that cannot be used: no badges (the card editor says why).
                    state->desk = desk ? std::move(desk).value() : nullptr;
                    QHash<qint64, sla::Clocks> clocks;
                    if (state->desk) {
                        auto cards = store.cards();
                        auto read = cards ? state->desk->clocksOf(store, *cards, now)
                                          : storage::Result<QHash<qint64, sla::Clocks>>(cards.error());
                        if (!read) {
                            state->clocksAt = 0;
                            return;
                        }
                        clocks = std::move(*read);
                    }
                    saved.clocks = std::move(clocks);
                    saved.allClocks = true;
                };
                if (now - state->clocksAt >= s_clocksMs)
                    readAllClocks();
                // data_version moves when another connection commits; the first look reads the feed regardless.
                if (*version == state->dataVersion)
                    return saved;
                auto events = store.eventsSince(state->seq, s_eventsPerLook);
                if (!events)
                    return Saved(events.error());
                QList<qint64> cards;
                qint64 seq = state->seq;
                bool labelsChanged = false;
                bool levelsOrColumnsChanged = false;
                for (const storage::Event &event : *events) {
                    seq = std::max(seq, event.seq);
                    // Members too: their names show on cards, and this window's own role may have changed.
                    // Escalation targets too: their names show on cards and in the menus.
                    if (event.kind.startsWith(u"column.") || event.kind.startsWith(u"board.")
                        || event.kind.startsWith(u"member.") || event.kind.startsWith(u"escalation_target."))
                        saved.reloadBoard = true;
                    else if (event.kind.startsWith(u"label."))
                        labelsChanged = true;
                    if (event.kind == storage::eventkind::ServiceLevelsChanged || event.kind.startsWith(u"column."))
                        levelsOrColumnsChanged = true;
                    // Articles show their labels by name, and how many tickets they solved (a ticket resolved,
                    // reopened, archived or deleted counts differently).
                    if (event.kind.startsWith(u"article.") || event.kind.startsWith(u"card.")
                        || event.kind.startsWith(u"label."))
                        saved.articlesChanged = true;
                    if (event.cardId && !cards.contains(event.cardId))
                        cards << event.cardId;
                    // Someone else's change is marked on the card; this window's own (same login) is not.
                    if (event.cardId && event.actor != store.login())
                        saved.changedBy.insert(event.cardId, event.actor);
                    else if (event.cardId)
                        saved.changedBy.remove(event.cardId);
                }
                if (labelsChanged)
                    saved.readLabels(store);
                if (!saved.reloadBoard) {
                    saved.readCards(store, cards);
                    // The card open in this window shows its checklist, comments and attachments: read here too,
                    // not on the window's thread.
                    // A failure there does not hold the feed up: the cards were read.
                    Saved details;
                    if (card && cards.contains(card))
                        details.readDetails(store, card, false);
                    if (details.detailsCard) {
                        saved.detailsCard = details.detailsCard;
                        saved.checklist = std::move(details.checklist);
                        saved.comments = std::move(details.comments);
                        saved.attachments = std::move(details.attachments);
                    }
                }
                // New service levels, or columns changed (which are done ones): every card's clocks again. Else
                // those of the cards that changed.
                if (levelsOrColumnsChanged && !saved.allClocks) {
                    readAllClocks();
                } else if (state->desk && !saved.allClocks && !saved.reloadBoard) {
                    QHash<qint64, sla::Clocks> clocks;
                    for (const storage::Card &each : std::as_const(saved.cards)) {
                        if (auto clocksNow = state->desk->clocksOf(store, each, now))
                            clocks.insert(each.id, *clocksNow);
                    }
                    saved.clocks = std::move(clocks);
                }
                // Only what was read in full counts as seen; anything else is read again at the next look. A full
                // feed may have more behind it: then this version is not taken as seen either.
                if (saved.status) {
                    state->seq = seq;
                    if (events->size() < s_eventsPerLook)
                        state->dataVersion = *version;
                }
                return saved;
            },
            [this](const Saved &saved) {
                m_looking = false;
                if (const QString refused = storage::LockProbe::refusal(m_path); refused != m_lockRefusal) {
                    m_lockRefusal = refused;
                    Q_EMIT lockRefused(refused);
                }
                apply(saved);
            });
}

void BoardPoller::apply(const Saved &saved)
{
    const auto ended = qScopeGuard([&] {
        // Clocks read at a look that failed later still hold: every card's were read before the feed. Said after
        // the cards the look read are shown, so that a card new to the board comes with its clocks.
        if (saved.clocks)
            Q_EMIT clocksRead(*saved.clocks, saved.allClocks);
        Q_EMIT looked(bool(saved.status));
    });
    // A look that failed (the share busy or gone) is tried again at the next tick; the board stays as it is.
    if (!saved.status)
        return;
    if (saved.present) {
        // Each heartbeat carries its writer's clock, which may be off from ours: a window counts as here while its
        // heartbeat keeps changing, as seen by this clock (and for a while after it is first seen, unless it looks
        // long gone by then).
        const qint64 now = QDateTime::currentMSecsSinceEpoch();
        QList<storage::Presence> others;
        QHash<QString, Heard> heard;
        for (const storage::Presence &present : *saved.present) {
            if (present.session == m_session)
                continue;
            const bool stale = now - present.seenAt > s_staleAtFirstSightMs + s_presentMs;
            Heard last = m_heard.value(present.session, Heard{present.seenAt, stale ? now - s_presentMs - 1 : now});
            if (last.seenAt != present.seenAt)
                last = Heard{present.seenAt, now};
            heard.insert(present.session, last);
            if (now - last.at <= s_presentMs)
                others << present;
        }
        m_heard = heard;
        const auto same = [](const storage::Presence &a, const storage::Presence &b) {
            return a.session == b.session && a.cardId == b.cardId;
        };
        if (!std::equal(others.cbegin(), others.cend(), m_others.cbegin(), m_others.cend(), same)) {
            m_others = others;
            Q_EMIT presenceChanged();
        }
    }
    if (saved.articlesChanged)
        Q_EMIT articlesChanged();
    if (saved.reloadBoard) {
        m_reloadWanted = false;
        Q_EMIT reloadNeeded();
        return;
    }
    if (saved.labelsRead)
        m_model.applyLabels(saved.labels);
    QList<qint64> changed;
    for (const storage::Card &card : saved.cards) {
        if (m_own.isSaving && m_own.isSaving(card.id))
            continue; // this window's own change is on its way; its save shows the result
        // Read before a save of this window's landed and showed: what the board has is newer.
        if (const storage::Card *current = m_model.cardAt(m_model.cardIndex(card.id));
            current && current->version > card.version)
            continue;
        // Likewise for a card that has left the board since (archived here a moment ago): it does not come back.
        if (card.version <= m_model.versionWhenRemoved(card.id))
            continue;
        m_model.applyCard(card);
        if (const QString by = saved.changedBy.value(card.id); !by.isEmpty())
            m_model.markChanged(card.id, by, s_markMs);
        changed << card.id;
    }
    for (qint64 id : saved.removed) {
        if (m_own.isSaving && m_own.isSaving(id))
            continue;
        m_model.removeCard(id);
        changed << id;
    }
    if (!changed.isEmpty())
        Q_EMIT cardsChanged(changed);
    // Details read before a save of this window's to that card landed, and delivered after it, are older than what
    // that save showed: they are left out (the next look reads them again).
    if (saved.detailsCard && saved.detailsCard == m_lookCard
        && (!m_own.landed
            || (m_own.landed(m_lookCard) == m_lookLanded && !(m_own.isSaving && m_own.isSaving(m_lookCard)))))
        Q_EMIT detailsRead(saved.detailsCard, saved.checklist, saved.comments, saved.attachments);
}

} // namespace hb::board
