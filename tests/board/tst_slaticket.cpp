// SPDX-License-Identifier: GPL-3.0-or-later
// A ticket's clocks from its real history in a board file: the steps read from the events the store writes, and
// the service levels each ticket is held to when they change (Desk).
#include "storage/boardtestcase.h"

#include <board/sla/clock.h>
#include <board/sla/desk.h>
#include <board/sla/levels.h>
#include <board/sla/ticket.h>
#include <storage/eventkinds.h>

#include <QDateTime>
#include <QTest>
#include <QTimeZone>

using namespace hb;
using namespace hb::board::sla;
using namespace hb::tests;

namespace {

constexpr qint64 s_minute = 60'000;

/// Monday 30 November 2026 at @p hour:@p minute in Berlin, plus @p days.
qint64 monday(int hour, int minute = 0, int days = 0)
{
    return QDateTime(QDate(2026, 11, 30).addDays(days), QTime(hour, minute), QTimeZone("Europe/Berlin"))
            .toMSecsSinceEpoch();
}

} // namespace

class tst_SlaTicket : public BoardTestCase
{
    Q_OBJECT

private:
    Ticket ticketNow(qint64 id)
    {
        const storage::Card card = m_store->card(id).value();
        return ticketOf(card, m_store->cardHistory(id).value(), Policy::defaults(),
                        [this](qint64 column) { return column == m_done; });
    }

private Q_SLOTS:
    void init() { setUpBoard(); }
    void cleanup() { tearDownBoard(); }

    void shouldReadTheStepsFromTheCardsHistory()
    {
        // GIVEN a normal ticket created Monday 09:00, answered (moved to Doing) at 09:30
        m_clock = monday(9);
        storage::NewCard fresh;
        fresh.columnId = m_todo;
        fresh.title = QStringLiteral("Printer jam");
        const qint64 id = m_store->createCard(fresh).value();
        m_clock = monday(9, 30);
        QVERIFY(m_store->moveCard(id, m_doing));
        // AND its title edited at 10:00 (no step: the clocks do not care)
        m_clock = monday(10);
        storage::CardPatch title;
        title.title = QStringLiteral("Printer jam, 3rd floor");
        QVERIFY(m_store->updateCard(id, title));
        // AND waiting on a vendor from 11:00, on the requester from Tuesday 10:00 (still paused: no step), back
        // in progress Wednesday 12:00
        const auto setStatus = [&](storage::StatusTag status, qint64 at) {
            m_clock = at;
            storage::CardPatch patch;
            patch.status = status;
            QVERIFY(m_store->updateCard(id, patch));
        };
        setStatus(storage::StatusTag::WaitingVendor, monday(11));
        setStatus(storage::StatusTag::WaitingRequester, monday(10, 0, 1));
        setStatus(storage::StatusTag::InProgress, monday(12, 0, 2));
        // AND raised to high on Wednesday 13:00, then done at 14:00
        m_clock = monday(13, 0, 2);
        storage::CardPatch raised;
        raised.priority = storage::Priority::High;
        QVERIFY(m_store->updateCard(id, raised));
        m_clock = monday(14, 0, 2);
        QVERIFY(m_store->moveCard(id, m_done));

        // WHEN its steps are read from the file
        const Ticket ticket = ticketNow(id);

        // THEN they are the creation and each change the clocks care about, with the writer's times
        QCOMPARE(ticket.createdAt, monday(9));
        QCOMPARE(ticket.firstResponseAt, monday(9, 30));
        struct Expected
        {
            qint64 at;
            storage::Priority priority;
            bool paused;
            bool resolved;
        };
        const QList<Expected> expected{{monday(9), storage::Priority::Normal, false, false},
                                       {monday(11), storage::Priority::Normal, true, false},
                                       {monday(12, 0, 2), storage::Priority::Normal, false, false},
                                       {monday(13, 0, 2), storage::Priority::High, false, false},
                                       {monday(14, 0, 2), storage::Priority::High, false, true}};
        QCOMPARE(ticket.steps.size(), expected.size());
        for (qsizetype i = 0; i < expected.size(); ++i) {
            QCOMPARE(ticket.steps[i].at, expected[i].at);
            QCOMPARE(ticket.steps[i].priority, expected[i].priority);
            QCOMPARE(ticket.steps[i].paused, expected[i].paused);
            QCOMPARE(ticket.steps[i].resolved, expected[i].resolved);
        }

        // AND the clocks on Berlin office hours: high (1 h / 8 h) from the creation; counted Monday 09:00-11:00
        // and Wednesday 12:00-14:00 = 4 h, met; paused Monday 11:00-17:00, Tuesday, Wednesday 09:00-12:00 = 17 h
        WorkingTime business(Calendar::officeHours("Europe/Berlin"));
        const Clocks clocks = clocksOf(ticket, Policy::defaults(), business, monday(9, 0, 4));
        QCOMPARE(clocks.priority, storage::Priority::High);
        QCOMPARE(clocks.response.state, ClockState::Met);
        QCOMPARE(clocks.resolution.state, ClockState::Met);
        QCOMPARE(clocks.resolution.elapsedMs, 4 * 60 * s_minute);
        QCOMPARE(clocks.resolution.pausedMs, 17 * 60 * s_minute);
        // AND it knows which event resolved it
        QCOMPARE(ticket.resolvedSeq, m_store->cardHistory(id).value().constLast().seq);
    }

    void shouldStartFromWhatTheFirstChangeChangedFrom()
    {
        // GIVEN a card created critical and waiting on a vendor, whose history has lost its creation (as an import of
        // old tickets may have)
        m_clock = monday(9);
        storage::NewCard fresh;
        fresh.columnId = m_todo;
        fresh.title = QStringLiteral("Server room too warm");
        fresh.priority = storage::Priority::Critical;
        fresh.status = storage::StatusTag::WaitingVendor;
        const qint64 id = m_store->createCard(fresh).value();
        m_clock = monday(10);
        storage::CardPatch patch;
        patch.status = storage::StatusTag::InProgress;
        patch.priority = storage::Priority::Low;
        QVERIFY(m_store->updateCard(id, patch));
        QList<storage::Event> history = m_store->cardHistory(id).value();
        QCOMPARE(history.first().kind, storage::eventkind::CardCreated.toString());
        history.removeFirst();
        // WHEN its steps are read, THEN the first says what the change changed from: critical and waiting
        const storage::Card card = m_store->card(id).value();
        const Ticket ticket =
                ticketOf(card, history, Policy::defaults(), [this](qint64 column) { return column == m_done; });
        QCOMPARE(ticket.steps.size(), 2);
        QCOMPARE(ticket.steps[0].priority, storage::Priority::Critical);
        QVERIFY(ticket.steps[0].paused);
        QCOMPARE(ticket.steps[1].priority, storage::Priority::Low);
        QVERIFY(!ticket.steps[1].paused);
    }

    void shouldKeepTheResultOfTicketsResolvedBeforeTheLevelsChanged()
    {
        // GIVEN Berlin office hours and the default targets (normal: 4 h to answer, 24 h to resolve)
        const auto setNormal = [this](qint64 responseMs, qint64 resolutionMs) {
            Policy policy = Policy::defaults();
            policy.targets[std::size_t(storage::Priority::Normal)] = {responseMs, resolutionMs, false};
            QVERIFY(m_store->setServiceLevels(policyToJson(policy),
                                              calendarToJson(Calendar::officeHours("Europe/Berlin"))));
        };
        m_clock = monday(8);
        setNormal(4 * 60 * s_minute, 24 * 60 * s_minute);
        // AND three tickets created Monday 09:00 and answered at 09:30: one resolved at 15:00 (6 h); one still
        // open; one resolved at 15:00 and reopened at 16:00
        const auto ticketAt = [this](const QString &title) {
            m_clock = monday(9);
            storage::NewCard fresh;
            fresh.columnId = m_todo;
            fresh.title = title;
            const qint64 id = m_store->createCard(fresh).value();
            m_clock = monday(9, 30);
            [&] { QVERIFY(m_store->moveCard(id, m_doing)); }();
            return id;
        };
        const qint64 resolved = ticketAt(QStringLiteral("Resolved"));
        const qint64 open = ticketAt(QStringLiteral("Open"));
        const qint64 reopened = ticketAt(QStringLiteral("Reopened"));
        m_clock = monday(15);
        QVERIFY(m_store->moveCard(resolved, m_done));
        QVERIFY(m_store->moveCard(reopened, m_done));
        m_clock = monday(16);
        QVERIFY(m_store->moveCard(reopened, m_doing));

        // WHEN the admin cuts normal tickets' resolution target to 2 h at 16:30
        m_clock = monday(16, 30);
        setNormal(60 * s_minute, 2 * 60 * s_minute);
        auto desk = Desk::read(*m_store);
        QVERIFY(desk);
        const auto clocksAt = [&](qint64 id, qint64 now) {
            return (*desk)->clocksOf(*m_store, m_store->card(id).value(), now).value();
        };

        // THEN the resolved ticket keeps its result: met in 6 h of a 24 h target (2 h would have missed it)
        const qint64 tuesday = monday(9, 0, 1);
        Clocks clocks = clocksAt(resolved, tuesday);
        QCOMPARE(clocks.resolution.state, ClockState::Met);
        QCOMPARE(clocks.resolution.targetMs, 24 * 60 * s_minute);
        QCOMPARE(clocks.resolution.elapsedMs, 6 * 60 * s_minute);
        QCOMPARE(clocks.response.targetMs, 4 * 60 * s_minute);
        // AND the open one follows the new target: 8 h of Monday counted against 2 h, breached at 11:00
        clocks = clocksAt(open, tuesday);
        QCOMPARE(clocks.resolution.state, ClockState::Breached);
        QCOMPARE(clocks.resolution.targetMs, 2 * 60 * s_minute);
        QCOMPARE(clocks.resolution.dueAt, monday(11));
        // AND so does the reopened one: 09:00-15:00 and 16:00-17:00, 7 h (the hour in Done not counted)
        clocks = clocksAt(reopened, tuesday);
        QCOMPARE(clocks.resolution.state, ClockState::Breached);
        QCOMPARE(clocks.resolution.elapsedMs, 7 * 60 * s_minute);

        // WHEN a ticket is resolved under the new levels (Monday 16:40 to 16:50), and the levels change again
        m_clock = monday(16, 40);
        storage::NewCard fresh;
        fresh.columnId = m_todo;
        fresh.title = QStringLiteral("Quick one");
        const qint64 quick = m_store->createCard(fresh).value();
        m_clock = monday(16, 50);
        QVERIFY(m_store->moveCard(quick, m_done));
        m_clock = monday(17);
        setNormal(8 * 60 * s_minute, 40 * 60 * s_minute);
        desk = Desk::read(*m_store);
        QVERIFY(desk);
        // THEN each resolved ticket is held to the levels it was resolved under, and the open one to the newest
        QCOMPARE(clocksAt(quick, tuesday).resolution.targetMs, 2 * 60 * s_minute);
        QCOMPARE(clocksAt(quick, tuesday).resolution.state, ClockState::Met);
        QCOMPARE(clocksAt(resolved, tuesday).resolution.targetMs, 24 * 60 * s_minute);
        QCOMPARE(clocksAt(open, tuesday).resolution.targetMs, 40 * 60 * s_minute);
        QCOMPARE(clocksAt(open, tuesday).resolution.state, ClockState::Ok);
        // AND the many-cards read gives the same
        const auto all = (*desk)->clocksOf(*m_store, m_store->cards().value(), tuesday);
        QVERIFY(all);
        QCOMPARE(all->value(resolved).resolution.targetMs, 24 * 60 * s_minute);
        QCOMPARE(all->value(quick).resolution.targetMs, 2 * 60 * s_minute);
        QCOMPARE(all->value(open).resolution.targetMs, 40 * 60 * s_minute);
    }
};

QTEST_GUILESS_MAIN(tst_SlaTicket)
#include "tst_slaticket.moc"
